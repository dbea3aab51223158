//! Table `plan`. One signed revision of a PaIS (household) or a PSP (member). Each update is a new revision.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "plan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub household_id: i64,
    pub member_id: Option<i64>,
    pub revision: i32,
    pub signed_on: NaiveDate,
    pub summary: String,
    pub operator_name: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
