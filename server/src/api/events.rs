//! The events INPS, GePI and SIU send. Each handler decodes its own body type (whose schema
//! the OpenAPI document carries), checks it, and hands it to `store::interop::ingest`, which
//! applies it exactly once.
//!
//! Households are named by the INPS protocol and members by codice fiscale: SIISL's own ids
//! never leave the server.

use app::state::AppState;
use axum::{
    Extension,
    body::Bytes,
    extract::State,
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, NaiveDate, Utc};
use contract::identity::CodiceFiscale;
use domain::{Outcome, Programme, RuleId};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};
use store::interop::{self, Event, IngestError, Machine, PathReport, Sanction, StatusMove};
use store::welfare::{MemberFlags, NewActivity, NewApplication, NewMember, PlanKind, Relation};
use utoipa::{IntoResponses, ToSchema};

use super::problem::Problem;
use crate::http::guard::ClientIp;

/// What became of an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventAccepted {
    pub event_id: String,
    /// `applied` the first time; `duplicate` when this event had already been applied (nothing
    /// changed now).
    pub status: EventStatus,
    /// When SIISL first applied it.
    pub received_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Applied,
    Duplicate,
}

/// The answers every event endpoint gives.
#[derive(IntoResponses)]
#[allow(dead_code)] // Only describes the responses for the OpenAPI document.
pub enum EventResponses {
    /// Applied now, or already applied before (a repeat changes nothing).
    #[response(status = 200)]
    Accepted(#[to_schema] EventAccepted),
    /// The body is not JSON.
    #[response(status = 400, content_type = "application/problem+json")]
    Malformed(#[to_schema] Problem),
    /// No token, an unknown token or an expired one.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The token's scope does not cover this platform's events.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// The event contradicts the current state, or its id was used for another body.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// Not sent as `application/json`.
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    /// A field is missing, of the wrong type, or refused; `field` names it.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
    /// The database could not be reached; send the event again.
    #[response(status = 503, content_type = "application/problem+json")]
    Unavailable(Problem),
}

/// A field refused while converting a body into an event.
struct Refused {
    field: String,
    code: &'static str,
    detail: String,
}

fn refuse<T>(
    field: impl Into<String>,
    code: &'static str,
    detail: impl Into<String>,
) -> Result<T, Refused> {
    Err(Refused { field: field.into(), code, detail: detail.into() })
}

/// A required text of at most `max` characters, trimmed.
fn text(field: &str, value: &str, max: usize) -> Result<String, Refused> {
    let value = value.trim();
    if value.is_empty() {
        return refuse(field, "required", format!("{field} must not be empty"));
    }
    optional_text(field, value, max)
}

/// A text that may be empty, of at most `max` characters, trimmed.
fn optional_text(field: &str, value: &str, max: usize) -> Result<String, Refused> {
    let value = value.trim();
    if value.chars().count() > max {
        return refuse(field, "too_long", format!("{field} is longer than {max} characters"));
    }
    if let Some(problem) = domain::text::problem(value, domain::text::Lines::Many) {
        return refuse(
            field,
            problem.code(),
            format!("{field} contains characters not allowed in text"),
        );
    }
    Ok(value.to_string())
}

fn codice_fiscale(field: &str, value: &str) -> Result<CodiceFiscale, Refused> {
    CodiceFiscale::parse(value.trim())
        .or_else(|error| refuse(field, "invalid_codice_fiscale", format!("{field}: {error}")))
}

/// The member a `codice_fiscale` field names, in the form members are stored under.
fn member_cf(value: &str) -> Result<String, Refused> {
    Ok(codice_fiscale("codice_fiscale", value)?.as_str().to_string())
}

/// The member an optional `codice_fiscale` field names (the household when left out).
fn optional_member_cf(value: Option<String>) -> Result<Option<String>, Refused> {
    value.as_deref().map(member_cf).transpose()
}

fn rule(field: &str, value: &str) -> Result<RuleId, Refused> {
    RuleId::from_code(value.trim())
        .map_or_else(|| refuse(field, "unknown_rule", format!("{field}: unknown rule")), Ok)
}

/// A body the API accepts: its platform, its event id, and how it becomes an event.
trait Incoming: DeserializeOwned {
    fn event_id(&self) -> &str;
    fn into_event(self) -> Result<Event, Refused>;
}

macro_rules! incoming {
    ($($body:ty),* $(,)?) => {$(
        impl Incoming for $body {
            fn event_id(&self) -> &str {
                &self.event_id
            }
            fn into_event(self) -> Result<Event, Refused> {
                self.convert()
            }
        }
    )*};
}

incoming!(
    ApplicationSubmitted,
    ApplicationStatusChanged,
    AssessmentOutcome,
    SanctionApplied,
    PaymentMade,
    TakingInCharge,
    ConvocationIssued,
    MeetingRecorded,
    MemberAssessed,
    PaisSigned,
    PspSigned,
    ActivityUpdated,
    SflParticipation,
);

fn check_event_id(value: &str) -> Result<(), Refused> {
    let ok = (1..=100).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    if ok {
        Ok(())
    } else {
        refuse(
            "event_id",
            "invalid_event_id",
            "event_id: 1 to 100 characters among A-Z a-z 0-9 - _ . :",
        )
    }
}

/// The JSON path serde stopped at, as the API names fields (`members[0].birth_date`).
fn json_path(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            serde_path_to_error::Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            serde_path_to_error::Segment::Enum { variant } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(variant);
            }
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    out
}

/// serde names a missing field in its message, not in the path.
fn field_of(error: &serde_path_to_error::Error<serde_json::Error>) -> (String, &'static str) {
    let base = json_path(error.path());
    let message = error.inner().to_string();
    let quoted = message.split('`').nth(1).map(str::to_string);
    let join = |name: String| if base.is_empty() { name } else { format!("{base}.{name}") };
    if message.starts_with("missing field") {
        (join(quoted.unwrap_or_default()), "required")
    } else if message.starts_with("unknown field") {
        // The path already ends at the unknown key.
        (if base.is_empty() { quoted.unwrap_or_default() } else { base }, "unknown_field")
    } else if base.is_empty() {
        ("(body)".into(), "invalid_type")
    } else {
        (base, "invalid_value")
    }
}

/// Decodes, checks and applies one event.
async fn receive<T: Incoming>(
    state: AppState,
    machine: Machine,
    ip: Option<std::net::IpAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Problem::unsupported_media_type().into_response();
    }
    let value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(error) => return Problem::malformed(format!("not JSON: {error}")).into_response(),
    };
    // Text has already been held to the one rule for text, and normalised, by
    // `http::input::text_rule`.
    // The canonical form (keys sorted) decides whether a repeat carries the same event.
    let payload_hash: String =
        Sha256::digest(value.to_string().as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let decoded: T = match serde_path_to_error::deserialize(value) {
        Ok(decoded) => decoded,
        Err(error) => {
            let (field, code) = field_of(&error);
            return Problem::invalid(field, code, error.inner().to_string()).into_response();
        }
    };
    let event_id = decoded.event_id().to_string();
    if let Err(refused) = check_event_id(&event_id) {
        return Problem::invalid(refused.field, refused.code, refused.detail).into_response();
    }
    let event = match decoded.into_event() {
        Ok(event) => event,
        Err(refused) => {
            return Problem::invalid(refused.field, refused.code, refused.detail).into_response();
        }
    };
    let origin = interop::Origin {
        request_id: headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(64).collect()),
        client_ip: ip.map(|ip| ip.to_string()),
    };
    let result = interop::ingest(
        &state.db,
        state.rules.clone(),
        state.clock.now(),
        &machine,
        &event_id,
        &payload_hash,
        &event,
        origin,
    )
    .await;
    match result {
        Ok(done) => axum::Json(EventAccepted {
            event_id,
            status: if done.applied { EventStatus::Applied } else { EventStatus::Duplicate },
            received_at: done.received_at,
        })
        .into_response(),
        Err(IngestError::Invalid { field, problem }) => {
            Problem::invalid(field, problem, format!("{field}: {problem}")).into_response()
        }
        Err(IngestError::Conflict { field, problem }) => {
            Problem::conflict(field, "conflict", format!("{field}: {problem}")).into_response()
        }
        Err(IngestError::EventIdReused) => Problem::conflict(
            "event_id",
            "event_id_reused",
            "this event_id was already used for an event with a different body",
        )
        .into_response(),
        Err(IngestError::WrongPlatform) => {
            Problem::insufficient_scope(event.platform().scope()).into_response()
        }
        Err(IngestError::Db(error)) => {
            // Constraint violations are the sender's data colliding with what is stored (a
            // member already in another household, say), not an outage.
            match error.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Problem::conflict(
                    "event",
                    "already_stored",
                    "part of this event collides with data already stored",
                )
                .into_response(),
                Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => Problem::invalid(
                    "event",
                    "unknown_reference",
                    "the event refers to unknown data",
                )
                .into_response(),
                _ => {
                    tracing::error!(%error, "applying an event failed");
                    Problem::unavailable().into_response()
                }
            }
        }
    }
}

// rustfmt re-indents the attribute inside this macro on every run; it is kept as written.
#[rustfmt::skip]
macro_rules! endpoint {
    ($name:ident, $body:ty, $path:literal, $tag:literal, $scope:literal, $summary:literal) => {
        #[utoipa::path(
            post,
            path = $path,
            tag = $tag,
            summary = $summary,
            request_body = $body,
            responses(EventResponses),
            security(("platform" = [$scope]))
        )]
        pub async fn $name(
            State(state): State<AppState>,
            Extension(machine): Extension<Machine>,
            ClientIp(ip): ClientIp,
            headers: HeaderMap,
            body: Bytes,
        ) -> Response {
            receive::<$body>(state, machine, ip, headers, body).await
        }
    };
}

endpoint!(
    application_submitted,
    ApplicationSubmitted,
    "/api/v1/inps/applications",
    "INPS",
    "inps.events",
    "An application was submitted"
);
endpoint!(
    application_status,
    ApplicationStatusChanged,
    "/api/v1/inps/application-status",
    "INPS",
    "inps.events",
    "An application's status changed"
);
endpoint!(
    assessment_outcome,
    AssessmentOutcome,
    "/api/v1/inps/assessment-outcomes",
    "INPS",
    "inps.events",
    "The outcome of INPS's assessment"
);
endpoint!(
    sanction,
    SanctionApplied,
    "/api/v1/inps/sanctions",
    "INPS",
    "inps.events",
    "A suspension, a decadenza or a reinstatement"
);
endpoint!(
    payment,
    PaymentMade,
    "/api/v1/inps/payments",
    "INPS",
    "inps.events",
    "A monthly payment or arrears paid"
);
endpoint!(
    taking_in_charge,
    TakingInCharge,
    "/api/v1/gepi/taking-in-charge",
    "GePI",
    "gepi.events",
    "Progress of the taking in charge"
);
endpoint!(
    convocation,
    ConvocationIssued,
    "/api/v1/gepi/convocations",
    "GePI",
    "gepi.events",
    "A convocation issued by social services"
);
endpoint!(
    meeting,
    MeetingRecorded,
    "/api/v1/gepi/meetings",
    "GePI",
    "gepi.events",
    "A meeting's outcome"
);
endpoint!(
    member_assessment,
    MemberAssessed,
    "/api/v1/gepi/member-assessments",
    "GePI",
    "gepi.events",
    "A member assessed (attivabile or not, exemptions)"
);
endpoint!(
    pais,
    PaisSigned,
    "/api/v1/gepi/pais",
    "GePI",
    "gepi.events",
    "The PaIS signed or updated"
);
endpoint!(psp, PspSigned, "/api/v1/siu/psp", "SIU", "siu.events", "A PSP signed or updated");
endpoint!(
    activity,
    ActivityUpdated,
    "/api/v1/siu/activities",
    "SIU",
    "siu.events",
    "An activity of the path planned, started, completed or interrupted"
);
endpoint!(
    sfl_participation,
    SflParticipation,
    "/api/v1/siu/sfl-participation",
    "SIU",
    "siu.events",
    "SFL participation started, suspended or ended"
);

// ---------------------------------------------------------------------------------------------
// Bodies.

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeCode {
    /// Assegno di Inclusione.
    Adi,
    /// Supporto per la formazione e il lavoro.
    Sfl,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationCode {
    Applicant,
    Spouse,
    Child,
    Parent,
    Other,
}

/// A member of the household, as INPS has them on the application.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationMember {
    #[schema(example = "RSSMRA80A01H501U", min_length = 16, max_length = 16)]
    pub codice_fiscale: String,
    #[schema(max_length = 200)]
    pub given_name: String,
    #[schema(max_length = 200)]
    pub family_name: String,
    pub birth_date: NaiveDate,
    pub relation: RelationCode,
    #[serde(default)]
    pub disabled: bool,
    #[serde(default)]
    pub care_duties: bool,
}

/// INPS received an application (the first member is the applicant).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationSubmitted {
    /// The sender's id for this event: sending it again is a no-op.
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(example = "INPS-ADI-2026-0001234", max_length = 40)]
    pub protocol: String,
    pub programme: ProgrammeCode,
    pub submitted_on: NaiveDate,
    /// ISTAT code of the municipality of residence.
    #[schema(example = "H501", max_length = 4)]
    pub municipality_code: String,
    #[schema(max_length = 300)]
    pub address: String,
    #[schema(min_items = 1, max_items = 30)]
    pub members: Vec<ApplicationMember>,
}

impl ApplicationSubmitted {
    fn convert(self) -> Result<Event, Refused> {
        if self.members.is_empty() || self.members.len() > 30 {
            return refuse("members", "count", "members: 1 to 30 members");
        }
        let mut members: Vec<NewMember> = Vec::new();
        for (i, m) in self.members.into_iter().enumerate() {
            let at = |field: &str| format!("members[{i}].{field}");
            // The service checks these too, without the member's index; here the answer can
            // name the member.
            if m.birth_date > self.submitted_on {
                return refuse(at("birth_date"), "in_future", "born after the application");
            }
            if m.birth_date < domain::calendar::EARLIEST_BIRTH {
                return refuse(at("birth_date"), "too_early", "born before 1900");
            }
            if (i == 0) != matches!(m.relation, RelationCode::Applicant) {
                return refuse(at("relation"), "applicant_first", "the applicant comes first");
            }
            let cf = codice_fiscale(&at("codice_fiscale"), &m.codice_fiscale)?;
            if members.iter().any(|other| other.codice_fiscale == cf) {
                return refuse(at("codice_fiscale"), "duplicate", "listed twice");
            }
            members.push(NewMember {
                codice_fiscale: cf,
                given_name: text(&at("given_name"), &m.given_name, 200)?,
                family_name: text(&at("family_name"), &m.family_name, 200)?,
                birth_date: m.birth_date,
                relation: match m.relation {
                    RelationCode::Applicant => Relation::Applicant,
                    RelationCode::Spouse => Relation::Spouse,
                    RelationCode::Child => Relation::Child,
                    RelationCode::Parent => Relation::Parent,
                    RelationCode::Other => Relation::Other,
                },
                flags: MemberFlags {
                    disabled: m.disabled,
                    care_duties: m.care_duties,
                    ..MemberFlags::default()
                },
            });
        }
        Ok(Event::ApplicationSubmitted(NewApplication {
            programme: match self.programme {
                ProgrammeCode::Adi => Programme::Adi,
                ProgrammeCode::Sfl => Programme::Sfl,
            },
            inps_protocol: text("protocol", &self.protocol, 40)?,
            submitted_on: self.submitted_on,
            municipality_code: text("municipality_code", &self.municipality_code, 4)?
                .to_uppercase(),
            address: text("address", &self.address, 300)?,
            members,
        }))
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatusCode {
    /// INPS started the assessment (istruttoria).
    UnderAssessment,
    /// The benefit reached its end or was given up.
    Ended,
}

/// An application moved to a status other than an assessment outcome or a sanction.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationStatusChanged {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    pub status: ApplicationStatusCode,
    /// Required for `ended`.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub reason: String,
}

impl ApplicationStatusChanged {
    fn convert(self) -> Result<Event, Refused> {
        let to = match self.status {
            ApplicationStatusCode::UnderAssessment => StatusMove::UnderAssessment,
            ApplicationStatusCode::Ended => StatusMove::Ended,
        };
        let reason = match to {
            StatusMove::Ended => text("reason", &self.reason, 500)?,
            StatusMove::UnderAssessment => optional_text("reason", &self.reason, 500)?,
        };
        Ok(Event::ApplicationStatus { protocol: text("protocol", &self.protocol, 40)?, to, reason })
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeCode {
    Accepted,
    Rejected,
}

/// INPS's assessment outcome.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentOutcome {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    pub outcome: OutcomeCode,
    #[schema(max_length = 500)]
    pub reason: String,
    /// The monthly amount, in euro cents, when accepted.
    #[schema(minimum = 1)]
    pub monthly_amount_cents: Option<i64>,
}

impl AssessmentOutcome {
    fn convert(self) -> Result<Event, Refused> {
        Ok(Event::AssessmentOutcome {
            protocol: text("protocol", &self.protocol, 40)?,
            accepted: matches!(self.outcome, OutcomeCode::Accepted),
            reason: text("reason", &self.reason, 500)?,
            monthly_amount_cents: self.monthly_amount_cents,
        })
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SanctionCode {
    /// Payments stop from `effective_from` until the obligation is met (R31).
    Suspension,
    /// The benefit is lost (R20, R31).
    Decadenza,
    /// A suspension ends; the suspended months become arrears.
    Reinstatement,
}

/// A sanction INPS applied, or its end.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SanctionApplied {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    pub sanction: SanctionCode,
    #[schema(max_length = 500)]
    pub reason: String,
    /// The rule applied (`R20`, `R22`, `R25`…); required for a suspension or a decadenza.
    #[schema(example = "R20")]
    pub rule: Option<String>,
    /// The first month not paid; required for a suspension.
    pub effective_from: Option<NaiveDate>,
    /// The day the missing obligation was met; today when left out.
    pub recorded_on: Option<NaiveDate>,
}

impl SanctionApplied {
    fn convert(self) -> Result<Event, Refused> {
        let rule_of = |rule: &Option<String>| match rule {
            Some(code) => self::rule("rule", code),
            None => refuse("rule", "required", "rule is required for this sanction"),
        };
        let sanction = match self.sanction {
            SanctionCode::Suspension => Sanction::Suspension {
                rule: rule_of(&self.rule)?,
                effective_from: match self.effective_from {
                    Some(day) => day,
                    None => {
                        return refuse("effective_from", "required", "effective_from is required");
                    }
                },
            },
            SanctionCode::Decadenza => Sanction::Decadenza { rule: rule_of(&self.rule)? },
            SanctionCode::Reinstatement => Sanction::Reinstatement {
                recorded_on: self
                    .recorded_on
                    .unwrap_or_else(|| domain::calendar::rome_date(Utc::now())),
            },
        };
        Ok(Event::Sanction {
            protocol: text("protocol", &self.protocol, 40)?,
            sanction,
            reason: text("reason", &self.reason, 500)?,
        })
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    Regular,
    Arrears,
}

/// INPS paid a month of the benefit, or arrears owed for it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentMade {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    /// Any day of the month paid for.
    pub month: NaiveDate,
    pub kind: PaymentKind,
    #[schema(minimum = 1)]
    pub amount_cents: i64,
    pub paid_on: NaiveDate,
}

impl PaymentMade {
    fn convert(self) -> Result<Event, Refused> {
        Ok(Event::Payment {
            protocol: text("protocol", &self.protocol, 40)?,
            month: self.month,
            arrears: matches!(self.kind, PaymentKind::Arrears),
            amount_cents: self.amount_cents,
            paid_on: self.paid_on,
        })
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TakingInChargeStage {
    Received,
    PreliminaryAssessment,
    InDepthAssessment,
    PaisDrafting,
    ReferredToCpi,
    Closed,
}

impl TakingInChargeStage {
    fn code(self) -> &'static str {
        match self {
            TakingInChargeStage::Received => "received",
            TakingInChargeStage::PreliminaryAssessment => "preliminary_assessment",
            TakingInChargeStage::InDepthAssessment => "in_depth_assessment",
            TakingInChargeStage::PaisDrafting => "pais_drafting",
            TakingInChargeStage::ReferredToCpi => "referred_to_cpi",
            TakingInChargeStage::Closed => "closed",
        }
    }
}

/// Social services report a stage of the household's taking in charge.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TakingInCharge {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    pub stage: TakingInChargeStage,
    pub occurred_on: NaiveDate,
    /// The office following the household.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub office: String,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
}

impl TakingInCharge {
    fn convert(self) -> Result<Event, Refused> {
        Ok(Event::TakingInCharge(PathReport {
            protocol: text("protocol", &self.protocol, 40)?,
            codice_fiscale: None,
            status: self.stage.code().to_string(),
            title: optional_text("office", &self.office, 300)?,
            detail: optional_text("note", &self.note, 1000)?,
            occurred_on: self.occurred_on,
        }))
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConvocationPurpose {
    FirstMeeting,
    FollowUp,
    Psp,
    PaisReview,
    Other,
}

impl ConvocationPurpose {
    fn code(self) -> &'static str {
        match self {
            ConvocationPurpose::FirstMeeting => "first_meeting",
            ConvocationPurpose::FollowUp => "follow_up",
            ConvocationPurpose::Psp => "psp",
            ConvocationPurpose::PaisReview => "pais_review",
            ConvocationPurpose::Other => "other",
        }
    }
}

/// Social services summon the household (or one member).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConvocationIssued {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    /// The member summoned; the household (through the applicant) when left out.
    pub codice_fiscale: Option<String>,
    #[schema(example = "Servizi sociali - Municipio I", max_length = 200)]
    pub issuer_name: String,
    pub purpose: ConvocationPurpose,
    /// In the future.
    pub appointment_at: DateTime<Utc>,
    #[schema(max_length = 300)]
    pub place: String,
}

impl ConvocationIssued {
    fn convert(self) -> Result<Event, Refused> {
        Ok(Event::Convocation {
            protocol: text("protocol", &self.protocol, 40)?,
            codice_fiscale: optional_member_cf(self.codice_fiscale)?,
            issuer_name: text("issuer_name", &self.issuer_name, 200)?,
            purpose: self.purpose.code().to_string(),
            appointment_at: self.appointment_at,
            place: text("place", &self.place, 300)?,
        })
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingOutcome {
    /// The meeting took place.
    Held,
    /// The household presented without a convocation.
    Spontaneous,
    /// Absent with a justified reason (evidence required).
    Justified,
    /// Absent without a justified reason.
    Absent,
}

/// Social services record a meeting's outcome.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingRecorded {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    /// The member met; the household when left out.
    pub codice_fiscale: Option<String>,
    pub held_on: NaiveDate,
    pub outcome: MeetingOutcome,
    /// The `event_id` of the convocation this meeting answers, if any.
    #[schema(max_length = 100)]
    pub convocation_event_id: Option<String>,
    /// Required for `justified`.
    #[schema(max_length = 200)]
    pub evidence_ref: Option<String>,
}

impl MeetingRecorded {
    fn convert(self) -> Result<Event, Refused> {
        Ok(Event::Meeting {
            protocol: text("protocol", &self.protocol, 40)?,
            codice_fiscale: optional_member_cf(self.codice_fiscale)?,
            held_on: self.held_on,
            outcome: match self.outcome {
                MeetingOutcome::Held => Outcome::Held,
                MeetingOutcome::Spontaneous => Outcome::Spontaneous,
                MeetingOutcome::Justified => Outcome::Justified,
                MeetingOutcome::Absent => Outcome::Absent,
            },
            convocation_event_id: self
                .convocation_event_id
                .map(|id| text("convocation_event_id", &id, 100))
                .transpose()?,
            evidence_ref: self
                .evidence_ref
                .map(|e| optional_text("evidence_ref", &e, 200))
                .transpose()?,
        })
    }
}

/// Social services' assessment of a member (R24).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberAssessed {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    pub codice_fiscale: String,
    pub attivabile: bool,
    #[serde(default)]
    pub disabled: bool,
    #[serde(default)]
    pub care_duties: bool,
    #[serde(default)]
    pub gender_violence_victim: bool,
}

impl MemberAssessed {
    fn convert(self) -> Result<Event, Refused> {
        Ok(Event::MemberAssessment {
            protocol: text("protocol", &self.protocol, 40)?,
            codice_fiscale: codice_fiscale("codice_fiscale", &self.codice_fiscale)?
                .as_str()
                .to_string(),
            flags: MemberFlags {
                disabled: self.disabled,
                care_duties: self.care_duties,
                gender_violence_victim: self.gender_violence_victim,
                attivabile: self.attivabile,
            },
        })
    }
}

/// An activity of a pact.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanActivity {
    #[schema(max_length = 300)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub provider: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    #[schema(minimum = 1, maximum = 48)]
    pub hours_per_week: Option<i32>,
}

fn activities(list: Vec<PlanActivity>) -> Result<Vec<NewActivity>, Refused> {
    if list.len() > 50 {
        return refuse("activities", "count", "activities: at most 50");
    }
    list.into_iter()
        .enumerate()
        .map(|(i, a)| {
            Ok(NewActivity {
                title: text(&format!("activities[{i}].title"), &a.title, 300)?,
                provider: optional_text(&format!("activities[{i}].provider"), &a.provider, 200)?,
                starts_on: a.starts_on,
                ends_on: a.ends_on,
                hours_per_week: a.hours_per_week,
            })
        })
        .collect()
}

/// The household's PaIS, signed or updated (each is a new revision).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaisSigned {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    pub signed_on: NaiveDate,
    /// The pact's summary as the household reads it.
    #[schema(max_length = 4000)]
    pub summary: String,
    #[schema(max_length = 200)]
    pub operator_name: String,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub activities: Vec<PlanActivity>,
}

impl PaisSigned {
    fn convert(self) -> Result<Event, Refused> {
        let Self { protocol, signed_on, summary, operator_name, activities, .. } = self;
        plan(
            PlanKind::Pais,
            None,
            PlanText { protocol, signed_on, summary, operator_name, activities },
        )
    }
}

/// What a PaIS and a PSP both carry.
struct PlanText {
    protocol: String,
    signed_on: NaiveDate,
    summary: String,
    operator_name: String,
    activities: Vec<PlanActivity>,
}

fn plan(kind: PlanKind, codice_fiscale: Option<&str>, text_of: PlanText) -> Result<Event, Refused> {
    Ok(Event::Plan {
        kind,
        protocol: text("protocol", &text_of.protocol, 40)?,
        codice_fiscale: codice_fiscale.map(member_cf).transpose()?,
        signed_on: text_of.signed_on,
        summary: text("summary", &text_of.summary, 4000)?,
        operator_name: text("operator_name", &text_of.operator_name, 200)?,
        activities: activities(text_of.activities)?,
    })
}

/// A member's PSP, signed or updated at the job centre (each is a new revision).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PspSigned {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    pub codice_fiscale: String,
    pub signed_on: NaiveDate,
    #[schema(max_length = 4000)]
    pub summary: String,
    #[schema(max_length = 200)]
    pub operator_name: String,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub activities: Vec<PlanActivity>,
}

impl PspSigned {
    fn convert(self) -> Result<Event, Refused> {
        let Self {
            protocol, codice_fiscale, signed_on, summary, operator_name, activities, ..
        } = self;
        plan(
            PlanKind::Psp,
            Some(&codice_fiscale),
            PlanText { protocol, signed_on, summary, operator_name, activities },
        )
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    Planned,
    Started,
    Completed,
    Interrupted,
}

/// The job centre reports how an activity of a member's path is going.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityUpdated {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    pub codice_fiscale: String,
    #[schema(max_length = 300)]
    pub title: String,
    pub status: ActivityStatus,
    pub occurred_on: NaiveDate,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
}

impl ActivityUpdated {
    fn convert(self) -> Result<Event, Refused> {
        let status = match self.status {
            ActivityStatus::Planned => "planned",
            ActivityStatus::Started => "started",
            ActivityStatus::Completed => "completed",
            ActivityStatus::Interrupted => "interrupted",
        };
        let report = member_report(
            &self.protocol,
            &self.codice_fiscale,
            status,
            &self.note,
            self.occurred_on,
            || text("title", &self.title, 300),
        )?;
        Ok(Event::Activity(report))
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParticipationStatus {
    Participating,
    Suspended,
    Ended,
}

/// The job centre reports an SFL beneficiary's participation in an activity (R12: the
/// allowance is paid only while taking part).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SflParticipation {
    #[schema(max_length = 100, pattern = "^[A-Za-z0-9._:-]{1,100}$")]
    pub event_id: String,
    #[schema(max_length = 40)]
    pub protocol: String,
    pub codice_fiscale: String,
    pub status: ParticipationStatus,
    pub occurred_on: NaiveDate,
    #[serde(default)]
    #[schema(max_length = 300)]
    pub activity_title: String,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
}

impl SflParticipation {
    fn convert(self) -> Result<Event, Refused> {
        let status = match self.status {
            ParticipationStatus::Participating => "participating",
            ParticipationStatus::Suspended => "suspended",
            ParticipationStatus::Ended => "ended",
        };
        let report = member_report(
            &self.protocol,
            &self.codice_fiscale,
            status,
            &self.note,
            self.occurred_on,
            || optional_text("activity_title", &self.activity_title, 300),
        )?;
        Ok(Event::SflParticipation(report))
    }
}

/// A step of one member's path that SIU reports (an activity, SFL participation), its fields
/// checked in the order of the body.
fn member_report(
    protocol: &str,
    codice_fiscale: &str,
    status: &str,
    note: &str,
    occurred_on: NaiveDate,
    title: impl FnOnce() -> Result<String, Refused>,
) -> Result<PathReport, Refused> {
    Ok(PathReport {
        protocol: text("protocol", protocol, 40)?,
        codice_fiscale: Some(member_cf(codice_fiscale)?),
        status: status.to_string(),
        title: title()?,
        detail: optional_text("note", note, 1000)?,
        occurred_on,
    })
}
