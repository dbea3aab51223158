//! Table `candidacy`. A person's application to one opportunity (one per person and
//! opportunity); its status changes only through `store::candidacy`, which records each change.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "candidacy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub codice_fiscale: String,
    pub opportunity_id: i64,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
