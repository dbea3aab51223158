//! Organisations that publish on SIISL and the roles people hold in them: the vocabulary pages,
//! server functions and the data layer share.

use serde::{Deserialize, Serialize};

/// What an organisation is; each kind publishes what it may (PUC only Comuni).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganisationKind {
    /// A company or sole trader hiring (DM 174/2024).
    Employer,
    /// An accredited employment agency (APL).
    Agency,
    /// A training body, for courses.
    TrainingBody,
    /// A municipality, for community projects (PUC).
    Comune,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 4] = [
        OrganisationKind::Employer,
        OrganisationKind::Agency,
        OrganisationKind::TrainingBody,
        OrganisationKind::Comune,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrganisationKind::Employer => "employer",
            OrganisationKind::Agency => "agency",
            OrganisationKind::TrainingBody => "training_body",
            OrganisationKind::Comune => "comune",
        }
    }

    pub fn from_code(code: &str) -> Option<OrganisationKind> {
        OrganisationKind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// What a person may do for an organisation: its administrator also invites and removes people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganisationRole {
    Administrator,
    Member,
}

impl OrganisationRole {
    pub fn code(self) -> &'static str {
        match self {
            OrganisationRole::Administrator => "administrator",
            OrganisationRole::Member => "member",
        }
    }

    pub fn from_code(code: &str) -> Option<OrganisationRole> {
        [OrganisationRole::Administrator, OrganisationRole::Member]
            .into_iter()
            .find(|role| role.code() == code)
    }
}

/// Where an organisation's request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrganisationStatus {
    /// Waiting for a SIISL administrator.
    Pending,
    Approved,
    Refused,
}

impl OrganisationStatus {
    pub fn code(self) -> &'static str {
        match self {
            OrganisationStatus::Pending => "pending",
            OrganisationStatus::Approved => "approved",
            OrganisationStatus::Refused => "refused",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::from_code(kind.code()), Some(kind));
        }
        for role in [OrganisationRole::Administrator, OrganisationRole::Member] {
            assert_eq!(OrganisationRole::from_code(role.code()), Some(role));
        }
        assert_eq!(OrganisationKind::from_code("caf"), None);
    }
}

/// The organisation a session acts for, as pages and handlers see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActingFor {
    pub id: i64,
    pub name: String,
    pub kind: OrganisationKind,
    pub role: OrganisationRole,
}

impl ActingFor {
    pub fn is_administrator(&self) -> bool {
        self.role == OrganisationRole::Administrator
    }
}

/// An organisation in the registry, as the administrators' page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationLine {
    pub id: i64,
    pub kind: OrganisationKind,
    pub code: String,
    pub name: String,
    /// `pending`, `approved` or `refused`.
    pub status: String,
    pub contact_email: String,
    /// Codice fiscale of who asked.
    pub requested_by: String,
    /// Local time in Rome, "DD/MM/YYYY".
    pub requested_on: String,
}

/// An organisation the signed-in person may act for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipLine {
    pub id: i64,
    pub name: String,
    pub kind: OrganisationKind,
    pub role: OrganisationRole,
}

/// What the organisations page shows a person: where they act, and their pending requests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyOrganisations {
    pub memberships: Vec<MembershipLine>,
    /// The organisation the session acts for now, if any.
    pub acting_for: Option<i64>,
}

/// One of an organisation's ads in its list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnAdLine {
    pub id: i64,
    /// `domain::catalog::Kind` code.
    pub kind: String,
    pub title: String,
    /// `domain::catalog::AdState` code.
    pub state: String,
    pub state_reason: Option<String>,
    /// "DD/MM/YYYY".
    pub published_on: String,
    pub expires_on: String,
    /// In its last 7 days and not renewed yet: the renew button shows.
    pub renewable: bool,
    /// In its last 7 days (the warning shows).
    pub expiring: bool,
    pub expired: bool,
    pub candidacies: i64,
}

/// A page of an organisation's ads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnAds {
    pub ads: Vec<OwnAdLine>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
}

/// A person acting for an organisation, as its people page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonLine {
    pub codice_fiscale: String,
    pub role: OrganisationRole,
    /// "DD/MM/YYYY".
    pub since: String,
}

/// An ad's form as shown: every field as text (what was stored, or what was typed), with the
/// labels of the coded fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdFormValues {
    /// `None`: a new ad.
    pub id: Option<i64>,
    pub values: Vec<(String, String)>,
    /// `domain::catalog::AdState` code; a closed or suspended ad is shown, not edited.
    pub state: String,
}

impl AdFormValues {
    pub fn value(&self, field: &str) -> String {
        self.values.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

/// A candidacy one of the organisation's ads received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedLine {
    pub id: i64,
    pub opportunity_id: i64,
    pub title: String,
    pub status: domain::candidacy::CandidacyStatus,
    /// The candidate's name as their digital identity gave it.
    pub name: String,
    /// "DD/MM/YYYY".
    pub applied_on: String,
    pub contacts_shared: bool,
}

/// A page of the candidacies received, with the organisation's ads to filter by.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedPage {
    pub lines: Vec<ReceivedLine>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// Id and title of each of the organisation's ads, newest first.
    pub ads: Vec<(i64, String)>,
}

/// One candidacy received: the CV as it was when the person applied, and its history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceivedDetail {
    pub line: ReceivedLine,
    pub cv: Option<crate::cv::CvData>,
    /// "DD/MM/YYYY HH:MM", status, message.
    pub history: Vec<(String, domain::candidacy::CandidacyStatus, Option<String>)>,
}

/// An ad people reported, waiting for an administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedAd {
    pub opportunity_id: i64,
    pub title: String,
    pub organisation: String,
    /// Reason code (`domain::catalog::ReportReason`) and note of each open report.
    pub reports: Vec<(String, String)>,
}
