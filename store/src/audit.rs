//! The audit trail. Append-only: this module can add events and read them back, and has no
//! code path that changes or deletes one (sealing only fills an entry's empty `chain_hash`).
//! Events never carry tokens, codes or secrets.
//!
//! Tampering shows: [`seal`] links the entries into a hash chain in id order after they are
//! written (each entry's hash covers the previous hash and its own content), and [`verify`]
//! recomputes the chain and names the first entry that does not match. Writers never touch the
//! chain, so they never wait for each other on its head.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, QueryOrder, entity::prelude::*};

/// A row of this table, as the functions below return it.
pub use crate::entity::audit::Model as AuditEvent;
use crate::entity::audit::{ActiveModel, Column, Entity, Model};

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
    /// A citizen asked to move a convocation, or justified not attending.
    ConvocationRequest,
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
    /// A person applied for an opportunity.
    CandidacySent,
    /// A person withdrew a candidacy.
    CandidacyWithdrawn,
    /// A candidacy moved on the organiser's side (for now: the demo command).
    CandidacyChanged,
    /// An administrator assigned a household or member to an operator, or ended it.
    AssignmentChanged,
    /// An operator opened a household's file, giving a reason.
    HouseholdOpened,
    /// An operator started a read-only view of a citizen's pages, giving a reason.
    ViewingStarted,
    /// An operator left the read-only view.
    ViewingEnded,
    /// A state-changing request made during a read-only view, refused.
    ViewingRefused,
    /// A platform's event applied (INPS, GePI, SIU).
    EventReceived,
    /// A platform client added, given a new secret, suspended or reactivated.
    ApiClientChanged,
    /// A token issued to a platform client, or refused.
    ApiTokenIssued,
    /// An administrator retried a delivery to a platform.
    DeliveryRetried,
    /// An organisation requested, approved or refused; a person invited to it or removed.
    OrganisationChanged,
    /// A session began acting for an organisation, or for its person again.
    OrganisationSelected,
    /// An organisation's ad published, edited, paused, resumed, closed or renewed; an ad
    /// suspended by an administrator.
    AdChanged,
    /// A person reported an ad to the administrators.
    AdReported,
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
            Action::ConvocationRequest => "convocation_request",
            Action::PadSigned => "pad_signed",
            Action::PadIndividualeSigned => "pad_individuale_signed",
            Action::SflEnrolmentConfirmed => "sfl_enrolment_confirmed",
            Action::SflParticipationConfirmed => "sfl_participation_confirmed",
            Action::CvSaved => "cv_saved",
            Action::CvExported => "cv_exported",
            Action::CandidacySent => "candidacy_sent",
            Action::CandidacyWithdrawn => "candidacy_withdrawn",
            Action::CandidacyChanged => "candidacy_changed",
            Action::AssignmentChanged => "assignment_changed",
            Action::HouseholdOpened => "household_opened",
            Action::ViewingStarted => "viewing_started",
            Action::ViewingEnded => "viewing_ended",
            Action::ViewingRefused => "viewing_refused",
            Action::EventReceived => "event_received",
            Action::ApiClientChanged => "api_client_changed",
            Action::ApiTokenIssued => "api_token_issued",
            Action::DeliveryRetried => "delivery_retried",
            Action::OrganisationChanged => "organisation_changed",
            Action::OrganisationSelected => "organisation_selected",
            Action::AdChanged => "ad_changed",
            Action::AdReported => "ad_reported",
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
    // Every field fits its column (PostgreSQL refuses what does not; a refused entry would be
    // a lost one): what a client chose (a path in the target, a request id) is cut to size.
    let fit = |value: Option<String>, chars: usize| value.map(|v| v.chars().take(chars).collect());
    ActiveModel {
        occurred_at: Set(now),
        actor_account_id: Set(fit(event.actor_account_id, 36)),
        actor_role: Set(fit(event.actor_role, 40)),
        action: Set(action.code().to_string()),
        target: Set(fit(event.target, 200)),
        outcome: Set(outcome.chars().take(60).collect()),
        request_id: Set(fit(event.request_id, 64)),
        client_ip: Set(fit(event.client_ip, 45)),
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

/// The "previous hash" of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Entries younger than this are left for the next sealing: an insert that took its id
/// earlier may still be committing, and sealing past it would leave it outside the chain.
pub const SEAL_DELAY_SECONDS: i64 = 10;

/// The link of `entry` after the link `previous`: SHA-256 over the previous hash and the
/// entry's fields as a JSON array (so an absent value and an empty one differ), with the time
/// in microseconds (what both backends store).
pub fn link(previous: &str, entry: &Model) -> String {
    use sha2::{Digest, Sha256};
    let content = serde_json::json!([
        entry.id,
        entry.occurred_at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        entry.actor_account_id,
        entry.actor_role,
        entry.action,
        entry.target,
        entry.outcome,
        entry.request_id,
        entry.client_ip,
    ]);
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(b"\n");
    hasher.update(content.to_string().as_bytes());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Links every unsealed entry written before `horizon` to the chain, in id order, stopping
/// at the first entry that is not older than `horizon` (passing it would leave a hole). Returns
/// how many this call sealed.
///
/// Several sealers may run at once. Each walks the entries after the last sealed one it saw,
/// sealed or not, and always continues from the hash that is *stored*: an entry another sealer
/// linked first gives its stored hash, and an entry is only written while its hash is still
/// empty. (Skipping the sealed entries instead let a sealer that read an old head link the next
/// entry to the wrong predecessor.)
pub async fn seal<C: ConnectionTrait>(db: &C, horizon: DateTime<Utc>) -> Result<u64, DbErr> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::Expr;
    let mut sealed = 0;
    loop {
        let head = Entity::find()
            .filter(Column::ChainHash.is_not_null())
            .order_by_desc(Column::Id)
            .one(db)
            .await?;
        let (head_id, mut previous) = match head {
            Some(h) => (h.id, h.chain_hash.unwrap_or_default()),
            None => (0, GENESIS.to_string()),
        };
        let batch = Entity::find()
            .filter(Column::Id.gt(head_id))
            .order_by_asc(Column::Id)
            .limit(500)
            .all(db)
            .await?;
        let mut progressed = false;
        for entry in batch {
            if let Some(stored) = entry.chain_hash {
                previous = stored;
                progressed = true;
                continue;
            }
            if entry.occurred_at >= horizon {
                return Ok(sealed);
            }
            let hash = link(&previous, &entry);
            let written = Entity::update_many()
                .col_expr(Column::ChainHash, Expr::value(hash.clone()))
                .filter(Column::Id.eq(entry.id))
                .filter(Column::ChainHash.is_null())
                .exec(db)
                .await?;
            sealed += written.rows_affected;
            previous = if written.rows_affected > 0 {
                hash
            } else {
                // Another sealer linked it meanwhile: continue from what it stored.
                Entity::find_by_id(entry.id)
                    .one(db)
                    .await?
                    .and_then(|e| e.chain_hash)
                    .unwrap_or(hash)
            };
            progressed = true;
        }
        if !progressed {
            return Ok(sealed);
        }
    }
}

/// Where the chain breaks, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// The entry's content or hash was changed, or the entry before it was removed.
    Mismatch(i64),
    /// An unsealed entry sits between sealed ones: it was added after the chain passed it.
    Unsealed(i64),
}

impl Break {
    pub fn entry(&self) -> i64 {
        match self {
            Break::Mismatch(id) | Break::Unsealed(id) => *id,
        }
    }
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    /// Sealed entries whose link was recomputed and matched.
    pub checked: u64,
    /// Entries at the end not sealed yet.
    pub pending: u64,
    /// The last sealed link: publish it elsewhere to detect the chain being cut short.
    pub head: String,
    pub broken: Option<Break>,
}

/// Recomputes the chain from the first entry and stops at the first link that does not match.
pub async fn verify<C: ConnectionTrait>(db: &C) -> Result<Verification, DbErr> {
    use sea_orm::QuerySelect;
    let mut report =
        Verification { checked: 0, pending: 0, head: GENESIS.to_string(), broken: None };
    let mut first_unsealed: Option<i64> = None;
    let mut after = 0;
    loop {
        let batch = Entity::find()
            .filter(Column::Id.gt(after))
            .order_by_asc(Column::Id)
            .limit(1_000)
            .all(db)
            .await?;
        let Some(last) = batch.last() else {
            return Ok(report);
        };
        after = last.id;
        for entry in batch {
            let Some(stored) = &entry.chain_hash else {
                first_unsealed.get_or_insert(entry.id);
                report.pending += 1;
                continue;
            };
            if let Some(id) = first_unsealed {
                report.broken = Some(Break::Unsealed(id));
                return Ok(report);
            }
            if *stored != link(&report.head, &entry) {
                report.broken = Some(Break::Mismatch(entry.id));
                return Ok(report);
            }
            report.head.clone_from(stored);
            report.checked += 1;
        }
    }
}
