//! Versioned rule values: every number the rules use, with the date it took effect and the
//! law that set it. A deadline uses the version in force on the day that started it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The rules of docs/rules.md the engine encodes. Shown to people as "perché?" references.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RuleId {
    /// Payment days.
    R8,
    /// SFL flow and its payment days.
    R14,
    /// SFL: confirm participation every 90 days.
    R15,
    /// The PAD nucleo: certified contacts and consents.
    R17,
    /// Signing the PAD nucleo starts the benefit and the 120-day clock.
    R18,
    /// First meeting with social services within 120 days.
    R19,
    /// Consequences of missing the first meeting.
    R20,
    /// Meeting outcomes and the monthly cut-off.
    R21,
    /// Every 90 days after the first meeting.
    R22,
    /// Who is attivabile.
    R24,
    /// PAD individuale and PSP within 60 days of the assessment.
    R25,
    /// Suspension versus decadenza.
    R31,
}

impl RuleId {
    pub fn code(self) -> &'static str {
        match self {
            RuleId::R8 => "R8",
            RuleId::R14 => "R14",
            RuleId::R15 => "R15",
            RuleId::R17 => "R17",
            RuleId::R18 => "R18",
            RuleId::R19 => "R19",
            RuleId::R20 => "R20",
            RuleId::R21 => "R21",
            RuleId::R22 => "R22",
            RuleId::R24 => "R24",
            RuleId::R25 => "R25",
            RuleId::R31 => "R31",
        }
    }

    pub fn from_code(code: &str) -> Option<RuleId> {
        ALL_RULES.iter().copied().find(|rule| rule.code() == code)
    }

    /// The article of law behind the rule, cited next to every explanation.
    pub fn legal_reference(self) -> &'static str {
        match self {
            RuleId::R8 => "D.L. 48/2023, art. 3, c. 6; INPS, messaggio 4 gennaio 2024, n. 46",
            RuleId::R14 | RuleId::R15 => "D.L. 48/2023, art. 12",
            RuleId::R17 | RuleId::R18 | RuleId::R19 | RuleId::R20 => {
                "D.L. 48/2023, art. 4, c. 5 e art. 8"
            }
            RuleId::R21 => "D.L. 48/2023, art. 4, c. 6; D.M. Lavoro 13 dicembre 2023",
            RuleId::R22 => "D.L. 48/2023, art. 4, c. 7",
            RuleId::R24 => "D.L. 48/2023, art. 6, c. 4-5",
            RuleId::R25 => "D.L. 48/2023, art. 4, c. 5 e art. 6",
            RuleId::R31 => "D.L. 48/2023, art. 8",
        }
    }
}

pub const ALL_RULES: &[RuleId] = &[
    RuleId::R8,
    RuleId::R14,
    RuleId::R15,
    RuleId::R17,
    RuleId::R18,
    RuleId::R19,
    RuleId::R20,
    RuleId::R21,
    RuleId::R22,
    RuleId::R24,
    RuleId::R25,
    RuleId::R31,
];

/// The values of one version of the rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleValues {
    /// R19: days from the PAD nucleo (or a justified reason) to the first social-services meeting.
    pub first_meeting_days: u32,
    /// R22: days between presentations after the first meeting.
    pub follow_up_days: u32,
    /// R25: days from the assessment for the PAD individuale and the PSP of each attivabile.
    pub activation_days: u32,
    /// R15: days between SFL participation confirmations.
    pub sfl_confirmation_days: u32,
    /// R21: a meeting recorded by this day of the month counts for that month's payment.
    pub record_cutoff_day: u32,
    /// R8: the first payment is made from this day of the month after signing.
    pub first_payment_day: u32,
    /// R8: later payments are made from this day of each month.
    pub later_payment_day: u32,
    /// R14: SFL conditions met by this day of the month are paid that month.
    pub sfl_conditions_cutoff_day: u32,
    /// R22, R24: from this age a member is exempt from presentations and activation.
    pub exemption_age: u32,
    /// R24: the age from which a member can be attivabile.
    pub adult_age: u32,
    /// R20: months before a household that lost the benefit may apply again.
    pub reapply_after_months: u32,
    /// R12: SFL monthly allowance, in euro cents.
    pub sfl_monthly_cents: i64,
    /// R7: months of ADI payments before the benefit ends (renewable after a stop).
    pub adi_months: u32,
}

/// One version of the rules: in force from `valid_from` until the next version's date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleVersion {
    pub valid_from: NaiveDate,
    pub legal_reference: String,
    pub values: RuleValues,
}

/// Every version of the rules, oldest first. Deserializing checks the order like [`RuleBook::new`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Versions")]
pub struct RuleBook {
    versions: Vec<RuleVersion>,
}

/// The serialized shape of a rule book, before its checks.
#[derive(Deserialize)]
struct Versions {
    versions: Vec<RuleVersion>,
}

impl TryFrom<Versions> for RuleBook {
    type Error = RuleBookError;

    fn try_from(file: Versions) -> Result<RuleBook, RuleBookError> {
        RuleBook::new(file.versions)
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum RuleBookError {
    Empty,
    NotIncreasing(NaiveDate),
}

impl std::fmt::Display for RuleBookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuleBookError::Empty => write!(f, "the rule book has no version"),
            RuleBookError::NotIncreasing(date) => {
                write!(f, "rule version valid from {date} is not after the previous one")
            }
        }
    }
}

impl std::error::Error for RuleBookError {}

impl RuleBook {
    pub fn new(versions: Vec<RuleVersion>) -> Result<RuleBook, RuleBookError> {
        if versions.is_empty() {
            return Err(RuleBookError::Empty);
        }
        for pair in versions.windows(2) {
            if pair[1].valid_from <= pair[0].valid_from {
                return Err(RuleBookError::NotIncreasing(pair[1].valid_from));
            }
        }
        Ok(RuleBook { versions })
    }

    /// The rules as enacted: D.L. 48/2023 (ADI and SFL from 2024) and the 2025 budget law.
    pub fn standard() -> RuleBook {
        let dl_48 = RuleValues {
            first_meeting_days: 120,
            follow_up_days: 90,
            activation_days: 60,
            sfl_confirmation_days: 90,
            record_cutoff_day: 20,
            first_payment_day: 15,
            later_payment_day: 27,
            sfl_conditions_cutoff_day: 15,
            exemption_age: 60,
            adult_age: 18,
            reapply_after_months: 6,
            sfl_monthly_cents: 35_000,
            adi_months: 18,
        };
        let budget_2025 = RuleValues { sfl_monthly_cents: 50_000, ..dl_48.clone() };
        RuleBook {
            versions: vec![
                RuleVersion {
                    valid_from: date(2023, 9, 1),
                    legal_reference: "D.L. 4 maggio 2023, n. 48, conv. L. 3 luglio 2023, n. 85"
                        .to_string(),
                    values: dl_48,
                },
                RuleVersion {
                    valid_from: date(2025, 1, 1),
                    legal_reference: "L. 30 dicembre 2024, n. 207 (legge di bilancio 2025)"
                        .to_string(),
                    values: budget_2025,
                },
            ],
        }
    }

    /// The version in force on `on` (the oldest one for earlier dates).
    pub fn at(&self, on: NaiveDate) -> &RuleVersion {
        let index = self.versions.partition_point(|version| version.valid_from <= on);
        &self.versions[index.saturating_sub(1)]
    }

    pub fn versions(&self) -> &[RuleVersion] {
        &self.versions
    }
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_in_force_is_the_latest_started_one() {
        let book = RuleBook::standard();
        assert_eq!(book.at(date(2024, 6, 1)).values.sfl_monthly_cents, 35_000);
        assert_eq!(book.at(date(2024, 12, 31)).values.sfl_monthly_cents, 35_000);
        assert_eq!(book.at(date(2025, 1, 1)).values.sfl_monthly_cents, 50_000);
        assert_eq!(book.at(date(2020, 1, 1)).valid_from, date(2023, 9, 1));
    }

    #[test]
    fn versions_must_be_in_date_order() {
        let standard = RuleBook::standard();
        let mut versions = standard.versions().to_vec();
        versions.reverse();
        assert_eq!(RuleBook::new(versions), Err(RuleBookError::NotIncreasing(date(2023, 9, 1))));
        assert_eq!(RuleBook::new(Vec::new()), Err(RuleBookError::Empty));
    }

    #[test]
    fn rule_codes_round_trip() {
        for rule in ALL_RULES {
            assert_eq!(RuleId::from_code(rule.code()), Some(*rule));
            assert!(!rule.legal_reference().is_empty());
        }
    }
}
