//! Matching a CV to an opportunity: an affinity score that says why (docs/rules.md "Job ads":
//! advisory, explainable), and whether a job offer is congruous, so that refusing it has
//! consequences (R27, R28, R31).
//!
//! Both are pure: the caller reduces the CV to a [`Seeker`], the ad to an [`Offer`], and says
//! what distance separates them and what the household is like.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalog::{Contract, Kind, PUC_MIN_HOURS_PCT, Point, distance_km};
use crate::cv::Cv;

/// The most a score can be.
pub const MAX_SCORE: u32 = 100;
/// The reach assumed when the CV states no maximum commuting distance.
pub const DEFAULT_REACH_KM: u16 = 50;
/// R27: a fixed-term offer (or any offer, with children under 14) is congruous within this
/// straight-line distance of home. The rule also accepts 120 minutes by public transport; no
/// timetable source is connected yet, so the straight line decides.
pub const CONGRUOUS_DISTANCE_KM: f64 = 80.0;
/// R27: an offer is congruous only from this share of full time.
pub const CONGRUOUS_HOURS_PCT: i32 = 60;
/// R27's pay clause compares with the collective agreement's minimum for the job. The
/// platform has no table of collective agreements yet, so every offer is compared with this
/// one reference figure (gross euros a month for full time, pro rata for fewer hours), and
/// the page says so.
pub const REFERENCE_MINIMUM_PAY_FULL_TIME: i32 = 1_200;
/// R27's age limit for the children that narrow a permanent offer's distance.
pub const CHILD_AGE_LIMIT: u32 = 14;

/// What the score weighs, in the order it is explained.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Factor {
    /// The offer's occupation against the person's experience (CP2011 hierarchy).
    Occupation,
    /// The skills the offer asks for that the CV lists.
    Skills,
    /// Distance from home against the CV's maximum.
    Distance,
    /// Full or part time, and the start date.
    Availability,
    /// Education level against what the occupation or course requires.
    Education,
}

impl Factor {
    pub const ALL: [Factor; 5] = [
        Factor::Occupation,
        Factor::Skills,
        Factor::Distance,
        Factor::Availability,
        Factor::Education,
    ];

    /// The most the factor gives; the five add up to 100 for every kind of offer, so scores
    /// compare across kinds.
    fn weight(self) -> u32 {
        match self {
            Factor::Occupation => 35,
            Factor::Skills => 30,
            Factor::Distance => 15,
            Factor::Availability | Factor::Education => 10,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Factor::Occupation => "occupation",
            Factor::Skills => "skills",
            Factor::Distance => "distance",
            Factor::Availability => "availability",
            Factor::Education => "education",
        }
    }
}

/// The person's side, reduced from the CV.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Seeker {
    /// CP2011 units of past and current jobs.
    pub occupations: Vec<String>,
    /// ESCO skill keys.
    pub skills: BTreeSet<String>,
    pub home: Option<Point>,
    pub max_distance_km: Option<u16>,
    pub full_time: bool,
    pub part_time: bool,
    pub available_from: Option<NaiveDate>,
    /// Highest EQF level reached (finished courses only).
    pub eqf_level: Option<u8>,
}

impl Seeker {
    /// The matching view of a CV; `home` is where the person lives (the caller looks it up).
    pub fn from_cv(cv: &Cv, home: Option<Point>) -> Seeker {
        let mut occupations: Vec<String> =
            cv.work_experience.iter().map(|e| e.occupation_code.clone()).collect();
        occupations.sort();
        occupations.dedup();
        Seeker {
            occupations,
            skills: cv.skills.iter().cloned().collect(),
            home,
            max_distance_km: cv.availability.max_distance_km,
            full_time: cv.availability.full_time,
            part_time: cv.availability.part_time,
            available_from: cv.availability.available_from,
            eqf_level: cv
                .education_and_training
                .iter()
                .filter(|e| e.end.is_some())
                .map(|e| e.eqf_level)
                .max(),
        }
    }

    /// How far the person will travel.
    pub fn reach_km(&self) -> u16 {
        self.max_distance_km.unwrap_or(DEFAULT_REACH_KM).max(1)
    }
}

/// The opportunity's side: what matching reads of an ad.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub kind: Kind,
    pub occupation_code: Option<String>,
    pub skills: Vec<String>,
    /// The municipality's point; `None` for an online course.
    pub point: Option<Point>,
    pub online: bool,
    pub contract: Option<Contract>,
    pub hours_pct: Option<i32>,
    pub pay_monthly: Option<i32>,
    pub eqf_level: Option<i32>,
    pub starts_on: NaiveDate,
}

/// How close two CP2011 codes are: the number of leading levels they share (0–5).
pub fn shared_levels(a: &str, b: &str) -> usize {
    a.split('.').zip(b.split('.')).take_while(|(x, y)| x == y && !x.is_empty()).count()
}

/// The education an occupation usually asks for, from its CP2011 major group (the ISCO skill
/// levels mapped to EQF): managers and technicians an upper-secondary diploma, intellectual
/// professions a degree, skilled trades a vocational qualification, elementary jobs none.
pub fn required_eqf(occupation_code: &str) -> Option<u8> {
    match occupation_code.split('.').next()? {
        "2" => Some(6),
        "1" | "3" | "4" | "9" => Some(4),
        "5" | "6" => Some(3),
        "7" => Some(2),
        "8" => Some(1),
        _ => None,
    }
}

/// What one factor found, for the explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Finding {
    /// Levels of the CP2011 code shared with the closest past job (0: none; 5: same job), and
    /// that job's code.
    Occupation {
        shared: usize,
        closest: Option<String>,
    },
    /// The offer's skills the CV has, and those it lacks.
    Skills {
        have: Vec<String>,
        missing: Vec<String>,
    },
    /// Straight-line km from home, against the reach.
    Distance {
        km: u32,
        reach_km: u16,
    },
    Online,
    /// No home municipality is known, so distance cannot count.
    HomeUnknown,
    /// `hours_fit`: the offer's hours are among those the person accepts (`None`: the offer
    /// states no hours); `from_fits`: the person is available by the start date.
    Availability {
        hours_fit: Option<bool>,
        full_time: bool,
        from_fits: bool,
    },
    /// Required level against the CV's highest.
    Education {
        required: u8,
        have: Option<u8>,
    },
    /// Nothing to compare: the offer does not say (`Silent::Offer`: a course has no
    /// occupation, an ad may list no skills) or the CV does not (`Silent::Cv`).
    NotCompared(Silent),
}

/// Which side said nothing a factor could compare.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Silent {
    Offer,
    Cv,
}

/// One factor's share of the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub factor: Factor,
    pub points: u32,
    /// The most this factor could give this offer.
    pub max: u32,
    pub finding: Finding,
}

impl Part {
    /// Whether something is missing here (the explanation's "what is missing").
    pub fn is_short(&self) -> bool {
        self.points < self.max
    }
}

/// The score and its parts; the points of the parts add up to the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Affinity {
    pub score: u32,
    pub parts: Vec<Part>,
}

/// `max` scaled by `num / den`, rounded down (0 when `den` is 0).
fn share(max: u32, num: u64, den: u64) -> u32 {
    if den == 0 {
        return 0;
    }
    u32::try_from(u64::from(max) * num.min(den) / den).unwrap_or(max)
}

/// The affinity between a person and an offer: each of the five factors earns part of its
/// weight. A factor with nothing to compare (the offer or the CV does not say) earns half its
/// weight: it neither lifts an offer above one that matches on it, nor sinks it below one that
/// does not, and a score of 100 always means everything was compared and matched.
pub fn affinity(seeker: &Seeker, offer: &Offer) -> Affinity {
    let required = offer
        .eqf_level
        .and_then(|l| u8::try_from(l).ok())
        // A course leads to its level: the level below it is the way in.
        .map(|l| if offer.kind == Kind::Course { l.saturating_sub(1).max(1) } else { l })
        .or_else(|| offer.occupation_code.as_deref().and_then(required_eqf));
    let parts: Vec<Part> = Factor::ALL
        .into_iter()
        .map(|factor| {
            let max = factor.weight();
            let neutral = (max / 2, Finding::NotCompared(Silent::Offer));
            let (points, finding) = match factor {
                Factor::Occupation if offer.occupation_code.is_none() => neutral,
                Factor::Occupation => occupation(seeker, offer, max),
                Factor::Skills if offer.skills.is_empty() => neutral,
                Factor::Skills => skills(seeker, offer, max),
                Factor::Distance => distance(seeker, offer, max),
                Factor::Availability => availability(seeker, offer, max),
                Factor::Education => match (required, seeker.eqf_level) {
                    (None, _) => neutral,
                    (Some(required), None) if required > 1 => {
                        (max / 2, Finding::NotCompared(Silent::Cv))
                    }
                    (Some(required), have) => {
                        let points = match have {
                            Some(have) if have >= required => max,
                            Some(have) if have + 1 == required => max / 2,
                            None => max,
                            _ => 0,
                        };
                        (points, Finding::Education { required, have })
                    }
                },
            };
            Part { factor, points, max, finding }
        })
        .collect();
    Affinity { score: parts.iter().map(|p| p.points).sum(), parts }
}

fn occupation(seeker: &Seeker, offer: &Offer, max: u32) -> (u32, Finding) {
    let code = offer.occupation_code.as_deref().unwrap_or("");
    let closest = seeker.occupations.iter().max_by_key(|c| (shared_levels(c, code), c.as_str()));
    let shared = closest.map_or(0, |c| shared_levels(c, code));
    // Tenths of the factor by shared levels: the same major group alone says little.
    const TENTHS: [u64; 6] = [0, 1, 3, 6, 8, 10];
    let points = share(max, TENTHS[shared.min(5)], 10);
    let closest = closest.filter(|_| shared > 0).cloned();
    (points, Finding::Occupation { shared, closest })
}

fn skills(seeker: &Seeker, offer: &Offer, max: u32) -> (u32, Finding) {
    let (have, missing): (Vec<String>, Vec<String>) =
        offer.skills.iter().cloned().partition(|s| seeker.skills.contains(s));
    let points = share(max, have.len() as u64, offer.skills.len() as u64);
    (points, Finding::Skills { have, missing })
}

fn distance(seeker: &Seeker, offer: &Offer, max: u32) -> (u32, Finding) {
    if offer.online {
        return (max, Finding::Online);
    }
    let (Some(home), Some(point)) = (seeker.home, offer.point) else {
        // Nothing to compare: half, as for any factor without facts on one side.
        return (max / 2, Finding::HomeUnknown);
    };
    let reach = seeker.reach_km();
    let km = distance_km(home, point);
    // Linear: full points at home, none at the edge of the person's reach. Metres, so that
    // a closer offer never scores less than a farther one.
    let reach_m = u64::from(reach) * 1000;
    let metres = km_to_metres(km).min(reach_m);
    let points = share(max, reach_m - metres, reach_m);
    (
        points,
        Finding::Distance {
            km: km_to_metres(km).div_ceil(1000).try_into().unwrap_or(u32::MAX),
            reach_km: reach,
        },
    )
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn km_to_metres(km: f64) -> u64 {
    // Distances on Earth are far below u64::MAX metres; NaN becomes 0.
    (km * 1000.0).round().clamp(0.0, 1e12) as u64
}

fn availability(seeker: &Seeker, offer: &Offer, max: u32) -> (u32, Finding) {
    let full_time = offer.hours_pct.is_some_and(|h| h >= 100);
    // A CV that ticks neither accepts both.
    let hours_fit = offer.hours_pct.map(|_| {
        let open = !seeker.full_time && !seeker.part_time;
        open || if full_time { seeker.full_time } else { seeker.part_time }
    });
    let from_fits = seeker.available_from.is_none_or(|d| d <= offer.starts_on);
    let half = max / 2;
    // The hours count only when both sides state them; otherwise half of their share.
    let stated = offer.hours_pct.is_some() && (seeker.full_time || seeker.part_time);
    let hours_points = match hours_fit {
        Some(true) if stated => max - half,
        Some(false) => 0,
        _ => (max - half) / 2,
    };
    let points = hours_points + if from_fits { half } else { 0 };
    (points, Finding::Availability { hours_fit, full_time, from_fits })
}

/// Whether someone under `CHILD_AGE_LIMIT` is among these birth dates on `today`.
pub fn has_child_under_14(birth_dates: &[NaiveDate], today: NaiveDate) -> bool {
    birth_dates.iter().any(|b| crate::calendar::age_on(*b, today) < CHILD_AGE_LIMIT)
}

/// The three answers R27 allows.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Refusing it is a ground for decadenza (R31).
    Congruous,
    /// It may be refused without consequence.
    NotCongruous,
    /// A fact the rule needs is missing: the clauses say which.
    Undetermined,
}

/// R27's clauses, one line each in the explanation.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Clause {
    /// The contract kind and, where it matters, the distance from home.
    Place,
    /// At least 60 % of full time.
    Hours,
    /// Pay at least the collective-agreement minimum, in proportion to the hours.
    Pay,
}

/// A fact the verdict needed and did not have.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    Contract,
    /// Where the person lives.
    Home,
    /// Where the job is.
    Workplace,
    Hours,
    Pay,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Met,
    NotMet,
    Unknown(Missing),
}

/// How one clause went, with what it compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub clause: Clause,
    pub outcome: Outcome,
    /// `Place`: whether the distance mattered (fixed-term, or children under 14), and the
    /// rounded km when known.
    pub distance_applies: bool,
    pub km: Option<u32>,
    /// `Pay`: the minimum for these hours, in euros a month.
    pub minimum_pay: Option<i32>,
    /// `Place`: the contract it judged (an apprenticeship is its own case: permanent, with
    /// training).
    pub contract: Option<Contract>,
}

/// The verdict on a job offer and each clause behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Congruity {
    pub verdict: Verdict,
    pub checks: Vec<Check>,
    /// Children under 14 in the household (R27's last sentence).
    pub children_under_14: bool,
}

/// What R27 needs besides the offer.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Circumstances {
    pub home: Option<Point>,
    pub children_under_14: bool,
    /// The collective agreements' minimum gross monthly pay for full time, in euros.
    pub minimum_pay_full_time: i32,
}

/// R27 on a job offer: congruous when every clause is met, not congruous when any is not,
/// undetermined when none fails but a fact is missing. Other kinds are not job offers:
/// `None` (a PUC has its own rule, R28: see [`puc_must_be_accepted`]).
pub fn congruity(offer: &Offer, c: &Circumstances) -> Option<Congruity> {
    if offer.kind != Kind::Job {
        return None;
    }
    let km = match (c.home, offer.point) {
        (Some(home), Some(point)) => Some(distance_km(home, point)),
        _ => None,
    };
    // An apprenticeship is a permanent contract (D.Lgs. 81/2015, art. 41); agency work and
    // seasonal work are fixed-term (R27 names agency work).
    let distance_applies = match offer.contract {
        Some(contract) => contract.is_temporary() || c.children_under_14,
        None => true,
    };
    let place = match (offer.contract, km) {
        (None, _) => Outcome::Unknown(Missing::Contract),
        (Some(_), _) if !distance_applies => Outcome::Met,
        (Some(_), Some(km)) if km <= CONGRUOUS_DISTANCE_KM => Outcome::Met,
        (Some(_), Some(_)) => Outcome::NotMet,
        (Some(_), None) if c.home.is_none() => Outcome::Unknown(Missing::Home),
        (Some(_), None) => Outcome::Unknown(Missing::Workplace),
    };
    let hours = match offer.hours_pct {
        Some(h) if h >= CONGRUOUS_HOURS_PCT => Outcome::Met,
        Some(_) => Outcome::NotMet,
        None => Outcome::Unknown(Missing::Hours),
    };
    let minimum_pay = offer.hours_pct.map(|h| {
        let scaled = i64::from(c.minimum_pay_full_time) * i64::from(h.clamp(0, 100));
        i32::try_from(scaled.div_euclid(100) + i64::from(scaled.rem_euclid(100) > 0))
            .unwrap_or(i32::MAX)
    });
    let pay = match (offer.pay_monthly, minimum_pay) {
        (None, _) => Outcome::Unknown(Missing::Pay),
        (Some(_), None) => Outcome::Unknown(Missing::Hours),
        (Some(pay), Some(min)) if pay >= min => Outcome::Met,
        (Some(_), Some(_)) => Outcome::NotMet,
    };
    let km_rounded = km.map(|k| u32::try_from(km_to_metres(k).div_ceil(1000)).unwrap_or(u32::MAX));
    let checks = vec![
        Check {
            clause: Clause::Place,
            outcome: place,
            distance_applies,
            km: km_rounded,
            minimum_pay: None,
            contract: offer.contract,
        },
        Check {
            clause: Clause::Hours,
            outcome: hours,
            distance_applies: false,
            km: None,
            minimum_pay: None,
            contract: None,
        },
        Check {
            clause: Clause::Pay,
            outcome: pay,
            distance_applies: false,
            km: None,
            minimum_pay,
            contract: None,
        },
    ];
    let verdict = if checks.iter().any(|k| k.outcome == Outcome::NotMet) {
        Verdict::NotCongruous
    } else if checks.iter().any(|k| matches!(k.outcome, Outcome::Unknown(_))) {
        Verdict::Undetermined
    } else {
        Verdict::Congruous
    };
    Some(Congruity { verdict, checks, children_under_14: c.children_under_14 })
}

/// R28: refusing to start a PUC of at least 8 hours a week is a ground for decadenza.
pub fn puc_must_be_accepted(offer: &Offer) -> bool {
    offer.kind == Kind::Puc && offer.hours_pct.is_some_and(|h| h >= PUC_MIN_HOURS_PCT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MILANO: Point = Point { lat: 45.4642, lon: 9.19 };
    const MONZA: Point = Point { lat: 45.5845, lon: 9.2744 }; // about 15 km
    const PAVIA: Point = Point { lat: 45.1847, lon: 9.1582 }; // about 31 km
    const BERGAMO: Point = Point { lat: 45.6983, lon: 9.6773 }; // about 46 km
    const BRESCIA: Point = Point { lat: 45.5416, lon: 10.2118 }; // about 80 km
    const VERONA: Point = Point { lat: 45.4384, lon: 10.9916 }; // about 140 km

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn job() -> Offer {
        Offer {
            kind: Kind::Job,
            occupation_code: Some("8.1.3.1.0".into()),
            skills: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            point: Some(MONZA),
            online: false,
            contract: Some(Contract::FixedTerm),
            hours_pct: Some(100),
            pay_monthly: Some(1500),
            eqf_level: None,
            starts_on: d(2027, 1, 10),
        }
    }

    fn seeker() -> Seeker {
        Seeker {
            occupations: vec!["8.1.3.1.0".into()],
            skills: ["a", "b", "c", "d"].into_iter().map(String::from).collect(),
            home: Some(MILANO),
            max_distance_km: Some(50),
            full_time: true,
            part_time: false,
            available_from: Some(d(2027, 1, 1)),
            eqf_level: Some(3),
        }
    }

    fn part(a: &Affinity, f: Factor) -> &Part {
        a.parts.iter().find(|p| p.factor == f).unwrap()
    }

    #[test]
    fn a_perfect_match_close_to_home_scores_nearly_everything() {
        let a = affinity(&seeker(), &job());
        assert_eq!(a.parts.len(), 5);
        assert_eq!(a.parts.iter().map(|p| p.max).sum::<u32>(), 100);
        // Only distance is short: Monza is 15 km of a 50 km reach.
        let short: Vec<Factor> =
            a.parts.iter().filter(|p| p.is_short()).map(|p| p.factor).collect();
        assert_eq!(short, vec![Factor::Distance]);
        assert!(matches!(
            part(&a, Factor::Distance).finding,
            Finding::Distance { km: 14..=16, reach_km: 50 }
        ));
        assert!((90..100).contains(&a.score), "{a:?}");
    }

    #[test]
    fn occupation_points_follow_the_classification() {
        let mut s = seeker();
        let mut by_level = Vec::new();
        for code in ["8.1.3.1.0", "8.1.3.1.9", "8.1.3.2.1", "8.1.4.1.1", "8.2.1.1.1", "5.1.2.2.0"] {
            s.occupations = vec![code.into()];
            let p = part(&affinity(&s, &job()), Factor::Occupation).clone();
            by_level.push(p.points);
        }
        assert_eq!(by_level, vec![35, 28, 21, 10, 3, 0]);
        s.occupations = vec![];
        let p = part(&affinity(&s, &job()), Factor::Occupation).clone();
        assert_eq!(p.finding, Finding::Occupation { shared: 0, closest: None });
    }

    #[test]
    fn missing_skills_are_named() {
        let mut s = seeker();
        s.skills = ["b", "x"].into_iter().map(String::from).collect();
        let a = affinity(&s, &job());
        assert_eq!(
            part(&a, Factor::Skills).finding,
            Finding::Skills {
                have: vec!["b".into()],
                missing: vec!["a".into(), "c".into(), "d".into()]
            }
        );
        assert_eq!(part(&a, Factor::Skills).points, 7); // a quarter of 30
    }

    #[test]
    fn factors_with_nothing_to_compare_earn_half_and_never_lift_a_score_to_100() {
        let course = Offer {
            kind: Kind::Course,
            occupation_code: None,
            skills: vec![],
            point: None,
            online: true,
            contract: None,
            hours_pct: None,
            pay_monthly: None,
            eqf_level: Some(4),
            starts_on: d(2027, 2, 1),
        };
        let a = affinity(&seeker(), &course);
        let factors: Vec<Factor> = a.parts.iter().map(|p| p.factor).collect();
        assert_eq!(factors, Factor::ALL.to_vec(), "the same five factors for every kind");
        assert_eq!(a.parts.iter().map(|p| p.max).sum::<u32>(), 100);
        // A course has no occupation and asks for no skill: half of each, not all of it.
        for factor in [Factor::Occupation, Factor::Skills] {
            assert_eq!(part(&a, factor).finding, Finding::NotCompared(Silent::Offer));
            assert_eq!(part(&a, factor).points, part(&a, factor).max / 2);
        }
        // A level-4 course is open to someone at level 3; online is never far; its hours are
        // not stated (half of their share).
        assert_eq!(part(&a, Factor::Education).points, 10);
        assert_eq!(part(&a, Factor::Distance).points, 15);
        assert_eq!(a.score, 17 + 15 + 15 + 7 + 10);
        assert!(a.score < affinity(&seeker(), &job()).score, "a full match ranks above it");
        // A PUC with only a place and hours does not reach 100 either.
        let puc = Offer {
            kind: Kind::Puc,
            occupation_code: None,
            skills: vec![],
            point: Some(MILANO),
            online: false,
            contract: None,
            hours_pct: Some(30),
            pay_monthly: None,
            eqf_level: None,
            starts_on: d(2027, 2, 1),
        };
        assert!(affinity(&seeker(), &puc).score < 80, "{:?}", affinity(&seeker(), &puc));
    }

    #[test]
    fn unknown_home_and_wrong_hours_and_late_availability_cost_points() {
        let mut s = seeker();
        s.home = None;
        s.full_time = false;
        s.part_time = true;
        s.available_from = Some(d(2027, 3, 1));
        let a = affinity(&s, &job());
        assert_eq!(part(&a, Factor::Distance).finding, Finding::HomeUnknown);
        assert_eq!(part(&a, Factor::Distance).points, 7, "unknown: half, as nothing compared");
        assert_eq!(
            part(&a, Factor::Availability).finding,
            Finding::Availability { hours_fit: Some(false), full_time: true, from_fits: false }
        );
        assert_eq!(part(&a, Factor::Availability).points, 0);
    }

    #[test]
    fn education_requirement_comes_from_the_major_group() {
        assert_eq!(required_eqf("2.1.1.4.1"), Some(6));
        assert_eq!(required_eqf("8.1.3.1.0"), Some(1));
        assert_eq!(required_eqf(""), None);
        let mut s = seeker();
        let mut o = job();
        o.occupation_code = Some("2.1.1.4.1".into());
        s.eqf_level = Some(5);
        assert_eq!(part(&affinity(&s, &o), Factor::Education).points, 5);
        s.eqf_level = Some(3);
        assert_eq!(part(&affinity(&s, &o), Factor::Education).points, 0);
    }

    #[test]
    fn ages_count_birthdays() {
        let today = d(2026, 11, 26);
        assert!(has_child_under_14(&[d(2012, 11, 27)], today)); // 13, turns 14 tomorrow
        assert!(!has_child_under_14(&[d(2012, 11, 26)], today)); // 14 today
        assert!(!has_child_under_14(&[d(1980, 1, 1)], today));
        assert!(!has_child_under_14(&[], today));
    }

    fn circumstances(children: bool) -> Circumstances {
        Circumstances {
            home: Some(MILANO),
            children_under_14: children,
            minimum_pay_full_time: 1200,
        }
    }

    /// Every clause of R27, one row each: contract, place, children, hours, pay, and the facts
    /// that can be missing.
    #[test]
    fn congruity_table() {
        use Outcome::{Met, NotMet, Unknown};
        type Row = (
            &'static str,
            Option<Contract>,
            Option<Point>,
            bool,
            Option<i32>,
            Option<i32>,
            Verdict,
            [Outcome; 3],
        );
        let rows: Vec<Row> = vec![
            (
                "permanent, far away",
                Some(Contract::Permanent),
                Some(VERONA),
                false,
                Some(100),
                Some(1500),
                Verdict::Congruous,
                [Met, Met, Met],
            ),
            (
                "apprenticeship is permanent",
                Some(Contract::Apprenticeship),
                Some(VERONA),
                false,
                Some(100),
                Some(1500),
                Verdict::Congruous,
                [Met, Met, Met],
            ),
            (
                "permanent, far, child under 14",
                Some(Contract::Permanent),
                Some(VERONA),
                true,
                Some(100),
                Some(1500),
                Verdict::NotCongruous,
                [NotMet, Met, Met],
            ),
            (
                "permanent, near, child under 14",
                Some(Contract::Permanent),
                Some(BERGAMO),
                true,
                Some(100),
                Some(1500),
                Verdict::Congruous,
                [Met, Met, Met],
            ),
            (
                "fixed-term within 80 km",
                Some(Contract::FixedTerm),
                Some(PAVIA),
                false,
                Some(100),
                Some(1500),
                Verdict::Congruous,
                [Met, Met, Met],
            ),
            (
                "fixed-term beyond 80 km",
                Some(Contract::FixedTerm),
                Some(VERONA),
                false,
                Some(100),
                Some(1500),
                Verdict::NotCongruous,
                [NotMet, Met, Met],
            ),
            (
                "agency work is fixed-term",
                Some(Contract::Agency),
                Some(VERONA),
                false,
                Some(100),
                Some(1500),
                Verdict::NotCongruous,
                [NotMet, Met, Met],
            ),
            (
                "seasonal near",
                Some(Contract::Seasonal),
                Some(MONZA),
                false,
                Some(80),
                Some(1000),
                Verdict::Congruous,
                [Met, Met, Met],
            ),
            (
                "exactly 60 %",
                Some(Contract::FixedTerm),
                Some(MONZA),
                false,
                Some(60),
                Some(720),
                Verdict::Congruous,
                [Met, Met, Met],
            ),
            (
                "under 60 %",
                Some(Contract::FixedTerm),
                Some(MONZA),
                false,
                Some(59),
                Some(1500),
                Verdict::NotCongruous,
                [Met, NotMet, Met],
            ),
            (
                "pay under the minimum for its hours",
                Some(Contract::Permanent),
                Some(MONZA),
                false,
                Some(75),
                Some(899),
                Verdict::NotCongruous,
                [Met, Met, NotMet],
            ),
            (
                "pay not stated",
                Some(Contract::Permanent),
                Some(MONZA),
                false,
                Some(100),
                None,
                Verdict::Undetermined,
                [Met, Met, Unknown(Missing::Pay)],
            ),
            (
                "hours not stated",
                Some(Contract::Permanent),
                Some(MONZA),
                false,
                None,
                Some(1500),
                Verdict::Undetermined,
                [Met, Unknown(Missing::Hours), Unknown(Missing::Hours)],
            ),
            (
                "contract not stated",
                None,
                Some(MONZA),
                false,
                Some(100),
                Some(1500),
                Verdict::Undetermined,
                [Unknown(Missing::Contract), Met, Met],
            ),
            (
                "a failed clause beats a missing fact",
                Some(Contract::FixedTerm),
                Some(VERONA),
                false,
                Some(100),
                None,
                Verdict::NotCongruous,
                [NotMet, Met, Unknown(Missing::Pay)],
            ),
            (
                "workplace unknown",
                Some(Contract::FixedTerm),
                None,
                false,
                Some(100),
                Some(1500),
                Verdict::Undetermined,
                [Unknown(Missing::Workplace), Met, Met],
            ),
        ];
        for (name, contract, point, children, hours, pay, verdict, outcomes) in rows {
            let offer = Offer { contract, point, hours_pct: hours, pay_monthly: pay, ..job() };
            let c = congruity(&offer, &circumstances(children)).unwrap();
            let got: Vec<Outcome> = c.checks.iter().map(|k| k.outcome).collect();
            assert_eq!((c.verdict, got.as_slice()), (verdict, outcomes.as_slice()), "{name}");
        }
        // Brescia is at the edge: about 80 km from Milano, and inside.
        let edge = Offer { point: Some(BRESCIA), ..job() };
        let km = distance_km(MILANO, BRESCIA);
        let expected =
            if km <= CONGRUOUS_DISTANCE_KM { Verdict::Congruous } else { Verdict::NotCongruous };
        assert_eq!(congruity(&edge, &circumstances(false)).unwrap().verdict, expected);
        // Home unknown, for a fixed-term offer.
        let none = Circumstances { home: None, ..circumstances(false) };
        let c = congruity(&job(), &none).unwrap();
        assert_eq!(
            (c.verdict, c.checks[0].outcome),
            (Verdict::Undetermined, Unknown(Missing::Home))
        );
        // ...but a permanent one is congruous anywhere without children under 14.
        let permanent = Offer { contract: Some(Contract::Permanent), ..job() };
        assert_eq!(congruity(&permanent, &none).unwrap().verdict, Verdict::Congruous);
        // The minimum is pro rata, rounded up to the euro.
        let c = congruity(&Offer { hours_pct: Some(75), ..job() }, &circumstances(false)).unwrap();
        assert_eq!(c.checks[2].minimum_pay, Some(900));
    }

    #[test]
    fn only_job_offers_have_a_congruity_verdict_and_pucs_follow_r28() {
        for kind in [Kind::Course, Kind::Internship, Kind::Puc] {
            assert_eq!(congruity(&Offer { kind, ..job() }, &circumstances(false)), None);
        }
        let puc = Offer { kind: Kind::Puc, hours_pct: Some(20), ..job() };
        assert!(puc_must_be_accepted(&puc));
        assert!(!puc_must_be_accepted(&Offer { hours_pct: Some(15), ..puc.clone() }));
        assert!(!puc_must_be_accepted(&job()));
    }

    fn any_point() -> impl Strategy<Value = Point> {
        (36.0f64..47.0, 6.5f64..18.5).prop_map(|(lat, lon)| Point { lat, lon })
    }

    fn any_seeker() -> impl Strategy<Value = Seeker> {
        (
            proptest::collection::vec("[1-8]\\.[1-3]\\.[1-3]\\.[1-2]\\.[0-1]", 0..4),
            proptest::collection::btree_set("[a-h]", 0..8),
            proptest::option::of(any_point()),
            proptest::option::of(1u16..300),
            any::<(bool, bool)>(),
            proptest::option::of(0i64..400),
            proptest::option::of(1u8..=8),
        )
            .prop_map(
                |(occupations, skills, home, max, (full_time, part_time), from, eqf)| Seeker {
                    occupations,
                    skills,
                    home,
                    max_distance_km: max,
                    full_time,
                    part_time,
                    available_from: from.map(|n| d(2027, 1, 1) + chrono::Duration::days(n - 200)),
                    eqf_level: eqf,
                },
            )
    }

    fn any_offer() -> impl Strategy<Value = Offer> {
        (
            prop_oneof![
                Just(Kind::Job),
                Just(Kind::Course),
                Just(Kind::Internship),
                Just(Kind::Puc)
            ],
            proptest::option::of("[1-8]\\.[1-3]\\.[1-3]\\.[1-2]\\.[0-1]"),
            proptest::collection::btree_set("[a-h]", 0..8),
            proptest::option::of(any_point()),
            any::<bool>(),
            proptest::option::of(10i32..=100),
            proptest::option::of(1i32..=8),
        )
            .prop_map(|(kind, occupation_code, skills, point, online, hours, eqf)| Offer {
                kind,
                occupation_code,
                skills: skills.into_iter().collect(),
                point,
                online,
                contract: Some(Contract::FixedTerm),
                hours_pct: hours,
                pay_monthly: Some(1300),
                eqf_level: eqf,
                starts_on: d(2027, 1, 1),
            })
    }

    proptest! {
        #[test]
        fn the_score_is_bounded_and_its_parts_add_up(s in any_seeker(), o in any_offer()) {
            let a = affinity(&s, &o);
            prop_assert!(a.score <= MAX_SCORE);
            prop_assert_eq!(a.score, a.parts.iter().map(|p| p.points).sum::<u32>());
            prop_assert_eq!(a.parts.iter().map(|p| p.max).sum::<u32>(), MAX_SCORE);
            for p in &a.parts {
                prop_assert!(p.points <= p.max);
            }
        }

        #[test]
        fn more_shared_skills_never_lower_the_score(s in any_seeker(), o in any_offer(), extra in "[a-h]") {
            let before = affinity(&s, &o).score;
            let mut more = s.clone();
            more.skills.insert(extra);
            prop_assert!(affinity(&more, &o).score >= before);
        }

        #[test]
        fn a_farther_offer_never_scores_more(s in any_seeker(), o in any_offer(), a in any_point(), b in any_point()) {
            let Some(home) = s.home else { return Ok(()) };
            let (near, far) = if distance_km(home, a) <= distance_km(home, b) { (a, b) } else { (b, a) };
            let near_score = affinity(&s, &Offer { point: Some(near), online: false, ..o.clone() }).score;
            let far_score = affinity(&s, &Offer { point: Some(far), online: false, ..o }).score;
            prop_assert!(near_score >= far_score);
        }
    }
}
