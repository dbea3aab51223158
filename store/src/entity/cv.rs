//! Table `cv`. A person's curriculum vitae: the `domain::cv::Cv` as JSON, with a version.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cv")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub codice_fiscale: String,
    pub version: i32,
    pub document: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
