//! Table `opportunity`: a job offer, course, internship or PUC (`domain::catalog::Ad` as
//! stored, with the analysed title terms relevance counts). Its description and full-text terms
//! are in `opportunity_text`; on PostgreSQL the row also has `search_vector`, which this model
//! leaves out (no Rust type reads a `tsvector`). Written only by `store::catalog`.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "opportunity")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub organisation: String,
    pub occupation_code: Option<String>,
    pub municipality_code: Option<String>,
    pub province_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub online: bool,
    pub contract: Option<String>,
    pub duration_months: Option<i32>,
    pub hours_pct: Option<i32>,
    pub total_hours: Option<i32>,
    pub pay_monthly: Option<i32>,
    pub eqf_level: Option<i32>,
    pub topic: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub published_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub renewed: bool,
    pub title_terms: String,
    pub created_at: DateTime<Utc>,
    /// The publishing organisation; `None`: the generated catalogue.
    pub organisation_id: Option<i64>,
    /// The publisher's own id for the ad (machine API), unique per organisation.
    pub external_id: Option<String>,
    /// `domain::catalog::AdState` code: only `live` ads are searched.
    pub state: String,
    /// Why an administrator suspended it.
    pub state_reason: Option<String>,
    pub seats: Option<i32>,
    /// The organisation was told the ad is about to expire (cleared by a renewal).
    pub expiry_warned: bool,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
