//! SIISL rules as code (docs/rules.md R8, R14–R15, R18–R22, R24–R25, R31).
//!
//! Everything here is pure: no I/O and no clock. The caller says what day it is (a calendar
//! date in Europe/Rome, see [`calendar::rome_date`]) and which rule values are in force (a
//! [`rules::RuleBook`]), so the same answers come out on the server, in the browser and in
//! tests run "at" any date.

pub mod calendar;
pub mod candidacy;
pub mod caseload;
pub mod catalog;
pub mod cv;
pub mod deadlines;
pub mod delivery;
pub mod explain;
pub mod facts;
pub mod matching;
pub mod payments;
pub mod rules;
pub mod search;
pub mod text;

/// The date type every domain value uses, re-exported so callers share one chrono.
pub use chrono::NaiveDate;

pub use deadlines::{Consequence, NextDue, Obligation, ObligationKind, Who, next_due, obligations};
pub use explain::Lang;
pub use facts::{
    ApplicationStatus, ConvocationFact, HouseholdFacts, MeetingFact, MemberFacts, Outcome,
    Programme, Venue,
};
pub use rules::{RuleBook, RuleId, RuleValues, RuleVersion};
