//! Table `citizen_registration`: a person's registration on SIISL (privacy consent, contacts).

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "citizen_registration")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub codice_fiscale: String,
    pub account_id: String,
    pub privacy_version: String,
    pub consented_at: DateTime<Utc>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub registered_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
