//! Table `convocation_receipt`. A delivery or read receipt of a convocation on one channel. Append-only.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "convocation_receipt")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub convocation_id: i64,
    pub channel: String,
    pub kind: String,
    pub at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
