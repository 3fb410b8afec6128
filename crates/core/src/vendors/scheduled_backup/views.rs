//! How the console shows Scheduled Backup objects: table columns and rows, what deleting a
//! chain removes, whether a list must refresh, and marker paging.

use std::collections::BTreeSet;

use super::models::{Checkpoint, Plan, PlanStatus};
use super::schedule::describe_pattern;
use crate::spec::{Cell, Column, Tone};

fn time(text: &str) -> Cell {
    Cell::Time(crate::format::parse_instant(text))
}

/// A plan's status as a badge: started is good, suspended a warning.
pub fn plan_status(plan: &Plan) -> Cell {
    let tone = match plan.status {
        PlanStatus::Started => Tone::Good,
        PlanStatus::Suspended => Tone::Warning,
        _ => Tone::Neutral,
    };
    Cell::status(plan.status.as_str(), tone)
}

/// Plans, linked to their page; the API orders nothing, so the console does.
pub const PLAN_COLUMNS: [Column<Plan>; 7] = [
    Column::new("name", "Name", |p: &Plan, _| Cell::text(&p.name))
        .sorted()
        .link(|p| Some(format!("/plans/{}", crate::api::path_segment(&p.id)))),
    Column::new("status", "Status", |p: &Plan, _| plan_status(p)).sorted(),
    Column::new("backup_mode", "Mode", |p: &Plan, _| {
        Cell::text(p.backup_mode.as_str())
    })
    .sorted(),
    Column::new("schedule", "Schedule", |p: &Plan, _| {
        Cell::text(describe_pattern(&p.schedule_type, &p.schedule_pattern))
    }),
    Column::new("max_backups", "Kept", |p: &Plan, _| {
        Cell::Number(Some(p.max_backups as f64))
    })
    .sorted(),
    Column::new("volumes", "Volumes", |p: &Plan, _| {
        Cell::text(p.volume_names().join(", "))
    }),
    Column::new("created_at", "Created", |p: &Plan, _| time(&p.created_at)).sorted(),
];

/// A checkpoint with its plan's name, when the plan is known (checkpoints name only its id).
#[derive(Clone, Debug, PartialEq)]
pub struct CheckpointRow {
    pub checkpoint: Checkpoint,
    pub plan_name: Option<String>,
}

impl CheckpointRow {
    /// Checkpoints with the names of the plans (among `plans`) they belong to.
    pub fn rows(checkpoints: &[Checkpoint], plans: &[Plan]) -> Vec<CheckpointRow> {
        checkpoints
            .iter()
            .map(|c| CheckpointRow {
                checkpoint: c.clone(),
                plan_name: plans
                    .iter()
                    .find(|p| p.id == c.plan_id)
                    .map(|p| p.name.clone()),
            })
            .collect()
    }
}

/// Whether a checkpoint's items are full backups, incremental ones, or both.
pub fn backup_kind(checkpoint: &Checkpoint) -> &'static str {
    let items = &checkpoint.checkpoint_items;
    let incremental = items.iter().filter(|i| i.is_incremental).count();
    match (incremental, items.len()) {
        (_, 0) => "",
        (0, _) => "full",
        (n, all) if n == all => "incremental",
        _ => "full and incremental",
    }
}

pub const CHECKPOINT_COLUMNS: [Column<CheckpointRow>; 5] = [
    Column::new("created_at", "Created", |r: &CheckpointRow, _| {
        time(&r.checkpoint.created_at)
    })
    .sorted()
    .link(|r| {
        Some(format!(
            "/checkpoints/{}",
            crate::api::path_segment(&r.checkpoint.id)
        ))
    }),
    Column::new("status", "Status", |r: &CheckpointRow, _| {
        Cell::status(r.checkpoint.status.as_str(), r.checkpoint.status.tone())
    })
    .sorted(),
    Column::new("plan", "Plan", |r: &CheckpointRow, _| {
        Cell::text(r.plan_name.as_deref().unwrap_or(&r.checkpoint.plan_id))
    })
    .sorted(),
    Column::new("volumes", "Volumes", |r: &CheckpointRow, _| {
        let names: Vec<&str> = r
            .checkpoint
            .checkpoint_items
            .iter()
            .map(|i| i.resource.name.as_str())
            .collect();
        Cell::text(names.join(", "))
    }),
    Column::new("kind", "Backup", |r: &CheckpointRow, _| {
        Cell::text(backup_kind(&r.checkpoint))
    })
    .sorted(),
];

/// Whether a list shows something that will change by itself, so it should load again soon.
pub fn needs_refresh(checkpoints: &[Checkpoint]) -> bool {
    checkpoints.iter().any(|c| !c.is_settled())
}

/// How long a new started plan's page waits for its first checkpoint.
pub const FIRST_CHECKPOINT_WAIT_MINUTES: i64 = 10;

/// Whether a plan's page should look again for the plan's first checkpoint: the plan is
/// started, has none yet, and was created in the last few minutes.
pub fn awaits_first_checkpoint(
    plan: &Plan,
    checkpoints: &[Checkpoint],
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    plan.status == PlanStatus::Started
        && checkpoints.is_empty()
        && crate::format::parse_instant(&plan.created_at).is_some_and(|created| {
            now - created < chrono::Duration::minutes(FIRST_CHECKPOINT_WAIT_MINUTES)
        })
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

    /// Like [`MarkerPages::has_next`], unless the service's total says this page is the last.
    pub fn has_more(&self, shown: usize, total: Option<u64>) -> bool {
        let seen = (self.page() - 1) * self.limit as usize + shown;
        self.has_next(shown) && total.is_none_or(|t| (seen as u64) < t)
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
        let row = |c: &Checkpoint, plan: Option<&str>| CheckpointRow {
            checkpoint: c.clone(),
            plan_name: plan.map(str::to_owned),
        };
        let cell = |r: &CheckpointRow, key: &str| {
            CHECKPOINT_COLUMNS
                .iter()
                .find(|c| c.key == key)
                .unwrap()
                .cell_of(r)
                .display()
        };
        assert_eq!(cell(&row(&list[1], Some("nightly")), "kind"), "incremental");
        let plan = Plan {
            id: "p1".into(),
            name: "nightly".into(),
            ..Plan::default()
        };
        let mut mine = list[0].clone();
        mine.plan_id = "p1".into();
        let rows = CheckpointRow::rows(&[mine, list[1].clone()], &[plan]);
        assert_eq!(rows[0].plan_name.as_deref(), Some("nightly"));
        assert_eq!(rows[1].plan_name, None);
        assert_eq!(cell(&row(&list[1], Some("nightly")), "plan"), "nightly");
        assert_eq!(cell(&row(&list[0], None), "volumes"), "db, logs");
        assert!(!needs_refresh(&list));
        let mut busy = list.to_vec();
        busy[2].status = Status::Protecting;
        assert!(needs_refresh(&busy));
    }

    #[test]
    fn a_new_plan_waits_for_its_first_checkpoint_a_while() {
        let now: chrono::DateTime<chrono::Utc> = "2025-03-01T12:00:00Z".parse().unwrap();
        let mut plan = Plan {
            created_at: "2025-03-01T11:55:00Z".into(),
            ..Plan::default()
        };
        assert!(awaits_first_checkpoint(&plan, &[], now));
        assert!(!awaits_first_checkpoint(
            &plan,
            &[Checkpoint::default()],
            now
        ));
        plan.status = PlanStatus::Suspended;
        assert!(!awaits_first_checkpoint(&plan, &[], now));
        plan.status = PlanStatus::Started;
        plan.created_at = "2025-03-01T11:00:00Z".into();
        assert!(!awaits_first_checkpoint(&plan, &[], now));
    }

    #[test]
    fn marker_pages_go_forward_and_back() {
        let mut pages = MarkerPages::new(2);
        assert_eq!(
            (pages.marker(), pages.page(), pages.has_previous()),
            (None, 1, false)
        );
        assert!(pages.has_next(2) && !pages.has_next(1));
        assert!(pages.has_more(2, None) && pages.has_more(2, Some(3)));
        assert!(!pages.has_more(2, Some(2)), "a full last page has no next");
        pages.next("p2");
        pages.next("p4");
        assert_eq!((pages.marker(), pages.page()), (Some("p4"), 3));
        pages.previous();
        assert_eq!(pages.marker(), Some("p2"));
        pages.restart();
        assert_eq!(pages.page(), 1);
        assert_eq!(MarkerPages::new(0).limit, 1);
    }
}
