//! Table `meeting`. A meeting outcome recorded by an operator (R21).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    pub member_id: Option<i64>,
    pub venue: String,
    pub held_on: NaiveDate,
    pub outcome: String,
    pub convocation_id: Option<i64>,
    pub evidence_ref: Option<String>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
