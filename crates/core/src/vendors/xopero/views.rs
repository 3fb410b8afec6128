//! How the console shows Xopero objects: git services by name, plan status badges, times in the
//! operator's zone, and table columns (keys are the answers' field names; sortable columns order
//! by the matching API property, see [`order_property`]).

use crate::schedule::zone::Zone;

use super::loose;
use super::models::{AssignedPlan, LastStatus, Organization, PlanSummary, Repository};
use crate::spec::{Cell, Column, Tone};

/// Git services by `driver` number. The document shows drivers 1 and 2 without naming them;
/// the numbers follow the order the vendor lists its services in (GitHub, GitLab, Bitbucket).
pub const DRIVERS: [(u64, &str); 3] = [(1, "GitHub"), (2, "GitLab"), (3, "Bitbucket")];

/// "GitHub", or "driver 7" for a number the console does not know.
pub fn driver_name(driver: u64) -> String {
    DRIVERS.iter().find(|(n, _)| *n == driver).map_or_else(
        || format!("driver {driver}"),
        |(_, name)| (*name).to_owned(),
    )
}

/// The badge of a plan's last run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusBadge {
    Running,
    Failed,
    Warnings,
    Succeeded,
    NeverRun,
}

impl StatusBadge {
    pub fn of(status: Option<&LastStatus>, running: bool) -> Self {
        match status {
            _ if running => StatusBadge::Running,
            Some(s) if s.errors > 0 => StatusBadge::Failed,
            Some(s) if s.warnings > 0 => StatusBadge::Warnings,
            Some(s) if s.successes > 0 => StatusBadge::Succeeded,
            _ => StatusBadge::NeverRun,
        }
    }

    pub fn of_plan(plan: &PlanSummary) -> Self {
        Self::of(plan.last_status.as_ref(), plan.is_running)
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusBadge::Running => "Running",
            StatusBadge::Failed => "Failed",
            StatusBadge::Warnings => "Warnings",
            StatusBadge::Succeeded => "Succeeded",
            StatusBadge::NeverRun => "Not run yet",
        }
    }

    /// A stable name for CSS classes and `data-kind` attributes.
    pub fn kind(self) -> &'static str {
        match self {
            StatusBadge::Running => "running",
            StatusBadge::Failed => "error",
            StatusBadge::Warnings => "warning",
            StatusBadge::Succeeded => "success",
            StatusBadge::NeverRun => "none",
        }
    }
}

/// "2 succeeded, 1 warning, 0 errors" for a badge's title.
pub fn status_counts(status: &LastStatus) -> String {
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        plural(status.successes, "succeeded", "succeeded"),
        plural(status.warnings, "warning", "warnings"),
        plural(status.errors, "error", "errors")
    )
}

/// Epoch milliseconds read in `tz`: "2022-02-22 20:00 CET", or "never" for 0.
pub fn when(ms: u64, tz: Zone) -> String {
    loose::time(ms).map_or_else(
        || "never".to_owned(),
        |t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string(),
    )
}

/// The API property a column orders by: its key with a capital first letter
/// (`totalRepositories` -> `TotalRepositories`), as `orderby: "Name"` in the document.
pub fn order_property(column_key: &str) -> String {
    crate::format::capitalize(column_key)
}

impl StatusBadge {
    pub fn tone(self) -> Tone {
        match self {
            StatusBadge::Running => Tone::Busy,
            StatusBadge::Failed => Tone::Bad,
            StatusBadge::Warnings => Tone::Warning,
            StatusBadge::Succeeded => Tone::Good,
            StatusBadge::NeverRun => Tone::Neutral,
        }
    }
}

fn count(n: u64) -> Cell {
    Cell::Number(Some(n as f64))
}

/// The worst last result among an organization's plans, as a badge.
pub fn organization_status(org: &Organization) -> Cell {
    let worst = org
        .plans
        .iter()
        .map(StatusBadge::of_plan)
        .min_by_key(|b| match b {
            StatusBadge::Failed => 0,
            StatusBadge::Running => 1,
            StatusBadge::Warnings => 2,
            StatusBadge::Succeeded => 3,
            StatusBadge::NeverRun => 4,
        })
        .unwrap_or(StatusBadge::NeverRun);
    Cell::status(worst.label(), worst.tone())
}

/// Keys are the answers' field names; the API orders by [`order_property`] of a key.
pub const ORGANIZATION_COLUMNS: [Column<Organization>; 10] = [
    Column::new("name", "Name", |o: &Organization, _| Cell::text(&o.name))
        .server_sorted()
        .link(|o| {
            Some(format!(
                "/organizations/{}",
                crate::api::path_segment(&o.id)
            ))
        }),
    Column::new("driver", "Service", |o: &Organization, _| {
        Cell::text(o.driver_name())
    })
    .server_sorted(),
    Column::new(
        "protectedRepositories",
        "Protected",
        |o: &Organization, _| count(o.protected_repositories),
    )
    .server_sorted(),
    Column::new(
        "totalRepositories",
        "Repositories",
        |o: &Organization, _| count(o.total_repositories),
    )
    .server_sorted(),
    Column::new(
        "missingLicences",
        "Missing licences",
        |o: &Organization, _| count(o.missing_licences),
    )
    .server_sorted(),
    Column::new("removedRepositories", "Removed", |o: &Organization, _| {
        count(o.removed_repositories)
    })
    .server_sorted(),
    Column::new(
        "synchronizationInProgress",
        "Syncing",
        |o: &Organization, _| Cell::Flag(Some(o.synchronization_in_progress)),
    ),
    Column::new("plans", "Plans", |o: &Organization, _| {
        count(o.plans.len() as u64)
    }),
    Column::new("lastStatus", "Last result", |o: &Organization, _| {
        organization_status(o)
    }),
    Column::new(
        "lastFinished",
        "Last run finished",
        |o: &Organization, _| Cell::Time(last_finished(o)),
    ),
];

/// When the organization's plans last finished a run (the latest of them).
pub fn last_finished(org: &Organization) -> Option<chrono::DateTime<chrono::Utc>> {
    org.plans.iter().filter_map(PlanSummary::finished_at).max()
}

/// `lastBackup` and `nextBackup` are epoch milliseconds; 0 reads as never.
pub const REPOSITORY_COLUMNS: [Column<Repository>; 6] = [
    Column::new("name", "Name", |r: &Repository, _| Cell::text(&r.name)).server_sorted(),
    Column::new("isProtected", "Licensed", |r: &Repository, _| {
        Cell::Flag(Some(r.is_protected))
    })
    .server_sorted(),
    Column::new("isRemoved", "Removed", |r: &Repository, _| {
        Cell::Flag(Some(r.is_removed))
    })
    .server_sorted(),
    Column::new("isPublic", "Public", |r: &Repository, _| {
        Cell::Flag(Some(r.is_public))
    })
    .server_sorted(),
    Column::new("lastBackup", "Last backup", |r: &Repository, _| {
        Cell::Time(r.last_backup_at())
    })
    .server_sorted(),
    Column::new("nextBackup", "Next backup", |r: &Repository, _| {
        Cell::Time(r.next_backup_at())
    })
    .server_sorted(),
];

pub const PLAN_COLUMNS: [Column<AssignedPlan>; 3] = [
    Column::new("name", "Name", |p: &AssignedPlan, _| Cell::text(&p.name))
        .sorted()
        .link(|p| Some(format!("/plans/{}", crate::api::path_segment(&p.id)))),
    Column::new(
        "includeAllRepositories",
        "All repositories",
        |p: &AssignedPlan, _| Cell::Flag(Some(p.include_all_repositories)),
    ),
    Column::new("repositoryIds", "Repositories", |p: &AssignedPlan, _| {
        count(p.repository_ids.len() as u64)
    })
    .sorted(),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::zone::zone;

    #[test]
    fn drivers_badges_and_times_read_well() {
        assert_eq!(driver_name(1), "GitHub");
        assert_eq!(driver_name(3), "Bitbucket");
        assert_eq!(driver_name(9), "driver 9");
        let status = |s, w, e| LastStatus {
            successes: s,
            warnings: w,
            errors: e,
            extra: Default::default(),
        };
        assert_eq!(
            StatusBadge::of(Some(&status(3, 1, 1)), false),
            StatusBadge::Failed
        );
        assert_eq!(
            StatusBadge::of(Some(&status(3, 1, 0)), false).kind(),
            "warning"
        );
        assert_eq!(
            StatusBadge::of(Some(&status(1, 0, 0)), true),
            StatusBadge::Running
        );
        assert_eq!(
            StatusBadge::of(Some(&status(0, 0, 0)), false).label(),
            "Not run yet"
        );
        assert_eq!(StatusBadge::of(None, false), StatusBadge::NeverRun);
        assert_eq!(
            status_counts(&status(1, 2, 1)),
            "1 succeeded, 2 warnings, 1 error"
        );
        assert_eq!(when(0, Zone::UTC), "never");
        assert_eq!(
            when(1643754961233, zone("Europe/Warsaw")),
            "2022-02-01 23:36 CET"
        );
        assert_eq!(order_property("totalRepositories"), "TotalRepositories");
    }
}
