//! A sign-in in progress: the `state`, `nonce` and PKCE verifier bound to one browser by a
//! short-lived cookie, kept in the database so any app server can take the provider's callback.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, entity::prelude::*};

use super::session::{hash_token, new_token};

/// A row of this table, as the functions below return it.
pub use crate::entity::sign_in_attempt::Model as SignInAttempt;
use crate::entity::sign_in_attempt::{ActiveModel, Column, Entity, Model};

/// How long a person may take at the identity provider.
pub const MAX_AGE: Duration = Duration::minutes(10);

pub struct NewAttempt<'a> {
    pub provider: &'a str,
    pub state: &'a str,
    pub nonce: &'a str,
    pub pkce_verifier: &'a str,
    pub return_to: &'a str,
}

/// Records the attempt and returns the token for the browser's cookie. Attempts older than
/// `MAX_AGE` are swept at the same time.
pub async fn start<C: ConnectionTrait>(
    db: &C,
    new: NewAttempt<'_>,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    Entity::delete_many().filter(Column::CreatedAt.lt(now - MAX_AGE)).exec(db).await?;
    let token = new_token();
    ActiveModel {
        id: Set(hash_token(&token)),
        provider: Set(new.provider.to_string()),
        state: Set(new.state.to_string()),
        nonce: Set(new.nonce.to_string()),
        pkce_verifier: Set(new.pkce_verifier.to_string()),
        return_to: Set(new.return_to.to_string()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Takes (and deletes) the attempt bound to a cookie token: each attempt completes at most once.
pub async fn take<C: ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Model>, DbErr> {
    let Some(attempt) = Entity::find_by_id(hash_token(token)).one(db).await? else {
        return Ok(None);
    };
    let deleted = Entity::delete_by_id(attempt.id.clone()).exec(db).await?;
    // Two callbacks racing for one attempt: only the one that deleted it goes on.
    if deleted.rows_affected == 0 || now - attempt.created_at > MAX_AGE {
        return Ok(None);
    }
    Ok(Some(attempt))
}
