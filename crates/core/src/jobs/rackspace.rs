//! Rackspace backup configurations as jobs.
//!
//! A configuration says its schedule (with a Windows time zone), whether it is active, its
//! `NextScheduledRunTime`, `LastRunTime`, `LastRunBackupReportId` (set when the last run
//! succeeded, as the document says) and `BackupState` (`InProgress`, `Queued`, `Skipped`, "Not
//! Available"). The account's activity (`GET /activity`) says how each backup ended; its newest
//! backup of the configuration is the last result when the activity could be read.

use chrono::{DateTime, Utc};

use super::{Job, JobSchedule, LastResult, Source};
use crate::schedule::rackspace::Frequency;
use crate::vendors::rackspace::models::{Activity, BackupConfiguration};
use crate::vendors::Vendor;

/// A backup's `CurrentState` as a result (spaces and case as the document varies them).
pub fn result_of_state(state: &str) -> LastResult {
    let squashed: String = state
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    match squashed.as_str() {
        "completed" => LastResult::Success,
        "completedwitherrors" | "skipped" => LastResult::Warning,
        "failed" | "missed" | "stopped" => LastResult::Failure,
        "queued" | "inprogress" | "preparing" | "startrequested" | "startscheduled"
        | "stoprequested" | "creating" => LastResult::Running,
        _ => LastResult::Unknown,
    }
}

fn backups_of(activity: &[Activity], configuration: u64) -> Vec<&Activity> {
    let mut backups: Vec<&Activity> = activity
        .iter()
        .filter(|a| a.kind.eq_ignore_ascii_case("Backup") && a.parent_id == configuration)
        .collect();
    // Newest first; an activity without a time is the oldest.
    backups.sort_by_key(|a| std::cmp::Reverse(a.time_of_activity));
    backups
}

/// One job per configuration that is not deleted. `activity` is `None` when it could not be read.
pub fn jobs(
    source: &Source,
    configurations: &[BackupConfiguration],
    activity: Option<&[Activity]>,
    now: DateTime<Utc>,
) -> Vec<Job> {
    configurations
        .iter()
        .filter(|c| !c.is_deleted)
        .map(|c| {
            let id = c.backup_configuration_id.to_string();
            let mut job = Job::new(
                source,
                Vendor::Rackspace,
                &id,
                &c.backup_configuration_name,
                source.route(&format!("/configurations/{id}")),
            );
            job.enabled = c.is_active;
            job.schedule = match c.schedule.frequency {
                Frequency::Manually => JobSchedule::Manual,
                _ => JobSchedule::Rackspace(c.schedule.clone()),
            };
            let backups = activity.map(|a| backups_of(a, c.backup_configuration_id));
            match backups.as_ref().and_then(|b| b.first()) {
                Some(newest) => {
                    job.last = result_of_state(&newest.current_state);
                    if job.last == LastResult::Running {
                        job.last_started = newest.time_of_activity;
                    } else {
                        job.last_finished = c.last_run_time.or(newest.time_of_activity);
                    }
                    job.last_success = backups
                        .iter()
                        .flatten()
                        .find(|a| result_of_state(&a.current_state).succeeded())
                        .and_then(|a| a.time_of_activity);
                }
                None => {
                    let state = c.backup_state.as_deref().map(result_of_state);
                    job.last = match (state, c.last_run_time) {
                        (Some(LastResult::Running), _) => LastResult::Running,
                        (_, Some(_)) if c.last_run_backup_report_id.is_some() => {
                            LastResult::Success
                        }
                        (_, Some(_)) => LastResult::Failure,
                        _ => LastResult::Unknown,
                    };
                    job.last_finished = c.last_run_time;
                }
            }
            let vendor_next = c.next_scheduled_run_time.filter(|_| c.is_active);
            job.with_success_from_last().with_next_run(vendor_next, now)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_as_results() {
        assert_eq!(result_of_state("Completed"), LastResult::Success);
        assert_eq!(result_of_state("Completed WithErrors"), LastResult::Warning);
        assert_eq!(result_of_state("startRequested"), LastResult::Running);
        assert_eq!(result_of_state("Stoprequested"), LastResult::Running);
        assert_eq!(result_of_state("Failed"), LastResult::Failure);
        assert_eq!(result_of_state("Exploded"), LastResult::Unknown);
    }
}
