//! What the CV pages and the autocomplete exchange with the server. Shared by both sides: the
//! autocomplete island calls [`suggest`] from the browser.

use domain::NaiveDate;
use domain::cv::Cv;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
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

/// Suggestions for a typed text (public: the lists are public reference data). A GET, so
/// browsers and proxies may cache it. Both parameters are optional so a malformed query gets
/// an empty list rather than an error.
#[server(prefix = "/api", endpoint = "suggest", input = GetUrl)]
pub async fn suggest(
    kind: Option<String>,
    q: Option<String>,
) -> Result<Vec<Suggestion>, ServerFnError> {
    let (Some(kind), Some(q)) = (kind.as_deref().and_then(SuggestionKind::from_code), q) else {
        return Ok(Vec::new());
    };
    let vocabulary = crate::vocabulary::vocabulary();
    Ok(vocabulary.search(kind, &q, crate::vocabulary::MAX_SUGGESTIONS))
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

/// The signed-in citizen's CV; before the first save, one started from what SIISL knows
/// (name, registration contacts, municipality of residence).
#[server(prefix = "/api", endpoint = "my_cv")]
pub async fn my_cv() -> Result<CvData, ServerFnError> {
    use crate::state::AppState;
    let user = crate::auth::require(crate::policy::CITIZENS)?;
    let state = use_context::<AppState>().ok_or_else(|| ServerFnError::new("no state"))?;
    let now = state.clock.now();
    let today = domain::calendar::rome_date(now);
    let registration = crate::db::citizen::registration_of(&state.db, &user.codice_fiscale)
        .await
        .map_err(|_| ServerFnError::new("unavailable"))?;
    let Some(registration) = registration else {
        return Ok(CvData { registered: false, ..cv_data(Cv::default(), 0, None, today) });
    };
    let stored = crate::db::cv::load(&state.db, &user.codice_fiscale).await.map_err(|e| {
        tracing::error!(error = %e, "loading a CV failed");
        ServerFnError::new("unavailable")
    })?;
    let (cv, version, updated_at) = match stored {
        Some(s) => (s.cv, s.version, s.updated_at),
        None => (starting_cv(&state, &user, registration).await?, 0, None),
    };
    Ok(cv_data(cv, version, updated_at, today))
}

/// The CV someone starts with: what SIISL already knows about them.
#[cfg(feature = "ssr")]
pub async fn starting_cv(
    state: &crate::state::AppState,
    user: &crate::auth::CurrentUser,
    registration: crate::db::entity::registration::Model,
) -> Result<Cv, ServerFnError> {
    let mut cv = Cv::default();
    cv.personal_information.given_name = user.given_name.clone();
    cv.personal_information.family_name = user.family_name.clone();
    cv.personal_information.email = registration.email.unwrap_or_default();
    cv.personal_information.phone = registration.phone.unwrap_or_default();
    let me = crate::db::citizen::member_for(&state.db, &user.codice_fiscale)
        .await
        .map_err(|_| ServerFnError::new("unavailable"))?;
    if let Some(me) = me {
        cv.personal_information.birth_date = Some(me.birth_date);
        use sea_orm::EntityTrait;
        let home = crate::db::entity::household::Entity::find_by_id(me.household_id)
            .one(&state.db)
            .await
            .map_err(|_| ServerFnError::new("unavailable"))?;
        if let Some(h) = home {
            cv.personal_information.municipality = Some(h.municipality_code);
            cv.personal_information.address = h.address;
        }
    }
    Ok(cv)
}

/// Builds the page data: the CV and the labels of its codes.
#[cfg(feature = "ssr")]
pub fn cv_data(
    cv: Cv,
    version: i32,
    updated_at: Option<chrono::DateTime<chrono::Utc>>,
    today: NaiveDate,
) -> CvData {
    use domain::cv::Place;
    let vocabulary = crate::vocabulary::vocabulary();
    let mut labels = Vec::new();
    let mut add = |kind: SuggestionKind, code: &str| {
        if let Some(label) = vocabulary.label(kind, code) {
            labels.push((format!("{}:{code}", kind.code()), label.to_string()));
        }
    };
    for e in &cv.work_experience {
        add(SuggestionKind::Occupation, &e.occupation_code);
    }
    for s in &cv.skills {
        add(SuggestionKind::Skill, s);
    }
    if let Some(m) = &cv.personal_information.municipality {
        add(SuggestionKind::Municipality, m);
    }
    for p in &cv.availability.preferred_places {
        match p {
            Place::Municipality(code) => add(SuggestionKind::Municipality, code),
            Place::Province(code) => add(SuggestionKind::Province, code),
        }
    }
    CvData {
        registered: true,
        cv,
        version,
        updated_at: updated_at.map(|at| crate::db::situation::rome_time(at, "%d/%m/%Y %H:%M")),
        labels,
        provinces: vocabulary.provinces(),
        today,
    }
}
