//! When and how soon a read is asked again after the network or the service hiccups.
//!
//! Only reads are retried (GETs and reads marked so): a write sent twice may act twice. The
//! wait doubles per attempt with jitter, so many consoles do not come back at once, and a
//! `Retry-After` the service sent wins (bounded, so a bad header cannot stall a page).

use std::time::Duration;

use chrono::{DateTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    pub base: Duration,
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base: Duration::from_millis(500),
            cap: Duration::from_secs(10),
        }
    }
}

/// The longest `Retry-After` honoured.
const MOST_RETRY_AFTER: Duration = Duration::from_secs(60);

impl RetryPolicy {
    /// A connection's `retries` setting (0 turns retrying off), else the default.
    pub fn with_retries(retries: Option<u64>) -> Self {
        Self {
            max_retries: retries.map_or(3, |r| r.min(10) as u32),
            ..Self::default()
        }
    }

    /// Statuses that say "not now" rather than "no".
    pub fn retries_status(status: u16) -> bool {
        matches!(status, 429 | 502 | 503 | 504)
    }

    /// How long to wait before retry number `retry` (1 for the first), with `jitter` in 0..1.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>, jitter: f64) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(MOST_RETRY_AFTER);
        }
        let doubled = self
            .base
            .saturating_mul(1u32 << retry.saturating_sub(1).min(16));
        let capped = doubled.min(self.cap);
        // Between half and the whole of the wait ("equal jitter").
        capped.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }
}

/// A `Retry-After` value: seconds, or an HTTP date (how long from `now`).
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = DateTime::parse_from_rfc2822(value)
        .ok()?
        .with_timezone(&Utc);
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_with_jitter_up_to_the_cap() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, None, 1.0), Duration::from_millis(500));
        assert_eq!(p.delay(2, None, 1.0), Duration::from_millis(1000));
        assert_eq!(p.delay(3, None, 0.0), Duration::from_millis(1000));
        assert_eq!(p.delay(9, None, 1.0), Duration::from_secs(10));
        assert_eq!(p.delay(40, None, 1.0), Duration::from_secs(10));
    }

    #[test]
    fn retry_after_wins_within_bounds() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(2)), 0.3),
            Duration::from_secs(2)
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(3600)), 0.3),
            Duration::from_secs(60)
        );
        let now = DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(parse_retry_after(" 5 ", now), Some(Duration::from_secs(5)));
        assert_eq!(
            parse_retry_after("Fri, 27 Nov 2026 10:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Fri, 27 Nov 2026 09:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn only_not_now_statuses_are_retried_and_the_setting_is_bounded() {
        for s in [429, 502, 503, 504] {
            assert!(RetryPolicy::retries_status(s));
        }
        for s in [400, 401, 404, 409, 500] {
            assert!(!RetryPolicy::retries_status(s));
        }
        assert_eq!(RetryPolicy::with_retries(Some(0)).max_retries, 0);
        assert_eq!(RetryPolicy::with_retries(Some(99)).max_retries, 10);
        assert_eq!(RetryPolicy::with_retries(None).max_retries, 3);
    }
}
