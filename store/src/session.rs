//! Server-side sessions. The browser holds only a random token; the table holds its SHA-256,
//! so neither a leaked table nor a log line lets anyone in.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, IntoActiveModel, QueryOrder, entity::prelude::*, sea_query::Expr};
use sha2::{Digest, Sha256};

use crate::entity::account;

/// A row of this table, as the functions below return it.
pub use crate::entity::session::Model as Session;
use crate::entity::session::{ActiveModel, Column, Entity, Model};

/// How long a session lives.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    /// Without a request for this long, the session ends.
    pub idle_timeout: Duration,
    /// Whatever the activity, the session ends this long after sign-in.
    pub absolute_timeout: Duration,
}

impl SessionPolicy {
    pub fn is_expired(&self, session: &Model, now: DateTime<Utc>) -> bool {
        now - session.last_seen_at > self.idle_timeout
            || now - session.created_at > self.absolute_timeout
    }

    /// Recording every request would write on every page view; a tenth of the idle timeout
    /// (at most a minute) keeps the idle check accurate enough for a fraction of the writes.
    fn touch_interval(&self) -> Duration {
        (self.idle_timeout / 10).min(Duration::minutes(1))
    }
}

/// The stored id for a cookie token.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A new random token (256 bits, URL-safe) for a cookie.
pub fn new_token() -> String {
    use base64::Engine as _;
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub struct NewSession<'a> {
    pub account_id: &'a str,
    pub role: contract::policy::Role,
    pub provider: &'a str,
    pub user_agent: &'a str,
    pub id_token: Option<String>,
}

/// Starts a session and returns the token for the cookie.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    new: NewSession<'_>,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = new_token();
    ActiveModel {
        id: Set(hash_token(&token)),
        account_id: Set(new.account_id.to_string()),
        provider: Set(new.provider.to_string()),
        user_agent: Set(new.user_agent.chars().take(300).collect()),
        id_token: Set(new.id_token),
        created_at: Set(now),
        last_seen_at: Set(now),
        role: Set(new.role.code().to_string()),
        viewing_codice_fiscale: Set(None),
        viewing_access_id: Set(None),
        acting_for: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The live session for a cookie token with its account; an expired session is deleted.
pub async fn authenticate<C: ConnectionTrait>(
    db: &C,
    token: &str,
    policy: &SessionPolicy,
    now: DateTime<Utc>,
) -> Result<Option<(Model, account::Model)>, DbErr> {
    let found =
        Entity::find_by_id(hash_token(token)).find_also_related(account::Entity).one(db).await?;
    let Some((session, Some(account))) = found else {
        return Ok(None);
    };
    if policy.is_expired(&session, now) {
        Entity::delete_by_id(session.id).exec(db).await?;
        return Ok(None);
    }
    let session = if now - session.last_seen_at >= policy.touch_interval() {
        let mut active = session.into_active_model();
        active.last_seen_at = Set(now);
        active.update(db).await?
    } else {
        session
    };
    Ok(Some((session, account)))
}

/// Deletes every session past its idle or absolute timeout (they would be refused anyway);
/// run at each sign-in so abandoned sessions do not pile up.
pub async fn sweep_expired<C: ConnectionTrait>(
    db: &C,
    policy: &SessionPolicy,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(Column::LastSeenAt.lt(now - policy.idle_timeout))
                .add(Column::CreatedAt.lt(now - policy.absolute_timeout)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// The account's sessions, most recently used first.
pub async fn list_for_account<C: ConnectionTrait>(
    db: &C,
    account_id: &str,
) -> Result<Vec<Model>, DbErr> {
    Entity::find()
        .filter(Column::AccountId.eq(account_id))
        .order_by_desc(Column::LastSeenAt)
        .all(db)
        .await
}

/// Ends one of the account's sessions; another person's session id does nothing.
pub async fn end_for_account<C: ConnectionTrait>(
    db: &C,
    account_id: &str,
    session_id: &str,
) -> Result<bool, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::Id.eq(session_id))
        .filter(Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Ends all of an account's sessions (its role or status changed).
pub async fn end_all_for_account<C: ConnectionTrait>(
    db: &C,
    account_id: &str,
) -> Result<u64, DbErr> {
    let result = Entity::delete_many().filter(Column::AccountId.eq(account_id)).exec(db).await?;
    Ok(result.rows_affected)
}

/// Ends the session a token belongs to, returning it (for the provider's logout).
pub async fn end_by_token<C: ConnectionTrait>(db: &C, token: &str) -> Result<Option<Model>, DbErr> {
    let Some(session) = Entity::find_by_id(hash_token(token)).one(db).await? else {
        return Ok(None);
    };
    Entity::delete_by_id(session.id.clone()).exec(db).await?;
    Ok(Some(session))
}

/// Turns the session into a read-only view of a citizen's pages (or back, with `None`). The
/// session middleware reads it on every request; the authorization policy refuses every
/// state-changing route while it is set.
pub async fn set_viewing<C: ConnectionTrait>(
    db: &C,
    session_id: &str,
    viewing: Option<(&str, i64)>,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::ViewingCodiceFiscale, Expr::value(viewing.map(|(cf, _)| cf.to_string())))
        .col_expr(Column::ViewingAccessId, Expr::value(viewing.map(|(_, id)| id)))
        .filter(Column::Id.eq(session_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Makes the session act for an organisation (role `organisation`), or for the person again
/// (`None`: role `citizen`). The caller has checked the membership; the session middleware
/// checks it again on every request.
pub async fn set_acting_for<C: ConnectionTrait>(
    db: &C,
    session_id: &str,
    organisation_id: Option<i64>,
) -> Result<(), DbErr> {
    use contract::policy::Role;
    let role = if organisation_id.is_some() { Role::Organisation } else { Role::Citizen };
    Entity::update_many()
        .col_expr(Column::Role, Expr::value(role.code()))
        .col_expr(Column::ActingFor, Expr::value(organisation_id))
        .filter(Column::Id.eq(session_id))
        .exec(db)
        .await?;
    Ok(())
}
