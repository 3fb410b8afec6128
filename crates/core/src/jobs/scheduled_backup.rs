//! Scheduled Backup plans as jobs.
//!
//! A plan says its 5-field cron `schedule_pattern` (read in UTC: the document names no zone)
//! and whether it is `started` or `suspended`. Its checkpoints (`GET /checkpoints`, newest
//! first) are its runs: the newest one not being deleted is the last result (`available`
//! succeeded, with warnings when a volume's backup failed; `error` failed; `protecting` runs),
//! and its `created_at` is when it started. The document gives no end time or next run.

use chrono::{DateTime, Utc};

use super::{Job, JobSchedule, LastResult, Source};
use crate::api::path_segment;
use crate::format::parse_instant;
use crate::schedule::{CronExpr, Dialect, Zone};
use crate::vendors::scheduled_backup::models::{Checkpoint, Plan, PlanStatus, Status};
use crate::vendors::Vendor;

/// A checkpoint as a result.
pub fn result_of(checkpoint: &Checkpoint) -> LastResult {
    match checkpoint.status {
        Status::Available
            if checkpoint
                .checkpoint_items
                .iter()
                .any(|i| matches!(i.status, Status::Error)) =>
        {
            LastResult::Warning
        }
        Status::Available => LastResult::Success,
        Status::Error | Status::ErrorDeleting => LastResult::Failure,
        Status::Protecting => LastResult::Running,
        _ => LastResult::Unknown,
    }
}

/// One job per plan. `checkpoints` is `None` when they could not be read.
pub fn jobs(
    source: &Source,
    plans: &[Plan],
    checkpoints: Option<&[Checkpoint]>,
    now: DateTime<Utc>,
) -> Vec<Job> {
    plans
        .iter()
        .map(|plan| {
            let route = source.route(&format!("/plans/{}", path_segment(&plan.id)));
            let mut job = Job::new(source, Vendor::ScheduledBackup, &plan.id, &plan.name, route);
            job.enabled = plan.status == PlanStatus::Started;
            job.schedule = match CronExpr::parse(&plan.schedule_pattern, Dialect::Standard) {
                Ok(expr) => JobSchedule::Cron {
                    expr,
                    zone: Zone::UTC,
                },
                Err(e) => JobSchedule::Unread {
                    text: plan.schedule_pattern.clone(),
                    why: e.to_string(),
                },
            };
            let mut runs: Vec<(Option<DateTime<Utc>>, &Checkpoint)> = checkpoints
                .into_iter()
                .flatten()
                .filter(|c| c.plan_id == plan.id)
                .filter(|c| !matches!(c.status, Status::Deleting | Status::Deleted))
                .map(|c| (parse_instant(&c.created_at), c))
                .collect();
            runs.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
            if let Some((started, newest)) = runs.first() {
                job.last = result_of(newest);
                job.last_started = *started;
            }
            job.last_success = runs
                .iter()
                .find(|(_, c)| result_of(c).succeeded())
                .and_then(|(t, _)| *t);
            job.with_next_run(None, now)
        })
        .collect()
}
