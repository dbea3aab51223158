//! The catalogue of opportunities: job offers, training courses, internships and PUC
//! (community projects run by municipalities). What an ad may say about its own life (it lasts
//! at most two months and may be renewed once, within the last 7 days, for two more: DM
//! 174/2024, docs/rules.md "Job ads"), and the straight-line distance searches use.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// What an opportunity is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Job,
    Course,
    Internship,
    /// Progetto utile alla collettività (R28).
    Puc,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Job, Kind::Course, Kind::Internship, Kind::Puc];

    /// The code used in URLs and in the database.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Job => "lavoro",
            Kind::Course => "corso",
            Kind::Internship => "tirocinio",
            Kind::Puc => "puc",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The kind of employment contract of a job offer (R27 tells permanent from fixed-term ones;
/// agency work counts as fixed-term).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Contract {
    Permanent,
    FixedTerm,
    Apprenticeship,
    /// Somministrazione: employed by an agency, working for its client.
    Agency,
    Seasonal,
}

impl Contract {
    pub const ALL: [Contract; 5] = [
        Contract::Permanent,
        Contract::FixedTerm,
        Contract::Apprenticeship,
        Contract::Agency,
        Contract::Seasonal,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Contract::Permanent => "indeterminato",
            Contract::FixedTerm => "determinato",
            Contract::Apprenticeship => "apprendistato",
            Contract::Agency => "somministrazione",
            Contract::Seasonal => "stagionale",
        }
    }

    pub fn parse(code: &str) -> Option<Contract> {
        Contract::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Whether the contract has an end date (and so a duration in months).
    pub fn is_temporary(self) -> bool {
        !matches!(self, Contract::Permanent | Contract::Apprenticeship)
    }
}

/// Full-time weekly hours, the base of the "percentage of full time" every offer states.
pub const FULL_TIME_WEEKLY_HOURS: u32 = 40;
/// The longest an ad stays published, and what a renewal adds.
pub const AD_MONTHS: u32 = 2;
/// How many days before its expiry an ad may be renewed.
pub const RENEWAL_WINDOW_DAYS: i64 = 7;

/// Why an ad's dates are refused.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PublicationProblem {
    /// The expiry is not after the publication date.
    ExpiryNotAfterPublication,
    /// The expiry is more than two months after publication.
    ExpiryTooLate,
}

impl PublicationProblem {
    pub fn code(self) -> &'static str {
        match self {
            PublicationProblem::ExpiryNotAfterPublication => "expiry_not_after_publication",
            PublicationProblem::ExpiryTooLate => "expiry_too_late",
        }
    }
}

/// The latest expiry an ad published on `published` may have.
pub fn latest_expiry(published: NaiveDate) -> NaiveDate {
    published.checked_add_months(Months::new(AD_MONTHS)).unwrap_or(NaiveDate::MAX)
}

/// Checks an ad's publication window: it ends after it starts, at most two months later.
pub fn check_publication(
    published: NaiveDate,
    expires: NaiveDate,
) -> Result<(), PublicationProblem> {
    if expires <= published {
        Err(PublicationProblem::ExpiryNotAfterPublication)
    } else if expires > latest_expiry(published) {
        Err(PublicationProblem::ExpiryTooLate)
    } else {
        Ok(())
    }
}

/// Why a renewal is refused.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum RenewalProblem {
    AlreadyRenewed,
    /// More than 7 days before expiry.
    TooEarly,
    /// The ad has expired: it has to be published again.
    Expired,
}

impl RenewalProblem {
    pub fn code(self) -> &'static str {
        match self {
            RenewalProblem::AlreadyRenewed => "already_renewed",
            RenewalProblem::TooEarly => "too_early",
            RenewalProblem::Expired => "expired",
        }
    }
}

/// The new expiry of an ad renewed on `today`: two more months from its current expiry, once,
/// and only in the last 7 days before it expires (the expiry day included).
pub fn renewal(
    expires: NaiveDate,
    already_renewed: bool,
    today: NaiveDate,
) -> Result<NaiveDate, RenewalProblem> {
    if already_renewed {
        Err(RenewalProblem::AlreadyRenewed)
    } else if today > expires {
        Err(RenewalProblem::Expired)
    } else if (expires - today).num_days() > RENEWAL_WINDOW_DAYS {
        Err(RenewalProblem::TooEarly)
    } else {
        Ok(latest_expiry(expires))
    }
}

/// Where an ad stands besides its dates. Only a live ad is searched and takes candidacies;
/// its organisation pauses, resumes and closes it, an administrator suspends it.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdState {
    Live,
    Paused,
    /// For good: a closed ad is not reopened (a new one is published).
    Closed,
    /// By an administrator, with a reason; only an administrator lifts it.
    Suspended,
}

impl AdState {
    pub const ALL: [AdState; 4] =
        [AdState::Live, AdState::Paused, AdState::Closed, AdState::Suspended];

    pub fn code(self) -> &'static str {
        match self {
            AdState::Live => "live",
            AdState::Paused => "paused",
            AdState::Closed => "closed",
            AdState::Suspended => "suspended",
        }
    }

    pub fn parse(code: &str) -> Option<AdState> {
        AdState::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What an organisation does to one of its ads.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdAction {
    Pause,
    Resume,
    Close,
    Renew,
}

impl AdAction {
    pub const ALL: [AdAction; 4] =
        [AdAction::Pause, AdAction::Resume, AdAction::Close, AdAction::Renew];

    pub fn code(self) -> &'static str {
        match self {
            AdAction::Pause => "pause",
            AdAction::Resume => "resume",
            AdAction::Close => "close",
            AdAction::Renew => "renew",
        }
    }

    pub fn parse(code: &str) -> Option<AdAction> {
        AdAction::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// The state an organisation's pause, resume or close leads to (`None`: not from this state).
/// A renewal keeps the state; it is decided by [`renewal`].
pub fn next_state(state: AdState, action: AdAction) -> Option<AdState> {
    match (state, action) {
        (AdState::Live, AdAction::Pause) => Some(AdState::Paused),
        (AdState::Paused, AdAction::Resume) => Some(AdState::Live),
        (AdState::Live | AdState::Paused, AdAction::Close) => Some(AdState::Closed),
        (AdState::Live | AdState::Paused, AdAction::Renew) => Some(state),
        _ => None,
    }
}

/// Why a person reports an ad.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportReason {
    /// Not a real offer, or not what it says.
    Misleading,
    /// Asks for or excludes people by sex, age, origin, religion, disability…
    Discriminatory,
    /// Asks for money, documents or data it has no business asking for.
    Fraud,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 4] = [
        ReportReason::Misleading,
        ReportReason::Discriminatory,
        ReportReason::Fraud,
        ReportReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportReason::Misleading => "misleading",
            ReportReason::Discriminatory => "discriminatory",
            ReportReason::Fraud => "fraud",
            ReportReason::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<ReportReason> {
        ReportReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Whether its organisation may still change the ad's text: not once closed or suspended.
pub fn is_editable(state: AdState) -> bool {
    matches!(state, AdState::Live | AdState::Paused)
}

/// Whether the organisation of an ad expiring on `expires` is due the warning on `today`: in
/// the renewal window (the last 7 days), while the ad has not expired.
pub fn expiry_warning_due(expires: NaiveDate, today: NaiveDate) -> bool {
    today <= expires && (expires - today).num_days() <= RENEWAL_WINDOW_DAYS
}

/// Whether an ad shows in searches on `today`: from its publication day to its expiry day.
pub fn is_live(published: NaiveDate, expires: NaiveDate, today: NaiveDate) -> bool {
    published <= today && today <= expires
}

/// An ad as its publisher writes it: what `check` validates before anything is stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ad {
    pub kind: Kind,
    pub title: String,
    /// Employer, training provider, internship host, or the municipality running a PUC.
    pub organisation: String,
    pub description: String,
    /// ISTAT CP2011 unit (jobs and internships).
    pub occupation_code: Option<String>,
    /// Cadastral code; `None` only for an online course.
    pub municipality_code: Option<String>,
    pub online: bool,
    pub contract: Option<Contract>,
    pub duration_months: Option<i32>,
    /// Weekly hours as a percentage of full time.
    pub hours_pct: Option<i32>,
    pub total_hours: Option<i32>,
    /// Gross monthly pay or allowance in euros; `None`: not stated.
    pub pay_monthly: Option<i32>,
    pub eqf_level: Option<i32>,
    pub topic: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub published_on: NaiveDate,
    pub expires_on: NaiveDate,
    /// ESCO skill keys.
    pub skills: Vec<String>,
    /// How many people are taken; `None`: not stated.
    #[serde(default)]
    pub seats: Option<i32>,
}

/// Minimum weekly hours of a PUC (R28): 8 of 40, as a percentage of full time.
pub const PUC_MIN_HOURS_PCT: i32 = 20;

impl Ad {
    /// Every problem with the ad, as (field, code) pairs; empty when it may be published.
    pub fn check(&self, vocabulary: &impl crate::cv::Vocabulary) -> Vec<crate::cv::Problem> {
        use crate::cv::{Problem, text_problem};
        let mut out = Vec::new();
        let mut push = |field: &str, code: &'static str| {
            out.push(Problem { field: field.to_string(), code });
        };
        for (field, value, max) in
            [("title", &self.title, 200), ("organisation", &self.organisation, 200)]
        {
            if let Some(code) = text_problem(value, true, max, false) {
                push(field, code);
            }
        }
        if let Some(code) = text_problem(&self.description, true, 5_000, true) {
            push("description", code);
        }
        let needs_occupation = matches!(self.kind, Kind::Job | Kind::Internship);
        match &self.occupation_code {
            Some(code) if !vocabulary.is_occupation(code) => push("occupation_code", "unknown"),
            None if needs_occupation => push("occupation_code", "required"),
            _ => {}
        }
        match &self.municipality_code {
            Some(code) if !vocabulary.is_municipality(code) => {
                push("municipality_code", "unknown");
            }
            None if !(self.kind == Kind::Course && self.online) => {
                push("municipality_code", "required");
            }
            _ => {}
        }
        if self.online && self.kind != Kind::Course {
            push("online", "courses_only");
        }
        match (self.kind, self.contract) {
            (Kind::Job, None) => push("contract", "required"),
            (Kind::Job, Some(c)) if c.is_temporary() && self.duration_months.is_none() => {
                push("duration_months", "required");
            }
            (Kind::Job, _) => {}
            (_, Some(_)) => push("contract", "jobs_only"),
            _ => {}
        }
        if let Some(months) = self.duration_months
            && !(1..=60).contains(&months)
        {
            push("duration_months", "out_of_range");
        }
        if matches!(self.kind, Kind::Internship | Kind::Puc) && self.duration_months.is_none() {
            push("duration_months", "required");
        }
        match self.hours_pct {
            Some(pct) if !(1..=100).contains(&pct) => push("hours_pct", "out_of_range"),
            Some(pct) if self.kind == Kind::Puc && pct < PUC_MIN_HOURS_PCT => {
                push("hours_pct", "puc_minimum");
            }
            None if self.kind != Kind::Course => push("hours_pct", "required"),
            _ => {}
        }
        if self.kind == Kind::Course {
            match self.total_hours {
                Some(h) if !(1..=5_000).contains(&h) => push("total_hours", "out_of_range"),
                None => push("total_hours", "required"),
                _ => {}
            }
            match self.eqf_level {
                Some(l) if !(1..=8).contains(&l) => push("eqf_level", "out_of_range"),
                None => push("eqf_level", "required"),
                _ => {}
            }
        }
        if let Some(pay) = self.pay_monthly
            && !(1..=100_000).contains(&pay)
        {
            push("pay_monthly", "out_of_range");
        }
        if let Some(topic) = &self.topic
            && let Some(code) = text_problem(topic, false, 100, false)
        {
            push("topic", code);
        }
        if self.ends_on.is_some_and(|end| end < self.starts_on) {
            push("ends_on", "before_start");
        }
        if let Err(problem) = check_publication(self.published_on, self.expires_on) {
            push("expires_on", problem.code());
        }
        if let Some(seats) = self.seats
            && !(1..=10_000).contains(&seats)
        {
            push("seats", "out_of_range");
        }
        if self.skills.len() > 30 {
            push("skills", "too_many");
        }
        if self.skills.iter().any(|s| !vocabulary.is_skill(s)) {
            push("skills", "unknown");
        }
        out
    }
}

/// A place on the map (WGS84 degrees).
#[derive(Copy, Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

/// Kilometres per degree of latitude (mean Earth radius 6,371.0088 km).
pub const KM_PER_DEGREE: f64 = 111.195_08;

/// The cosine of the centre's latitude, which scales degrees of longitude to kilometres.
pub fn longitude_scale(center: Point) -> f64 {
    center.lat.to_radians().cos()
}

/// The squared distance in "degrees of latitude" from `center` to `to`, on the equirectangular
/// projection around `center`. This is exactly the expression the search sends to the database
/// (`((lon - lon0) * scale)² + (lat - lat0)²`), so the distance a page prints and the radius the
/// database filters on can never disagree. Within 200 km it stays within 0.5 % of the
/// great-circle distance at Italian latitudes, far below what a municipality's centroid means.
pub fn squared_degrees(center: Point, scale: f64, to: Point) -> f64 {
    let dx = (to.lon - center.lon) * scale;
    let dy = to.lat - center.lat;
    dx * dx + dy * dy
}

/// The straight-line distance in km between two places (see [`squared_degrees`]).
pub fn distance_km(center: Point, to: Point) -> f64 {
    squared_degrees(center, longitude_scale(center), to).sqrt() * KM_PER_DEGREE
}

/// The squared radius, in the unit of [`squared_degrees`], of a circle of `km`.
pub fn squared_radius(km: f64) -> f64 {
    let degrees = km / KM_PER_DEGREE;
    degrees * degrees
}

/// A latitude/longitude box that contains the circle of `km` around `center`: the cheap,
/// indexable part of a radius filter. Returns (min lat, max lat, min lon, max lon).
pub fn bounding_box(center: Point, km: f64) -> (f64, f64, f64, f64) {
    let dlat = km / KM_PER_DEGREE;
    // Never divide by a tiny cosine: Italy is far from the poles, but be safe.
    let dlon = dlat / longitude_scale(center).max(0.01);
    (center.lat - dlat, center.lat + dlat, center.lon - dlon, center.lon + dlon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_ad_lasts_at_most_two_months() {
        assert_eq!(check_publication(d(2026, 1, 10), d(2026, 3, 10)), Ok(()));
        assert_eq!(
            check_publication(d(2026, 1, 10), d(2026, 3, 11)),
            Err(PublicationProblem::ExpiryTooLate)
        );
        assert_eq!(
            check_publication(d(2026, 1, 10), d(2026, 1, 10)),
            Err(PublicationProblem::ExpiryNotAfterPublication)
        );
        // Month ends: 31 December + 2 months is the last day of February.
        assert_eq!(latest_expiry(d(2025, 12, 31)), d(2026, 2, 28));
        assert_eq!(latest_expiry(d(2027, 12, 31)), d(2028, 2, 29));
    }

    #[test]
    fn renewal_is_once_and_only_in_the_last_seven_days() {
        let expires = d(2026, 5, 20);
        assert_eq!(renewal(expires, false, d(2026, 5, 12)), Err(RenewalProblem::TooEarly));
        assert_eq!(renewal(expires, false, d(2026, 5, 13)), Ok(d(2026, 7, 20)));
        assert_eq!(renewal(expires, false, d(2026, 5, 20)), Ok(d(2026, 7, 20)));
        assert_eq!(renewal(expires, false, d(2026, 5, 21)), Err(RenewalProblem::Expired));
        assert_eq!(renewal(expires, true, d(2026, 5, 15)), Err(RenewalProblem::AlreadyRenewed));
    }

    #[test]
    fn an_organisation_pauses_resumes_and_closes_but_never_reopens() {
        use AdAction::*;
        use AdState::*;
        assert_eq!(next_state(Live, Pause), Some(Paused));
        assert_eq!(next_state(Paused, Resume), Some(Live));
        assert_eq!(next_state(Paused, Close), Some(Closed));
        assert_eq!(next_state(Live, Resume), None);
        for action in AdAction::ALL {
            assert_eq!(next_state(Closed, action), None, "{action:?}");
            assert_eq!(next_state(Suspended, action), None, "{action:?}");
        }
        assert!(is_editable(Paused) && !is_editable(Closed) && !is_editable(Suspended));
        for state in AdState::ALL {
            assert_eq!(AdState::parse(state.code()), Some(state));
        }
    }

    #[test]
    fn the_expiry_warning_falls_in_the_renewal_window() {
        let expires = d(2026, 5, 20);
        assert!(!expiry_warning_due(expires, d(2026, 5, 12)));
        assert!(expiry_warning_due(expires, d(2026, 5, 13)));
        assert!(expiry_warning_due(expires, d(2026, 5, 20)));
        assert!(!expiry_warning_due(expires, d(2026, 5, 21)));
        // The warning and the renewal open on the same day.
        assert!(renewal(expires, false, d(2026, 5, 13)).is_ok());
    }

    struct Lists;
    impl crate::cv::Vocabulary for Lists {
        fn is_occupation(&self, code: &str) -> bool {
            code == "4.3.1.2.1"
        }
        fn is_skill(&self, key: &str) -> bool {
            key == "inglese"
        }
        fn is_municipality(&self, code: &str) -> bool {
            code == "F205"
        }
        fn is_province(&self, code: &str) -> bool {
            code == "MI"
        }
    }

    fn job() -> Ad {
        Ad {
            kind: Kind::Job,
            title: "Magazziniere".into(),
            organisation: "Logistica Srl".into(),
            description: "Carico e scarico merci.".into(),
            occupation_code: Some("4.3.1.2.1".into()),
            municipality_code: Some("F205".into()),
            online: false,
            contract: Some(Contract::FixedTerm),
            duration_months: Some(6),
            hours_pct: Some(100),
            total_hours: None,
            pay_monthly: None,
            eqf_level: None,
            topic: None,
            starts_on: d(2026, 12, 1),
            ends_on: None,
            published_on: d(2026, 11, 20),
            expires_on: d(2027, 1, 20),
            skills: vec!["inglese".into()],
            seats: Some(2),
        }
    }

    fn fields(ad: &Ad) -> Vec<String> {
        ad.check(&Lists).into_iter().map(|p| format!("{}:{}", p.field, p.code)).collect()
    }

    #[test]
    fn a_complete_job_passes_and_each_gap_is_named() {
        assert!(fields(&job()).is_empty(), "{:?}", fields(&job()));
        let mut ad = job();
        ad.contract = None;
        ad.occupation_code = Some("9.9".into());
        ad.expires_on = d(2027, 1, 21);
        ad.skills.push("klingon".into());
        assert_eq!(
            fields(&ad),
            [
                "occupation_code:unknown",
                "contract:required",
                "expires_on:expiry_too_late",
                "skills:unknown"
            ]
        );
    }

    #[test]
    fn kinds_have_their_own_requirements() {
        let mut course = job();
        course.kind = Kind::Course;
        course.contract = None;
        course.duration_months = None;
        course.hours_pct = None;
        course.municipality_code = None;
        course.online = true;
        assert_eq!(fields(&course), ["total_hours:required", "eqf_level:required"]);
        let mut puc = job();
        puc.kind = Kind::Puc;
        puc.contract = None;
        puc.hours_pct = Some(15);
        assert_eq!(fields(&puc), ["hours_pct:puc_minimum"]);
    }

    #[test]
    fn live_from_publication_to_expiry_inclusive() {
        let (p, e) = (d(2026, 1, 1), d(2026, 2, 1));
        assert!(!is_live(p, e, d(2025, 12, 31)));
        assert!(is_live(p, e, p));
        assert!(is_live(p, e, e));
        assert!(!is_live(p, e, d(2026, 2, 2)));
    }

    #[test]
    fn distances_match_known_ones() {
        let milano = Point { lat: 45.4642, lon: 9.19 };
        let monza = Point { lat: 45.5845, lon: 9.2744 };
        let roma = Point { lat: 41.9028, lon: 12.4964 };
        let near = distance_km(milano, monza);
        assert!((near - 15.0).abs() < 0.5, "{near}");
        // Great-circle Milano–Roma is about 477 km; the projection stays within 1 %.
        let far = distance_km(milano, roma);
        assert!((far - 477.0).abs() < 5.0, "{far}");
        assert_eq!(distance_km(milano, milano), 0.0);
    }

    #[test]
    fn the_box_contains_the_circle() {
        let center = Point { lat: 45.0, lon: 9.0 };
        let (lat0, lat1, lon0, lon1) = bounding_box(center, 50.0);
        for step in 0..360 {
            let a = f64::from(step).to_radians();
            let km = 49.9;
            let p = Point {
                lat: center.lat + km / KM_PER_DEGREE * a.sin(),
                lon: center.lon + km / KM_PER_DEGREE * a.cos() / longitude_scale(center),
            };
            assert!(distance_km(center, p) <= 50.0);
            assert!(p.lat >= lat0 && p.lat <= lat1 && p.lon >= lon0 && p.lon <= lon1);
        }
    }
}
