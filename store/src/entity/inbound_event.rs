//! Table `inbound_event`. Every event a platform sent that was applied; its (platform, event
//! id) pair is unique, which makes a repeat a no-op. Append-only.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "inbound_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub platform: String,
    pub event_id: String,
    pub event_type: String,
    pub payload_hash: String,
    pub household_id: Option<i64>,
    pub subject_id: Option<i64>,
    pub api_client_id: i64,
    pub received_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
