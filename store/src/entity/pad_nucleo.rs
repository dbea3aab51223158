//! Table `pad_nucleo`. The signed household pact. Immutable: the code has no update path for it.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pad_nucleo")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub application_id: i64,
    pub household_id: i64,
    pub signed_by_member_id: i64,
    pub signed_at: DateTime<Utc>,
    pub signed_on: NaiveDate,
    pub content_json: String,
    pub content_sha256: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
