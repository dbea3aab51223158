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
    /// The CV as it was when the person applied (`domain::cv::Cv` JSON).
    pub cv_snapshot: Option<String>,
    /// Whether the snapshot keeps the CV's e-mail, phone and address.
    pub contacts_shared: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::opportunity::Entity",
        from = "Column::OpportunityId",
        to = "super::opportunity::Column::Id"
    )]
    Opportunity,
}

impl ActiveModelBehavior for ActiveModel {}
