//! Table `convocation_request`. A citizen's request about a convocation before its date: to
//! reschedule it, or a justification. One per convocation; written only by
//! `store::welfare::request_about_convocation`.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "convocation_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub convocation_id: i64,
    pub member_id: i64,
    /// `reschedule` or `justification`.
    pub kind: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
