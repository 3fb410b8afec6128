//! The simulated project: plans make checkpoints (a started plan's first one a second after it
//! is created, then on its schedule), checkpoints are protecting for 3 seconds and then
//! available, deleted ones go after a second, restores succeed after 3 seconds. Time is read
//! when answering, so tests and demos watch things change.

pub use backup_console_core::format::iso;
use backup_console_core::schedule::{CronExpr, Dialect};
use backup_console_core::vendors::scheduled_backup::models::{
    BackupMode, Checkpoint, CheckpointItem, Plan, PlanStatus, Restore, RestoreStatus, Status,
};
use chrono::{DateTime, Duration, Utc};

pub const PROJECT_ID: &str = "demo-project";
const FIRST_CHECKPOINT: i64 = 1;
const PROTECTING: i64 = 3;
const DELETING: i64 = 1;
const RESTORING: i64 = 3;
/// A frequency plan's chain: one full backup and three incremental ones.
const CHAIN_LENGTH: usize = 4;
/// Runs missed while nobody asked are made up for, but only this many and this far back.
const CATCH_UP_RUNS: usize = 3;
const CATCH_UP_MINUTES: i64 = 10;

pub struct PlanRecord {
    pub plan: Plan,
    /// Schedule runs up to here have made their checkpoints.
    pub scheduled_until: DateTime<Utc>,
    /// When a new (or resumed) plan makes its first checkpoint.
    pub first_at: Option<DateTime<Utc>>,
}

pub struct CheckpointRecord {
    pub checkpoint: Checkpoint,
    pub made: DateTime<Utc>,
    /// Kept so the plan-name filter still finds checkpoints of a deleted plan.
    pub plan_name: String,
    pub failed: bool,
    pub deleting: Option<DateTime<Utc>>,
}

pub struct RestoreRecord {
    pub restore: Restore,
    pub started: DateTime<Utc>,
}

#[derive(Default)]
pub struct Store {
    pub plans: Vec<PlanRecord>,
    pub checkpoints: Vec<CheckpointRecord>,
    pub restores: Vec<RestoreRecord>,
    next: u64,
}

fn secs(s: i64) -> Duration {
    Duration::seconds(s)
}

impl Store {
    /// A UUID-shaped id; `kind` tells plans, checkpoints, items... apart when reading them.
    pub fn uuid(&mut self, kind: u32) -> String {
        self.next += 1;
        format!("{kind:08x}-5b5b-4c0d-9e00-{:012x}", self.next)
    }

    pub fn add_plan(&mut self, mut plan: Plan, now: DateTime<Utc>) -> Plan {
        plan.id = self.uuid(0xb1a4);
        plan.created_at = iso(now);
        let first_at = (plan.status == PlanStatus::Started).then(|| now + secs(FIRST_CHECKPOINT));
        self.plans.push(PlanRecord {
            plan: plan.clone(),
            scheduled_until: now,
            first_at,
        });
        plan
    }

    /// Make the checkpoints due by `now`, and forget deleted ones.
    pub fn advance(&mut self, now: DateTime<Utc>) {
        let mut due: Vec<(DateTime<Utc>, usize)> = Vec::new();
        for (index, record) in self.plans.iter_mut().enumerate() {
            if record.plan.status != PlanStatus::Started {
                continue;
            }
            if let Some(first) = record.first_at.filter(|t| *t <= now) {
                due.push((first, index));
                record.first_at = None;
            }
            let from = record
                .scheduled_until
                .max(now - Duration::minutes(CATCH_UP_MINUTES));
            if let Ok(expr) = CronExpr::parse(&record.plan.schedule_pattern, Dialect::Standard) {
                due.extend(
                    expr.next_runs(from, CATCH_UP_RUNS)
                        .into_iter()
                        .filter(|t| *t <= now)
                        .map(|t| (t, index)),
                );
            }
            record.scheduled_until = now;
        }
        due.sort();
        for (at, index) in due {
            self.make_checkpoint(index, at);
        }
        self.checkpoints
            .retain(|c| c.deleting.is_none_or(|since| now - since < secs(DELETING)));
    }

    /// A checkpoint of every volume of plan `index`, made at `at`.
    pub fn make_checkpoint(&mut self, index: usize, at: DateTime<Utc>) {
        let plan = self.plans[index].plan.clone();
        let checkpoint_id = self.uuid(0xc4e0);
        let mut items = Vec::new();
        for volume in &plan.resources {
            let last = self
                .checkpoints
                .iter()
                .rev()
                .filter(|c| c.checkpoint.plan_id == plan.id && c.deleting.is_none())
                .flat_map(|c| &c.checkpoint.checkpoint_items)
                .find(|i| i.resource.id == volume.id)
                .map(|i| i.chain_id.clone());
            let chain_length = |chain: &str| {
                self.checkpoints
                    .iter()
                    .flat_map(|c| &c.checkpoint.checkpoint_items)
                    .filter(|i| i.chain_id == chain)
                    .count()
            };
            let continued = match (&plan.backup_mode, last) {
                (BackupMode::Frequency, Some(chain)) if chain_length(&chain) < CHAIN_LENGTH => {
                    Some(chain)
                }
                _ => None,
            };
            let is_incremental = continued.is_some();
            let chain_id = match continued {
                Some(chain) => chain,
                None => self.uuid(0xc4a1),
            };
            items.push(CheckpointItem {
                id: self.uuid(0x17e3),
                checkpoint_id: checkpoint_id.clone(),
                backup_id: self.uuid(0xbac0),
                chain_id,
                backup_created_at: iso(at),
                created_at: iso(at),
                is_incremental,
                resource: volume.clone(),
                ..CheckpointItem::default()
            });
        }
        self.checkpoints.push(CheckpointRecord {
            checkpoint: Checkpoint {
                id: checkpoint_id,
                plan_id: plan.id.clone(),
                created_at: iso(at),
                checkpoint_items: items,
                ..Checkpoint::default()
            },
            made: at,
            plan_name: plan.name.clone(),
            failed: false,
            deleting: None,
        });
        self.prune(&plan);
    }

    /// Keep the plan's newest `max_backups` chains of each volume (a full plan's chains are
    /// single backups).
    fn prune(&mut self, plan: &Plan) {
        let keep = usize::try_from(plan.max_backups.max(1)).unwrap_or(usize::MAX);
        for volume in &plan.resources {
            let mut chains: Vec<String> = Vec::new();
            for item in self
                .checkpoints
                .iter()
                .filter(|c| c.checkpoint.plan_id == plan.id)
                .flat_map(|c| &c.checkpoint.checkpoint_items)
                .filter(|i| i.resource.id == volume.id)
            {
                if !chains.contains(&item.chain_id) {
                    chains.push(item.chain_id.clone());
                }
            }
            let expired = &chains[..chains.len().saturating_sub(keep)];
            for record in &mut self.checkpoints {
                record
                    .checkpoint
                    .checkpoint_items
                    .retain(|i| !expired.contains(&i.chain_id));
            }
        }
        self.checkpoints
            .retain(|c| !c.checkpoint.checkpoint_items.is_empty());
    }

    pub fn status(record: &CheckpointRecord, now: DateTime<Utc>) -> Status {
        if record.deleting.is_some() {
            Status::Deleting
        } else if record.failed {
            Status::Error
        } else if now - record.made < secs(PROTECTING) {
            Status::Protecting
        } else {
            Status::Available
        }
    }

    /// The checkpoint as it stands at `now`.
    pub fn view(record: &CheckpointRecord, now: DateTime<Utc>) -> Checkpoint {
        let status = Self::status(record, now);
        let mut checkpoint = record.checkpoint.clone();
        for item in &mut checkpoint.checkpoint_items {
            item.status = status.clone();
        }
        checkpoint.status = status;
        checkpoint
    }

    pub fn restore_view(record: &RestoreRecord, now: DateTime<Utc>) -> Restore {
        let mut restore = record.restore.clone();
        restore.status = if now - record.started < secs(RESTORING) {
            RestoreStatus::InProgress
        } else {
            RestoreStatus::Success
        };
        restore
    }

    pub fn plan_index(&self, id: &str) -> Option<usize> {
        self.plans.iter().position(|p| p.plan.id == id)
    }

    pub fn checkpoint_index(&self, id: &str) -> Option<usize> {
        self.checkpoints.iter().position(|c| c.checkpoint.id == id)
    }
}
