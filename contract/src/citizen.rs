//! What a citizen's pages show: one `Situation`, assembled on the server from the domain
//! services and scoped to the signed-in person (see `store::situation`). Shared by both sides.

use domain::{NaiveDate, Obligation};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Situation {
    pub registered: bool,
    pub given_name: String,
    pub family_name: String,
    pub codice_fiscale: String,
    /// Registration contacts (not certified).
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The person's own member record, if INPS sent an application naming them.
    pub me: Option<MemberView>,
    pub household: Option<HouseholdView>,
    /// Calendar date in Europe/Rome the situation was computed for.
    pub today: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    pub codice_fiscale: String,
    pub birth_date: NaiveDate,
    pub relation: String,
    pub minor: bool,
    pub aged_exempt: bool,
    pub disabled: bool,
    pub care_duties: bool,
    pub gender_violence_victim: bool,
    pub attivabile: bool,
    pub is_applicant: bool,
    pub pad_individuale_signed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HouseholdView {
    pub id: i64,
    pub municipality: String,
    pub address: String,
    pub members: Vec<MemberView>,
    pub application: Option<ApplicationView>,
    pub obligations: Vec<Obligation>,
    pub next_payment_on: Option<NaiveDate>,
    pub convocations: Vec<ConvocationView>,
    pub offices: Vec<OfficeView>,
    pub plans: Vec<PlanView>,
    /// What social services and the job centre reported about the path, newest first.
    pub path_updates: Vec<PathUpdateView>,
    /// The signed-in person's own inbox, newest first.
    pub notifications: Vec<NotificationView>,
    pub unread: usize,
    /// The signed-in person's certified contacts.
    pub contacts: Vec<ContactView>,
    /// Codes sent and not yet used, per kind of contact (the PAD wizard's state).
    pub pending_codes: Vec<PendingCode>,
    pub pad: Option<PactView>,
    /// The signed-in person's own PAD individuale.
    pub pad_individuale: Option<PactView>,
    /// SFL: when the applicant confirmed enrolment (R14).
    pub sfl_enrolled_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i64,
    pub programme: String,
    pub protocol: String,
    pub submitted_on: NaiveDate,
    pub status: String,
    pub monthly_amount_cents: Option<i64>,
    pub history: Vec<StatusChangeView>,
    pub payments: Vec<PaymentView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChangeView {
    pub from: Option<String>,
    pub to: String,
    pub reason: String,
    pub rule: Option<String>,
    pub effective_on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    pub month: NaiveDate,
    pub arrears: bool,
    pub amount_cents: Option<i64>,
    pub expected_on: NaiveDate,
    pub paid_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvocationView {
    pub id: i64,
    pub issuer: String,
    pub issuer_name: String,
    pub purpose: String,
    pub issued_on: NaiveDate,
    pub appointment_on: NaiveDate,
    /// Local time in Rome, "HH:MM".
    pub appointment_time: String,
    pub place: String,
    pub channels: Vec<String>,
    pub outcome: Option<String>,
    pub read: bool,
    /// For the whole household (`None`) or one member.
    pub member_id: Option<i64>,
    /// Whether the appointment is still to come (a request can be sent until then).
    pub upcoming: bool,
    /// The phone of the issuing office in the household's municipality, when known.
    pub office_phone: Option<String>,
    /// The request made about it: `reschedule` or `justification`, and when.
    pub request: Option<(String, NaiveDate)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeView {
    pub kind: String,
    pub name: String,
    pub address: String,
    pub opening_hours: String,
    pub phone: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub kind: String,
    pub member_name: Option<String>,
    pub revision: i32,
    pub signed_on: NaiveDate,
    pub summary: String,
    pub operator_name: String,
    pub activities: Vec<ActivityView>,
}

/// One step of the path reported by GePI or SIU.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathUpdateView {
    /// `taking_in_charge`, `activity` or `sfl_participation`.
    pub kind: String,
    pub status: String,
    pub title: String,
    pub detail: String,
    pub member_name: Option<String>,
    pub occurred_on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityView {
    pub title: String,
    pub provider: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub hours_per_week: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub kind: String,
    /// The parameters as JSON text (dates as YYYY-MM-DD).
    pub params: String,
    pub created_on: NaiveDate,
    pub read: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub kind: String,
    pub value: String,
    pub certified_on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCode {
    pub kind: String,
    pub destination: String,
    pub tries_left: i32,
    pub expired: bool,
    /// Seconds until another code may be asked for.
    pub resend_in: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PactView {
    pub signed_on: NaiveDate,
    /// Local time in Rome, "DD/MM/YYYY HH:MM".
    pub signed_at: String,
    pub sha256: String,
    pub content_json: String,
}

impl Situation {
    pub fn application(&self) -> Option<&ApplicationView> {
        self.household.as_ref().and_then(|h| h.application.as_ref())
    }

    /// The person may sign the PAD nucleo now: the applicant of an accepted ADI application.
    pub fn may_sign_pad(&self) -> bool {
        self.me.as_ref().is_some_and(|m| m.is_applicant)
            && self.application().is_some_and(|a| a.programme == "adi" && a.status == "accepted")
            && self.household.as_ref().is_some_and(|h| h.pad.is_none())
    }

    /// The person is an SFL applicant, so the individual pact and the CV are their path (R14).
    pub fn is_sfl_applicant(&self) -> bool {
        self.me.as_ref().is_some_and(|m| m.is_applicant)
            && self.application().is_some_and(|a| a.programme == "sfl")
    }

    /// The PAD individuale concerns this person: an ADI attivabile or an SFL applicant (R14, R25).
    pub fn needs_pad_individuale(&self) -> bool {
        self.is_sfl_applicant() || self.me.as_ref().is_some_and(|m| m.attivabile)
    }

    /// The offices this person goes to: the job centre for an SFL applicant (R14); social
    /// services for an ADI household, and the job centre too for an attivabile (R22, R25).
    pub fn offices_for_me(&self) -> Vec<OfficeView> {
        let Some(h) = self.household.as_ref() else {
            return Vec::new();
        };
        let sfl = self.application().is_some_and(|a| a.programme == "sfl");
        let attivabile = self.me.as_ref().is_some_and(|m| m.attivabile);
        h.offices
            .iter()
            .filter(|o| match o.kind.as_str() {
                "cpi" => sfl || attivabile,
                _ => !sfl,
            })
            .cloned()
            .collect()
    }

    /// An SFL applicant whose application INPS accepted and who has not confirmed enrolment yet.
    pub fn may_confirm_enrolment(&self) -> bool {
        self.is_sfl_applicant()
            && self.application().is_some_and(|a| a.status == "accepted")
            && self.household.as_ref().is_some_and(|h| h.sfl_enrolled_on.is_none())
    }
}

/// A refused form, shown again with what was typed and why (put in context by the server).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFeedback {
    /// Which form on the page (`mobile`, `email`, `sign`, `registration`…).
    pub form: String,
    pub values: Vec<(String, String)>,
    /// Field name, error code.
    pub errors: Vec<(String, String)>,
    /// A number some messages need (tries left).
    pub detail: Option<i64>,
}

impl FormFeedback {
    pub fn value(&self, field: &str) -> Option<String> {
        self.values.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone())
    }

    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone())
    }

    pub fn is_for(&self, form: &str) -> bool {
        self.form == form
    }
}

/// A message in the outbox, for the demo messages page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Local time in Rome, "DD/MM/YYYY HH:MM:SS".
    pub created_at: String,
    pub sent: bool,
}
