//! Demo data: four plans (one suspended, one in frequency mode) over three volumes, their past
//! checkpoints (one failed), and a checkpoint of a plan deleted since, whose volume appears
//! nowhere else — so volume suggestions come from checkpoints too.

use backup_console_core::vendors::scheduled_backup::models::{
    BackupMode, Plan, PlanStatus, Resource, ScheduleType,
};
use chrono::{Duration, Utc};

use super::store::Store;

pub const VOLUMES: [(&str, &str); 4] = [
    ("5a1c0e2b-0d6f-4b7e-9c1a-0000000000d1", "db-data"),
    ("5a1c0e2b-0d6f-4b7e-9c1a-0000000000a2", "app-logs"),
    ("5a1c0e2b-0d6f-4b7e-9c1a-0000000000e3", "web-root"),
    ("5a1c0e2b-0d6f-4b7e-9c1a-0000000000f4", "archive-2023"),
];

fn volume(index: usize) -> Resource {
    Resource::volume(VOLUMES[index].0, VOLUMES[index].1)
}

struct Spec {
    name: &'static str,
    mode: BackupMode,
    kept: u64,
    schedule: (ScheduleType, &'static str),
    volumes: &'static [usize],
    status: PlanStatus,
    /// Hours ago of the past checkpoints to make.
    history: &'static [i64],
}

fn specs() -> [Spec; 4] {
    [
        Spec {
            name: "nightly-db",
            mode: BackupMode::Full,
            kept: 7,
            schedule: (ScheduleType::Calendar, "0 2 * * *"),
            volumes: &[0],
            status: PlanStatus::Started,
            history: &[72, 48, 24],
        },
        Spec {
            name: "weekly-web",
            mode: BackupMode::Frequency,
            kept: 2,
            schedule: (ScheduleType::Crontab, "30 3 * * 0"),
            volumes: &[2, 1],
            status: PlanStatus::Suspended,
            history: &[21 * 24, 14 * 24, 7 * 24],
        },
        Spec {
            name: "workday-logs",
            mode: BackupMode::Full,
            kept: 3,
            schedule: (ScheduleType::Calendar, "0 9,18 * * 1,2,3,4,5"),
            volumes: &[1],
            status: PlanStatus::Started,
            // Failed five hours ago (below).
            history: &[5],
        },
        Spec {
            name: "monthly-db",
            mode: BackupMode::Full,
            kept: 12,
            schedule: (ScheduleType::Crontab, "0 4 1 * *"),
            volumes: &[0],
            status: PlanStatus::Started,
            history: &[],
        },
    ]
}

pub fn seeded() -> Store {
    let now = Utc::now();
    let mut store = Store::default();
    for spec in specs() {
        let plan = Plan {
            name: spec.name.into(),
            description: format!("Demo plan {}", spec.name),
            backup_mode: spec.mode,
            max_backups: spec.kept,
            resources: spec.volumes.iter().map(|i| volume(*i)).collect(),
            schedule_type: spec.schedule.0,
            schedule_pattern: spec.schedule.1.into(),
            status: PlanStatus::Started,
            ..Plan::default()
        };
        store.add_plan(plan, now - Duration::days(30));
        let index = store.plans.len() - 1;
        for hours in spec.history {
            store.make_checkpoint(index, now - Duration::hours(*hours));
        }
        let record = &mut store.plans[index];
        record.first_at = None;
        record.scheduled_until = now;
        record.plan.status = spec.status;
    }
    // The last checkpoint of workday-logs failed.
    if let Some(failed) = store
        .checkpoints
        .iter_mut()
        .rev()
        .find(|c| c.plan_name == "workday-logs")
    {
        failed.failed = true;
    }
    // A checkpoint left by a plan deleted since.
    let gone = Plan {
        name: "archive-2023".into(),
        max_backups: 1,
        resources: vec![volume(3)],
        schedule_pattern: "0 0 1 1 *".into(),
        ..Plan::default()
    };
    store.add_plan(gone, now - Duration::days(400));
    store.make_checkpoint(store.plans.len() - 1, now - Duration::days(40));
    store.plans.pop();
    store
}
