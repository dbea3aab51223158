//! What the CV pages and the autocomplete exchange with the server. Shared by both sides: the
//! autocomplete island calls [`suggest`] from the browser.

use domain::NaiveDate;
use domain::cv::Cv;
use serde::{Deserialize, Serialize};

/// Which reference list a field is coded against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// ISTAT CP2011 units, found through their job titles.
    Occupation,
    /// ESCO skills.
    Skill,
    Municipality,
    Province,
    /// Municipalities and provinces together (the catalogue's "where"): a province's code is
    /// its two letters, a municipality's its four-character cadastral code.
    Place,
}

impl SuggestionKind {
    pub fn code(self) -> &'static str {
        match self {
            SuggestionKind::Occupation => "occupation",
            SuggestionKind::Skill => "skill",
            SuggestionKind::Municipality => "municipality",
            SuggestionKind::Province => "province",
            SuggestionKind::Place => "place",
        }
    }
}

/// One entry of a reference list offered for a typed text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub code: String,
    pub label: String,
    /// What the code stands for when the label does not say it (the CP2011 unit of a job
    /// title, a skill's category, a municipality's region).
    pub detail: String,
}

impl SuggestionKind {
    pub const ALL: [SuggestionKind; 5] = [
        SuggestionKind::Occupation,
        SuggestionKind::Skill,
        SuggestionKind::Municipality,
        SuggestionKind::Province,
        SuggestionKind::Place,
    ];

    pub fn from_code(code: &str) -> Option<SuggestionKind> {
        SuggestionKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The signed-in person's CV with what its codes stand for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CvData {
    /// `false`: the person has not registered on SIISL (no privacy consent), so nothing is shown.
    pub registered: bool,
    pub cv: Cv,
    /// The version this copy is; forms send it back (0: not saved yet).
    pub version: i32,
    /// Local time in Rome of the last save, "DD/MM/YYYY HH:MM".
    pub updated_at: Option<String>,
    /// `kind:code` → label, for every code in the CV.
    pub labels: Vec<(String, String)>,
    /// The provinces, code and name, for the availability form.
    pub provinces: Vec<(String, String)>,
    pub today: NaiveDate,
}

impl CvData {
    /// The label of a code, or the code itself when the list does not know it.
    pub fn label(&self, kind: SuggestionKind, code: &str) -> String {
        let key = format!("{}:{code}", kind.code());
        self.labels
            .iter()
            .find(|(k, _)| *k == key)
            .map_or_else(|| code.to_string(), |(_, v)| v.clone())
    }
}
