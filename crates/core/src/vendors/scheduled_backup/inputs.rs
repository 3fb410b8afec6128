//! What the console sends: a new plan, a plan's changes, a restore, and list filters.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::models::{BackupMode, Plan, PlanStatus, Resource, ScheduleType, VOLUME_TYPE};
use super::schedule::{validate_pattern, DEFAULT_PATTERN};
use crate::api::FieldErrors;
use crate::schedule::{CronExpr, Dialect};

/// Create backup plan's body: all seven fields the document marks required.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanInput {
    pub backup_mode: BackupMode,
    pub description: String,
    pub max_backups: u64,
    pub name: String,
    pub resources: Vec<Resource>,
    pub schedule_pattern: String,
    pub schedule_type: ScheduleType,
}

impl Default for PlanInput {
    /// A new plan's form: the vendor's defaults (daily at midnight).
    fn default() -> Self {
        Self {
            backup_mode: BackupMode::Full,
            description: String::new(),
            max_backups: 7,
            name: String::new(),
            resources: Vec::new(),
            schedule_pattern: DEFAULT_PATTERN.to_owned(),
            schedule_type: ScheduleType::Calendar,
        }
    }
}

impl From<&Plan> for PlanInput {
    fn from(plan: &Plan) -> Self {
        Self {
            backup_mode: plan.backup_mode.clone(),
            description: plan.description.clone(),
            max_backups: plan.max_backups,
            name: plan.name.clone(),
            resources: plan.resources.clone(),
            schedule_pattern: plan.schedule_pattern.clone(),
            schedule_type: plan.schedule_type.clone(),
        }
    }
}

impl PlanInput {
    /// Problems per field, before anything is sent. The description may be empty (it is sent
    /// as `""`: the document requires the key, not words).
    pub fn validate(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        let mut add = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message);
        };
        if self.name.trim().is_empty() {
            add("name", "Give the plan a name.".into());
        }
        if !self.backup_mode.is_known() {
            add("backup_mode", "Choose full or frequency.".into());
        }
        if self.max_backups < 1 {
            add("max_backups", "Keep at least one backup.".into());
        }
        if self.resources.is_empty() {
            add(
                "resources",
                "Add at least one volume (its id and name).".into(),
            );
        }
        let mut ids = BTreeSet::new();
        for volume in &self.resources {
            if volume.id.trim().is_empty() || volume.name.trim().is_empty() {
                add("resources", "Every volume needs an id and a name.".into());
            } else if !ids.insert(volume.id.trim()) {
                add(
                    "resources",
                    format!("Volume {} is listed twice.", volume.id.trim()),
                );
            }
            if volume.kind != VOLUME_TYPE {
                add(
                    "resources",
                    format!("{} is not a volume ({VOLUME_TYPE}).", volume.kind),
                );
            }
        }
        if !self.schedule_type.is_known() {
            add("schedule_type", "Choose calendar or crontab.".into());
        } else if let Err(message) = validate_pattern(&self.schedule_type, &self.schedule_pattern) {
            add("schedule_pattern", message);
        }
        errors
    }
}

/// Update backup plan's body: the fields that change, nothing else. `backup_mode` is not in the
/// document's update, so an edit form shows it without letting it change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_backups: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<Resource>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_pattern: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_type: Option<ScheduleType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PlanStatus>,
}

impl PlanPatch {
    /// What changed from `before` to `after`. Volumes compare as a set (order is not a change),
    /// and a pattern only when it fires at other times (`0 0 * * *` and `@daily` are one).
    pub fn diff(before: &Plan, after: &Plan) -> PlanPatch {
        fn changed<T: PartialEq + Clone>(a: &T, b: &T) -> Option<T> {
            (a != b).then(|| b.clone())
        }
        let volumes = |plan: &Plan| plan.resources.iter().cloned().collect::<BTreeSet<_>>();
        let same_pattern = match (
            CronExpr::parse(&before.schedule_pattern, Dialect::Standard),
            CronExpr::parse(&after.schedule_pattern, Dialect::Standard),
        ) {
            (Ok(a), Ok(b)) => a.same_schedule(&b),
            _ => before.schedule_pattern.trim() == after.schedule_pattern.trim(),
        };
        PlanPatch {
            description: changed(&before.description, &after.description),
            max_backups: changed(&before.max_backups, &after.max_backups),
            name: changed(&before.name, &after.name),
            resources: (volumes(before) != volumes(after)).then(|| after.resources.clone()),
            schedule_pattern: (!same_pattern).then(|| after.schedule_pattern.trim().to_owned()),
            schedule_type: changed(&before.schedule_type, &after.schedule_type),
            status: changed(&before.status, &after.status),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == PlanPatch::default()
    }
}

/// Create restore operation's body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RestoreInput {
    pub checkpoint_item_id: String,
    /// The new volume's name.
    pub restore_name: String,
}

impl RestoreInput {
    pub fn validate(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        if self.restore_name.trim().is_empty() {
            errors.insert(
                "restore_name".into(),
                vec!["Name the volume the backup is restored to.".into()],
            );
        }
        if self.checkpoint_item_id.trim().is_empty() {
            errors.insert(
                "checkpoint_item_id".into(),
                vec!["Choose the volume backup to restore.".into()],
            );
        }
        errors
    }
}

/// List backup plans' filters and page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanQuery {
    pub limit: Option<u32>,
    /// The id of the last plan of the previous page.
    pub marker: Option<String>,
    pub name: Option<String>,
    pub volume_name: Option<String>,
}

/// List backup checkpoints' filters and page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckpointQuery {
    pub limit: Option<u32>,
    /// The id of the last checkpoint of the previous page.
    pub marker: Option<String>,
    pub plan_name: Option<String>,
    pub volume_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan() -> Plan {
        serde_json::from_value(json!({"id": "p1", "name": "nightly", "description": "", "backup_mode": "full",
            "max_backups": 7, "schedule_type": "crontab", "schedule_pattern": "0 0 * * *", "status": "started",
            "resources": [{"id": "v1", "name": "db"}, {"id": "v2", "name": "logs"}]}))
        .unwrap()
    }

    #[test]
    fn a_patch_carries_only_what_changed() {
        let before = plan();
        let mut after = before.clone();
        assert!(PlanPatch::diff(&before, &after).is_empty());
        after.resources.reverse();
        after.schedule_pattern = "@daily".into();
        assert!(PlanPatch::diff(&before, &after).is_empty());
        after.max_backups = 3;
        after.schedule_pattern = "30 1 * * 1".into();
        after.resources.pop();
        let patch = PlanPatch::diff(&before, &after);
        assert_eq!(
            serde_json::to_value(&patch).unwrap(),
            json!({"max_backups": 3, "schedule_pattern": "30 1 * * 1", "resources": [{"id": "v2", "name": "logs", "type": "OS::Cinder::Volume"}]})
        );
    }

    #[test]
    fn a_new_plan_is_checked_field_by_field() {
        let mut input = PlanInput::default();
        assert_eq!(
            input.validate().keys().collect::<Vec<_>>(),
            ["name", "resources"]
        );
        input = PlanInput::from(&plan());
        assert!(input.validate().is_empty());
        input.max_backups = 0;
        input.resources.push(Resource::volume("v1", "again"));
        input.resources.push(Resource::volume("", "x"));
        input.schedule_type = ScheduleType::Calendar;
        input.schedule_pattern = "0 0 1 * *".into();
        input.backup_mode = BackupMode::Other("weekly".into());
        let errors = input.validate();
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            [
                "backup_mode",
                "max_backups",
                "resources",
                "schedule_pattern"
            ]
        );
        assert_eq!(errors["resources"].len(), 2);
    }

    #[test]
    fn a_restore_needs_a_name_and_an_item() {
        let restore = RestoreInput {
            checkpoint_item_id: "i".into(),
            restore_name: " ".into(),
        };
        assert_eq!(
            restore.validate().keys().collect::<Vec<_>>(),
            ["restore_name"]
        );
    }
}
