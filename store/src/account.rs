//! A person who has signed in at least once, identified by codice fiscale.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, IntoActiveModel, entity::prelude::*};

use contract::identity::CodiceFiscale;

/// A row of this table, as the functions below return it.
pub use crate::entity::account::Model as Account;
use crate::entity::account::{ActiveModel, Column, Entity, Model};

/// What the identity provider told us about the person at this sign-in.
#[derive(Clone, Debug)]
pub struct Identity {
    pub codice_fiscale: CodiceFiscale,
    pub given_name: String,
    pub family_name: String,
    pub birthdate: Option<String>,
    pub email: Option<String>,
}

/// Finds the account with this codice fiscale, creating it at the first sign-in; the names and
/// contacts are refreshed from the provider every time.
pub async fn sign_in<C: ConnectionTrait>(
    db: &C,
    identity: &Identity,
    now: DateTime<Utc>,
) -> Result<Model, DbErr> {
    let existing = Entity::find()
        .filter(Column::CodiceFiscale.eq(identity.codice_fiscale.as_str()))
        .one(db)
        .await?;
    let refresh = |mut account: ActiveModel| {
        account.given_name = Set(identity.given_name.clone());
        account.family_name = Set(identity.family_name.clone());
        account.birthdate = Set(identity.birthdate.clone());
        account.email = Set(identity.email.clone());
        account.last_sign_in_at = Set(now);
        account
    };
    match existing {
        Some(found) => refresh(found.into_active_model()).update(db).await,
        None => {
            refresh(ActiveModel {
                id: Set(uuid::Uuid::new_v4().to_string()),
                codice_fiscale: Set(identity.codice_fiscale.to_string()),
                created_at: Set(now),
                ..Default::default()
            })
            .insert(db)
            .await
        }
    }
}

/// The account of the person with this codice fiscale, if they ever signed in.
pub async fn of_person<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
) -> Result<Option<Account>, DbErr> {
    Entity::find().filter(Column::CodiceFiscale.eq(codice_fiscale)).one(db).await
}

/// The names of people by codice fiscale, as their accounts hold them (people who never
/// signed in are missing from the map).
pub async fn names_of<'a, C: ConnectionTrait>(
    db: &C,
    people: impl Iterator<Item = &'a str>,
) -> Result<std::collections::HashMap<String, (String, String)>, DbErr> {
    let people: Vec<&str> = people.collect();
    if people.is_empty() {
        return Ok(Default::default());
    }
    Ok(Entity::find()
        .filter(Column::CodiceFiscale.is_in(people))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.codice_fiscale, (a.given_name, a.family_name)))
        .collect())
}
