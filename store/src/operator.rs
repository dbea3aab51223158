//! The operator registry: people who sign in as case managers, job-centre operators or
//! administrators. Everyone else who signs in is a citizen.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, IntoActiveModel, QueryOrder, entity::prelude::*};

use contract::identity::CodiceFiscale;
use contract::policy::Role;

/// A row of this table, as the functions below return it.
pub use crate::entity::operator::Model as Operator;
use crate::entity::operator::{ActiveModel, Column, Entity, Model};

/// An operator as an administrator registers them.
#[derive(Clone, Debug)]
pub struct Registration {
    pub codice_fiscale: CodiceFiscale,
    pub given_name: String,
    pub family_name: String,
    pub role: Role,
    pub organisation_kind: String,
    pub organisation_code: String,
    pub organisation_name: String,
    pub active: bool,
}

/// Adds the operator, or changes an existing one's name, role, organisation and status.
pub async fn register<C: ConnectionTrait>(
    db: &C,
    registration: &Registration,
    now: DateTime<Utc>,
) -> Result<Model, DbErr> {
    let apply = |mut operator: ActiveModel| {
        operator.given_name = Set(registration.given_name.clone());
        operator.family_name = Set(registration.family_name.clone());
        operator.role = Set(registration.role.code().to_string());
        operator.organisation_kind = Set(registration.organisation_kind.clone());
        operator.organisation_code = Set(registration.organisation_code.clone());
        operator.organisation_name = Set(registration.organisation_name.clone());
        operator.active = Set(registration.active);
        operator.updated_at = Set(now);
        operator
    };
    match Entity::find_by_id(registration.codice_fiscale.as_str()).one(db).await? {
        Some(found) => apply(found.into_active_model()).update(db).await,
        None => {
            apply(ActiveModel {
                codice_fiscale: Set(registration.codice_fiscale.to_string()),
                created_at: Set(now),
                ..Default::default()
            })
            .insert(db)
            .await
        }
    }
}

/// The role a person signs in with: their registered role if they are an active operator,
/// otherwise citizen.
pub async fn role_for<C: ConnectionTrait>(db: &C, codice_fiscale: &str) -> Result<Role, DbErr> {
    Ok(Entity::find_by_id(codice_fiscale)
        .one(db)
        .await?
        .filter(|operator| operator.active)
        .and_then(|operator| Role::from_code(&operator.role))
        .unwrap_or(Role::Citizen))
}

pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<Model>, DbErr> {
    Entity::find().order_by_asc(Column::CodiceFiscale).all(db).await
}

/// Whether the registry has this person (active or suspended).
pub async fn is_registered<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
) -> Result<bool, DbErr> {
    Ok(Entity::find_by_id(codice_fiscale).one(db).await?.is_some())
}
