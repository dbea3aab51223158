//! The audit trail. Append-only: this module can add events and read them back, and has no
//! code path that changes or deletes one. Events never carry tokens, codes or secrets.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, QueryOrder, entity::prelude::*};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_account_id: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub outcome: String,
    pub request_id: Option<String>,
    pub client_ip: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// What happened. Stored as the snake_case code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    SignIn,
    SignOut,
    SessionEnded,
    /// A state-changing request from another site, refused.
    CrossSiteRequest,
    /// Too many requests from one address.
    RateLimited,
    /// A route refused by the authorization policy.
    AuthorizationDenied,
    /// An operator added, changed, suspended or reactivated.
    OperatorChanged,
    /// A citizen registered on SIISL (privacy consent).
    CitizenRegistered,
    /// A contact certified with a one-time code.
    ContactCertified,
    /// A PAD nucleo signed.
    PadSigned,
    /// A PAD individuale signed.
    PadIndividualeSigned,
    /// An SFL applicant confirmed enrolment.
    SflEnrolmentConfirmed,
    /// An SFL beneficiary confirmed participation.
    SflParticipationConfirmed,
    /// A CV saved (a section, or an import).
    CvSaved,
    /// A CV downloaded as a file.
    CvExported,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::SignIn => "sign_in",
            Action::SignOut => "sign_out",
            Action::SessionEnded => "session_ended",
            Action::CrossSiteRequest => "cross_site_request",
            Action::RateLimited => "rate_limited",
            Action::AuthorizationDenied => "authorization_denied",
            Action::OperatorChanged => "operator_changed",
            Action::CitizenRegistered => "citizen_registered",
            Action::ContactCertified => "contact_certified",
            Action::PadSigned => "pad_signed",
            Action::PadIndividualeSigned => "pad_individuale_signed",
            Action::SflEnrolmentConfirmed => "sfl_enrolment_confirmed",
            Action::SflParticipationConfirmed => "sfl_participation_confirmed",
            Action::CvSaved => "cv_saved",
            Action::CvExported => "cv_exported",
        }
    }
}

/// The outcome stored for a success; refusals store their reason code.
pub const SUCCESS: &str = "success";

/// One event to record.
#[derive(Clone, Debug, Default)]
pub struct Event {
    pub actor_account_id: Option<String>,
    pub actor_role: Option<String>,
    pub target: Option<String>,
    pub request_id: Option<String>,
    pub client_ip: Option<String>,
}

/// Appends an event.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    action: Action,
    outcome: &str,
    event: Event,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    ActiveModel {
        occurred_at: Set(now),
        actor_account_id: Set(event.actor_account_id),
        actor_role: Set(event.actor_role),
        action: Set(action.code().to_string()),
        target: Set(event.target),
        outcome: Set(outcome.chars().take(60).collect()),
        request_id: Set(event.request_id),
        client_ip: Set(event.client_ip),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Events in the order they were written (tests, and the administrators' view to come).
pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<Model>, DbErr> {
    Entity::find().order_by_asc(Column::Id).all(db).await
}
