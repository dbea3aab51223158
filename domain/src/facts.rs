//! What the engine knows about a household: the facts recorded by the domain services.
//! Members and events are identified by the caller's ids; their order does not matter.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::age_on;
use crate::rules::RuleValues;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Programme {
    /// Assegno di Inclusione: a household benefit.
    Adi,
    /// Supporto per la formazione e il lavoro: an individual allowance.
    Sfl,
}

impl Programme {
    pub fn code(self) -> &'static str {
        match self {
            Programme::Adi => "adi",
            Programme::Sfl => "sfl",
        }
    }

    pub fn from_code(code: &str) -> Option<Programme> {
        [Programme::Adi, Programme::Sfl].into_iter().find(|p| p.code() == code)
    }
}

/// Where an application stands. See [`ApplicationStatus::can_become`] for the allowed moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApplicationStatus {
    Submitted,
    UnderAssessment,
    Accepted,
    Rejected,
    /// The pact is signed and the benefit is being paid.
    Active,
    /// Payments stopped until an obligation is met (reversible, with arrears: R31).
    Suspended,
    /// The benefit is lost (final: R31).
    Decaduta,
    Ended,
}

pub const ALL_STATUSES: &[ApplicationStatus] = &[
    ApplicationStatus::Submitted,
    ApplicationStatus::UnderAssessment,
    ApplicationStatus::Accepted,
    ApplicationStatus::Rejected,
    ApplicationStatus::Active,
    ApplicationStatus::Suspended,
    ApplicationStatus::Decaduta,
    ApplicationStatus::Ended,
];

impl ApplicationStatus {
    pub fn code(self) -> &'static str {
        match self {
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::UnderAssessment => "under_assessment",
            ApplicationStatus::Accepted => "accepted",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::Active => "active",
            ApplicationStatus::Suspended => "suspended",
            ApplicationStatus::Decaduta => "decaduta",
            ApplicationStatus::Ended => "ended",
        }
    }

    pub fn from_code(code: &str) -> Option<ApplicationStatus> {
        ALL_STATUSES.iter().copied().find(|status| status.code() == code)
    }

    /// The status machine: submitted → under assessment → accepted / rejected → active →
    /// suspended ⇄ active, and decaduta or ended from active or suspended.
    pub fn can_become(self, next: ApplicationStatus) -> bool {
        use ApplicationStatus::*;
        matches!(
            (self, next),
            (Submitted, UnderAssessment)
                | (UnderAssessment, Accepted | Rejected)
                | (Accepted, Active)
                | (Active, Suspended | Decaduta | Ended)
                | (Suspended, Active | Decaduta | Ended)
        )
    }

    /// No further change is possible.
    pub fn is_final(self) -> bool {
        ALL_STATUSES.iter().all(|next| !self.can_become(*next))
    }
}

/// Who a meeting or convocation is with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Venue {
    /// The municipality's social services (or a patronato on their behalf).
    SocialServices,
    /// A job centre (CPI) or an accredited body.
    Cpi,
}

impl Venue {
    pub fn code(self) -> &'static str {
        match self {
            Venue::SocialServices => "social_services",
            Venue::Cpi => "cpi",
        }
    }

    pub fn from_code(code: &str) -> Option<Venue> {
        [Venue::SocialServices, Venue::Cpi].into_iter().find(|v| v.code() == code)
    }
}

/// The outcome an operator records for an appointment (R21).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// The meeting took place.
    Held,
    /// The household presented without a convocation.
    Spontaneous,
    /// Absent with a justified reason, backed by evidence: the clock starts again.
    Justified,
    /// Absent without a justified reason.
    Absent,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Held => "held",
            Outcome::Spontaneous => "spontaneous",
            Outcome::Justified => "justified",
            Outcome::Absent => "absent",
        }
    }

    pub fn from_code(code: &str) -> Option<Outcome> {
        [Outcome::Held, Outcome::Spontaneous, Outcome::Justified, Outcome::Absent]
            .into_iter()
            .find(|o| o.code() == code)
    }

    /// The person actually met the operator.
    pub fn is_presence(self) -> bool {
        matches!(self, Outcome::Held | Outcome::Spontaneous)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberFacts {
    pub id: i64,
    pub birth_date: NaiveDate,
    pub disabled: bool,
    /// Cares for a child under 3, three or more minors, or a disabled member (R24).
    pub care_duties: bool,
    /// In a protection programme for victims of gender violence (R22, R24).
    pub gender_violence_victim: bool,
    /// Marked attivabile al lavoro by the social services' assessment (R24).
    pub attivabile: bool,
    pub pad_individuale_signed_on: Option<NaiveDate>,
    /// Dates the member's PSP was signed or updated at the CPI.
    pub psp_signed_on: Vec<NaiveDate>,
}

impl MemberFacts {
    pub fn is_minor(&self, on: NaiveDate, values: &RuleValues) -> bool {
        age_on(self.birth_date, on) < values.adult_age
    }

    pub fn is_aged_exempt(&self, on: NaiveDate, values: &RuleValues) -> bool {
        age_on(self.birth_date, on) >= values.exemption_age
    }

    /// Exempt from the periodic presentations (R22).
    pub fn is_exempt_from_presentations(&self, on: NaiveDate, values: &RuleValues) -> bool {
        self.is_aged_exempt(on, values) || self.disabled || self.gender_violence_victim
    }

    /// Could be marked attivabile (R24): an adult under the exemption age with no exemption.
    /// Employment and study are assessed by social services and are not facts we hold.
    pub fn may_be_attivabile(&self, on: NaiveDate, values: &RuleValues) -> bool {
        !self.is_minor(on, values)
            && !self.is_aged_exempt(on, values)
            && !self.disabled
            && !self.care_duties
            && !self.gender_violence_victim
    }
}

/// A meeting an operator recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingFact {
    pub on: NaiveDate,
    pub venue: Venue,
    /// `None` when the whole household was met.
    pub member: Option<i64>,
    pub outcome: Outcome,
}

/// A convocation issued to the household or one member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConvocationFact {
    pub id: i64,
    pub issued_on: NaiveDate,
    pub appointment_on: NaiveDate,
    pub venue: Venue,
    pub member: Option<i64>,
    /// Recorded by the operator after the appointment.
    pub outcome: Option<Outcome>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HouseholdFacts {
    pub programme: Programme,
    pub status: ApplicationStatus,
    /// ADI: the PAD nucleo. SFL: the applicant's PAD individuale (with the DID).
    pub pad_signed_on: Option<NaiveDate>,
    pub members: Vec<MemberFacts>,
    pub meetings: Vec<MeetingFact>,
    pub convocations: Vec<ConvocationFact>,
    /// Dates the PaIS was signed or updated.
    pub pais_signed_on: Vec<NaiveDate>,
    /// SFL participation confirmations (R15).
    pub sfl_confirmed_on: Vec<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_machine_allows_only_the_documented_moves() {
        use ApplicationStatus::*;
        assert!(Submitted.can_become(UnderAssessment));
        assert!(!Submitted.can_become(Active));
        assert!(Accepted.can_become(Active));
        assert!(Suspended.can_become(Active));
        assert!(!Decaduta.can_become(Active));
        assert!(Decaduta.is_final() && Ended.is_final() && Rejected.is_final());
        assert!(!Active.is_final());
        for status in ALL_STATUSES {
            assert_eq!(ApplicationStatus::from_code(status.code()), Some(*status));
            assert!(!status.can_become(*status));
        }
    }
}
