//! Test hooks: the demo connections' jobs as core reads them from what the simulated APIs
//! answer now, so end-to-end tests compare the console's overview and week with core's own
//! computation instead of copying it.
//!
//! - `GET /__sandbox/jobs`: every job with its health and next run, and the counts by health.
//! - `GET /__sandbox/week?from=2026-11-23&zone=Europe/Berlin`: each job's runs that week.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use backup_console_core::connection::Connection;
use backup_console_core::format::iso;
use backup_console_core::jobs::health::{classify, counts};
use backup_console_core::jobs::week::{expected_runs, Week};
use backup_console_core::jobs::{self, Job, Source};
use backup_console_core::schedule::Zone;
use backup_console_core::vendors::cloudback::subject::subjects_of;
use backup_console_core::vendors::cyborgbackup::models::Policy;
use backup_console_core::vendors::cyborgbackup::Resource;
use backup_console_core::vendors::scheduled_backup::models::Checkpoint;
use backup_console_core::vendors::xopero::models::AssignedPlan;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};

use crate::{cloudback, cyborgbackup, rackspace, scheduled_backup, xopero, Sandbox};

fn connection(demo: Value) -> Connection {
    serde_json::from_value(demo).expect("demo connections read as connections")
}

fn source(connection: &Connection) -> Source {
    Source::new(&connection.id, &connection.label)
}

/// Every demo connection's jobs, as the overview builds them from the same answers.
pub fn all(sandbox: &Sandbox, now: DateTime<Utc>) -> Vec<Job> {
    let mut out = Vec::new();

    let conn = connection(cyborgbackup::demo_connection(""));
    let store = sandbox.cyborgbackup.lock();
    let policies: Vec<Policy> = store.objects[&Resource::Policies]
        .values()
        .filter_map(|p| serde_json::from_value(store.present(Resource::Policies, p)).ok())
        .collect();
    drop(store);
    out.extend(jobs::cyborgbackup::jobs(&source(&conn), &policies, now));

    let conn = connection(rackspace::demo_connection(""));
    let store = sandbox.rackspace.lock();
    let configurations: Vec<_> = store
        .configurations
        .values()
        .filter(|c| !c.is_deleted)
        .map(|c| store.configuration_view(c, now))
        .collect();
    let activity = store.activity(None, now);
    drop(store);
    out.extend(jobs::rackspace::jobs(
        &source(&conn),
        &configurations,
        Some(&activity),
        now,
    ));

    let conn = connection(xopero::demo_connection(""));
    let store = sandbox.xopero.lock();
    let organizations: Vec<_> = store
        .organizations
        .iter()
        .map(|o| store.organization_view(o, now))
        .collect();
    let mut listed: BTreeMap<String, Vec<AssignedPlan>> = BTreeMap::new();
    for plan in &store.plans {
        if let Ok(assigned) = serde_json::from_value(plan.listed()) {
            listed
                .entry(plan.organization_id.clone())
                .or_default()
                .push(assigned);
        }
    }
    drop(store);
    let zone: Zone = conn.extra_text("time_zone").parse().unwrap_or(Zone::UTC);
    let nothing_saved = |_: &str| None;
    let plans = jobs::xopero::Plans {
        organizations: &organizations,
        listed: &listed,
        saved: &nothing_saved,
        zone,
    };
    out.extend(jobs::xopero::jobs(&source(&conn), &plans, now));

    let conn = connection(cloudback::demo_connection(""));
    let store = sandbox.cloudback.lock();
    let definitions: Vec<_> = subjects_of(&conn)
        .into_iter()
        .map(|subject| {
            let found = store
                .definitions
                .iter()
                .find(|d| d.subject().same_as(&subject))
                .cloned()
                .ok_or_else(|| "not found".to_owned());
            (subject, found)
        })
        .collect();
    drop(store);
    out.extend(jobs::cloudback::jobs(&source(&conn), &definitions, now));

    let conn = connection(scheduled_backup::demo_connection(""));
    let mut store = sandbox.scheduled_backup.lock();
    store.advance(now);
    let plans: Vec<_> = store.plans.iter().map(|p| p.plan.clone()).collect();
    let checkpoints: Vec<Checkpoint> = store
        .checkpoints
        .iter()
        .map(|c| scheduled_backup::Store::view(c, now))
        .collect();
    drop(store);
    out.extend(jobs::scheduled_backup::jobs(
        &source(&conn),
        &plans,
        Some(&checkpoints),
        now,
    ));
    out
}

pub async fn list(State(sandbox): State<Sandbox>) -> Json<Value> {
    let now = Utc::now();
    let jobs = all(&sandbox, now);
    let rows: Vec<Value> = jobs
        .iter()
        .map(|job| {
            let (health, _) = classify(job, now);
            json!({"key": job.key(), "name": job.name, "vendor": job.vendor.name(),
                   "connection": job.connection, "health": health.name(),
                   "last_result": job.last.name(),
                   "next_run": job.next_run.map(|n| iso(n.at)),
                   "zone": job.schedule.zone().map(|z| z.name())})
        })
        .collect();
    let counts: BTreeMap<&str, usize> = counts(jobs.iter().map(|j| classify(j, now).0))
        .into_iter()
        .map(|(h, n)| (h.name(), n))
        .collect();
    Json(json!({"now": iso(now), "jobs": rows, "counts": counts}))
}

pub async fn week(
    State(sandbox): State<Sandbox>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, (StatusCode, String)> {
    let bad = |m: String| (StatusCode::BAD_REQUEST, m);
    let zone: Zone = query
        .get("zone")
        .map_or(Ok(Zone::UTC), |z| z.parse())
        .map_err(bad)?;
    let from = query
        .get("from")
        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d"))
        .transpose()
        .map_err(|e| bad(e.to_string()))?;
    let now = Utc::now();
    let week = match from {
        Some(day) => Week::new(zone, day),
        None => Week::starting_on_the_day_of(zone, now),
    };
    let jobs = all(&sandbox, now);
    Ok(Json(json!({
        "from": iso(week.from),
        "to": iso(week.to),
        "runs": expected_runs(&jobs, &week),
    })))
}
