//! Table `convocation`. A convocation. Immutable once issued, except its outcome, which is written once.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "convocation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    pub member_id: Option<i64>,
    pub issuer: String,
    pub issuer_name: String,
    pub channels: String,
    pub purpose: String,
    pub issued_at: DateTime<Utc>,
    pub appointment_at: DateTime<Utc>,
    pub place: String,
    pub outcome: Option<String>,
    pub outcome_recorded_at: Option<DateTime<Utc>>,
    pub evidence_ref: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
