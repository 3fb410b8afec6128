//! How a job is doing, with the clock passed in:
//!
//! - **running**: its last run has not ended;
//! - **failed**: its last run failed in the last 24 hours (or the vendor does not say when);
//! - **suspended**: it is disabled (and neither of the above);
//! - **overdue**: nothing succeeded within twice its schedule's interval (the longest gap
//!   between its runs), including a job whose runs fail and never succeed;
//! - **healthy**: it succeeded (warnings included) and is not overdue;
//! - **unknown**: the vendor says nothing of its runs, or it has no regular schedule to be
//!   overdue against and its last known run failed long ago.

use chrono::{DateTime, Duration, Utc};

use super::{Job, LastResult};
use crate::spec::Tone;

/// How long a failure counts as "failed" rather than as overdue.
pub const FAILED_WITHIN_HOURS: i64 = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Health {
    Failed,
    Overdue,
    Running,
    Healthy,
    Suspended,
    Unknown,
}

impl Health {
    pub const ALL: [Health; 6] = [
        Health::Failed,
        Health::Overdue,
        Health::Running,
        Health::Healthy,
        Health::Suspended,
        Health::Unknown,
    ];

    /// A stable name for URLs, CSV and tests.
    pub fn name(self) -> &'static str {
        match self {
            Health::Failed => "failed",
            Health::Overdue => "overdue",
            Health::Running => "running",
            Health::Healthy => "healthy",
            Health::Suspended => "suspended",
            Health::Unknown => "unknown",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.name() == name)
    }

    pub fn label(self) -> &'static str {
        match self {
            Health::Failed => "Failed (24 h)",
            Health::Overdue => "Overdue",
            Health::Running => "Running",
            Health::Healthy => "Healthy",
            Health::Suspended => "Suspended",
            Health::Unknown => "Unknown",
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            Health::Failed => Tone::Bad,
            Health::Overdue => Tone::Warning,
            Health::Running => Tone::Busy,
            Health::Healthy => Tone::Good,
            Health::Suspended | Health::Unknown => Tone::Neutral,
        }
    }
}

/// A job's health at `now`, and why, in a sentence.
pub fn classify(job: &Job, now: DateTime<Utc>) -> (Health, String) {
    let ago = |t: DateTime<Utc>| crate::format::relative(t, now);
    if job.last == LastResult::Running {
        let since = job
            .last_started
            .map_or_else(String::new, |t| format!(" (started {})", ago(t)));
        return (Health::Running, format!("A run is under way{since}."));
    }
    let last_run = job.last_run();
    if job.last == LastResult::Failure
        && last_run.is_none_or(|t| now - t <= Duration::hours(FAILED_WITHIN_HOURS))
    {
        let when = last_run.map_or_else(String::new, |t| format!(" {}", ago(t)));
        return (Health::Failed, format!("The last run failed{when}."));
    }
    if !job.enabled {
        return (Health::Suspended, "The job is disabled.".to_owned());
    }
    let known = job.last != LastResult::Unknown || job.last_success.is_some();
    match job.schedule.interval(now) {
        Some(interval) => {
            let limit = interval * 2;
            match job.last_success {
                Some(t) if now - t <= limit => {
                    (Health::Healthy, format!("Last succeeded {}.", ago(t)))
                }
                Some(t) => (
                    Health::Overdue,
                    format!(
                        "Last succeeded {}; it runs at least every {}.",
                        ago(t),
                        crate::format::span(interval)
                    ),
                ),
                None if known => (
                    Health::Overdue,
                    "No run is known to have succeeded.".to_owned(),
                ),
                None => (Health::Unknown, unknown_reason(job)),
            }
        }
        None if job.last.succeeded() || job.last_success.is_some() => (
            Health::Healthy,
            "The last run succeeded; it has no regular schedule.".to_owned(),
        ),
        None => (Health::Unknown, unknown_reason(job)),
    }
}

fn unknown_reason(job: &Job) -> String {
    if job.last == LastResult::Failure {
        "The last run failed over a day ago, and there is no regular schedule to measure against."
            .to_owned()
    } else {
        format!("{} does not say how its runs went.", job.vendor.title())
    }
}

/// How many jobs are in each health, in [`Health::ALL`] order.
pub fn counts(healths: impl IntoIterator<Item = Health>) -> Vec<(Health, usize)> {
    let mut counts: Vec<(Health, usize)> = Health::ALL.iter().map(|h| (*h, 0)).collect();
    for health in healths {
        if let Some(entry) = counts.iter_mut().find(|(h, _)| *h == health) {
            entry.1 += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{at, JobSchedule, Source};
    use crate::schedule::{CronExpr, Dialect};
    use crate::vendors::Vendor;

    fn job(cron: Option<&str>, last: LastResult, finished: Option<&str>) -> Job {
        let mut job = Job::new(
            &Source::new("c", ""),
            Vendor::ScheduledBackup,
            "1",
            "j",
            "/c/c/plans/1".into(),
        );
        if let Some(cron) = cron {
            job.schedule = JobSchedule::Cron {
                expr: CronExpr::parse(cron, Dialect::Standard).unwrap(),
                zone: crate::schedule::Zone::UTC,
            };
        }
        job.last = last;
        job.last_finished = finished.map(at);
        job.with_success_from_last()
    }

    #[test]
    fn each_health_from_its_evidence() {
        let now = at("2026-11-25T12:00:00Z");
        let daily = Some("0 2 * * *");
        let cases = [
            (job(daily, LastResult::Running, None), Health::Running),
            (
                job(daily, LastResult::Failure, Some("2026-11-25T02:05:00Z")),
                Health::Failed,
            ),
            (job(daily, LastResult::Failure, None), Health::Failed),
            // An old failure with nothing since: no success within two days.
            (
                job(daily, LastResult::Failure, Some("2026-11-22T02:05:00Z")),
                Health::Overdue,
            ),
            (
                job(daily, LastResult::Success, Some("2026-11-25T02:05:00Z")),
                Health::Healthy,
            ),
            (
                job(daily, LastResult::Warning, Some("2026-11-23T13:00:00Z")),
                Health::Healthy,
            ),
            (
                job(daily, LastResult::Success, Some("2026-11-23T11:00:00Z")),
                Health::Overdue,
            ),
            (job(daily, LastResult::Unknown, None), Health::Unknown),
            (
                job(None, LastResult::Success, Some("2026-01-01T00:00:00Z")),
                Health::Healthy,
            ),
            (
                job(None, LastResult::Failure, Some("2026-01-01T00:00:00Z")),
                Health::Unknown,
            ),
        ];
        for (job, health) in cases {
            let (got, why) = classify(&job, now);
            assert_eq!(got, health, "{:?} {:?}: {why}", job.last, job.last_finished);
        }
        let mut off = job(daily, LastResult::Success, Some("2026-11-01T02:00:00Z"));
        off.enabled = false;
        assert_eq!(classify(&off, now).0, Health::Suspended);
        // A recent failure shows even on a disabled job.
        let mut failed_off = job(daily, LastResult::Failure, Some("2026-11-25T02:05:00Z"));
        failed_off.enabled = false;
        assert_eq!(classify(&failed_off, now).0, Health::Failed);
        assert_eq!(
            classify(
                &job(daily, LastResult::Success, Some("2026-11-23T11:00:00Z")),
                now
            )
            .1,
            "Last succeeded 2 days ago; it runs at least every 1 day."
        );
    }

    #[test]
    fn counts_cover_every_health() {
        let counts = counts([Health::Failed, Health::Healthy, Health::Failed]);
        assert_eq!(counts.len(), Health::ALL.len());
        assert_eq!(counts[0], (Health::Failed, 2));
        assert_eq!(counts[3], (Health::Healthy, 1));
        assert_eq!(Health::from_name("overdue"), Some(Health::Overdue));
        assert_eq!(Health::from_name("bad"), None);
    }
}
