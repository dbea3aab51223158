//! Payment days (R8, R14) and the monthly cut-off for records (R20, R21).
//! Months are represented by their first day.

use chrono::NaiveDate;

use crate::calendar::{add_days, day_of_month, month_of, next_month};
use crate::rules::{RuleBook, RuleValues};

/// R18, R8: the first month paid is the one after the PAD is signed.
pub fn first_paid_month(pad_signed_on: NaiveDate) -> NaiveDate {
    next_month(pad_signed_on)
}

/// R8: the day the payment for `month` is expected: the first one from the 15th, the later
/// ones from the 27th.
pub fn payment_on(month: NaiveDate, first_month: NaiveDate, values: &RuleValues) -> NaiveDate {
    let day = if month_of(month) == month_of(first_month) {
        values.first_payment_day
    } else {
        values.later_payment_day
    };
    day_of_month(month, day)
}

/// R8, R7: the next payment expected on or after `today` for a pact signed on
/// `pad_signed_on`, or `None` when all the months of the benefit are behind.
pub fn next_payment_on(
    pad_signed_on: NaiveDate,
    today: NaiveDate,
    book: &RuleBook,
) -> Option<NaiveDate> {
    let values = &book.at(pad_signed_on).values;
    let first = first_paid_month(pad_signed_on);
    let mut month = first;
    for _ in 0..values.adi_months {
        let on = payment_on(month, first, values);
        if on >= today {
            return Some(on);
        }
        month = next_month(month);
    }
    None
}

/// R21: the month whose payment a record made on `recorded_on` counts for: the same month
/// when it is in by the cut-off day (the 20th), otherwise the next one.
pub fn month_counted_for(recorded_on: NaiveDate, values: &RuleValues) -> NaiveDate {
    if recorded_on <= day_of_month(recorded_on, values.record_cutoff_day) {
        month_of(recorded_on)
    } else {
        next_month(recorded_on)
    }
}

/// R20: a deadline missed on `due_on` suspends payments from the month after the first day
/// it was overdue.
pub fn suspension_starts(due_on: NaiveDate) -> NaiveDate {
    next_month(add_days(due_on, 1))
}

/// R20, R22, R31: the months owed as arrears when a household suspended from
/// `suspended_from` meets its obligation with a record made on `recorded_on`. The month the
/// record counts for is paid normally; the ones before it, back to the suspension, are arrears.
pub fn arrears_months(
    suspended_from: NaiveDate,
    recorded_on: NaiveDate,
    values: &RuleValues,
) -> Vec<NaiveDate> {
    let resumes = month_counted_for(recorded_on, values);
    let mut months = Vec::new();
    let mut month = month_of(suspended_from);
    while month < resumes {
        months.push(month);
        month = next_month(month);
    }
    months
}

/// R14: SFL is paid from the 27th of the month when the conditions are met by the 15th,
/// otherwise from the 15th of the next month.
pub fn sfl_first_payment_on(conditions_met_on: NaiveDate, values: &RuleValues) -> NaiveDate {
    if conditions_met_on <= day_of_month(conditions_met_on, values.sfl_conditions_cutoff_day) {
        day_of_month(conditions_met_on, values.later_payment_day)
    } else {
        day_of_month(next_month(conditions_met_on), values.first_payment_day)
    }
}
