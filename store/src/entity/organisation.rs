//! Table `organisation`. An employer, employment agency, training body or Comune that publishes
//! on SIISL; written only by `store::organisation`.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `employer`, `agency`, `training_body` or `comune`.
    pub kind: String,
    /// The partita IVA or sole trader's codice fiscale; a Comune's ISTAT code.
    pub code: String,
    pub name: String,
    /// `pending`, `approved` or `refused`.
    pub status: String,
    /// Codice fiscale of who asked for it (a SIISL administrator, or the organisation's person).
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
    /// Codice fiscale of the administrator who approved or refused it.
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Where the organisation's notices go (an ad about to expire).
    pub contact_email: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
