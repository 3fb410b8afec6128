//! CyBorgBackup policies as jobs.
//!
//! The policy says its schedule (`summary_fields.schedule.crontab`, the six-field dialect,
//! read in UTC as the service's scheduler does), whether it is enabled and its `next_run`. The
//! document shows no run history on a policy; a `summary_fields.last_job` summary (the
//! convention of AWX, which CyBorgBackup derives from: `status`, `failed`, `finished`,
//! `elapsed`) is read when the service sends one. Without it the last result is unknown.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{Job, JobSchedule, LastResult, Source};
use crate::format::parse_instant;
use crate::schedule::{CronExpr, Dialect, Zone};
use crate::vendors::cyborgbackup::models::Policy;
use crate::vendors::Vendor;

/// A job's `status` word (AWX's and CyBorgBackup's job states) as a result.
pub fn result_of(status: &str, failed: Option<bool>) -> LastResult {
    match status.trim().to_lowercase().as_str() {
        "successful" | "success" => LastResult::Success,
        "failed" | "error" => LastResult::Failure,
        "canceled" | "cancelled" => LastResult::Warning,
        "new" | "pending" | "waiting" | "running" => LastResult::Running,
        _ => match failed {
            Some(true) => LastResult::Failure,
            _ => LastResult::Unknown,
        },
    }
}

fn schedule_of(policy: &Policy) -> JobSchedule {
    let crontab = policy
        .meta
        .summary_fields
        .get("schedule")
        .and_then(|s| s["crontab"].as_str());
    match crontab {
        Some(crontab) => match CronExpr::parse(crontab, Dialect::CyBorgBackup) {
            Ok(expr) => JobSchedule::Cron {
                expr,
                zone: Zone::UTC,
            },
            Err(e) => JobSchedule::Unread {
                text: crontab.to_owned(),
                why: e.to_string(),
            },
        },
        None if policy.schedule.is_some() => JobSchedule::Unread {
            text: format!("Schedule {}", policy.schedule.unwrap_or_default()),
            why: "The policy names its schedule without the crontab.".to_owned(),
        },
        None => JobSchedule::Manual,
    }
}

/// One job per policy.
pub fn jobs(source: &Source, policies: &[Policy], now: DateTime<Utc>) -> Vec<Job> {
    policies
        .iter()
        .map(|policy| {
            let id = policy.meta.id.to_string();
            let mut job = Job::new(
                source,
                Vendor::CyBorgBackup,
                &id,
                &policy.name,
                source.route(&format!("/policies/{id}")),
            );
            job.enabled = policy.enabled;
            job.schedule = schedule_of(policy);
            if let Some(last @ Value::Object(_)) = policy.meta.summary_fields.get("last_job") {
                job.last = result_of(
                    last["status"].as_str().unwrap_or_default(),
                    last["failed"].as_bool(),
                );
                let time = |key: &str| last[key].as_str().and_then(parse_instant);
                job.last_started = time("started");
                job.last_finished = time("finished");
                job.duration_seconds = last["elapsed"]
                    .as_f64()
                    .filter(|s| *s >= 0.0 && job.last != LastResult::Running)
                    .map(|s| s.round() as u64);
            }
            let vendor_next = policy.next_run.as_deref().and_then(parse_instant);
            job.with_success_from_last().with_next_run(vendor_next, now)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::at;
    use serde_json::json;

    #[test]
    fn a_policy_with_its_last_job_and_without() {
        let mut policy: Policy = serde_json::from_value(json!({"id": 2, "name": "Web",
            "enabled": true, "schedule": 3, "next_run": null,
            "summary_fields": {"schedule": {"id": 3, "crontab": "0 */6 * * * *"},
                "last_job": {"id": 9, "status": "failed", "failed": true,
                    "finished": "2026-11-25T06:02:00Z", "elapsed": 121.6}}}))
        .unwrap();
        let now = at("2026-11-25T07:00:00Z");
        let job = &jobs(&Source::new("cb", "CB"), &[policy.clone()], now)[0];
        assert_eq!(job.route, "/c/cb/policies/2");
        assert_eq!(job.last, LastResult::Failure);
        assert_eq!(job.duration_seconds, Some(122));
        assert_eq!(job.last_success, None);
        let next = job.next_run.unwrap();
        assert_eq!(
            (next.at, next.from_vendor),
            (at("2026-11-25T12:00:00Z"), false)
        );
        assert_eq!(
            job.schedule.describe(),
            "At minute 0 past every 6 hours (UTC)"
        );

        policy.meta.summary_fields.remove("last_job");
        policy.schedule = None;
        policy.meta.summary_fields.remove("schedule");
        let job = &jobs(&Source::new("cb", "CB"), &[policy], now)[0];
        assert_eq!(job.last, LastResult::Unknown);
        assert_eq!(job.schedule, JobSchedule::Manual);
        assert_eq!(job.next_run, None);
        assert_eq!(result_of("canceled", None), LastResult::Warning);
        assert_eq!(result_of("waiting", None), LastResult::Running);
        assert_eq!(result_of("???", Some(true)), LastResult::Failure);
    }
}
