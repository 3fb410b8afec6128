//! How the console shows Scheduled Backup objects: table columns and rows, what deleting a
//! chain removes, whether a list must refresh, and marker paging.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::models::{Checkpoint, Plan};
use super::schedule::describe_pattern;
use crate::spec::{col, Column, ColumnKind};

pub const PLAN_COLUMNS: [Column; 7] = [
    col("name", "Name", ColumnKind::Text, false),
    col("status", "Status", ColumnKind::Text, false),
    col("backup_mode", "Mode", ColumnKind::Text, false),
    col("schedule", "Schedule", ColumnKind::Text, false),
    col("max_backups", "Kept", ColumnKind::Text, false),
    col("volumes", "Volumes", ColumnKind::Text, false),
    col("created_at", "Created", ColumnKind::DateTime, false),
];

pub const CHECKPOINT_COLUMNS: [Column; 5] = [
    col("created_at", "Created", ColumnKind::DateTime, false),
    col("status", "Status", ColumnKind::Text, false),
    col("plan", "Plan", ColumnKind::Text, false),
    col("volumes", "Volumes", ColumnKind::Text, false),
    col("kind", "Backup", ColumnKind::Text, false),
];

/// A plans table row.
pub fn plan_row(plan: &Plan) -> Value {
    json!({
        "id": plan.id,
        "name": plan.name,
        "status": plan.status.as_str(),
        "backup_mode": plan.backup_mode.as_str(),
        "schedule": describe_pattern(&plan.schedule_type, &plan.schedule_pattern),
        "max_backups": plan.max_backups,
        "volumes": plan.volume_names().join(", "),
        "created_at": plan.created_at,
    })
}

/// A checkpoints table row; `plan_name` when the plan is known (checkpoints name only its id).
pub fn checkpoint_row(checkpoint: &Checkpoint, plan_name: Option<&str>) -> Value {
    let items = &checkpoint.checkpoint_items;
    let incremental = items.iter().filter(|i| i.is_incremental).count();
    let kind = match (incremental, items.len()) {
        (_, 0) => "",
        (0, _) => "full",
        (n, all) if n == all => "incremental",
        _ => "full and incremental",
    };
    json!({
        "id": checkpoint.id,
        "created_at": checkpoint.created_at,
        "status": checkpoint.status.as_str(),
        "plan": plan_name.unwrap_or(&checkpoint.plan_id),
        "volumes": items.iter().map(|i| i.resource.name.as_str()).collect::<Vec<_>>().join(", "),
        "kind": kind,
    })
}

/// Whether a list shows something that will change by itself, so it should load again soon.
pub fn needs_refresh(checkpoints: &[Checkpoint]) -> bool {
    checkpoints.iter().any(|c| !c.is_settled())
}

/// What deleting a chain removes, among the checkpoints loaded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChainSummary {
    pub checkpoints: Vec<String>,
    pub volumes: Vec<String>,
}

impl ChainSummary {
    pub fn of(checkpoints: &[Checkpoint], chain_id: &str) -> Self {
        let mut ids = Vec::new();
        let mut volumes = BTreeSet::new();
        for checkpoint in checkpoints {
            let in_chain: Vec<_> = checkpoint
                .checkpoint_items
                .iter()
                .filter(|i| i.chain_id == chain_id)
                .collect();
            if !in_chain.is_empty() {
                ids.push(checkpoint.id.clone());
                volumes.extend(in_chain.iter().map(|i| {
                    if i.resource.name.is_empty() {
                        i.resource.id.clone()
                    } else {
                        i.resource.name.clone()
                    }
                }));
            }
        }
        Self {
            checkpoints: ids,
            volumes: volumes.into_iter().collect(),
        }
    }

    /// The confirmation's question, e.g. "Delete 3 checkpoints of volume db?".
    pub fn question(&self) -> String {
        let count = self.checkpoints.len();
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let volumes = match self.volumes.len() {
            0 => String::new(),
            1 => format!(" of volume {}", self.volumes[0]),
            _ => format!(" of volumes {}", self.volumes.join(", ")),
        };
        format!("Delete {}{volumes}?", plural(count, "checkpoint"))
    }
}

/// Marker paging: the service answers the page after a marker (the last id of the page before),
/// so going back means remembering the markers that led here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkerPages {
    pub limit: u32,
    markers: Vec<String>,
}

impl MarkerPages {
    pub fn new(limit: u32) -> Self {
        Self {
            limit: limit.max(1),
            markers: Vec::new(),
        }
    }

    /// The marker to ask for the current page with (`None` on the first).
    pub fn marker(&self) -> Option<&str> {
        self.markers.last().map(String::as_str)
    }

    /// 1-based.
    pub fn page(&self) -> usize {
        self.markers.len() + 1
    }

    /// A page as full as the limit may have a next one.
    pub fn has_next(&self, shown: usize) -> bool {
        shown >= self.limit as usize
    }

    pub fn has_previous(&self) -> bool {
        !self.markers.is_empty()
    }

    /// Move on, past the page whose last id is `last_id`.
    pub fn next(&mut self, last_id: &str) {
        self.markers.push(last_id.to_owned());
    }

    pub fn previous(&mut self) {
        self.markers.pop();
    }

    /// Back to the first page (when a filter changes).
    pub fn restart(&mut self) {
        self.markers.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::scheduled_backup::models::{CheckpointItem, Resource, Status};

    fn checkpoint(id: &str, items: &[(&str, &str, bool)]) -> Checkpoint {
        Checkpoint {
            id: id.into(),
            status: Status::Available,
            checkpoint_items: items
                .iter()
                .map(|(chain, volume, incremental)| CheckpointItem {
                    chain_id: chain.to_string(),
                    resource: Resource::volume(&format!("id-{volume}"), volume),
                    is_incremental: *incremental,
                    status: Status::Available,
                    ..CheckpointItem::default()
                })
                .collect(),
            ..Checkpoint::default()
        }
    }

    #[test]
    fn a_chain_deletion_says_what_goes() {
        let list = [
            checkpoint("c1", &[("a", "db", false), ("b", "logs", false)]),
            checkpoint("c2", &[("a", "db", true), ("b", "logs", true)]),
            checkpoint("c3", &[("z", "db", false)]),
        ];
        let summary = ChainSummary::of(&list, "a");
        assert_eq!(summary.checkpoints, ["c1", "c2"]);
        assert_eq!(summary.question(), "Delete 2 checkpoints of volume db?");
        assert_eq!(
            ChainSummary::of(&list, "nope").question(),
            "Delete 0 checkpoints?"
        );
        assert_eq!(
            checkpoint_row(&list[1], Some("nightly"))["kind"],
            "incremental"
        );
        assert_eq!(checkpoint_row(&list[0], None)["volumes"], "db, logs");
        assert!(!needs_refresh(&list));
        let mut busy = list.to_vec();
        busy[2].status = Status::Protecting;
        assert!(needs_refresh(&busy));
    }

    #[test]
    fn marker_pages_go_forward_and_back() {
        let mut pages = MarkerPages::new(2);
        assert_eq!(
            (pages.marker(), pages.page(), pages.has_previous()),
            (None, 1, false)
        );
        assert!(pages.has_next(2) && !pages.has_next(1));
        pages.next("p2");
        pages.next("p4");
        assert_eq!((pages.marker(), pages.page()), (Some("p4"), 3));
        pages.previous();
        assert_eq!(pages.marker(), Some("p2"));
        pages.restart();
        assert_eq!(pages.page(), 1);
        assert_eq!(MarkerPages::new(0).limit, 1);
    }

    #[test]
    fn rows_have_every_column() {
        let plan = Plan::default();
        let row = plan_row(&plan);
        for column in PLAN_COLUMNS {
            assert!(row.get(column.key).is_some(), "{}", column.key);
        }
        let row = checkpoint_row(&Checkpoint::default(), None);
        for column in CHECKPOINT_COLUMNS {
            assert!(row.get(column.key).is_some(), "{}", column.key);
        }
    }
}
