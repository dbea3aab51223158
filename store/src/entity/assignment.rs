//! Table `assignment`. Which operator follows which household (a social-services case manager)
//! or attivabile member (a job-centre operator). Written only by `store::caseload`.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "assignment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub operator_codice_fiscale: String,
    pub household_id: i64,
    pub member_id: Option<i64>,
    /// `household:<id>` or `member:<id>`, unique per operator.
    pub subject: String,
    pub assigned_at: DateTime<Utc>,
    pub assigned_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
