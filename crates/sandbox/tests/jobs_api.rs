//! The demo data as jobs: every vendor has some, their health is mixed, their schedules are in
//! several zones, and the test hooks answer what core computes.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use backup_console_core::jobs::health::classify;
use backup_console_core::jobs::{Health, LastResult};
use backup_console_core::vendors::Vendor;
use backup_console_sandbox::{app, jobs, Sandbox};
use chrono::Utc;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

async fn get(path: &str) -> (StatusCode, Value) {
    let router = app(Sandbox::new(None));
    let response = router
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[test]
fn every_vendor_has_jobs_with_mixed_health_in_several_zones() {
    let sandbox = Sandbox::new(None);
    let now = Utc::now();
    let all = jobs::all(&sandbox, now);
    let vendors: BTreeSet<&str> = all.iter().map(|j| j.vendor.name()).collect();
    assert_eq!(vendors.len(), Vendor::ALL.len(), "{vendors:?}");
    let zones: BTreeSet<&str> = all
        .iter()
        .filter_map(|j| j.schedule.zone())
        .map(|z| z.name())
        .collect();
    assert!(zones.len() >= 3, "{zones:?}");
    let health = |key: &str| {
        let job = all
            .iter()
            .find(|j| j.key() == key)
            .unwrap_or_else(|| panic!("{key}"));
        classify(job, now).0
    };
    // CyBorgBackup: overdue, failed, running.
    assert_eq!(health("cyborg/1"), Health::Overdue);
    assert_eq!(health("cyborg/2"), Health::Failed);
    assert_eq!(health("cyborg/3"), Health::Running);
    // Rackspace: healthy (one with warnings), failed, running, overdue.
    assert_eq!(health("rackspace/148325"), Health::Healthy);
    assert_eq!(health("rackspace/148326"), Health::Healthy);
    assert_eq!(health("rackspace/148328"), Health::Failed);
    assert_eq!(health("rackspace/148329"), Health::Running);
    assert_eq!(health("rackspace/148330"), Health::Overdue);
    let reports = all.iter().find(|j| j.key() == "rackspace/148330").unwrap();
    assert_eq!(reports.last, LastResult::Success);
    assert_eq!(
        reports.schedule.zone().map(|z| z.name()),
        Some("Europe/Berlin")
    );
    // Xopero: healthy, failed, running; its schedules read in the agents' zone.
    let xopero: Vec<Health> = all
        .iter()
        .filter(|j| j.vendor == Vendor::Xopero)
        .map(|j| classify(j, now).0)
        .collect();
    assert_eq!(
        xopero,
        [
            Health::Healthy,
            Health::Healthy,
            Health::Failed,
            Health::Running
        ]
    );
    // Scheduled Backup: healthy, suspended, failed, never run.
    let scheduled: Vec<Health> = all
        .iter()
        .filter(|j| j.vendor == Vendor::ScheduledBackup)
        .map(|j| classify(j, now).0)
        .collect();
    assert_eq!(
        scheduled,
        [
            Health::Healthy,
            Health::Suspended,
            Health::Failed,
            Health::Unknown
        ]
    );
    // Cloudback says nothing of runs; its named schedules have next runs all the same.
    let cloudback: Vec<_> = all
        .iter()
        .filter(|j| j.vendor == Vendor::Cloudback)
        .collect();
    assert_eq!(cloudback.len(), 6);
    assert!(cloudback.iter().all(|j| j.last == LastResult::Unknown));
    assert!(cloudback
        .iter()
        .filter(|j| j.enabled)
        .all(|j| j.next_run.is_some()));
}

#[tokio::test]
async fn the_hooks_answer_the_jobs_and_a_weeks_runs() {
    let (status, body) = get("/__sandbox/jobs").await;
    assert_eq!(status, StatusCode::OK);
    let counts = &body["counts"];
    for health in ["failed", "overdue", "running", "healthy"] {
        assert!(counts[health].as_u64().unwrap() >= 2, "{health}: {counts}");
    }
    let total: u64 = counts
        .as_object()
        .unwrap()
        .values()
        .filter_map(Value::as_u64)
        .sum();
    assert_eq!(total as usize, body["jobs"].as_array().unwrap().len());

    let (status, body) = get("/__sandbox/week?from=2026-11-23&zone=Asia/Tokyo").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["from"], "2026-11-22T15:00:00Z");
    // "Databases" runs every six hours: 28 runs in a week.
    assert_eq!(body["runs"]["cyborg/3"].as_array().unwrap().len(), 28);
    // Rackspace's hourly schedule counts from midnight in Tokyo, every four hours.
    assert_eq!(body["runs"]["rackspace/148328"][0], "2026-11-22T15:00:00Z");
    assert_eq!(
        body["runs"]["rackspace/148328"].as_array().unwrap().len(),
        42
    );
    let (status, _) = get("/__sandbox/week?zone=Mars/Olympus").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
