//! The deadlines engine against a hand-written table: each row is a household situation, a
//! day, and every obligation we expect on that day (kind, who, due date).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use chrono::NaiveDate;
use domain::facts::{
    ApplicationStatus, ConvocationFact, HouseholdFacts, MeetingFact, MemberFacts, Outcome,
    Programme, Venue,
};
use domain::payments::{
    arrears_months, month_counted_for, next_payment_on, sfl_first_payment_on, suspension_starts,
};
use domain::{Consequence, Lang, ObligationKind as K, RuleBook, RuleVersion, Who, obligations};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn member(id: i64, born: &str) -> MemberFacts {
    MemberFacts {
        id,
        birth_date: d(born),
        disabled: false,
        care_duties: false,
        gender_violence_victim: false,
        attivabile: false,
        pad_individuale_signed_on: None,
        psp_signed_on: Vec::new(),
    }
}

fn meeting(on: &str, venue: Venue, member: Option<i64>, outcome: Outcome) -> MeetingFact {
    MeetingFact { on: d(on), venue, member, outcome }
}

const SS: Venue = Venue::SocialServices;

/// An ADI household (applicant born 1980, child born 2015) whose pact was signed on `pad`.
fn adi(pad: &str) -> HouseholdFacts {
    HouseholdFacts {
        programme: Programme::Adi,
        status: ApplicationStatus::Active,
        pad_signed_on: Some(d(pad)),
        members: vec![member(1, "1980-01-01"), member(2, "2015-06-01")],
        meetings: Vec::new(),
        convocations: Vec::new(),
        pais_signed_on: Vec::new(),
        sfl_confirmed_on: Vec::new(),
    }
}

struct Row {
    case: &'static str,
    facts: HouseholdFacts,
    today: &'static str,
    expected: Vec<(K, Who, &'static str)>,
}

fn with(mut facts: HouseholdFacts, change: impl FnOnce(&mut HouseholdFacts)) -> HouseholdFacts {
    change(&mut facts);
    facts
}

fn table() -> Vec<Row> {
    use Who::{Household as H, Member as M};
    vec![
        Row {
            case: "signing day is day 0: 120 days from 31 January end on 31 May",
            facts: adi("2026-01-31"),
            today: "2026-01-31",
            expected: vec![(K::FirstMeeting, H, "2026-05-31")],
        },
        Row {
            case: "120 days across 29 February in a leap year",
            facts: adi("2027-11-01"),
            today: "2028-01-10",
            expected: vec![(K::FirstMeeting, H, "2028-02-29")],
        },
        Row {
            case: "120 days across February in a common year",
            facts: adi("2026-11-01"),
            today: "2026-11-02",
            expected: vec![(K::FirstMeeting, H, "2027-03-01")],
        },
        Row {
            case: "an absence without justified reason neither closes nor restarts the count",
            facts: with(adi("2026-01-31"), |f| {
                f.meetings.push(meeting("2026-03-10", SS, None, Outcome::Absent))
            }),
            today: "2026-04-01",
            expected: vec![(K::FirstMeeting, H, "2026-05-31")],
        },
        Row {
            case: "a justified reason restarts a fresh 120 days from its date",
            facts: with(adi("2026-01-31"), |f| {
                f.meetings.push(meeting("2026-03-10", SS, None, Outcome::Justified))
            }),
            today: "2026-06-15",
            expected: vec![(K::FirstMeeting, H, "2026-07-08")],
        },
        Row {
            case: "a meeting at the job centre is not the social-services meeting",
            facts: with(adi("2026-01-31"), |f| {
                f.meetings.push(meeting("2026-02-10", Venue::Cpi, None, Outcome::Held))
            }),
            today: "2026-02-11",
            expected: vec![(K::FirstMeeting, H, "2026-05-31")],
        },
        Row {
            case: "meeting held: the adult presents every 90 days, the child does not",
            facts: with(adi("2026-01-31"), |f| {
                f.meetings.push(meeting("2026-03-02", SS, None, Outcome::Held))
            }),
            today: "2026-03-02",
            expected: vec![(K::FollowUp, M(1), "2026-05-31")],
        },
        Row {
            case: "a spontaneous presentation counts as the first meeting",
            facts: with(adi("2026-01-31"), |f| {
                f.meetings.push(meeting("2026-02-20", SS, Some(1), Outcome::Spontaneous))
            }),
            today: "2026-02-21",
            expected: vec![(K::FollowUp, M(1), "2026-05-21")],
        },
        Row {
            case: "a PaIS meeting resets the 90 days",
            facts: with(adi("2026-01-31"), |f| {
                f.meetings.push(meeting("2026-03-02", SS, None, Outcome::Held));
                f.pais_signed_on.push(d("2026-04-15"));
            }),
            today: "2026-04-16",
            expected: vec![(K::FollowUp, M(1), "2026-07-14")],
        },
        Row {
            case: "a later social-services meeting resets the 90 days",
            facts: with(adi("2026-01-31"), |f| {
                f.meetings.push(meeting("2026-03-02", SS, None, Outcome::Held));
                f.meetings.push(meeting("2026-05-29", SS, Some(1), Outcome::Held));
            }),
            today: "2026-06-01",
            expected: vec![(K::FollowUp, M(1), "2026-08-27")],
        },
        Row {
            case: "exempt: aged 60 or more, disabled, victims of gender violence",
            facts: with(adi("2026-01-31"), |f| {
                f.members = vec![
                    member(1, "1966-01-15"),
                    MemberFacts { disabled: true, ..member(3, "1985-01-01") },
                    MemberFacts { gender_violence_victim: true, ..member(4, "1990-01-01") },
                    member(5, "1970-01-01"),
                ];
                f.meetings.push(meeting("2026-03-02", SS, None, Outcome::Held));
            }),
            today: "2026-03-03",
            expected: vec![(K::FollowUp, M(5), "2026-05-31")],
        },
        Row {
            case: "an attivabile needs the PAD individuale and the PSP within 60 days",
            facts: with(adi("2026-01-31"), |f| {
                f.members[0].attivabile = true;
                f.meetings.push(meeting("2026-03-02", SS, None, Outcome::Held));
            }),
            today: "2026-03-03",
            expected: vec![
                (K::PadIndividuale, M(1), "2026-05-01"),
                (K::Psp, M(1), "2026-05-01"),
                (K::FollowUp, M(1), "2026-05-31"),
            ],
        },
        Row {
            case: "PAD individuale and PSP signed: the PSP resets the job-centre count",
            facts: with(adi("2026-01-31"), |f| {
                f.members[0].attivabile = true;
                f.members[0].pad_individuale_signed_on = Some(d("2026-03-05"));
                f.members[0].psp_signed_on = vec![d("2026-04-10")];
                f.meetings.push(meeting("2026-03-02", SS, None, Outcome::Held));
                // Social-services meetings do not reset an attivabile's job-centre count.
                f.meetings.push(meeting("2026-05-01", SS, None, Outcome::Held));
            }),
            today: "2026-04-11",
            expected: vec![(K::FollowUp, M(1), "2026-07-09")],
        },
        Row {
            case: "an open convocation is due on its appointment day",
            facts: with(adi("2026-01-31"), |f| {
                f.convocations.push(ConvocationFact {
                    id: 7,
                    issued_on: d("2026-02-10"),
                    appointment_on: d("2026-02-24"),
                    venue: SS,
                    member: None,
                    outcome: None,
                })
            }),
            today: "2026-02-11",
            expected: vec![
                (K::AttendConvocation, H, "2026-02-24"),
                (K::FirstMeeting, H, "2026-05-31"),
            ],
        },
        Row {
            case: "a convocation with an outcome is no longer open",
            facts: with(adi("2026-01-31"), |f| {
                f.convocations.push(ConvocationFact {
                    id: 7,
                    issued_on: d("2026-02-10"),
                    appointment_on: d("2026-02-24"),
                    venue: SS,
                    member: None,
                    outcome: Some(Outcome::Justified),
                });
                f.meetings.push(meeting("2026-02-24", SS, None, Outcome::Justified));
            }),
            today: "2026-02-25",
            expected: vec![(K::FirstMeeting, H, "2026-06-24")],
        },
        Row {
            case: "overdue obligations stay listed while suspended",
            facts: with(adi("2026-01-31"), |f| f.status = ApplicationStatus::Suspended),
            today: "2026-07-01",
            expected: vec![(K::FirstMeeting, H, "2026-05-31")],
        },
        Row {
            case: "no pact, no obligations",
            facts: with(adi("2026-01-31"), |f| {
                f.status = ApplicationStatus::Accepted;
                f.pad_signed_on = None;
            }),
            today: "2026-02-01",
            expected: vec![],
        },
        Row {
            case: "a household that lost the benefit has no obligations",
            facts: with(adi("2026-01-31"), |f| f.status = ApplicationStatus::Decaduta),
            today: "2026-02-01",
            expected: vec![],
        },
        Row {
            case: "SFL: confirm participation 90 days after the latest confirmation",
            facts: with(adi("2026-01-31"), |f| {
                f.programme = Programme::Sfl;
                f.members.truncate(1);
                f.sfl_confirmed_on = vec![d("2026-04-20"), d("2026-03-01")];
            }),
            today: "2026-05-01",
            expected: vec![(K::SflConfirmation, H, "2026-07-19")],
        },
    ]
}

#[test]
fn the_engine_matches_the_table() {
    let book = RuleBook::standard();
    for row in table() {
        let found = obligations(&row.facts, d(row.today), &book);
        let found: Vec<(K, Who, NaiveDate)> =
            found.iter().map(|o| (o.kind, o.who, o.due_on)).collect();
        let expected: Vec<(K, Who, NaiveDate)> =
            row.expected.iter().map(|(kind, who, due)| (*kind, *who, d(due))).collect();
        assert_eq!(found, expected, "{}", row.case);
    }
}

#[test]
fn days_left_counts_to_the_due_day_inclusive() {
    let book = RuleBook::standard();
    let facts = adi("2026-01-31");
    let on = |today| obligations(&facts, d(today), &book)[0].clone();
    assert_eq!(on("2026-01-31").days_left, 120);
    assert_eq!(on("2026-05-31").days_left, 0);
    assert!(!on("2026-05-31").is_overdue());
    assert_eq!(on("2026-06-01").days_left, -1);
    assert!(on("2026-06-01").is_overdue());
    assert_eq!(on("2026-01-31").consequence, Consequence::Suspension);
}

#[test]
fn a_convocation_ignored_means_decadenza() {
    let book = RuleBook::standard();
    let mut facts = adi("2026-01-31");
    facts.convocations.push(ConvocationFact {
        id: 1,
        issued_on: d("2026-02-01"),
        appointment_on: d("2026-02-20"),
        venue: SS,
        member: None,
        outcome: None,
    });
    let found = obligations(&facts, d("2026-02-02"), &book);
    assert_eq!(found[0].kind, K::AttendConvocation);
    assert_eq!(found[0].consequence, Consequence::Decadenza);
    assert_eq!(found[0].convocation, Some(1));
}

#[test]
fn each_deadline_uses_the_rules_in_force_on_its_starting_day() {
    let standard = RuleBook::standard();
    let mut versions: Vec<RuleVersion> = standard.versions().to_vec();
    let mut shorter = versions.last().unwrap().clone();
    shorter.valid_from = d("2026-06-01");
    shorter.legal_reference = "a hypothetical later law".into();
    shorter.values.first_meeting_days = 100;
    versions.push(shorter);
    let book = RuleBook::new(versions).unwrap();
    assert_eq!(obligations(&adi("2026-05-31"), d("2026-06-02"), &book)[0].due_on, d("2026-09-28"));
    assert_eq!(obligations(&adi("2026-06-01"), d("2026-06-02"), &book)[0].due_on, d("2026-09-09"));
}

#[test]
fn explanations_name_the_due_date_the_start_and_the_law_in_both_languages() {
    let book = RuleBook::standard();
    let first = obligations(&adi("2026-01-31"), d("2026-02-01"), &book).remove(0);
    let it = first.explain(Lang::It);
    assert!(it.contains("31 maggio 2026") && it.contains("31 gennaio 2026"), "{it}");
    assert!(it.contains("120 giorni") && it.contains("D.L. 48/2023, art. 4"), "{it}");
    assert!(!it.contains("R19"), "people read the law, not the platform's rule ids: {it}");
    let en = first.explain(Lang::En);
    assert!(
        en.contains("31 May 2026") && en.contains("120 days") && en.contains("D.L. 48/2023"),
        "{en}"
    );
    assert!(!en.contains("R19"), "{en}");
    assert!(first.consequence_text(Lang::It).contains("sospeso"));
    assert!(first.consequence_text(Lang::En).contains("suspended"));
    assert_eq!(first.title(Lang::It), "Primo incontro con i servizi sociali");
}

#[test]
fn payments_follow_the_15th_and_27th_and_the_20th_cut_off() {
    let book = RuleBook::standard();
    let values = &book.at(d("2026-01-01")).values;
    // R8: first payment from the 15th of the month after signing, then the 27th.
    assert_eq!(next_payment_on(d("2026-01-31"), d("2026-02-01"), &book), Some(d("2026-02-15")));
    assert_eq!(next_payment_on(d("2026-01-31"), d("2026-02-16"), &book), Some(d("2026-03-27")));
    assert_eq!(next_payment_on(d("2026-01-31"), d("2026-03-27"), &book), Some(d("2026-03-27")));
    // 18 months: the last one is July 2027.
    assert_eq!(next_payment_on(d("2026-01-31"), d("2027-07-01"), &book), Some(d("2027-07-27")));
    assert_eq!(next_payment_on(d("2026-01-31"), d("2027-07-28"), &book), None);
    // R21: in by the 20th counts for this month, from the 21st for the next.
    assert_eq!(month_counted_for(d("2026-03-20"), values), d("2026-03-01"));
    assert_eq!(month_counted_for(d("2026-03-21"), values), d("2026-04-01"));
    assert_eq!(month_counted_for(d("2026-12-31"), values), d("2027-01-01"));
    assert_eq!(month_counted_for(d("2028-02-20"), values), d("2028-02-01"));
    // R20: a 120-day deadline missed on 31 May suspends from July (June 1 is the first day late).
    assert_eq!(suspension_starts(d("2026-05-31")), d("2026-07-01"));
    assert_eq!(suspension_starts(d("2026-05-30")), d("2026-06-01"));
    // Arrears: suspended from June, meeting recorded on 10 August: June and July are owed.
    assert_eq!(
        arrears_months(d("2026-06-01"), d("2026-08-10"), values),
        vec![d("2026-06-01"), d("2026-07-01")]
    );
    // Recorded on 21 August: it counts for September, so August is owed too.
    assert_eq!(arrears_months(d("2026-06-01"), d("2026-08-21"), values).len(), 3);
    // R14: SFL conditions met by the 15th are paid on the 27th, else on the next 15th.
    assert_eq!(sfl_first_payment_on(d("2026-02-15"), values), d("2026-02-27"));
    assert_eq!(sfl_first_payment_on(d("2026-02-16"), values), d("2026-03-15"));
}
