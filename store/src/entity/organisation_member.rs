//! Table `organisation_member`. A person (by codice fiscale) who may act for an organisation,
//! as its administrator or as a member; written only by `store::organisation`.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organisation_member")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub codice_fiscale: String,
    /// `administrator` or `member`.
    pub role: String,
    pub invited_by: String,
    pub invited_at: DateTime<Utc>,
    /// Set when the person may no longer act for the organisation.
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
