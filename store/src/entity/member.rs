//! Table `household_member`. A member of a household. Being a minor or aged 60 or more is computed from the birth date on the day it matters, never stored.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "household_member")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    pub codice_fiscale: String,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: NaiveDate,
    pub relation: String,
    pub disabled: bool,
    pub care_duties: bool,
    pub gender_violence_victim: bool,
    pub attivabile: bool,
    pub next_due_on: Option<NaiveDate>,
    pub next_due_kind: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
