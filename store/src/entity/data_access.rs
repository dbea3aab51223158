//! Table `data_access`. An operator's look at a household's data (the detail, or the read-only
//! view of a member's pages), with the reason given; the citizen reads these. Append-only.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "data_access")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    pub member_id: Option<i64>,
    pub operator_codice_fiscale: String,
    pub operator_role: String,
    pub organisation_name: String,
    /// `detail` or `impersonation`.
    pub purpose: String,
    pub reason_code: String,
    pub reason_text: String,
    pub occurred_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
