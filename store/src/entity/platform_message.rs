//! Table `platform_message`. A message to a platform (GePI, SIU, an agency) waiting to be
//! delivered, being retried, delivered, or given up.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "platform_message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub destination: String,
    pub agency_code: Option<String>,
    pub kind: String,
    pub idempotency_key: String,
    pub application_id: i64,
    pub household_id: i64,
    pub member_id: Option<i64>,
    pub payload: String,
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub lease_until: Option<DateTime<Utc>>,
    pub lease_owner: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
