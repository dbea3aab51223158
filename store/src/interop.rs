//! The machine side of SIISL: platform clients (INPS, GePI, SIU) and their tokens, and the
//! ingestion of the events they send.
//!
//! An event is applied in one transaction: the domain service it maps to (writing straight
//! into it, see [`welfare::Joined`]), the idempotency record keyed by the sender's event id,
//! and the audit entry. A repeat of an applied event is answered as a duplicate and changes
//! nothing; the same id with another body is refused.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::{Outcome, Programme, RuleId, Venue};
use sea_orm::{
    ActiveValue::Set, DatabaseConnection, DbErr, IntoActiveModel, QueryOrder, SqlErr,
    entity::prelude::*,
};
use serde_json::json;
use subtle::ConstantTimeEq;

use super::audit;
use super::entity::{api_client, api_token, application, inbound_event, member, path_update};
use super::session::{hash_token, new_token};
use super::welfare::{
    self, Ctx, MemberFlags, NewActivity, NewApplication, NewConvocation, NewMeeting, NewPlan,
    NotificationKind, PlanKind, ServiceError,
};

/// A platform that exchanges data with SIISL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Platform {
    /// Applications, assessment outcomes, sanctions, payments.
    Inps,
    /// Social services: taking in charge, convocations, meetings, attivabili, PaIS.
    Gepi,
    /// Job centres: PSP, activities, SFL participation.
    Siu,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Inps, Platform::Gepi, Platform::Siu];

    pub fn code(self) -> &'static str {
        match self {
            Platform::Inps => "inps",
            Platform::Gepi => "gepi",
            Platform::Siu => "siu",
        }
    }

    pub fn from_code(code: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The OAuth2 scope that lets a token send this platform's events.
    pub fn scope(self) -> &'static str {
        match self {
            Platform::Inps => "inps.events",
            Platform::Gepi => "gepi.events",
            Platform::Siu => "siu.events",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Platform::Inps => "INPS",
            Platform::Gepi => "GePI",
            Platform::Siu => "SIU",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Clients and tokens.

/// A new secret, shown once to the administrator and never stored.
#[derive(Clone, Debug)]
pub struct IssuedSecret {
    pub client: api_client::Model,
    pub secret: String,
}

fn secret_hash(secret: &str) -> String {
    // Secrets are 256 random bits, so a fast hash is as strong as a slow one here, and the
    // token endpoint stays cheap.
    hash_token(secret)
}

fn same_hash(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("{field}: {problem}")]
    Invalid { field: &'static str, problem: &'static str },
    #[error("client not found")]
    NotFound,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Registers a platform client and returns its first secret.
pub async fn create_client<C: ConnectionTrait>(
    db: &C,
    name: &str,
    platform: Platform,
    created_by: &str,
    now: DateTime<Utc>,
) -> Result<IssuedSecret, ClientError> {
    let name = name.trim();
    match name.chars().count() {
        0 => return Err(ClientError::Invalid { field: "name", problem: "required" }),
        1..=200 => {}
        _ => return Err(ClientError::Invalid { field: "name", problem: "too_long" }),
    }
    let secret = new_token();
    let suffix: [u8; 6] = rand::random();
    let client_id = format!(
        "{}-{}",
        platform.code(),
        suffix.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let client = api_client::ActiveModel {
        client_id: Set(client_id),
        name: Set(name.to_string()),
        platform: Set(platform.code().to_string()),
        secret_hash: Set(secret_hash(&secret)),
        previous_secret_hash: Set(None),
        previous_valid_until: Set(None),
        active: Set(true),
        created_at: Set(now),
        created_by: Set(created_by.chars().take(100).collect()),
        rotated_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(IssuedSecret { client, secret })
}

/// Gives a client a new secret. The previous one keeps working for `overlap`, so the platform
/// can deploy the new one without a moment in which neither is accepted.
pub async fn rotate_secret<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
    overlap: Duration,
) -> Result<IssuedSecret, ClientError> {
    let found = api_client::Entity::find_by_id(id).one(db).await?.ok_or(ClientError::NotFound)?;
    let secret = new_token();
    let mut active = found.clone().into_active_model();
    active.previous_secret_hash = Set(Some(found.secret_hash.clone()));
    active.previous_valid_until = Set(Some(now + overlap));
    active.secret_hash = Set(secret_hash(&secret));
    active.rotated_at = Set(Some(now));
    let client = active.update(db).await?;
    Ok(IssuedSecret { client, secret })
}

/// Suspends or reactivates a client. Suspending also revokes its tokens at once.
pub async fn set_active<C: ConnectionTrait>(
    db: &C,
    id: i64,
    active_now: bool,
) -> Result<api_client::Model, ClientError> {
    let found = api_client::Entity::find_by_id(id).one(db).await?.ok_or(ClientError::NotFound)?;
    let mut active = found.into_active_model();
    active.active = Set(active_now);
    let client = active.update(db).await?;
    if !active_now {
        api_token::Entity::delete_many()
            .filter(api_token::Column::ApiClientId.eq(id))
            .exec(db)
            .await?;
    }
    Ok(client)
}

/// Every client, by platform then name.
pub async fn clients<C: ConnectionTrait>(db: &C) -> Result<Vec<api_client::Model>, DbErr> {
    api_client::Entity::find()
        .order_by_asc(api_client::Column::Platform)
        .order_by_asc(api_client::Column::Name)
        .order_by_asc(api_client::Column::Id)
        .all(db)
        .await
}

/// A token just issued.
#[derive(Clone, Debug)]
pub struct IssuedToken {
    pub access_token: String,
    pub expires_in: i64,
    pub scope: String,
}

/// Why a token was not issued (RFC 6749 §5.2 error codes).
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Unknown client, wrong secret or suspended client: one answer for all three.
    #[error("invalid_client")]
    InvalidClient,
    /// A scope the client's platform does not have.
    #[error("invalid_scope")]
    InvalidScope,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// The client credentials grant: a short-lived bearer token for a registered, active client
/// whose secret (current, or previous within its overlap) matches.
pub async fn issue_token<C: ConnectionTrait>(
    db: &C,
    client_id: &str,
    secret: &str,
    requested_scope: Option<&str>,
    now: DateTime<Utc>,
    lifetime: Duration,
) -> Result<IssuedToken, TokenError> {
    let Some(client) = api_client::Entity::find()
        .filter(api_client::Column::ClientId.eq(client_id))
        .one(db)
        .await?
    else {
        return Err(TokenError::InvalidClient);
    };
    let presented = secret_hash(secret);
    let current = same_hash(&presented, &client.secret_hash);
    let previous = client.previous_secret_hash.as_deref().is_some_and(|h| same_hash(&presented, h))
        && client.previous_valid_until.is_some_and(|until| now < until);
    if !client.active || !(current || previous) {
        return Err(TokenError::InvalidClient);
    }
    let platform = Platform::from_code(&client.platform).ok_or(TokenError::InvalidClient)?;
    let scope = match requested_scope.map(str::trim).filter(|s| !s.is_empty()) {
        None => platform.scope().to_string(),
        Some(asked) if asked.split_whitespace().all(|s| s == platform.scope()) => {
            platform.scope().to_string()
        }
        Some(_) => return Err(TokenError::InvalidScope),
    };
    let access_token = new_token();
    api_token::ActiveModel {
        token_hash: Set(hash_token(&access_token)),
        api_client_id: Set(client.id),
        scope: Set(scope.clone()),
        issued_at: Set(now),
        expires_at: Set(now + lifetime),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // Expired tokens are useless; clearing this client's keeps the table small.
    api_token::Entity::delete_many()
        .filter(api_token::Column::ApiClientId.eq(client.id))
        .filter(api_token::Column::ExpiresAt.lt(now - Duration::hours(1)))
        .exec(db)
        .await?;
    Ok(IssuedToken { access_token, expires_in: lifetime.num_seconds(), scope })
}

/// The platform client a request speaks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Machine {
    pub api_client_id: i64,
    pub client_id: String,
    pub platform: Platform,
    pub scopes: Vec<String>,
}

impl Machine {
    pub fn may_send(&self, platform: Platform) -> bool {
        self.platform == platform && self.scopes.iter().any(|s| s == platform.scope())
    }
}

/// The client behind a bearer token, if the token exists, has not expired and its client is
/// active. `None` is a 401.
pub async fn authenticate<C: ConnectionTrait>(
    db: &C,
    bearer: &str,
    now: DateTime<Utc>,
) -> Result<Option<Machine>, DbErr> {
    // One query per request: the token with its client.
    let Some((token, Some(client))) = api_token::Entity::find()
        .find_also_related(api_client::Entity)
        .filter(api_token::Column::TokenHash.eq(hash_token(bearer)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if token.expires_at <= now || !client.active {
        return Ok(None);
    }
    let Some(platform) = Platform::from_code(&client.platform) else {
        return Ok(None);
    };
    Ok(Some(Machine {
        api_client_id: client.id,
        client_id: client.client_id,
        platform,
        scopes: token.scope.split_whitespace().map(str::to_string).collect(),
    }))
}

// ---------------------------------------------------------------------------------------------
// Events.

/// How INPS moves an application outside the assessment outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusMove {
    UnderAssessment,
    Ended,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sanction {
    Suspension { rule: RuleId, effective_from: NaiveDate },
    Decadenza { rule: RuleId },
    Reinstatement { recorded_on: NaiveDate },
}

/// A member named by their codice fiscale, inside a household named by its INPS protocol.
#[derive(Clone, Debug)]
pub struct PathReport {
    pub protocol: String,
    /// `None`: the whole household.
    pub codice_fiscale: Option<String>,
    pub status: String,
    pub title: String,
    pub detail: String,
    pub occurred_on: NaiveDate,
}

/// One event, as the API decoded it. Households are named by their INPS protocol, members by
/// codice fiscale: the platforms never see SIISL's own ids.
#[derive(Clone, Debug)]
pub enum Event {
    ApplicationSubmitted(NewApplication),
    ApplicationStatus {
        protocol: String,
        to: StatusMove,
        reason: String,
    },
    AssessmentOutcome {
        protocol: String,
        accepted: bool,
        reason: String,
        monthly_amount_cents: Option<i64>,
    },
    Sanction {
        protocol: String,
        sanction: Sanction,
        reason: String,
    },
    Payment {
        protocol: String,
        month: NaiveDate,
        arrears: bool,
        amount_cents: i64,
        paid_on: NaiveDate,
    },
    TakingInCharge(PathReport),
    Convocation {
        protocol: String,
        codice_fiscale: Option<String>,
        issuer_name: String,
        purpose: String,
        appointment_at: DateTime<Utc>,
        place: String,
    },
    Meeting {
        protocol: String,
        codice_fiscale: Option<String>,
        held_on: NaiveDate,
        outcome: Outcome,
        /// The event id of the convocation this meeting answers.
        convocation_event_id: Option<String>,
        evidence_ref: Option<String>,
    },
    MemberAssessment {
        protocol: String,
        codice_fiscale: String,
        flags: MemberFlags,
    },
    Plan {
        kind: PlanKind,
        protocol: String,
        codice_fiscale: Option<String>,
        signed_on: NaiveDate,
        summary: String,
        operator_name: String,
        activities: Vec<NewActivity>,
    },
    Activity(PathReport),
    SflParticipation(PathReport),
}

impl Event {
    /// The stable name stored with the event and shown in the audit trail.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::ApplicationSubmitted(_) => "application_submitted",
            Event::ApplicationStatus { .. } => "application_status",
            Event::AssessmentOutcome { .. } => "assessment_outcome",
            Event::Sanction { .. } => "sanction",
            Event::Payment { .. } => "payment",
            Event::TakingInCharge(_) => "taking_in_charge",
            Event::Convocation { .. } => "convocation",
            Event::Meeting { .. } => "meeting",
            Event::MemberAssessment { .. } => "member_assessment",
            Event::Plan { kind: PlanKind::Pais, .. } => "pais",
            Event::Plan { kind: PlanKind::Psp, .. } => "psp",
            Event::Activity(_) => "activity",
            Event::SflParticipation(_) => "sfl_participation",
        }
    }

    /// The only platform that may send it.
    pub fn platform(&self) -> Platform {
        match self {
            Event::ApplicationSubmitted(_)
            | Event::ApplicationStatus { .. }
            | Event::AssessmentOutcome { .. }
            | Event::Sanction { .. }
            | Event::Payment { .. } => Platform::Inps,
            Event::TakingInCharge(_)
            | Event::Convocation { .. }
            | Event::Meeting { .. }
            | Event::MemberAssessment { .. }
            | Event::Plan { kind: PlanKind::Pais, .. } => Platform::Gepi,
            Event::Plan { kind: PlanKind::Psp, .. }
            | Event::Activity(_)
            | Event::SflParticipation(_) => Platform::Siu,
        }
    }
}

/// Taking-in-charge stages GePI reports, in their usual order.
pub const TAKING_IN_CHARGE_STAGES: &[&str] = &[
    "received",
    "preliminary_assessment",
    "in_depth_assessment",
    "pais_drafting",
    "referred_to_cpi",
    "closed",
];

/// Activity statuses SIU reports.
pub const ACTIVITY_STATUSES: &[&str] = &["planned", "started", "completed", "interrupted"];

/// SFL participation statuses SIU reports.
pub const SFL_PARTICIPATION_STATUSES: &[&str] = &["participating", "suspended", "ended"];

/// What became of an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ingested {
    /// `false`: the event had already been applied, and nothing changed now.
    pub applied: bool,
    pub received_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The domain refused the event (bad value, unknown protocol or member, a transition the
    /// status machine forbids). `field` names the JSON field.
    #[error("{field}: {problem}")]
    Invalid { field: &'static str, problem: &'static str },
    /// The event contradicts the current state (status machine, already recorded).
    #[error("{field}: {problem}")]
    Conflict { field: &'static str, problem: String },
    /// This event id was used before with another body.
    #[error("event_id reused with a different body")]
    EventIdReused,
    /// The client's platform may not send this event.
    #[error("wrong platform")]
    WrongPlatform,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<ServiceError> for IngestError {
    fn from(error: ServiceError) -> IngestError {
        match error {
            ServiceError::Invalid { field, problem } => {
                IngestError::Invalid { field: api_field(field), problem }
            }
            ServiceError::NotFound("member") => {
                IngestError::Invalid { field: "codice_fiscale", problem: "not_a_member" }
            }
            ServiceError::NotFound("convocation") => {
                IngestError::Invalid { field: "convocation_event_id", problem: "unknown" }
            }
            ServiceError::NotFound(_) => {
                IngestError::Invalid { field: "protocol", problem: "unknown" }
            }
            ServiceError::Transition { from, to } => IngestError::Conflict {
                field: "status",
                problem: format!("{} -> {} not allowed", from.code(), to.code()),
            },
            ServiceError::NotApplicant => {
                IngestError::Invalid { field: "codice_fiscale", problem: "not_applicant" }
            }
            ServiceError::AlreadyRecorded => {
                IngestError::Conflict { field: "event", problem: "already_recorded".into() }
            }
            ServiceError::Conflict => IngestError::Conflict {
                field: "event",
                problem: "changed concurrently; send again".into(),
            },
            ServiceError::Db(error) => IngestError::Db(error),
        }
    }
}

/// The body field a service's refusal is about: services name their own inputs (SIISL's ids,
/// the citizens' form fields), which the API names otherwise.
fn api_field(service_field: &'static str) -> &'static str {
    match service_field {
        "inps_protocol" => "protocol",
        "member_id" | "member" => "codice_fiscale",
        "activity_title" | "activity_ends_on" | "activity_hours_per_week" => "activities",
        other => other,
    }
}

/// An application's refusal about one of its members names the members' list (the service
/// does not say which one).
fn member_field(error: ServiceError) -> ServiceError {
    match error {
        ServiceError::Invalid { field: "birth_date" | "relation" | "codice_fiscale", problem } => {
            ServiceError::Invalid { field: "members", problem }
        }
        other => other,
    }
}

/// Who sent the event, for the audit trail.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub request_id: Option<String>,
    pub client_ip: Option<String>,
}

/// Applies one event exactly once. See the module documentation.
#[allow(clippy::too_many_arguments)] // each is a distinct input; none belongs with another
pub async fn ingest(
    db: &DatabaseConnection,
    book: std::sync::Arc<domain::RuleBook>,
    now: DateTime<Utc>,
    machine: &Machine,
    event_id: &str,
    payload_hash: &str,
    event: &Event,
    origin: Origin,
) -> Result<Ingested, IngestError> {
    // Stored to the microsecond (PostgreSQL's precision): a repeat answers the same instant.
    let now = chrono::SubsecRound::trunc_subsecs(now, 6);
    let platform = event.platform();
    if !machine.may_send(platform) {
        return Err(IngestError::WrongPlatform);
    }
    // No look-up first: a first delivery (the usual case) goes straight to its transaction. A
    // repeat fails there, on the idempotency index or on the state its first delivery changed,
    // and its transaction is rolled back; only then is the first delivery looked up. The same
    // holds for two copies sent at once.
    let ctx = Ctx::with_rules(now, platform.code(), book);
    let attempt = apply_once(db, &ctx, machine, event_id, payload_hash, event, origin).await;
    match attempt {
        Ok(done) => Ok(done),
        Err(error) => match already_applied(db, platform, event_id, payload_hash).await? {
            Some(done) => Ok(done),
            None => Err(error),
        },
    }
}

async fn already_applied<C: ConnectionTrait>(
    db: &C,
    platform: Platform,
    event_id: &str,
    payload_hash: &str,
) -> Result<Option<Ingested>, IngestError> {
    let Some(found) = inbound_event::Entity::find()
        .filter(inbound_event::Column::Platform.eq(platform.code()))
        .filter(inbound_event::Column::EventId.eq(event_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if found.payload_hash != payload_hash {
        return Err(IngestError::EventIdReused);
    }
    Ok(Some(Ingested { applied: false, received_at: found.received_at }))
}

async fn apply_once(
    db: &DatabaseConnection,
    ctx: &Ctx,
    machine: &Machine,
    event_id: &str,
    payload_hash: &str,
    event: &Event,
    origin: Origin,
) -> Result<Ingested, IngestError> {
    let txn = welfare::begin_write(db).await?;
    // The services write straight into this transaction (no savepoint): an event is applied
    // whole or not at all, and on any failure the transaction is dropped, so rolled back.
    let (household_id, subject_id) = apply(&welfare::Joined(&txn), ctx, event).await?;
    let recorded = inbound_event::ActiveModel {
        platform: Set(event.platform().code().to_string()),
        event_id: Set(event_id.to_string()),
        event_type: Set(event.kind().to_string()),
        payload_hash: Set(payload_hash.to_string()),
        household_id: Set(Some(household_id)),
        subject_id: Set(subject_id),
        api_client_id: Set(machine.api_client_id),
        received_at: Set(ctx.now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    if let Err(error) = recorded {
        return Err(match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                IngestError::Conflict { field: "event_id", problem: "sent twice at once".into() }
            }
            _ => IngestError::Db(error),
        });
    }
    audit::record(
        &txn,
        audit::Action::EventReceived,
        audit::SUCCESS,
        audit::Event {
            actor_account_id: Some(format!("api:{}", machine.client_id)),
            actor_role: Some(event.platform().code().to_string()),
            target: Some(
                format!("{} {} household {household_id}", event.kind(), event_id)
                    .chars()
                    .take(200)
                    .collect(),
            ),
            request_id: origin.request_id,
            client_ip: origin.client_ip,
        },
        ctx.now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ingested { applied: true, received_at: ctx.now })
}

/// The application with this INPS protocol.
async fn by_protocol<C: ConnectionTrait>(
    db: &C,
    protocol: &str,
) -> Result<application::Model, IngestError> {
    application::Entity::find()
        .filter(application::Column::InpsProtocol.eq(protocol.trim()))
        .one(db)
        .await?
        .ok_or(IngestError::Invalid { field: "protocol", problem: "unknown" })
}

/// The member of the household with this codice fiscale.
async fn member_by_cf<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
    codice_fiscale: &str,
) -> Result<member::Model, IngestError> {
    member::Entity::find()
        .filter(member::Column::HouseholdId.eq(household_id))
        .filter(member::Column::CodiceFiscale.eq(codice_fiscale.trim().to_uppercase()))
        .one(db)
        .await?
        .ok_or(IngestError::Invalid { field: "codice_fiscale", problem: "not_a_member" })
}

async fn optional_member<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
    codice_fiscale: Option<&str>,
) -> Result<Option<member::Model>, IngestError> {
    match codice_fiscale {
        Some(cf) => Ok(Some(member_by_cf(db, household_id, cf).await?)),
        None => Ok(None),
    }
}

/// Applies the event through the domain services; returns the household and, for a
/// convocation, its id.
async fn apply(
    txn: &welfare::Joined<'_>,
    ctx: &Ctx,
    event: &Event,
) -> Result<(i64, Option<i64>), IngestError> {
    Ok(match event {
        Event::ApplicationSubmitted(new) => {
            if by_protocol(txn, &new.inps_protocol).await.is_ok() {
                return Err(IngestError::Conflict {
                    field: "protocol",
                    problem: "an application with this protocol already exists".into(),
                });
            }
            let submitted =
                welfare::submit_application(txn, ctx, new).await.map_err(member_field)?;
            (submitted.household_id, None)
        }
        Event::ApplicationStatus { protocol, to, reason } => {
            let found = by_protocol(txn, protocol).await?;
            match to {
                StatusMove::UnderAssessment => {
                    welfare::start_assessment(txn, ctx, found.id).await?
                }
                StatusMove::Ended => welfare::end_application(txn, ctx, found.id, reason).await?,
            }
            (found.household_id, None)
        }
        Event::AssessmentOutcome { protocol, accepted, reason, monthly_amount_cents } => {
            let found = by_protocol(txn, protocol).await?;
            welfare::record_assessment_outcome(
                txn,
                ctx,
                found.id,
                *accepted,
                reason,
                *monthly_amount_cents,
            )
            .await?;
            (found.household_id, None)
        }
        Event::Sanction { protocol, sanction, reason } => {
            let found = by_protocol(txn, protocol).await?;
            match sanction {
                Sanction::Suspension { rule, effective_from } => {
                    welfare::suspend(txn, ctx, found.id, reason, *rule, *effective_from).await?
                }
                Sanction::Decadenza { rule } => {
                    welfare::declare_decadenza(txn, ctx, found.id, reason, *rule).await?
                }
                Sanction::Reinstatement { recorded_on } => {
                    welfare::reinstate(txn, ctx, found.id, reason, *recorded_on).await?;
                }
            }
            (found.household_id, None)
        }
        Event::Payment { protocol, month, arrears, amount_cents, paid_on } => {
            let found = by_protocol(txn, protocol).await?;
            welfare::record_payment(txn, ctx, found.id, *month, *arrears, *amount_cents, *paid_on)
                .await?;
            (found.household_id, None)
        }
        Event::Convocation {
            protocol,
            codice_fiscale,
            issuer_name,
            purpose,
            appointment_at,
            place,
        } => {
            let found = by_protocol(txn, protocol).await?;
            let member =
                optional_member(txn, found.household_id, codice_fiscale.as_deref()).await?;
            let convocation = welfare::issue_convocation(
                txn,
                ctx,
                &NewConvocation {
                    household_id: found.household_id,
                    member_id: member.map(|m| m.id),
                    issuer: Venue::SocialServices,
                    issuer_name: issuer_name.clone(),
                    purpose: purpose.clone(),
                    appointment_at: *appointment_at,
                    place: place.clone(),
                },
            )
            .await?;
            (found.household_id, Some(convocation.id))
        }
        Event::Meeting {
            protocol,
            codice_fiscale,
            held_on,
            outcome,
            convocation_event_id,
            evidence_ref,
        } => {
            let found = by_protocol(txn, protocol).await?;
            let member =
                optional_member(txn, found.household_id, codice_fiscale.as_deref()).await?;
            let convocation_id = match convocation_event_id {
                Some(reference) => Some(convocation_of(txn, found.household_id, reference).await?),
                None => None,
            };
            welfare::record_meeting(
                txn,
                ctx,
                &NewMeeting {
                    household_id: found.household_id,
                    member_id: member.map(|m| m.id),
                    venue: Venue::SocialServices,
                    held_on: *held_on,
                    outcome: *outcome,
                    convocation_id,
                    evidence_ref: evidence_ref.clone(),
                },
            )
            .await?;
            (found.household_id, None)
        }
        Event::MemberAssessment { protocol, codice_fiscale, flags } => {
            let found = by_protocol(txn, protocol).await?;
            let member = member_by_cf(txn, found.household_id, codice_fiscale).await?;
            welfare::assess_member(txn, ctx, member.id, *flags).await?;
            (found.household_id, None)
        }
        Event::Plan {
            kind,
            protocol,
            codice_fiscale,
            signed_on,
            summary,
            operator_name,
            activities,
        } => {
            let found = by_protocol(txn, protocol).await?;
            let member =
                optional_member(txn, found.household_id, codice_fiscale.as_deref()).await?;
            welfare::sign_plan(
                txn,
                ctx,
                &NewPlan {
                    kind: *kind,
                    household_id: found.household_id,
                    member_id: member.map(|m| m.id),
                    signed_on: *signed_on,
                    summary: summary.clone(),
                    operator_name: operator_name.clone(),
                    activities: activities.clone(),
                },
            )
            .await?;
            (found.household_id, None)
        }
        Event::TakingInCharge(report) => {
            (record_path(txn, ctx, Platform::Gepi, "taking_in_charge", report).await?, None)
        }
        Event::Activity(report) => {
            (record_path(txn, ctx, Platform::Siu, "activity", report).await?, None)
        }
        Event::SflParticipation(report) => {
            let found = by_protocol(txn, &report.protocol).await?;
            if found.programme != Programme::Sfl.code() {
                return Err(IngestError::Invalid { field: "protocol", problem: "not_sfl" });
            }
            (record_path(txn, ctx, Platform::Siu, "sfl_participation", report).await?, None)
        }
    })
}

/// The convocation a platform's earlier convocation event created.
async fn convocation_of<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
    event_id: &str,
) -> Result<i64, IngestError> {
    inbound_event::Entity::find()
        .filter(inbound_event::Column::Platform.eq(Platform::Gepi.code()))
        .filter(inbound_event::Column::EventId.eq(event_id))
        .filter(inbound_event::Column::EventType.eq("convocation"))
        .filter(inbound_event::Column::HouseholdId.eq(household_id))
        .one(db)
        .await?
        .and_then(|found| found.subject_id)
        .ok_or(IngestError::Invalid { field: "convocation_event_id", problem: "unknown" })
}

/// Records a path update and tells the member it concerns (the adults, for the household).
async fn record_path<C: ConnectionTrait>(
    txn: &C,
    ctx: &Ctx,
    source: Platform,
    kind: &str,
    report: &PathReport,
) -> Result<i64, IngestError> {
    let title = report.title.trim();
    if title.chars().count() > 300 {
        return Err(IngestError::Invalid { field: "title", problem: "too_long" });
    }
    if report.detail.chars().count() > 1000 {
        return Err(IngestError::Invalid { field: "detail", problem: "too_long" });
    }
    if let Some(problem) = domain::calendar::implausible(
        report.occurred_on,
        domain::calendar::PROGRAMMES_START,
        ctx.today(),
    ) {
        return Err(IngestError::Invalid { field: "occurred_on", problem });
    }
    let found = by_protocol(txn, &report.protocol).await?;
    let member = optional_member(txn, found.household_id, report.codice_fiscale.as_deref()).await?;
    path_update::ActiveModel {
        household_id: Set(found.household_id),
        member_id: Set(member.as_ref().map(|m| m.id)),
        source: Set(source.code().to_string()),
        kind: Set(kind.to_string()),
        status: Set(report.status.clone()),
        title: Set(title.to_string()),
        detail: Set(report.detail.trim().to_string()),
        occurred_on: Set(report.occurred_on),
        recorded_at: Set(ctx.now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let params = json!({
        "kind": kind,
        "status": report.status,
        "title": title,
        "on": report.occurred_on,
    });
    let recipient = member.map_or(found.applicant_member_id, |m| m.id);
    welfare::notify_member(
        txn,
        ctx,
        found.household_id,
        recipient,
        NotificationKind::PathUpdated,
        params,
    )
    .await?;
    Ok(found.household_id)
}

/// The household's path updates, newest first (the citizen's path page, the case file).
pub async fn path_updates<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
) -> Result<Vec<path_update::Model>, DbErr> {
    path_update::Entity::find()
        .filter(path_update::Column::HouseholdId.eq(household_id))
        .order_by_desc(path_update::Column::OccurredOn)
        .order_by_desc(path_update::Column::Id)
        .all(db)
        .await
}

/// How many events have been applied (the load script's check).
pub async fn applied_count<C: ConnectionTrait>(db: &C) -> Result<u64, DbErr> {
    inbound_event::Entity::find().count(db).await
}

/// Every registered client as the administrators' page lists it, without any secret; a
/// previous secret is shown only while it still works (`now`).
pub async fn client_lines<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<Vec<contract::platforms::ApiClientLine>, DbErr> {
    let rome = |at| super::local_time::rome_time(at, "%d/%m/%Y %H:%M");
    Ok(clients(db)
        .await?
        .into_iter()
        .map(|c| contract::platforms::ApiClientLine {
            id: c.id,
            client_id: c.client_id,
            name: c.name,
            platform: c.platform,
            active: c.active,
            created_on: rome(c.created_at),
            rotated_on: c.rotated_at.map(rome),
            previous_valid_until: c.previous_valid_until.filter(|until| *until > now).map(rome),
        })
        .collect())
}
