//! A case manager's caseload: the deadline windows the dashboard counts and filters by, which
//! statutory clock a household's next due date belongs to, and the reasons an operator gives
//! before looking at a household's data (docs/rules.md: case managers may only look, and every
//! look is told to the citizen).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ObligationKind;

/// How close a next due date is, as the dashboard groups households.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Window {
    /// The due date has passed.
    Overdue,
    /// Due within 7 days (today included).
    Week,
    /// Due in 8 to 30 days.
    Month,
    /// Due in more than 30 days.
    Later,
    /// Nothing is due.
    None,
}

impl Window {
    pub const ALL: [Window; 5] =
        [Window::Overdue, Window::Week, Window::Month, Window::Later, Window::None];

    pub fn code(self) -> &'static str {
        match self {
            Window::Overdue => "scaduti",
            Window::Week => "7-giorni",
            Window::Month => "30-giorni",
            Window::Later => "oltre",
            Window::None => "nessuna",
        }
    }

    pub fn parse(code: &str) -> Option<Window> {
        Window::ALL.into_iter().find(|w| w.code() == code)
    }

    /// The window of a due date on `today`.
    pub fn of(due_on: Option<NaiveDate>, today: NaiveDate) -> Window {
        match due_on.map(|due| (due - today).num_days()) {
            None => Window::None,
            Some(days) if days < 0 => Window::Overdue,
            Some(days) if days <= 7 => Window::Week,
            Some(days) if days <= 30 => Window::Month,
            Some(_) => Window::Later,
        }
    }

    /// The due dates in the window, as an inclusive range (`None` for an open end); `Window::None`
    /// has no range (it is "no due date").
    pub fn range(self, today: NaiveDate) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
        let day = |n: i64| today.checked_add_signed(chrono::Duration::days(n));
        match self {
            Window::Overdue => Some((None, day(-1))),
            Window::Week => Some((Some(today), day(7))),
            Window::Month => Some((day(8), day(30))),
            Window::Later => Some((day(31), None)),
            Window::None => None,
        }
    }
}

/// The statutory clock a next due date runs on: 120 days to the first meeting (R19), 90 days
/// between presentations and SFL confirmations (R22, R15), 60 days to the PSP (R25).
pub fn clock_days(kind: ObligationKind) -> Option<u16> {
    match kind {
        ObligationKind::FirstMeeting => Some(120),
        ObligationKind::FollowUp | ObligationKind::SflConfirmation => Some(90),
        ObligationKind::Psp | ObligationKind::PadIndividuale => Some(60),
        // A convocation has its own appointment, not a statutory clock.
        ObligationKind::AttendConvocation => None,
    }
}

/// Why an operator opens a household's data: picked from a list, with words of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reason {
    /// Preparing a meeting or a convocation.
    Meeting,
    /// Checking a deadline or an obligation.
    Deadline,
    /// Writing or updating the PaIS or the PSP.
    Plan,
    /// The citizen asked for help.
    CitizenRequest,
    /// Anything else: the free text is then required.
    Other,
}

/// Longest free text of a reason.
pub const REASON_TEXT_MAX: usize = 500;

impl Reason {
    pub const ALL: [Reason; 5] =
        [Reason::Meeting, Reason::Deadline, Reason::Plan, Reason::CitizenRequest, Reason::Other];

    pub fn code(self) -> &'static str {
        match self {
            Reason::Meeting => "meeting",
            Reason::Deadline => "deadline",
            Reason::Plan => "plan",
            Reason::CitizenRequest => "citizen_request",
            Reason::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// What is wrong with a reason as submitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReasonError {
    /// Nothing picked, or not one of the list.
    NotAChoice,
    /// "Other" without words.
    TextRequired,
    TooLong,
}

impl ReasonError {
    pub fn code(self) -> &'static str {
        match self {
            ReasonError::NotAChoice => "not_a_choice",
            ReasonError::TextRequired => "text_required",
            ReasonError::TooLong => "too_long",
        }
    }
}

/// A valid reason: the pick and the (trimmed) words.
pub fn validate_reason(code: &str, text: &str) -> Result<(Reason, String), ReasonError> {
    let reason = Reason::parse(code.trim()).ok_or(ReasonError::NotAChoice)?;
    let text = text.trim();
    if text.chars().count() > REASON_TEXT_MAX {
        return Err(ReasonError::TooLong);
    }
    if reason == Reason::Other && text.is_empty() {
        return Err(ReasonError::TextRequired);
    }
    Ok((reason, text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn windows_split_the_calendar_without_gaps_or_overlaps() {
        let today = day("2026-11-27");
        assert_eq!(Window::of(None, today), Window::None);
        assert_eq!(Window::of(Some(day("2026-11-26")), today), Window::Overdue);
        assert_eq!(Window::of(Some(today), today), Window::Week);
        assert_eq!(Window::of(Some(day("2026-12-04")), today), Window::Week);
        assert_eq!(Window::of(Some(day("2026-12-05")), today), Window::Month);
        assert_eq!(Window::of(Some(day("2026-12-27")), today), Window::Month);
        assert_eq!(Window::of(Some(day("2026-12-28")), today), Window::Later);
        // Every day from a year back to a year ahead falls in the range of its own window.
        for offset in -365..=365 {
            let due = today + chrono::Duration::days(offset);
            let window = Window::of(Some(due), today);
            let (from, to) = window.range(today).unwrap_or((None, None));
            assert!(from.is_none_or(|f| f <= due) && to.is_none_or(|t| due <= t), "{due}");
            for other in Window::ALL.into_iter().filter(|w| *w != window && *w != Window::None) {
                let (from, to) = other.range(today).unwrap_or((None, None));
                assert!(!(from.is_none_or(|f| f <= due) && to.is_none_or(|t| due <= t)));
            }
        }
    }

    #[test]
    fn clocks_follow_the_rules() {
        assert_eq!(clock_days(ObligationKind::FirstMeeting), Some(120));
        assert_eq!(clock_days(ObligationKind::FollowUp), Some(90));
        assert_eq!(clock_days(ObligationKind::Psp), Some(60));
        assert_eq!(clock_days(ObligationKind::AttendConvocation), None);
    }

    #[test]
    fn a_reason_is_a_pick_and_other_needs_words() {
        assert_eq!(validate_reason("meeting", "  "), Ok((Reason::Meeting, String::new())));
        assert_eq!(validate_reason("", "x"), Err(ReasonError::NotAChoice));
        assert_eq!(validate_reason("whatever", "x"), Err(ReasonError::NotAChoice));
        assert_eq!(validate_reason("other", " "), Err(ReasonError::TextRequired));
        assert_eq!(
            validate_reason("other", " verifica ISEE "),
            Ok((Reason::Other, "verifica ISEE".into()))
        );
        let long = "a".repeat(REASON_TEXT_MAX + 1);
        assert_eq!(validate_reason("plan", &long), Err(ReasonError::TooLong));
        for reason in Reason::ALL {
            assert_eq!(Reason::parse(reason.code()), Some(reason));
        }
    }
}
