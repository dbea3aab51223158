//! Candidacies as the pages show them: "Le mie candidature", and whether the signed-in person
//! can apply to the opportunity they are reading.

use domain::NaiveDate;
use domain::candidacy::{CandidacyStatus, Refusal};
use domain::catalog::Kind;
use serde::{Deserialize, Serialize};

/// What an opportunity's page offers the signed-in person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ApplyState {
    /// Not signed in: sign in first (and come back).
    SignIn,
    /// They may apply now.
    Open,
    /// They have applied: when, and where it stands.
    Applied { status: CandidacyStatus, on: NaiveDate },
    /// They may not apply (no CV, ad closed).
    Refused(Refusal),
}

/// One status a candidacy went through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub status: CandidacyStatus,
    /// Local time in Rome, "DD/MM/YYYY HH:MM".
    pub at: String,
    pub note: Option<String>,
}

/// One of the person's candidacies, newest first on the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidacyView {
    pub id: i64,
    pub opportunity_id: i64,
    pub kind: Kind,
    pub title: String,
    pub organisation: String,
    /// "Milano (MI)"; `None` for an online course.
    pub place: Option<String>,
    pub status: CandidacyStatus,
    pub applied_on: NaiveDate,
    /// Oldest first.
    pub steps: Vec<Step>,
    /// The ad is still published.
    pub live: bool,
}
