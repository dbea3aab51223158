//! The Italian municipalities (ISTAT), with their province and coordinates.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "municipality")]
pub struct Model {
    /// Belfiore code, e.g. `H501` for Roma.
    #[sea_orm(primary_key, auto_increment = false)]
    pub cadastral_code: String,
    pub istat_code: String,
    pub name: String,
    pub province_code: String,
    pub province_name: String,
    pub region_name: String,
    pub latitude: f64,
    pub longitude: f64,
    pub population: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
