//! Xopero plans as jobs.
//!
//! `organizations/getmany` lists each organization's plans with their last run (`lastStatus`
//! counts, `planFinishedTime`, `isRunning`). No documented call returns a plan's schedule; it
//! is read from the plan as `plans/listassignedtoorganization` returned it when the server
//! sends the whole plan, else from the body this console last saved for it. Its times are the
//! agents' wall clock, read in the zone the connection names (`time_zone`), else in one the
//! page gives (the operator's own). The plan's `backupWindow` is its window.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{Job, JobSchedule, LastResult, Source};
use crate::api::path_segment;
use crate::schedule::xopero::XoperoSchedule;
use crate::schedule::{BackupWindow, Zone};
use crate::vendors::xopero::models::{AssignedPlan, Organization, PlanSummary};
use crate::vendors::xopero::views::StatusBadge;
use crate::vendors::Vendor;

/// A plan's last run as a result.
pub fn result_of(summary: &PlanSummary) -> LastResult {
    match StatusBadge::of_plan(summary) {
        StatusBadge::Running => LastResult::Running,
        StatusBadge::Failed => LastResult::Failure,
        StatusBadge::Warnings => LastResult::Warning,
        StatusBadge::Succeeded => LastResult::Success,
        StatusBadge::NeverRun => LastResult::Unknown,
    }
}

/// What the console knows of one connection's plans.
pub struct Plans<'a> {
    pub organizations: &'a [Organization],
    /// Organization id to its plans as `listassignedtoorganization` returned them (absent when
    /// not loaded or refused).
    pub listed: &'a BTreeMap<String, Vec<AssignedPlan>>,
    /// The body this console last saved for a plan.
    pub saved: &'a dyn Fn(&str) -> Option<Value>,
    /// The zone of the agents' clocks.
    pub zone: Zone,
}

fn whole_plan(listed: Option<&AssignedPlan>, saved: Option<Value>) -> Option<Value> {
    listed
        .map(AssignedPlan::to_value)
        .filter(|v| v.get("schedule").is_some_and(Value::is_object))
        .or(saved)
}

/// One job per plan of every organization.
pub fn jobs(source: &Source, plans: &Plans, now: DateTime<Utc>) -> Vec<Job> {
    let mut out = Vec::new();
    for org in plans.organizations {
        let listed = plans.listed.get(&org.id);
        let mut ids: Vec<&str> = org.plans.iter().map(|p| p.id.as_str()).collect();
        for plan in listed.into_iter().flatten() {
            if !ids.contains(&plan.id.as_str()) {
                ids.push(&plan.id);
            }
        }
        for id in ids {
            let summary = org.plans.iter().find(|p| p.id == id);
            let assigned = listed.and_then(|l| l.iter().find(|p| p.id == id));
            let name = summary
                .map(|s| s.name.as_str())
                .filter(|n| !n.is_empty())
                .or(assigned.map(|p| p.name.as_str()))
                .unwrap_or(id);
            let route = source.route(&format!(
                "/organizations/{}/plans/{}",
                path_segment(&org.id),
                path_segment(id)
            ));
            let mut job = Job::new(source, Vendor::Xopero, id, name, route);
            let body = whole_plan(assigned, (plans.saved)(id));
            job.enabled = body
                .as_ref()
                .and_then(|b| b.get("isActive"))
                .and_then(Value::as_bool)
                .unwrap_or(true);
            let schedule = body
                .as_ref()
                .and_then(|b| serde_json::from_value::<XoperoSchedule>(b["schedule"].clone()).ok());
            match schedule {
                Some(schedule) => {
                    job.window =
                        Some(schedule.backup_window).filter(|w| *w != BackupWindow::always());
                    job.schedule = JobSchedule::Xopero {
                        schedule,
                        zone: plans.zone,
                    };
                }
                None => {
                    job.schedule = JobSchedule::Unread {
                        text: "Not known".to_owned(),
                        why: "Xopero lists plans without their schedule, and this console has \
                              not saved this plan."
                            .to_owned(),
                    }
                }
            }
            if let Some(summary) = summary {
                job.last = result_of(summary);
                job.last_finished = summary.finished_at().filter(|_| !summary.is_running);
            }
            job.note = Some(format!("Organization {}", org.name));
            out.push(job.with_success_from_last().with_next_run(None, now));
        }
    }
    out
}
