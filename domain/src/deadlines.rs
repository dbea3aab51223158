//! The deadlines engine: from a household's facts, every open obligation with its due date,
//! what happens if it is missed, and the rule behind it.
//!
//! Counting (docs/rules.md): calendar days in Europe/Rome, the starting day is day 0, so "within
//! 120 days of D" ends on D + 120 and is overdue from D + 121. Each deadline uses the rule
//! values in force on the day that started it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{add_days, days_between};
use crate::facts::{ApplicationStatus, HouseholdFacts, MeetingFact, MemberFacts, Programme, Venue};
use crate::rules::{RuleBook, RuleId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ObligationKind {
    /// R19: the household's first meeting with social services after the PAD nucleo.
    FirstMeeting,
    /// R20, R31: an appointment the household or a member was summoned to.
    AttendConvocation,
    /// R25: an attivabile member signs the PAD individuale (with the DID).
    PadIndividuale,
    /// R25: the job centre signs the member's PSP.
    Psp,
    /// R22: a member presents again (social services or the job centre).
    FollowUp,
    /// R15: the SFL beneficiary confirms participation.
    SflConfirmation,
}

impl ObligationKind {
    pub fn code(self) -> &'static str {
        match self {
            ObligationKind::FirstMeeting => "first_meeting",
            ObligationKind::AttendConvocation => "attend_convocation",
            ObligationKind::PadIndividuale => "pad_individuale",
            ObligationKind::Psp => "psp",
            ObligationKind::FollowUp => "follow_up",
            ObligationKind::SflConfirmation => "sfl_confirmation",
        }
    }

    pub fn from_code(code: &str) -> Option<ObligationKind> {
        [
            ObligationKind::FirstMeeting,
            ObligationKind::AttendConvocation,
            ObligationKind::PadIndividuale,
            ObligationKind::Psp,
            ObligationKind::FollowUp,
            ObligationKind::SflConfirmation,
        ]
        .into_iter()
        .find(|kind| kind.code() == code)
    }
}

/// Whom an obligation falls on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Who {
    Household,
    Member(i64),
}

/// What happens when an obligation is missed (R31).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Consequence {
    /// Payments stop from the following month until the obligation is met; arrears are then paid.
    Suspension,
    /// The benefit is lost; a new application only after the waiting period.
    Decadenza,
}

impl Consequence {
    pub fn code(self) -> &'static str {
        match self {
            Consequence::Suspension => "suspension",
            Consequence::Decadenza => "decadenza",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Obligation {
    pub kind: ObligationKind,
    pub who: Who,
    /// Where to present, when the obligation is a presentation.
    pub venue: Option<Venue>,
    /// The day that started the count (day 0).
    pub trigger_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Days from today to the due date; negative once it has passed.
    pub days_left: i64,
    pub consequence: Consequence,
    pub rule: RuleId,
    /// The convocation this obligation answers, for [`ObligationKind::AttendConvocation`].
    pub convocation: Option<i64>,
}

impl Obligation {
    pub fn is_overdue(&self) -> bool {
        self.days_left < 0
    }
}

/// The earliest due date among some obligations (stored per household and per member so
/// dashboards can sort on it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextDue {
    pub due_on: NaiveDate,
    pub kind: ObligationKind,
}

/// The earliest obligation that falls on `who`, or on anyone when `who` is `None`.
pub fn next_due(obligations: &[Obligation], who: Option<Who>) -> Option<NextDue> {
    obligations
        .iter()
        .filter(|o| who.is_none_or(|w| o.who == w))
        .min_by_key(|o| (o.due_on, o.kind))
        .map(|o| NextDue { due_on: o.due_on, kind: o.kind })
}

/// Every open obligation of the household on `today`, earliest first.
///
/// Only a signed pact starts obligations, and only while the benefit is active or
/// suspended (a suspended household still has to present to be reinstated).
pub fn obligations(facts: &HouseholdFacts, today: NaiveDate, book: &RuleBook) -> Vec<Obligation> {
    let mut found = Vec::new();
    if !matches!(facts.status, ApplicationStatus::Active | ApplicationStatus::Suspended) {
        return found;
    }
    let Some(pad_signed_on) = facts.pad_signed_on else {
        return found;
    };
    let meetings = sorted_meetings(facts);
    let mut add = |kind, who, venue, trigger_on, due_on, consequence, rule, convocation| {
        found.push(Obligation {
            kind,
            who,
            venue,
            trigger_on,
            due_on,
            days_left: days_between(today, due_on),
            consequence,
            rule,
            convocation,
        })
    };

    match facts.programme {
        Programme::Adi => {
            let first = first_meeting(pad_signed_on, &meetings);
            match first {
                FirstMeeting::Due { counting_from } => {
                    let days = book.at(counting_from).values.first_meeting_days;
                    add(
                        ObligationKind::FirstMeeting,
                        Who::Household,
                        Some(Venue::SocialServices),
                        counting_from,
                        add_days(counting_from, days),
                        Consequence::Suspension,
                        RuleId::R19,
                        None,
                    );
                }
                FirstMeeting::Held { on: assessed_on } => {
                    for member in &facts.members {
                        let values = &book.at(assessed_on).values;
                        if member.is_minor(today, values) {
                            continue;
                        }
                        if member.attivabile && !member.is_exempt_from_presentations(today, values)
                        {
                            let due = add_days(assessed_on, values.activation_days);
                            let who = Who::Member(member.id);
                            if member.pad_individuale_signed_on.is_none() {
                                add(
                                    ObligationKind::PadIndividuale,
                                    who,
                                    None,
                                    assessed_on,
                                    due,
                                    Consequence::Suspension,
                                    RuleId::R25,
                                    None,
                                );
                            }
                            if member.psp_signed_on.is_empty() {
                                add(
                                    ObligationKind::Psp,
                                    who,
                                    Some(Venue::Cpi),
                                    assessed_on,
                                    due,
                                    Consequence::Suspension,
                                    RuleId::R25,
                                    None,
                                );
                            }
                        }
                        if let Some((venue, last)) =
                            last_presentation(facts, member, assessed_on, &meetings, today, book)
                        {
                            let days = book.at(last).values.follow_up_days;
                            add(
                                ObligationKind::FollowUp,
                                Who::Member(member.id),
                                Some(venue),
                                last,
                                add_days(last, days),
                                Consequence::Suspension,
                                RuleId::R22,
                                None,
                            );
                        }
                    }
                }
            }
        }
        Programme::Sfl => {
            let last = facts
                .sfl_confirmed_on
                .iter()
                .copied()
                .filter(|on| *on >= pad_signed_on)
                .max()
                .unwrap_or(pad_signed_on);
            let days = book.at(last).values.sfl_confirmation_days;
            add(
                ObligationKind::SflConfirmation,
                Who::Household,
                None,
                last,
                add_days(last, days),
                Consequence::Suspension,
                RuleId::R15,
                None,
            );
        }
    }

    for convocation in &facts.convocations {
        if convocation.outcome.is_some() || convocation.issued_on < pad_signed_on {
            continue;
        }
        add(
            ObligationKind::AttendConvocation,
            convocation.member.map_or(Who::Household, Who::Member),
            Some(convocation.venue),
            convocation.issued_on,
            convocation.appointment_on,
            Consequence::Decadenza,
            match convocation.venue {
                Venue::SocialServices => RuleId::R20,
                Venue::Cpi => RuleId::R31,
            },
            Some(convocation.id),
        );
    }

    found.sort_by(|a, b| {
        (a.due_on, a.kind, a.who, a.trigger_on, a.convocation).cmp(&(
            b.due_on,
            b.kind,
            b.who,
            b.trigger_on,
            b.convocation,
        ))
    });
    found
}

/// Meetings in one canonical order (date, then presences before other outcomes), so the
/// result never depends on the order facts were recorded in.
fn sorted_meetings(facts: &HouseholdFacts) -> Vec<MeetingFact> {
    let mut meetings = facts.meetings.clone();
    meetings.sort_by_key(|m| {
        (m.on, !m.outcome.is_presence(), m.venue.code(), m.member, m.outcome.code())
    });
    meetings
}

enum FirstMeeting {
    /// Still to happen; the 120 days count from this day (the PAD, or the latest justified reason).
    Due { counting_from: NaiveDate },
    /// Happened on this day: the social services' assessment.
    Held { on: NaiveDate },
}

/// R19, R21: the first presence at social services on or after the PAD. A justified absence
/// restarts a fresh count from the day it was recorded for.
fn first_meeting(pad_signed_on: NaiveDate, meetings: &[MeetingFact]) -> FirstMeeting {
    let mut counting_from = pad_signed_on;
    for meeting in meetings {
        if meeting.venue != Venue::SocialServices || meeting.on < counting_from {
            continue;
        }
        if meeting.outcome.is_presence() {
            return FirstMeeting::Held { on: meeting.on };
        }
        if meeting.outcome == crate::facts::Outcome::Justified {
            counting_from = meeting.on;
        }
    }
    FirstMeeting::Due { counting_from }
}

/// R22: where a member presents every 90 days and the day the current count started — the
/// assessment, or a later meeting at that venue (including a justified absence, which does
/// not leave the member worse off than presenting), or a PaIS/PSP signature or update.
/// `None` for members who are exempt.
fn last_presentation(
    facts: &HouseholdFacts,
    member: &MemberFacts,
    assessed_on: NaiveDate,
    meetings: &[MeetingFact],
    today: NaiveDate,
    book: &RuleBook,
) -> Option<(Venue, NaiveDate)> {
    if member.is_exempt_from_presentations(today, &book.at(today).values) {
        return None;
    }
    let venue = if member.attivabile { Venue::Cpi } else { Venue::SocialServices };
    let from_meetings = meetings
        .iter()
        .filter(|m| {
            m.venue == venue
                && m.outcome != crate::facts::Outcome::Absent
                && m.member.is_none_or(|id| id == member.id)
        })
        .map(|m| m.on);
    let from_plans: Vec<NaiveDate> = match venue {
        Venue::SocialServices => facts.pais_signed_on.clone(),
        Venue::Cpi => member.psp_signed_on.clone(),
    };
    let last = from_meetings
        .chain(from_plans)
        .filter(|on| *on >= assessed_on)
        .max()
        .unwrap_or(assessed_on);
    Some((venue, last))
}
