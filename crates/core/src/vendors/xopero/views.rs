//! How the console shows Xopero objects: git services by name, plan status badges, times in the
//! operator's zone, and table columns (keys are the answers' field names; sortable columns order
//! by the matching API property, see [`order_property`]).

use chrono_tz::Tz;

use super::loose;
use super::models::{LastStatus, PlanSummary};
use crate::spec::{col, Column, ColumnKind};

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
pub fn when(ms: u64, tz: Tz) -> String {
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

pub const ORGANIZATION_COLUMNS: [Column; 8] = [
    col("name", "Name", ColumnKind::Text, true),
    col("driver", "Service", ColumnKind::Text, true),
    col("protectedRepositories", "Protected", ColumnKind::Text, true),
    col("totalRepositories", "Repositories", ColumnKind::Text, true),
    col(
        "missingLicences",
        "Missing licences",
        ColumnKind::Text,
        true,
    ),
    col("removedRepositories", "Removed", ColumnKind::Text, true),
    col(
        "synchronizationInProgress",
        "Syncing",
        ColumnKind::Bool,
        false,
    ),
    col("plans", "Plans", ColumnKind::Count, false),
];

/// `lastBackup` and `nextBackup` are epoch milliseconds: format them with [`when`].
pub const REPOSITORY_COLUMNS: [Column; 6] = [
    col("name", "Name", ColumnKind::Text, true),
    col("isProtected", "Licensed", ColumnKind::Bool, true),
    col("isRemoved", "Removed", ColumnKind::Bool, true),
    col("isPublic", "Public", ColumnKind::Bool, true),
    col("lastBackup", "Last backup", ColumnKind::Text, true),
    col("nextBackup", "Next backup", ColumnKind::Text, true),
];

pub const PLAN_COLUMNS: [Column; 3] = [
    col("name", "Name", ColumnKind::Text, false),
    col(
        "includeAllRepositories",
        "All repositories",
        ColumnKind::Bool,
        false,
    ),
    col("repositoryIds", "Repositories", ColumnKind::Count, false),
];

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(when(0, chrono_tz::UTC), "never");
        assert_eq!(
            when(1643754961233, chrono_tz::Europe::Warsaw),
            "2022-02-01 23:36 CET"
        );
        assert_eq!(order_property("totalRepositories"), "TotalRepositories");
    }
}
