//! Calendar dates as the law counts them: days in Europe/Rome, the starting day is day 0.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// The calendar date in Europe/Rome at `instant`: from the time-zone database on the server
/// (feature `tz-database`), by the EU summer-time rule in the browser.
pub fn rome_date(instant: DateTime<Utc>) -> NaiveDate {
    #[cfg(feature = "tz-database")]
    {
        instant.with_timezone(&chrono_tz::Europe::Rome).date_naive()
    }
    #[cfg(not(feature = "tz-database"))]
    {
        rome_date_by_eu_rule(instant)
    }
}

/// The UTC instant when `date` begins in Europe/Rome (midnight local time).
pub fn rome_midnight(date: NaiveDate) -> DateTime<Utc> {
    #[cfg(feature = "tz-database")]
    {
        use chrono::TimeZone;
        // Midnight is never inside a change-over hour in Rome (changes happen at 02:00 and
        // 03:00 local), so it exists exactly once; `earliest` only guards against a future rule.
        if let Some(start) = chrono_tz::Europe::Rome
            .from_local_datetime(&NaiveDateTime::new(date, NaiveTime::MIN))
            .earliest()
        {
            return start.with_timezone(&Utc);
        }
    }
    rome_midnight_by_eu_rule(date)
}

/// The calendar date in Europe/Rome at `instant` by the EU summer-time rule (since 1996): CEST
/// (UTC+2) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October,
/// CET (UTC+1) otherwise. For the browser, where a time-zone database (hundreds of KiB) would
/// not fit the page-weight budget; tests hold it to the database hour by hour.
pub fn rome_date_by_eu_rule(instant: DateTime<Utc>) -> NaiveDate {
    let utc = instant.naive_utc();
    let year = utc.year();
    let summer_starts = last_sunday(year, 3).and_time(one_am());
    let summer_ends = last_sunday(year, 10).and_time(one_am());
    let offset_hours = if utc >= summer_starts && utc < summer_ends { 2 } else { 1 };
    (utc + chrono::Duration::hours(offset_hours)).date()
}

/// [`rome_midnight`] by the EU summer-time rule.
fn rome_midnight_by_eu_rule(date: NaiveDate) -> DateTime<Utc> {
    // Midnight is never inside a change-over hour (changes happen at 02:00/03:00 local), so
    // one of the two offsets gives back `date` exactly.
    let local = NaiveDateTime::new(date, NaiveTime::MIN);
    let cet = (local - chrono::Duration::hours(1)).and_utc();
    let cest = (local - chrono::Duration::hours(2)).and_utc();
    if rome_date_by_eu_rule(cest) == date
        && rome_date_by_eu_rule(cest - chrono::Duration::seconds(1)) != date
    {
        cest
    } else {
        cet
    }
}

#[cfg(test)]
mod plausible_tests {
    use super::*;

    #[test]
    fn dates_outside_their_window_are_named() {
        let today = date(2026, 12, 7);
        assert_eq!(implausible(date(1, 1, 1), EARLIEST_BIRTH, today), Some("too_early"));
        assert_eq!(implausible(date(1899, 12, 31), EARLIEST_BIRTH, today), Some("too_early"));
        assert_eq!(implausible(EARLIEST_BIRTH, EARLIEST_BIRTH, today), None);
        assert_eq!(implausible(today, PROGRAMMES_START, today), None);
        assert_eq!(implausible(date(2026, 12, 8), PROGRAMMES_START, today), Some("in_future"));
        assert_eq!(implausible(date(2023, 12, 17), FIRST_ADI_SUBMISSION, today), Some("too_early"));
    }
}

fn one_am() -> NaiveTime {
    NaiveTime::from_hms_opt(1, 0, 0).unwrap_or(NaiveTime::MIN)
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let last = last_day_of_month(first_of_month(year, month));
    let back = last.weekday().num_days_from_sunday();
    last - Days::new(u64::from(back))
}

const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

/// The earliest birth date taken as true: anything older is a typing or data error.
pub const EARLIEST_BIRTH: NaiveDate = date(1900, 1, 1);
/// The first day anything of the two programmes can have happened: SFL began on 1 September
/// 2023 (DL 48/2023, art. 12); ADI later (its applications opened on 18 December 2023).
pub const PROGRAMMES_START: NaiveDate = date(2023, 9, 1);
/// The first day an ADI application could be submitted.
pub const FIRST_ADI_SUBMISSION: NaiveDate = date(2023, 12, 18);

/// Why a date cannot be what it says, for dates that must lie between `earliest` and today:
/// `too_early` or `in_future` (stable codes, the same in forms and API problems).
pub fn implausible(date: NaiveDate, earliest: NaiveDate, today: NaiveDate) -> Option<&'static str> {
    if date < earliest {
        Some("too_early")
    } else if date > today {
        Some("in_future")
    } else {
        None
    }
}

/// Why a planned date (an appointment, an activity, a suspension's first month) cannot be
/// meant: before the programmes existed (`too_early`) or more than three years ahead
/// (`too_far`).
pub fn implausible_planned(date: NaiveDate, today: NaiveDate) -> Option<&'static str> {
    let horizon = today.checked_add_months(Months::new(36)).unwrap_or(NaiveDate::MAX);
    if date < PROGRAMMES_START {
        Some("too_early")
    } else if date > horizon {
        Some("too_far")
    } else {
        None
    }
}

/// `date` plus `days` calendar days ("within N days of D" ends on `add_days(D, N)`).
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The first day of `date`'s month.
pub fn month_of(date: NaiveDate) -> NaiveDate {
    first_of_month(date.year(), date.month())
}

/// The first day of the month after `date`'s.
pub fn next_month(date: NaiveDate) -> NaiveDate {
    month_of(date).checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX)
}

/// Day `day` of `month`'s month, or its last day when the month is shorter.
pub fn day_of_month(month: NaiveDate, day: u32) -> NaiveDate {
    let first = month_of(month);
    first.with_day(day).unwrap_or_else(|| last_day_of_month(first))
}

pub fn last_day_of_month(date: NaiveDate) -> NaiveDate {
    next_month(date).pred_opt().unwrap_or(date)
}

fn first_of_month(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

/// Age in whole years on `on` of someone born on `birth` (a 29 February birthday falls on
/// 1 March in common years, as the Italian civil code counts it).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn rome_date_matches_the_time_zone_database_hour_by_hour() {
        let mut instant = Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0).unwrap();
        while instant < end {
            for minute in [0, 59] {
                let at = instant + chrono::Duration::minutes(minute);
                let expected = at.with_timezone(&chrono_tz::Europe::Rome).date_naive();
                assert_eq!(rome_date_by_eu_rule(at), expected, "at {at}");
                assert_eq!(rome_date(at), expected, "at {at}");
            }
            instant += chrono::Duration::hours(1);
        }
    }

    #[test]
    fn rome_midnight_is_the_local_start_of_day() {
        let mut date = d(2024, 1, 1);
        while date < d(2027, 1, 1) {
            let expected = chrono_tz::Europe::Rome
                .from_local_datetime(&date.and_time(NaiveTime::MIN))
                .single()
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(rome_midnight_by_eu_rule(date), expected, "{date}");
            assert_eq!(rome_midnight(date), expected, "{date}");
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_rome() {
        let at = Utc.with_ymd_and_hms(2026, 6, 30, 22, 30, 0).unwrap();
        assert_eq!(rome_date(at), d(2026, 7, 1));
        let winter = Utc.with_ymd_and_hms(2026, 12, 31, 23, 0, 0).unwrap();
        assert_eq!(rome_date(winter), d(2027, 1, 1));
    }

    #[test]
    fn month_arithmetic_handles_short_months_and_leap_years() {
        assert_eq!(next_month(d(2024, 1, 31)), d(2024, 2, 1));
        assert_eq!(next_month(d(2026, 12, 15)), d(2027, 1, 1));
        assert_eq!(day_of_month(d(2024, 2, 10), 30), d(2024, 2, 29));
        assert_eq!(day_of_month(d(2025, 2, 10), 30), d(2025, 2, 28));
        assert_eq!(last_day_of_month(d(2024, 2, 5)), d(2024, 2, 29));
        assert_eq!(add_days(d(2024, 2, 28), 1), d(2024, 2, 29));
        assert_eq!(add_days(d(2025, 2, 28), 1), d(2025, 3, 1));
    }

    #[test]
    fn age_counts_whole_years_and_leap_day_birthdays() {
        assert_eq!(age_on(d(1966, 5, 10), d(2026, 5, 9)), 59);
        assert_eq!(age_on(d(1966, 5, 10), d(2026, 5, 10)), 60);
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 2, 28)), 17);
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 3, 1)), 18);
        assert_eq!(last_sunday(2026, 3).weekday(), chrono::Weekday::Sun);
        assert_eq!(last_sunday(2026, 10), d(2026, 10, 25));
    }
}
