//! When an outbound message to a platform is tried again: exponential backoff with jitter, and
//! when it is given up ("dead") so an administrator looks at it.

use std::time::Duration;

/// The retry policy of the delivery worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// The wait after the first failure.
    pub base: Duration,
    /// No wait is longer than this.
    pub cap: Duration,
    /// After this many failed attempts the message is dead (retried only by hand).
    pub max_attempts: u32,
}

impl Default for Backoff {
    fn default() -> Backoff {
        Backoff { base: Duration::from_secs(5), cap: Duration::from_secs(3_600), max_attempts: 10 }
    }
}

/// What to do after attempt number `attempts` (1 for the first) failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterFailure {
    RetryIn(Duration),
    GiveUp,
}

impl Backoff {
    /// The ceiling of the wait after `attempts` failures: `base · 2^(attempts-1)`, at most `cap`.
    pub fn ceiling(&self, attempts: u32) -> Duration {
        let exponent = attempts.saturating_sub(1).min(30);
        self.base.saturating_mul(1u32 << exponent).min(self.cap)
    }

    /// `unit` is a uniform random number in [0, 1): the wait is drawn from the upper half of the
    /// ceiling ("equal jitter"), so retries of many messages failed together spread out while
    /// each still waits at least half the backoff.
    pub fn after_failure(&self, attempts: u32, unit: f64) -> AfterFailure {
        if attempts >= self.max_attempts {
            return AfterFailure::GiveUp;
        }
        let ceiling = self.ceiling(attempts).as_secs_f64();
        let unit = if unit.is_finite() { unit.clamp(0.0, 1.0) } else { 0.0 };
        AfterFailure::RetryIn(Duration::from_secs_f64(ceiling / 2.0 + unit * ceiling / 2.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_cap_and_give_up_at_the_limit() {
        let policy =
            Backoff { base: Duration::from_secs(2), cap: Duration::from_secs(60), max_attempts: 8 };
        let ceilings: Vec<u64> = (1..=7).map(|a| policy.ceiling(a).as_secs()).collect();
        assert_eq!(ceilings, [2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(policy.after_failure(8, 0.5), AfterFailure::GiveUp);
        assert_eq!(policy.after_failure(20, 0.5), AfterFailure::GiveUp);
        assert_eq!(policy.after_failure(1, 0.0), AfterFailure::RetryIn(Duration::from_secs(1)));
        assert_eq!(policy.after_failure(3, 1.0), AfterFailure::RetryIn(Duration::from_secs(8)));
        // A huge attempt count does not overflow.
        assert_eq!(Backoff::default().ceiling(u32::MAX), Duration::from_secs(3_600));
    }

    #[test]
    fn jitter_stays_within_the_upper_half() {
        let policy = Backoff::default();
        for attempts in 1..policy.max_attempts {
            let ceiling = policy.ceiling(attempts);
            for unit in [0.0, 0.1, 0.37, 0.5, 0.99, 1.0, -3.0, f64::NAN] {
                let AfterFailure::RetryIn(wait) = policy.after_failure(attempts, unit) else {
                    panic!("retried below the limit");
                };
                assert!(wait >= ceiling / 2 && wait <= ceiling, "{attempts} {unit}: {wait:?}");
            }
        }
    }
}
