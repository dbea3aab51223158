//! Candidacies: a person's application to (or expression of interest in) one opportunity of
//! the catalogue, and the moves it may make.
//!
//! A person applies once per opportunity, while the ad is live. From then on the other side
//! (the employer, school or municipality; until their side of SIISL exists, the domain services
//! acting for them and the demo) moves it forward, and the person may withdraw it while it is
//! still open. Closed candidacies never move again, so what a person was told stays true.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a candidacy stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CandidacyStatus {
    /// Sent by the person; nobody has looked at it yet.
    Sent,
    /// The organiser is reading it.
    InReview,
    /// The organiser has asked the person for an interview (or an admission talk).
    Interview,
    /// Hired, admitted to the course or internship, or placed on the project.
    Accepted,
    /// The organiser chose someone else.
    NotSelected,
    /// The person took it back.
    Withdrawn,
}

pub const ALL_CANDIDACY_STATUSES: [CandidacyStatus; 6] = [
    CandidacyStatus::Sent,
    CandidacyStatus::InReview,
    CandidacyStatus::Interview,
    CandidacyStatus::Accepted,
    CandidacyStatus::NotSelected,
    CandidacyStatus::Withdrawn,
];

/// Who makes a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mover {
    /// The person who applied.
    Candidate,
    /// The employer, school or municipality offering the opportunity.
    Organiser,
}

impl CandidacyStatus {
    pub fn code(self) -> &'static str {
        match self {
            CandidacyStatus::Sent => "sent",
            CandidacyStatus::InReview => "in_review",
            CandidacyStatus::Interview => "interview",
            CandidacyStatus::Accepted => "accepted",
            CandidacyStatus::NotSelected => "not_selected",
            CandidacyStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<CandidacyStatus> {
        ALL_CANDIDACY_STATUSES.into_iter().find(|s| s.code() == code)
    }

    /// Whether `mover` may take a candidacy from this status to `next`.
    ///
    /// The organiser moves forward one step at a time (sent → in review → interview →
    /// accepted) and may turn a candidacy down at any open step; the candidate may only
    /// withdraw, and only while the outcome is still open. Nobody moves a closed candidacy.
    pub fn can_become(self, next: CandidacyStatus, mover: Mover) -> bool {
        use CandidacyStatus::*;
        match mover {
            Mover::Organiser => matches!(
                (self, next),
                (Sent, InReview)
                    | (InReview, Interview)
                    | (Interview, Accepted)
                    | (Sent | InReview | Interview, NotSelected)
            ),
            Mover::Candidate => self.is_open() && next == Withdrawn,
        }
    }

    /// Still waiting for an outcome.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CandidacyStatus::Sent | CandidacyStatus::InReview | CandidacyStatus::Interview
        )
    }

    /// The next step forward an organiser would take, if any (the demo's "advance").
    pub fn next_forward(self) -> Option<CandidacyStatus> {
        match self {
            CandidacyStatus::Sent => Some(CandidacyStatus::InReview),
            CandidacyStatus::InReview => Some(CandidacyStatus::Interview),
            CandidacyStatus::Interview => Some(CandidacyStatus::Accepted),
            _ => None,
        }
    }
}

/// Why a person may not apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// They have already applied; applying again would change nothing.
    AlreadyApplied,
    /// The ad is not live today (expired, or not yet published).
    Closed,
    /// A candidacy is the CV sent to the organiser: there must be one.
    NoCv,
    /// A PUC: the Comune assigns ADI beneficiaries to it (R28); nobody applies.
    AssignedByComune,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::AlreadyApplied => "already_applied",
            Refusal::Closed => "closed",
            Refusal::NoCv => "no_cv",
            Refusal::AssignedByComune => "assigned_by_comune",
        }
    }
}

/// Whether a person may apply today: the checks in the order a person would want to hear
/// them (having applied already is the most useful thing to say).
pub fn may_apply(
    kind: crate::catalog::Kind,
    already_applied: bool,
    has_cv: bool,
    published: NaiveDate,
    expires: NaiveDate,
    today: NaiveDate,
) -> Result<(), Refusal> {
    if kind == crate::catalog::Kind::Puc {
        Err(Refusal::AssignedByComune)
    } else if already_applied {
        Err(Refusal::AlreadyApplied)
    } else if !crate::catalog::is_live(published, expires, today) {
        Err(Refusal::Closed)
    } else if !has_cv {
        Err(Refusal::NoCv)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CandidacyStatus::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn codes_round_trip() {
        for status in ALL_CANDIDACY_STATUSES {
            assert_eq!(CandidacyStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(CandidacyStatus::from_code("hired"), None);
    }

    #[test]
    fn the_organiser_moves_forward_one_step_or_turns_down_an_open_candidacy() {
        let allowed = [
            (Sent, InReview),
            (InReview, Interview),
            (Interview, Accepted),
            (Sent, NotSelected),
            (InReview, NotSelected),
            (Interview, NotSelected),
        ];
        for from in ALL_CANDIDACY_STATUSES {
            for to in ALL_CANDIDACY_STATUSES {
                assert_eq!(
                    from.can_become(to, Mover::Organiser),
                    allowed.contains(&(from, to)),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn the_candidate_may_only_withdraw_an_open_candidacy() {
        for from in ALL_CANDIDACY_STATUSES {
            for to in ALL_CANDIDACY_STATUSES {
                let expected = to == Withdrawn && matches!(from, Sent | InReview | Interview);
                assert_eq!(from.can_become(to, Mover::Candidate), expected, "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn closed_candidacies_never_move_and_forward_follows_the_machine() {
        for from in [Accepted, NotSelected, Withdrawn] {
            assert!(!from.is_open());
            assert_eq!(from.next_forward(), None);
            for to in ALL_CANDIDACY_STATUSES {
                assert!(!from.can_become(to, Mover::Organiser));
                assert!(!from.can_become(to, Mover::Candidate));
            }
        }
        for from in ALL_CANDIDACY_STATUSES {
            if let Some(next) = from.next_forward() {
                assert!(from.can_become(next, Mover::Organiser));
            }
        }
    }

    #[test]
    fn applying_needs_a_live_ad_a_cv_and_no_earlier_candidacy() {
        use crate::catalog::Kind::{Job, Puc};
        let (published, expires) = (d("2026-11-01"), d("2026-12-31"));
        // R28: the Comune assigns a PUC; it is never applied for.
        assert_eq!(
            may_apply(Puc, false, true, published, expires, d("2026-11-27")),
            Err(Refusal::AssignedByComune)
        );
        assert_eq!(may_apply(Job, false, true, published, expires, d("2026-11-27")), Ok(()));
        assert_eq!(may_apply(Job, false, true, published, expires, d("2026-12-31")), Ok(()));
        assert_eq!(
            may_apply(Job, false, true, published, expires, d("2027-01-01")),
            Err(Refusal::Closed)
        );
        assert_eq!(
            may_apply(Job, false, true, published, expires, d("2026-10-31")),
            Err(Refusal::Closed)
        );
        assert_eq!(
            may_apply(Job, false, false, published, expires, d("2026-11-27")),
            Err(Refusal::NoCv)
        );
        // Having applied is said first, even once the ad has closed.
        assert_eq!(
            may_apply(Job, true, false, published, expires, d("2027-01-01")),
            Err(Refusal::AlreadyApplied)
        );
    }
}
