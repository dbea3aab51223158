//! Table `ad_report`. A person's report about an ad, for the administrators; written only by
//! `store::publishing`.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "ad_report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub opportunity_id: i64,
    pub codice_fiscale: String,
    /// `domain::catalog::ReportReason` code.
    pub reason: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
    /// When an administrator suspended the ad or dismissed the report.
    pub handled_at: Option<DateTime<Utc>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
