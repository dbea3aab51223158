//! The curriculum vitae (docs/rules.md R14, R25): the Europass sections, coded to standard
//! classifications (ISTAT CP2011 occupations, ESCO skills, EQF levels, CEFR levels, DigComp
//! areas, EU driving licence categories), and the checks a CV must pass before it is stored.
//!
//! The serde shape of [`Cv`] is the export format; `data/cv.schema.json` describes it and a
//! test validates exported documents against it. Codes from reference lists are checked
//! through a [`Vocabulary`] so this module stays free of the lists themselves.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The identifier the export format declares and the import requires.
pub const SCHEMA_ID: &str = "https://siisl.example.org/schemas/cv-europass-1.json";

/// Longest one-line text (names, titles, employers).
pub const SHORT_TEXT: usize = 150;
/// Longest free text (descriptions, aspirations).
pub const LONG_TEXT: usize = 2_000;
pub const MAX_EXPERIENCES: usize = 40;
pub const MAX_EDUCATION: usize = 20;
pub const MAX_LANGUAGES: usize = 20;
pub const MAX_MOTHER_TONGUES: usize = 5;
pub const MAX_SKILLS: usize = 60;
pub const MAX_TOOLS: usize = 30;
pub const MAX_PLACES: usize = 20;
/// A maximum commuting distance beyond this is not a distance, it is "anywhere".
pub const MAX_DISTANCE_KM: u16 = 1_000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cv {
    pub personal_information: Personal,
    #[serde(default)]
    pub work_experience: Vec<Experience>,
    #[serde(default)]
    pub education_and_training: Vec<Education>,
    #[serde(default)]
    pub language_skills: Languages,
    #[serde(default)]
    pub digital_skills: DigitalSkills,
    #[serde(default)]
    pub driving_licence: Vec<DrivingLicence>,
    /// ESCO skill keys from the reference list.
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub availability: Availability,
    #[serde(default)]
    pub aspirations: String,
}

/// The export file: the CV under a schema identifier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CvDocument {
    #[serde(rename = "$schema")]
    pub schema: String,
    pub cv: Cv,
}

impl CvDocument {
    pub fn new(cv: Cv) -> CvDocument {
        CvDocument { schema: SCHEMA_ID.to_string(), cv }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Personal {
    pub given_name: String,
    pub family_name: String,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Cadastral code of the municipality of residence.
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub nationality: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experience {
    /// ISTAT CP2011 unit (level 5), e.g. `8.1.3.1.0`.
    pub occupation_code: String,
    /// What the person calls the job (a job title from the list, or the unit's name).
    pub job_title: String,
    pub employer: String,
    #[serde(default)]
    pub place: String,
    pub start: NaiveDate,
    /// `None` while the job is ongoing.
    #[serde(default)]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Education {
    pub title: String,
    pub institution: String,
    /// European Qualifications Framework level, 1–8.
    pub eqf_level: u8,
    #[serde(default)]
    pub start: Option<NaiveDate>,
    /// `None` while still studying.
    #[serde(default)]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Languages {
    #[serde(default)]
    pub mother_tongues: Vec<String>,
    #[serde(default)]
    pub other_languages: Vec<LanguageSkill>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSkill {
    pub language: String,
    pub listening: Cefr,
    pub reading: Cefr,
    pub spoken_interaction: Cefr,
    pub spoken_production: Cefr,
    pub writing: Cefr,
}

/// Common European Framework of Reference for Languages levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Cefr {
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
}

impl Cefr {
    pub const ALL: [Cefr; 6] = [Cefr::A1, Cefr::A2, Cefr::B1, Cefr::B2, Cefr::C1, Cefr::C2];

    pub fn code(self) -> &'static str {
        match self {
            Cefr::A1 => "A1",
            Cefr::A2 => "A2",
            Cefr::B1 => "B1",
            Cefr::B2 => "B2",
            Cefr::C1 => "C1",
            Cefr::C2 => "C2",
        }
    }

    pub fn parse(code: &str) -> Option<Cefr> {
        Cefr::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// The five self-assessed language activities of the Europass grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LanguageActivity {
    Listening,
    Reading,
    SpokenInteraction,
    SpokenProduction,
    Writing,
}

impl LanguageActivity {
    pub const ALL: [LanguageActivity; 5] = [
        LanguageActivity::Listening,
        LanguageActivity::Reading,
        LanguageActivity::SpokenInteraction,
        LanguageActivity::SpokenProduction,
        LanguageActivity::Writing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LanguageActivity::Listening => "listening",
            LanguageActivity::Reading => "reading",
            LanguageActivity::SpokenInteraction => "spoken_interaction",
            LanguageActivity::SpokenProduction => "spoken_production",
            LanguageActivity::Writing => "writing",
        }
    }
}

impl LanguageSkill {
    pub fn level(&self, activity: LanguageActivity) -> Cefr {
        match activity {
            LanguageActivity::Listening => self.listening,
            LanguageActivity::Reading => self.reading,
            LanguageActivity::SpokenInteraction => self.spoken_interaction,
            LanguageActivity::SpokenProduction => self.spoken_production,
            LanguageActivity::Writing => self.writing,
        }
    }
}

/// Self-assessment on the five DigComp 2.2 competence areas, plus the tools the person uses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigitalSkills {
    #[serde(default)]
    pub information: Option<DigLevel>,
    #[serde(default)]
    pub communication: Option<DigLevel>,
    #[serde(default)]
    pub content_creation: Option<DigLevel>,
    #[serde(default)]
    pub safety: Option<DigLevel>,
    #[serde(default)]
    pub problem_solving: Option<DigLevel>,
    /// Programs and devices, in the person's words ("Excel", "POS", "muletto con palmare").
    #[serde(default)]
    pub tools: Vec<String>,
}

/// DigComp area codes, in the framework's order.
pub const DIGCOMP_AREAS: [&str; 5] =
    ["information", "communication", "content_creation", "safety", "problem_solving"];

impl DigitalSkills {
    pub fn area(&self, code: &str) -> Option<DigLevel> {
        match code {
            "information" => self.information,
            "communication" => self.communication,
            "content_creation" => self.content_creation,
            "safety" => self.safety,
            "problem_solving" => self.problem_solving,
            _ => None,
        }
    }

    pub fn set_area(&mut self, code: &str, level: Option<DigLevel>) {
        match code {
            "information" => self.information = level,
            "communication" => self.communication = level,
            "content_creation" => self.content_creation = level,
            "safety" => self.safety = level,
            "problem_solving" => self.problem_solving = level,
            _ => {}
        }
    }
}

/// DigComp's four proficiency groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DigLevel {
    Foundation,
    Intermediate,
    Advanced,
    HighlySpecialised,
}

impl DigLevel {
    pub const ALL: [DigLevel; 4] = [
        DigLevel::Foundation,
        DigLevel::Intermediate,
        DigLevel::Advanced,
        DigLevel::HighlySpecialised,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DigLevel::Foundation => "foundation",
            DigLevel::Intermediate => "intermediate",
            DigLevel::Advanced => "advanced",
            DigLevel::HighlySpecialised => "highly_specialised",
        }
    }

    pub fn parse(code: &str) -> Option<DigLevel> {
        DigLevel::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// EU driving licence categories (Directive 2006/126/EC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DrivingLicence {
    AM,
    A1,
    A2,
    A,
    B,
    BE,
    C1,
    C1E,
    C,
    CE,
    D1,
    D1E,
    D,
    DE,
}

impl DrivingLicence {
    pub const ALL: [DrivingLicence; 14] = [
        DrivingLicence::AM,
        DrivingLicence::A1,
        DrivingLicence::A2,
        DrivingLicence::A,
        DrivingLicence::B,
        DrivingLicence::BE,
        DrivingLicence::C1,
        DrivingLicence::C1E,
        DrivingLicence::C,
        DrivingLicence::CE,
        DrivingLicence::D1,
        DrivingLicence::D1E,
        DrivingLicence::D,
        DrivingLicence::DE,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DrivingLicence::AM => "AM",
            DrivingLicence::A1 => "A1",
            DrivingLicence::A2 => "A2",
            DrivingLicence::A => "A",
            DrivingLicence::B => "B",
            DrivingLicence::BE => "BE",
            DrivingLicence::C1 => "C1",
            DrivingLicence::C1E => "C1E",
            DrivingLicence::C => "C",
            DrivingLicence::CE => "CE",
            DrivingLicence::D1 => "D1",
            DrivingLicence::D1E => "D1E",
            DrivingLicence::D => "D",
            DrivingLicence::DE => "DE",
        }
    }

    pub fn parse(code: &str) -> Option<DrivingLicence> {
        DrivingLicence::ALL.into_iter().find(|l| l.code() == code)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    #[serde(default)]
    pub full_time: bool,
    #[serde(default)]
    pub part_time: bool,
    #[serde(default)]
    pub available_from: Option<NaiveDate>,
    #[serde(default)]
    pub max_distance_km: Option<u16>,
    #[serde(default)]
    pub preferred_places: Vec<Place>,
}

/// Where the person would like to work.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum Place {
    /// Cadastral code.
    Municipality(String),
    /// Two-letter province code.
    Province(String),
}

/// The reference lists the codes in a CV come from.
pub trait Vocabulary {
    fn is_occupation(&self, code: &str) -> bool;
    fn is_skill(&self, key: &str) -> bool;
    fn is_municipality(&self, code: &str) -> bool;
    fn is_province(&self, code: &str) -> bool;
}

/// One thing wrong with a CV: where (a dotted path, list items by index) and a stable code
/// the interface translates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub field: String,
    pub code: &'static str,
}

/// Collects problems under a path prefix.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, field: impl Into<String>, code: &'static str) {
        self.problems.push(Problem { field: field.into(), code });
    }

    fn text(&mut self, field: impl Into<String>, value: &str, required: bool, max: usize) {
        let field = field.into();
        if let Some(code) = text_problem(value, required, max, false) {
            self.push(field, code);
        }
    }

    fn long_text(&mut self, field: impl Into<String>, value: &str) {
        if let Some(code) = text_problem(value, false, LONG_TEXT, true) {
            self.push(field, code);
        }
    }
}

/// Why a text is refused: missing, too long, or holding what no text may hold (the one rule of
/// `crate::text`: control characters, new lines only in multi-line fields, no bidirectional
/// overrides). Markup is not refused: it is stored as typed and always rendered escaped.
pub fn text_problem(
    value: &str,
    required: bool,
    max: usize,
    multiline: bool,
) -> Option<&'static str> {
    if required && value.trim().is_empty() {
        return Some("required");
    }
    if value.chars().count() > max {
        return Some("too_long");
    }
    let lines = if multiline { crate::text::Lines::Many } else { crate::text::Lines::One };
    crate::text::problem(value, lines).map(crate::text::TextProblem::code)
}

pub fn check_personal(
    p: &Personal,
    today: NaiveDate,
    vocabulary: &impl Vocabulary,
) -> Vec<Problem> {
    let mut c = Checker::default();
    c.text("given_name", &p.given_name, true, SHORT_TEXT);
    c.text("family_name", &p.family_name, true, SHORT_TEXT);
    if p.birth_date.is_some_and(|born| {
        born > today
            || born < crate::calendar::EARLIEST_BIRTH
            || crate::calendar::age_on(born, today) > 120
    }) {
        c.push("birth_date", "implausible");
    }
    c.text("email", &p.email, false, 254);
    if !p.email.is_empty() && !plausible_email(&p.email) {
        c.push("email", "malformed");
    }
    c.text("phone", &p.phone, false, 30);
    if !p.phone.is_empty()
        && !p.phone.chars().all(|ch| ch.is_ascii_digit() || " +-./()".contains(ch))
    {
        c.push("phone", "malformed");
    }
    if p.municipality.as_ref().is_some_and(|code| !vocabulary.is_municipality(code)) {
        c.push("municipality", "unknown");
    }
    c.text("address", &p.address, false, 300);
    c.text("nationality", &p.nationality, false, SHORT_TEXT);
    c.problems
}

pub fn plausible_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// A work experience: an occupation from the classification, dates in order, a finished job
/// ended in the past.
pub fn check_experience(
    e: &Experience,
    today: NaiveDate,
    vocabulary: &impl Vocabulary,
) -> Vec<Problem> {
    let mut c = Checker::default();
    if e.occupation_code.trim().is_empty() {
        c.push("occupation", "required");
    } else if !vocabulary.is_occupation(&e.occupation_code) {
        c.push("occupation", "unknown");
    }
    c.text("job_title", &e.job_title, false, SHORT_TEXT);
    c.text("employer", &e.employer, true, SHORT_TEXT);
    c.text("place", &e.place, false, SHORT_TEXT);
    c.long_text("description", &e.description);
    if e.start > today {
        c.push("start", "in_future");
    } else if e.start < crate::calendar::EARLIEST_BIRTH {
        c.push("start", "implausible");
    }
    if let Some(end) = e.end {
        if end < e.start {
            c.push("end", "before_start");
        } else if end > today {
            // A finished job cannot end tomorrow; an ongoing one has no end date.
            c.push("end", "in_future");
        }
    }
    c.problems
}

pub fn check_education(e: &Education, today: NaiveDate) -> Vec<Problem> {
    let mut c = Checker::default();
    c.text("title", &e.title, true, SHORT_TEXT);
    c.text("institution", &e.institution, true, SHORT_TEXT);
    if !(1..=8).contains(&e.eqf_level) {
        c.push("eqf_level", "invalid");
    }
    c.long_text("description", &e.description);
    if e.start.is_some_and(|s| s > today) {
        c.push("start", "in_future");
    } else if e.start.is_some_and(|s| s < crate::calendar::EARLIEST_BIRTH) {
        c.push("start", "implausible");
    }
    if let Some(end) = e.end {
        if e.start.is_some_and(|s| end < s) {
            c.push("end", "before_start");
        } else if end > today {
            c.push("end", "in_future");
        }
    }
    c.problems
}

pub fn check_language(l: &LanguageSkill) -> Vec<Problem> {
    let mut c = Checker::default();
    c.text("language", &l.language, true, 60);
    c.problems
}

pub fn check_languages(l: &Languages) -> Vec<Problem> {
    let mut c = Checker::default();
    if l.mother_tongues.len() > MAX_MOTHER_TONGUES {
        c.push("mother_tongues", "too_many");
    }
    for (i, tongue) in l.mother_tongues.iter().enumerate() {
        c.text(format!("mother_tongues.{i}"), tongue, true, 60);
    }
    if l.other_languages.len() > MAX_LANGUAGES {
        c.push("other_languages", "too_many");
    }
    for (i, language) in l.other_languages.iter().enumerate() {
        for p in check_language(language) {
            c.push(format!("other_languages.{i}.{}", p.field), p.code);
        }
    }
    c.problems
}

pub fn check_digital(d: &DigitalSkills) -> Vec<Problem> {
    let mut c = Checker::default();
    if d.tools.len() > MAX_TOOLS {
        c.push("tools", "too_many");
    }
    for (i, tool) in d.tools.iter().enumerate() {
        c.text(format!("tools.{i}"), tool, true, 60);
    }
    c.problems
}

pub fn check_skills(skills: &[String], vocabulary: &impl Vocabulary) -> Vec<Problem> {
    let mut c = Checker::default();
    if skills.len() > MAX_SKILLS {
        c.push("count", "too_many");
    }
    for (i, key) in skills.iter().enumerate() {
        if !vocabulary.is_skill(key) {
            c.push(i.to_string(), "unknown");
        }
        if skills[..i].contains(key) {
            c.push(i.to_string(), "duplicate");
        }
    }
    c.problems
}

pub fn check_availability(
    a: &Availability,
    today: NaiveDate,
    vocabulary: &impl Vocabulary,
) -> Vec<Problem> {
    let mut c = Checker::default();
    if a.max_distance_km.is_some_and(|km| km == 0 || km > MAX_DISTANCE_KM) {
        c.push("max_distance_km", "out_of_range");
    }
    // Availability far ahead is not availability (the benefit needs it now, R24).
    if a.available_from.is_some_and(|d| d > crate::calendar::add_days(today, 366)) {
        c.push("available_from", "implausible");
    }
    if a.preferred_places.len() > MAX_PLACES {
        c.push("preferred_places", "too_many");
    }
    for (i, place) in a.preferred_places.iter().enumerate() {
        let known = match place {
            Place::Municipality(code) => vocabulary.is_municipality(code),
            Place::Province(code) => vocabulary.is_province(code),
        };
        if !known {
            c.push(format!("preferred_places.{i}"), "unknown");
        }
        if a.preferred_places[..i].contains(place) {
            c.push(format!("preferred_places.{i}"), "duplicate");
        }
    }
    c.problems
}

impl Cv {
    /// Every problem in the whole CV, each under its section's path (an import is checked
    /// with this; a section form with the section's own check).
    pub fn check(&self, today: NaiveDate, vocabulary: &impl Vocabulary) -> Vec<Problem> {
        let mut all = Vec::new();
        let mut under = |prefix: String, problems: Vec<Problem>| {
            all.extend(
                problems
                    .into_iter()
                    .map(|p| Problem { field: format!("{prefix}.{}", p.field), code: p.code }),
            );
        };
        under(
            "personal_information".into(),
            check_personal(&self.personal_information, today, vocabulary),
        );
        if self.work_experience.len() > MAX_EXPERIENCES {
            under(
                "work_experience".into(),
                vec![Problem { field: "count".into(), code: "too_many" }],
            );
        }
        for (i, e) in self.work_experience.iter().enumerate() {
            under(format!("work_experience.{i}"), check_experience(e, today, vocabulary));
        }
        if self.education_and_training.len() > MAX_EDUCATION {
            under(
                "education_and_training".into(),
                vec![Problem { field: "count".into(), code: "too_many" }],
            );
        }
        for (i, e) in self.education_and_training.iter().enumerate() {
            under(format!("education_and_training.{i}"), check_education(e, today));
        }
        under("language_skills".into(), check_languages(&self.language_skills));
        under("digital_skills".into(), check_digital(&self.digital_skills));
        let mut seen = Vec::new();
        for (i, licence) in self.driving_licence.iter().enumerate() {
            if seen.contains(licence) {
                under(
                    "driving_licence".into(),
                    vec![Problem { field: i.to_string(), code: "duplicate" }],
                );
            }
            seen.push(*licence);
        }
        under("skills".into(), check_skills(&self.skills, vocabulary));
        under("availability".into(), check_availability(&self.availability, today, vocabulary));
        if let Some(code) = text_problem(&self.aspirations, false, LONG_TEXT, true) {
            all.push(Problem { field: "aspirations".into(), code });
        }
        all
    }

    /// Sections with something in them, for the overview's progress.
    pub fn filled_sections(&self) -> [bool; 9] {
        let a = &self.availability;
        let d = &self.digital_skills;
        [
            !self.personal_information.given_name.is_empty(),
            !self.work_experience.is_empty(),
            !self.education_and_training.is_empty(),
            !self.language_skills.mother_tongues.is_empty()
                || !self.language_skills.other_languages.is_empty(),
            DIGCOMP_AREAS.iter().any(|area| d.area(area).is_some()) || !d.tools.is_empty(),
            !self.driving_licence.is_empty(),
            !self.skills.is_empty(),
            a.full_time || a.part_time || a.available_from.is_some() || a.max_distance_km.is_some(),
            !self.aspirations.trim().is_empty(),
        ]
    }

    /// Newest first, as Europass lists them: ongoing jobs, then by end and start date.
    pub fn sort_lists(&mut self) {
        self.work_experience.sort_by(|a, b| {
            let key = |e: &Experience| (e.end.is_none(), e.end, e.start);
            key(b).cmp(&key(a))
        });
        self.education_and_training.sort_by(|a, b| {
            let key = |e: &Education| (e.end.is_none(), e.end, e.start);
            key(b).cmp(&key(a))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Lists;

    impl Vocabulary for Lists {
        fn is_occupation(&self, code: &str) -> bool {
            code == "8.1.3.1.0"
        }
        fn is_skill(&self, key: &str) -> bool {
            key == "inglese" || key == "lavoro di squadra"
        }
        fn is_municipality(&self, code: &str) -> bool {
            code == "H501"
        }
        fn is_province(&self, code: &str) -> bool {
            code == "RM"
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn job() -> Experience {
        Experience {
            occupation_code: "8.1.3.1.0".into(),
            job_title: "Magazziniere".into(),
            employer: "Logistica Srl".into(),
            place: "Roma".into(),
            start: day("2020-01-01"),
            end: Some(day("2022-06-30")),
            description: "Carico e scarico\nInventario".into(),
        }
    }

    fn codes(problems: &[Problem]) -> Vec<(String, &'static str)> {
        problems.iter().map(|p| (p.field.clone(), p.code)).collect()
    }

    const TODAY: &str = "2026-11-26";

    #[test]
    fn a_complete_experience_passes() {
        assert!(check_experience(&job(), day(TODAY), &Lists).is_empty());
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let e = Experience { end: Some(day("2019-12-31")), ..job() };
        assert_eq!(
            codes(&check_experience(&e, day(TODAY), &Lists)),
            [("end".into(), "before_start")]
        );
    }

    #[test]
    fn a_finished_job_cannot_end_in_the_future() {
        let e = Experience { end: Some(day("2026-11-27")), ..job() };
        assert_eq!(codes(&check_experience(&e, day(TODAY), &Lists)), [("end".into(), "in_future")]);
        let ongoing = Experience { end: None, ..job() };
        assert!(check_experience(&ongoing, day(TODAY), &Lists).is_empty());
    }

    #[test]
    fn occupations_come_from_the_classification() {
        let e = Experience { occupation_code: "9.9.9".into(), ..job() };
        assert_eq!(
            codes(&check_experience(&e, day(TODAY), &Lists)),
            [("occupation".into(), "unknown")]
        );
        let e = Experience { occupation_code: " ".into(), ..job() };
        assert_eq!(
            codes(&check_experience(&e, day(TODAY), &Lists)),
            [("occupation".into(), "required")]
        );
    }

    #[test]
    fn markup_is_kept_but_control_characters_and_length_are_refused() {
        let e = Experience { employer: "<script>alert(1)</script>".into(), ..job() };
        assert!(check_experience(&e, day(TODAY), &Lists).is_empty());
        let e = Experience {
            employer: "a\u{0}b".into(),
            description: "x".repeat(LONG_TEXT + 1),
            ..job()
        };
        assert_eq!(
            codes(&check_experience(&e, day(TODAY), &Lists)),
            [("employer".into(), "control_character"), ("description".into(), "too_long")]
        );
    }

    #[test]
    fn eqf_levels_are_one_to_eight() {
        let course = Education {
            title: "Diploma".into(),
            institution: "ITIS".into(),
            eqf_level: 9,
            start: None,
            end: Some(day("2010-07-01")),
            description: String::new(),
        };
        assert_eq!(codes(&check_education(&course, day(TODAY))), [("eqf_level".into(), "invalid")]);
        assert!(check_education(&Education { eqf_level: 4, ..course }, day(TODAY)).is_empty());
    }

    #[test]
    fn cefr_codes_parse_only_the_six_levels() {
        assert_eq!(Cefr::parse("B2"), Some(Cefr::B2));
        assert_eq!(Cefr::parse("D7"), None);
        assert_eq!(Cefr::parse("b2"), None);
        let json = r#"{"language":"inglese","listening":"B2","reading":"B2","spoken_interaction":"B1","spoken_production":"B1","writing":"Z9"}"#;
        assert!(serde_json::from_str::<LanguageSkill>(json).is_err());
        let json = json.replace("Z9", "C2");
        assert_eq!(serde_json::from_str::<LanguageSkill>(&json).unwrap().writing, Cefr::C2);
    }

    #[test]
    fn availability_distance_and_places_are_checked() {
        let a = Availability {
            max_distance_km: Some(0),
            preferred_places: vec![
                Place::Municipality("H501".into()),
                Place::Province("XX".into()),
                Place::Municipality("H501".into()),
            ],
            ..Availability::default()
        };
        assert_eq!(
            codes(&check_availability(&a, day(TODAY), &Lists)),
            [
                ("max_distance_km".into(), "out_of_range"),
                ("preferred_places.1".into(), "unknown"),
                ("preferred_places.2".into(), "duplicate"),
            ]
        );
    }

    #[test]
    fn the_whole_cv_names_each_problem_by_path() {
        let cv = Cv {
            personal_information: Personal {
                given_name: "Aisha".into(),
                family_name: String::new(),
                ..Personal::default()
            },
            work_experience: vec![job(), Experience { end: Some(day("2000-01-01")), ..job() }],
            skills: vec!["inglese".into(), "volare".into()],
            ..Cv::default()
        };
        assert_eq!(
            codes(&cv.check(day(TODAY), &Lists)),
            [
                ("personal_information.family_name".into(), "required"),
                ("work_experience.1.end".into(), "before_start"),
                ("skills.1".into(), "unknown"),
            ]
        );
    }

    #[test]
    fn lists_sort_newest_first_with_ongoing_on_top() {
        let mut cv = Cv {
            work_experience: vec![
                job(),
                Experience { end: None, start: day("2023-01-01"), ..job() },
                Experience { start: day("2023-01-01"), end: Some(day("2024-01-01")), ..job() },
            ],
            ..Cv::default()
        };
        cv.sort_lists();
        let ends: Vec<_> = cv.work_experience.iter().map(|e| e.end).collect();
        assert_eq!(ends, [None, Some(day("2024-01-01")), Some(day("2022-06-30"))]);
    }
}
