//! What the Scheduled Backup API sends: plans, checkpoints with their items, restores.
//!
//! Read tolerantly: `null` where the document shows a value reads as empty, numbers may come
//! as text, unknown fields are kept, enumerations keep words the document does not list, and
//! the backup count is read from `max_backups` (the document) or `full_backups_amount` (the
//! vendor's SDK and Terraform provider). Times are kept as sent (RFC 3339 in the document).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use super::status::{RestoreStatus, Status, Tone};
use crate::vendors::loose;
use crate::vendors::open_enum::open_enum;

/// The one resource type the document names.
pub const VOLUME_TYPE: &str = "OS::Cinder::Volume";

open_enum! {
    /// `full`: every backup is full; `frequency`: full backups with incremental ones between.
    #[derive(Default)]
    pub enum BackupMode {
        #[default]
        Full = "full",
        Frequency = "frequency",
    }
}

open_enum! {
    /// How `schedule_pattern` is edited: weekdays and times, or a free 5-field cron.
    #[derive(Default)]
    pub enum ScheduleType {
        #[default]
        Calendar = "calendar",
        Crontab = "crontab",
    }
}

open_enum! {
    #[derive(Default)]
    pub enum PlanStatus {
        #[default]
        Started = "started",
        Suspended = "suspended",
    }
}

/// A volume in a plan or a checkpoint item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Resource {
    #[serde(default, deserialize_with = "loose::string")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub name: String,
    #[serde(
        rename = "type",
        default = "volume_type",
        deserialize_with = "loose::string"
    )]
    pub kind: String,
}

fn volume_type() -> String {
    VOLUME_TYPE.to_owned()
}

impl Resource {
    pub fn volume(id: &str, name: &str) -> Self {
        Self {
            id: id.trim().to_owned(),
            name: name.trim().to_owned(),
            kind: volume_type(),
        }
    }
}

/// A backup plan as the service describes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawPlan")]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub description: String,
    pub backup_mode: BackupMode,
    /// Backups kept (full mode) or full backups kept (frequency mode).
    pub max_backups: u64,
    pub resources: Vec<Resource>,
    pub schedule_type: ScheduleType,
    /// A 5-field cron expression, for both schedule types.
    pub schedule_pattern: String,
    pub status: PlanStatus,
    pub created_at: String,
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

/// A plan as it may arrive: either count name, `null`s, numbers as text.
#[derive(Deserialize)]
struct RawPlan {
    #[serde(default, deserialize_with = "loose::string")]
    id: String,
    #[serde(default, deserialize_with = "loose::string")]
    name: String,
    #[serde(default, deserialize_with = "loose::string")]
    description: String,
    #[serde(default, deserialize_with = "loose::or_default")]
    backup_mode: BackupMode,
    #[serde(default, deserialize_with = "loose::opt_u64")]
    max_backups: Option<u64>,
    #[serde(default, deserialize_with = "loose::opt_u64")]
    full_backups_amount: Option<u64>,
    #[serde(default, deserialize_with = "loose::or_default")]
    resources: Vec<Resource>,
    #[serde(default, deserialize_with = "loose::or_default")]
    schedule_type: ScheduleType,
    #[serde(default, deserialize_with = "loose::string")]
    schedule_pattern: String,
    #[serde(default, deserialize_with = "loose::or_default")]
    status: PlanStatus,
    #[serde(default, deserialize_with = "loose::string")]
    created_at: String,
    #[serde(flatten)]
    other: BTreeMap<String, Value>,
}

impl From<RawPlan> for Plan {
    fn from(raw: RawPlan) -> Self {
        Plan {
            id: raw.id,
            name: raw.name,
            description: raw.description,
            backup_mode: raw.backup_mode,
            max_backups: raw.max_backups.or(raw.full_backups_amount).unwrap_or(0),
            resources: raw.resources,
            schedule_type: raw.schedule_type,
            schedule_pattern: raw.schedule_pattern,
            status: raw.status,
            created_at: raw.created_at,
            other: raw.other,
        }
    }
}

impl Plan {
    pub fn volume_names(&self) -> Vec<&str> {
        self.resources.iter().map(|r| r.name.as_str()).collect()
    }
}

/// One volume's backup within a checkpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckpointItem {
    #[serde(default, deserialize_with = "loose::string")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub checkpoint_id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub backup_id: String,
    /// The full backup and the incremental ones that depend on it share a chain.
    #[serde(default, deserialize_with = "loose::string")]
    pub chain_id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub backup_created_at: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub created_at: String,
    #[serde(default, deserialize_with = "loose::bool")]
    pub is_incremental: bool,
    #[serde(default, deserialize_with = "loose::or_default")]
    pub resource: Resource,
    #[serde(default, deserialize_with = "loose::or_default")]
    pub status: Status,
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    #[serde(default, deserialize_with = "loose::string")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub plan_id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub created_at: String,
    #[serde(default, deserialize_with = "loose::or_default")]
    pub status: Status,
    #[serde(default, deserialize_with = "loose::or_default")]
    pub checkpoint_items: Vec<CheckpointItem>,
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

impl Checkpoint {
    /// Settled when it and every item are.
    pub fn is_settled(&self) -> bool {
        self.status.is_settled() && self.checkpoint_items.iter().all(|i| i.status.is_settled())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanList {
    #[serde(default, deserialize_with = "loose::or_default")]
    pub plans: Vec<Plan>,
    /// All plans matching the filters, when the service says.
    #[serde(default, deserialize_with = "loose::opt_u64")]
    pub total: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckpointList {
    #[serde(default, deserialize_with = "loose::or_default")]
    pub checkpoints: Vec<Checkpoint>,
    #[serde(default, deserialize_with = "loose::opt_u64")]
    pub total: Option<u64>,
}

/// The answer to deleting one checkpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeletedCheckpoint {
    #[serde(default, deserialize_with = "loose::string")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::or_default")]
    pub status: Status,
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

/// The answer to deleting a chain: the checkpoints it removes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeletedChain {
    #[serde(default, deserialize_with = "loose::or_default")]
    pub deleted: Vec<Checkpoint>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Restore {
    #[serde(default, deserialize_with = "loose::string")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub checkpoint_id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub checkpoint_item_id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub project_id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub resource_id: String,
    #[serde(default = "volume_type", deserialize_with = "loose::string")]
    pub resource_type: String,
    #[serde(default, deserialize_with = "loose::or_default")]
    pub status: RestoreStatus,
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plans_read_either_count_name_nulls_and_new_words() {
        let sdk = json!({"id": "p1", "name": "n", "full_backups_amount": "3", "backup_mode": "frequency",
            "resources": null, "schedule_type": "crontab", "schedule_pattern": "0 1 * * *",
            "status": "paused", "description": null, "region": "ru-3"});
        let plan: Plan = serde_json::from_value(sdk).unwrap();
        assert_eq!(plan.max_backups, 3);
        assert_eq!(plan.backup_mode, BackupMode::Frequency);
        assert!(plan.resources.is_empty());
        assert_eq!(plan.status, PlanStatus::Other("paused".into()));
        assert_eq!(plan.other["region"], "ru-3");
        let written = serde_json::to_value(&plan).unwrap();
        assert_eq!(written["max_backups"], 3);
        assert!(written.get("full_backups_amount").is_none());
        assert_eq!(serde_json::from_value::<Plan>(written).unwrap(), plan);
        let both: Plan =
            serde_json::from_value(json!({"max_backups": 5, "full_backups_amount": 9})).unwrap();
        assert_eq!(both.max_backups, 5);
        assert!(serde_json::from_value::<Plan>(json!({"max_backups": "many"})).is_err());
    }

    #[test]
    fn a_checkpoint_settles_when_its_items_do() {
        let item: CheckpointItem = serde_json::from_value(
            json!({"status": "protecting", "resource": {"id": "v", "name": "n"}}),
        )
        .unwrap();
        assert_eq!(item.resource.kind, VOLUME_TYPE);
        let checkpoint = Checkpoint {
            status: Status::Available,
            checkpoint_items: vec![item],
            ..Checkpoint::default()
        };
        assert!(!checkpoint.is_settled());
    }
}
