//! How every page shows an instant: local time in Rome.

use chrono::{DateTime, Utc};

/// `at` as local time in Rome, in `format` (a `chrono` format string).
pub fn rome_time(at: DateTime<Utc>, format: &str) -> String {
    at.with_timezone(&chrono_tz::Europe::Rome).format(format).to_string()
}
