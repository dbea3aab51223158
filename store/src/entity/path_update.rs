//! Table `path_update`. What social services (GePI) and job centres (SIU) report about a
//! household's path: taking-in-charge stages, activities, SFL participation. Append-only; the
//! citizen and the case manager read them as a timeline.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "path_update")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    pub member_id: Option<i64>,
    pub source: String,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub detail: String,
    pub occurred_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
