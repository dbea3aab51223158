//! Properties of the deadlines engine over generated households.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use chrono::NaiveDate;
use domain::calendar::add_days;
use domain::facts::{
    ApplicationStatus, ConvocationFact, HouseholdFacts, MeetingFact, MemberFacts, Outcome,
    Programme, Venue,
};
use domain::{Obligation, ObligationKind, RuleBook, Who, obligations};
use proptest::prelude::*;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
}

fn day(offset: u32) -> NaiveDate {
    add_days(base(), offset)
}

fn venue() -> impl Strategy<Value = Venue> {
    prop_oneof![Just(Venue::SocialServices), Just(Venue::Cpi)]
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::Held),
        Just(Outcome::Spontaneous),
        Just(Outcome::Justified),
        Just(Outcome::Absent)
    ]
}

fn member(id: i64) -> impl Strategy<Value = MemberFacts> {
    (
        0u32..30_000,
        any::<[bool; 5]>(),
        proptest::option::of(0u32..1_500),
        proptest::collection::vec(0u32..1_500, 0..2),
    )
        .prop_map(move |(born, flags, pad, psp)| MemberFacts {
            id,
            // Born between 1942 and 2024: minors, adults and people over 60.
            birth_date: NaiveDate::from_ymd_opt(1942, 1, 1).unwrap()
                + chrono::Days::new(u64::from(born)),
            disabled: flags[0] && flags[1],
            care_duties: flags[2] && flags[1],
            gender_violence_victim: flags[3] && flags[0] && flags[2],
            attivabile: flags[4],
            pad_individuale_signed_on: pad.map(day),
            psp_signed_on: psp.into_iter().map(day).collect(),
        })
}

fn household() -> impl Strategy<Value = (HouseholdFacts, NaiveDate)> {
    let members =
        (1usize..4).prop_flat_map(|n| (0..n as i64).map(|i| member(i + 1)).collect::<Vec<_>>());
    let meetings = proptest::collection::vec(
        (0u32..1_500, venue(), proptest::option::of(1i64..4), outcome()).prop_map(
            |(on, venue, member, outcome)| MeetingFact { on: day(on), venue, member, outcome },
        ),
        0..6,
    );
    let convocations = proptest::collection::vec(
        (
            0u32..1_500,
            0u32..40,
            venue(),
            proptest::option::of(1i64..4),
            proptest::option::of(outcome()),
        ),
        0..3,
    )
    .prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(|(i, (issued, wait, venue, member, outcome))| ConvocationFact {
                id: i as i64 + 1,
                issued_on: day(issued),
                appointment_on: day(issued + wait),
                venue,
                member,
                outcome,
            })
            .collect::<Vec<_>>()
    });
    (
        any::<bool>(),
        prop_oneof![Just(ApplicationStatus::Active), Just(ApplicationStatus::Suspended)],
        0u32..1_000,
        members,
        meetings,
        convocations,
        proptest::collection::vec(0u32..1_500, 0..3),
        proptest::collection::vec(0u32..1_500, 0..3),
        0u32..1_600,
    )
        .prop_map(
            |(sfl, status, pad, members, meetings, convocations, pais, confirmations, today)| {
                (
                    HouseholdFacts {
                        programme: if sfl { Programme::Sfl } else { Programme::Adi },
                        status,
                        pad_signed_on: Some(day(pad)),
                        members,
                        meetings,
                        convocations,
                        pais_signed_on: pais.into_iter().map(day).collect(),
                        sfl_confirmed_on: confirmations.into_iter().map(day).collect(),
                    },
                    day(today),
                )
            },
        )
}

/// A deterministic shuffle driven by `seed` (Fisher–Yates with a linear congruential generator).
fn shuffle<T>(items: &mut [T], seed: &mut u64) {
    for i in (1..items.len()).rev() {
        *seed =
            seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let j = (*seed >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
}

/// Records what `obligation` asks for, on `on`.
fn fulfil(facts: &mut HouseholdFacts, obligation: &Obligation, on: NaiveDate) {
    let member = match obligation.who {
        Who::Member(id) => Some(id),
        Who::Household => None,
    };
    let find = |facts: &mut HouseholdFacts| {
        let id = member.expect("member obligation");
        facts.members.iter_mut().find(|m| m.id == id).expect("member exists").clone()
    };
    match obligation.kind {
        ObligationKind::FirstMeeting | ObligationKind::FollowUp => {
            facts.meetings.push(MeetingFact {
                on,
                venue: obligation.venue.expect("presentations have a venue"),
                member,
                outcome: Outcome::Held,
            })
        }
        ObligationKind::AttendConvocation => {
            let id = obligation.convocation.expect("convocation id");
            for convocation in facts.convocations.iter_mut().filter(|c| c.id == id) {
                convocation.outcome = Some(Outcome::Held);
            }
        }
        ObligationKind::PadIndividuale => {
            let id = find(facts).id;
            for m in facts.members.iter_mut().filter(|m| m.id == id) {
                m.pad_individuale_signed_on = Some(on);
            }
        }
        ObligationKind::Psp => {
            let id = find(facts).id;
            for m in facts.members.iter_mut().filter(|m| m.id == id) {
                m.psp_signed_on.push(on);
            }
        }
        ObligationKind::SflConfirmation => facts.sfl_confirmed_on.push(on),
    }
}

fn same(a: &Obligation, b: &Obligation) -> bool {
    (a.kind, a.who, a.trigger_on, a.due_on, a.convocation)
        == (b.kind, b.who, b.trigger_on, b.due_on, b.convocation)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn a_due_date_never_precedes_its_trigger((facts, today) in household()) {
        let book = RuleBook::standard();
        for obligation in obligations(&facts, today, &book) {
            prop_assert!(obligation.due_on >= obligation.trigger_on, "{obligation:?}");
            prop_assert!(obligation.trigger_on >= facts.pad_signed_on.unwrap(), "{obligation:?}");
            prop_assert_eq!(obligation.days_left, (obligation.due_on - today).num_days());
        }
    }

    #[test]
    fn results_do_not_depend_on_the_order_facts_were_recorded((facts, today) in household(), seed in any::<u64>()) {
        let book = RuleBook::standard();
        let expected = obligations(&facts, today, &book);
        let mut shuffled = facts.clone();
        let mut seed = seed;
        shuffle(&mut shuffled.members, &mut seed);
        shuffle(&mut shuffled.meetings, &mut seed);
        shuffle(&mut shuffled.convocations, &mut seed);
        shuffle(&mut shuffled.pais_signed_on, &mut seed);
        shuffle(&mut shuffled.sfl_confirmed_on, &mut seed);
        for member in &mut shuffled.members {
            shuffle(&mut member.psp_signed_on, &mut seed);
        }
        prop_assert_eq!(obligations(&shuffled, today, &book), expected);
    }

    #[test]
    fn recording_what_is_required_closes_the_obligation(
        (facts, today) in household(),
        pick in any::<prop::sample::Index>(),
        after in 1u32..150,
    ) {
        let book = RuleBook::standard();
        let open = obligations(&facts, today, &book);
        prop_assume!(!open.is_empty());
        let obligation = pick.get(&open).clone();
        // A periodic presentation needs a new meeting after the one it counts from; a first
        // meeting or a signature may happen on the starting day itself.
        let on = match obligation.kind {
            ObligationKind::FollowUp | ObligationKind::SflConfirmation => add_days(obligation.trigger_on, after),
            _ => add_days(obligation.trigger_on, after - 1),
        };
        let mut fulfilled = facts.clone();
        fulfil(&mut fulfilled, &obligation, on);
        let after = obligations(&fulfilled, today, &book);
        prop_assert!(!after.iter().any(|o| same(o, &obligation)), "{obligation:?} still open after recording it on {on}: {after:?}");
    }
}
