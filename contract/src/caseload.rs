//! Case managers' side: the dashboard of assigned households, a household's file (opened with
//! a reason), and the citizen's log of who looked at their data. The types are shared by the
//! pages and the server functions; the queries live in `store::caseload`.

use domain::caseload::Window;
use serde::{Deserialize, Serialize};

/// Rows per dashboard page.
pub const DASHBOARD_PAGE_SIZE: u64 = 20;

/// How the dashboard is ordered. The default puts the nearest (or most overdue) due date first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DashSort {
    #[default]
    DueAsc,
    DueDesc,
    Protocol,
    Name,
}

impl DashSort {
    pub const ALL: [DashSort; 4] =
        [DashSort::DueAsc, DashSort::DueDesc, DashSort::Protocol, DashSort::Name];

    pub fn code(self) -> &'static str {
        match self {
            DashSort::DueAsc => "scadenza",
            DashSort::DueDesc => "scadenza-lontana",
            DashSort::Protocol => "protocollo",
            DashSort::Name => "cognome",
        }
    }

    pub fn parse(code: &str) -> Option<DashSort> {
        DashSort::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What the dashboard shows: filters, search, order and page, as the URL carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardQuery {
    /// An application status code.
    pub status: Option<String>,
    pub window: Option<Window>,
    /// The start of a codice fiscale or of a protocol number.
    pub search: String,
    pub sort: DashSort,
    /// From 1.
    pub page: u64,
}

impl DashboardQuery {
    /// From the URL's parameters; unknown values are ignored, not refused.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> DashboardQuery {
        let status = get("stato").filter(|s| domain::ApplicationStatus::from_code(s).is_some());
        DashboardQuery {
            status,
            window: get("scadenza").and_then(|w| Window::parse(&w)),
            // Codici fiscali and protocols are letters, digits and dashes: anything else is
            // dropped, so the value is safe in the URL as it is.
            search: get("cerca")
                .unwrap_or_default()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(40)
                .collect::<String>()
                .to_uppercase(),
            sort: get("ordine").and_then(|s| DashSort::parse(&s)).unwrap_or_default(),
            page: get("pagina").and_then(|p| p.parse().ok()).filter(|p| *p >= 1).unwrap_or(1),
        }
    }

    /// The dashboard's address for this query on `page`.
    pub fn href(&self, page: u64) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(status) = &self.status {
            pairs.push(("stato", status.clone()));
        }
        if let Some(window) = self.window {
            pairs.push(("scadenza", window.code().into()));
        }
        if !self.search.is_empty() {
            pairs.push(("cerca", self.search.clone()));
        }
        if self.sort != DashSort::default() {
            pairs.push(("ordine", self.sort.code().into()));
        }
        if page > 1 {
            pairs.push(("pagina", page.to_string()));
        }
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        if query.is_empty() {
            "/operatore".into()
        } else {
            format!("/operatore?{}", query.join("&"))
        }
    }
}

/// One household (or, for a job-centre operator, one attivabile member) on the dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardRow {
    pub household_id: i64,
    pub protocol: String,
    pub programme: String,
    pub status: String,
    /// The applicant, or the assigned member.
    pub person: String,
    pub codice_fiscale: String,
    pub municipality: String,
    pub pad_signed_on: Option<String>,
    /// `domain::ObligationKind` code of the next due date.
    pub due_kind: Option<String>,
    /// Days left (negative: overdue).
    pub days_left: Option<i64>,
    pub due_on: Option<String>,
    pub window: Window,
    /// The next convocation's appointment (Rome time).
    pub next_convocation: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub rows: Vec<DashboardRow>,
    /// Rows matching the filters.
    pub total: u64,
    /// Everything assigned, whatever the filters.
    pub caseload: u64,
    pub by_status: Vec<(String, u64)>,
    pub by_window: Vec<(Window, u64)>,
}

impl DashboardView {
    pub fn pages(&self) -> u64 {
        self.total.div_ceil(DASHBOARD_PAGE_SIZE).max(1)
    }
}

/// A step of the application's status history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusStep {
    pub effective_on: String,
    pub from: Option<String>,
    pub to: String,
    pub reason: String,
    pub rule: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLine {
    pub id: i64,
    pub name: String,
    pub codice_fiscale: String,
    pub birth_date: String,
    pub relation: String,
    pub attivabile: bool,
    pub disabled: bool,
    pub due_kind: Option<String>,
    pub due_on: Option<String>,
    /// Whether this operator may open this member's pages read-only.
    pub viewable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactLine {
    pub member: String,
    pub kind: String,
    pub value: String,
    pub certified_at: String,
}

/// A member's request about a convocation, as the household's file shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestLine {
    pub member: String,
    /// `reschedule` or `justification`.
    pub kind: String,
    pub text: String,
    pub sent_on: String,
    /// The convocation: who issued it and for when.
    pub convocation: String,
}

/// A household's file, as a case manager reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdFile {
    pub household_id: i64,
    pub protocol: String,
    pub programme: String,
    pub status: String,
    pub submitted_on: String,
    pub monthly_amount: Option<String>,
    pub history: Vec<StatusStep>,
    pub pad_signed_on: Option<String>,
    pub pad_sha256: Option<String>,
    /// What the pact says, as signed: the address for convocations, the consents given (codes)
    /// and whether convocations reach the household only on the platform (no contact).
    pub pad_convocation_address: Option<String>,
    pub pad_consents: Vec<String>,
    pub pad_platform_only: bool,
    /// What the household's members asked about their convocations (move it, or a
    /// justification): the operator decides.
    pub requests: Vec<RequestLine>,
    pub address: String,
    pub municipality: String,
    pub members: Vec<MemberLine>,
    pub contacts: Vec<ContactLine>,
    /// What GePI and SIU reported about the path, newest first.
    pub path_updates: Vec<crate::citizen::PathUpdateView>,
    pub due_kind: Option<String>,
    pub due_on: Option<String>,
}

/// What opening a household's file gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileAnswer {
    /// Assigned, but no reason given yet (or the one given has lapsed): ask for one.
    NeedsReason {
        protocol: String,
    },
    File(Box<HouseholdFile>),
}

/// One look at the citizen's data, as the citizen reads it: who (role and organisation, not
/// the operator's name), when, how and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLine {
    pub at: String,
    pub role: String,
    pub organisation: String,
    pub purpose: String,
    pub reason: String,
    pub reason_text: String,
    pub member: Option<String>,
}

/// An assignment, as the administrator's page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentLine {
    pub id: i64,
    pub operator: String,
    pub organisation: String,
    pub protocol: String,
    pub member: Option<String>,
    pub assigned_on: String,
}

/// How long a reason given for a household's file keeps the file open.
pub const ACCESS_MINUTES: i64 = 60;

/// The statutory clock (120, 90 or 60 days) of a stored next-due kind.
pub fn clock_of(kind: Option<&str>) -> Option<u16> {
    kind.and_then(domain::ObligationKind::from_code).and_then(domain::caseload::clock_days)
}
