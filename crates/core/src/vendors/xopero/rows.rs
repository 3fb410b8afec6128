//! Rows the console composes from several answers, with their columns: an organization's plans
//! with their last run, and the per-repository result of a bulk activate or deactivate.
//! Also the way between a table's column order (`key`, `-key`) and the API's `orderby`.

use chrono::{DateTime, Utc};

use super::errors::describe_error_code;
use super::models::{AssignedPlan, IdOutcome, Organization, PlanSummary};
use super::query::Order;
use super::views::{order_property, status_counts, StatusBadge};
use crate::spec::{Cell, Column, Tone};

/// A plan of an organization: as `plans/listassignedtoorganization` lists it, with its last run
/// from the organization's `plans` (`organizations/getmany`) when that names it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRow {
    pub plan: AssignedPlan,
    pub summary: Option<PlanSummary>,
}

impl PlanRow {
    pub fn badge(&self) -> StatusBadge {
        self.summary
            .as_ref()
            .map_or(StatusBadge::NeverRun, StatusBadge::of_plan)
    }

    pub fn finished_at(&self) -> Option<DateTime<Utc>> {
        self.summary.as_ref().and_then(PlanSummary::finished_at)
    }
}

/// The listed plans, each with its summary from `organization` if it has one.
pub fn plan_rows(plans: &[AssignedPlan], organization: Option<&Organization>) -> Vec<PlanRow> {
    plans
        .iter()
        .map(|plan| PlanRow {
            plan: plan.clone(),
            summary: organization
                .and_then(|o| o.plans.iter().find(|s| s.id == plan.id))
                .cloned(),
        })
        .collect()
}

/// A plan's status badge as a cell: its label, with the counts when it ran.
pub fn plan_status(summary: Option<&PlanSummary>) -> Cell {
    let badge = summary.map_or(StatusBadge::NeverRun, StatusBadge::of_plan);
    Cell::status(badge.label(), badge.tone())
}

pub const PLAN_ROW_COLUMNS: [Column<PlanRow>; 5] = [
    Column::new("name", "Name", |r: &PlanRow, _| Cell::text(&r.plan.name))
        .sorted()
        .link(|r| Some(format!("/plans/{}", crate::api::path_segment(&r.plan.id)))),
    Column::new("repositories", "Repositories", |r: &PlanRow, _| {
        if r.plan.include_all_repositories {
            Cell::text("All")
        } else {
            Cell::Number(Some(r.plan.repository_ids.len() as f64))
        }
    }),
    Column::new("lastStatus", "Last result", |r: &PlanRow, _| {
        plan_status(r.summary.as_ref())
    })
    .sorted(),
    Column::new("counts", "Repositories backed up", |r: &PlanRow, _| {
        r.summary
            .as_ref()
            .and_then(|s| s.last_status.as_ref())
            .map_or_else(|| Cell::text(""), |s| Cell::text(status_counts(s)))
    }),
    Column::new("planFinishedTime", "Finished", |r: &PlanRow, _| {
        Cell::Time(r.finished_at())
    })
    .sorted(),
];

/// What a bulk licence call did to one repository.
#[derive(Clone, Debug, PartialEq)]
pub struct BulkRow {
    pub outcome: IdOutcome,
    /// The repository's name when the page knows it.
    pub name: Option<String>,
    /// "Activated" or "Deactivated".
    pub done: &'static str,
}

impl BulkRow {
    pub fn succeeded(&self) -> bool {
        self.outcome.error_code.is_none() && !self.outcome.unanswered
    }

    /// `ok`, `refused` or `unanswered`, for tests and styling.
    pub fn kind(&self) -> &'static str {
        match (&self.outcome.error_code, self.outcome.unanswered) {
            (Some(_), _) => "refused",
            (None, true) => "unanswered",
            (None, false) => "ok",
        }
    }

    fn detail(&self) -> String {
        match &self.outcome.error_code {
            Some(code) => describe_error_code(code),
            None if self.outcome.unanswered => {
                "The service's answer did not mention this repository.".to_owned()
            }
            None => String::new(),
        }
    }
}

/// "3 activated, 1 refused".
pub fn bulk_summary(rows: &[BulkRow], done: &str) -> String {
    let ok = rows.iter().filter(|r| r.succeeded()).count();
    let refused = rows.iter().filter(|r| r.kind() == "refused").count();
    let unanswered = rows.len() - ok - refused;
    let mut parts = vec![format!("{ok} {}", done.to_lowercase())];
    if refused > 0 {
        parts.push(format!("{refused} refused"));
    }
    if unanswered > 0 {
        parts.push(format!("{unanswered} not answered"));
    }
    parts.join(", ")
}

pub const BULK_COLUMNS: [Column<BulkRow>; 3] = [
    Column::new("repository", "Repository", |r: &BulkRow, _| {
        Cell::text(r.name.clone().unwrap_or_else(|| r.outcome.id.clone()))
    }),
    Column::new("result", "Result", |r: &BulkRow, _| match r.kind() {
        "ok" => Cell::status(r.done, Tone::Good),
        "refused" => Cell::status("Refused", Tone::Bad),
        _ => Cell::status("No answer", Tone::Warning),
    }),
    Column::new("detail", "Why", |r: &BulkRow, _| Cell::text(r.detail())),
];

/// A table's order (`totalRepositories`, `-name`) as the API's (`TotalRepositories`, desc).
pub fn order_of_column(sort: &str) -> Option<Order> {
    let (descending, key) = match sort.strip_prefix('-') {
        Some(key) => (true, key),
        None => (false, sort),
    };
    Order::from_param(&order_property(key)).map(|o| Order { descending, ..o })
}

/// The API's order as the table's column order: the property with a small first letter.
pub fn column_of_order(order: &Order) -> String {
    let mut chars = order.property.chars();
    let key = chars
        .next()
        .map(|c| c.to_lowercase().collect::<String>() + chars.as_str())
        .unwrap_or_default();
    format!("{}{key}", if order.descending { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::xopero::models::LastStatus;

    #[test]
    fn plans_meet_their_last_runs() {
        let plan = |id: &str| AssignedPlan {
            id: id.into(),
            name: id.into(),
            ..Default::default()
        };
        let org = Organization {
            plans: vec![PlanSummary {
                id: "p1".into(),
                last_status: Some(LastStatus {
                    successes: 2,
                    warnings: 1,
                    ..Default::default()
                }),
                plan_finished_time: 1_643_754_961_233,
                ..Default::default()
            }],
            ..Default::default()
        };
        let rows = plan_rows(&[plan("p1"), plan("p2")], Some(&org));
        assert_eq!(rows[0].badge(), StatusBadge::Warnings);
        assert!(rows[0].finished_at().is_some());
        assert_eq!(rows[1].badge(), StatusBadge::NeverRun);
        let cells: Vec<String> = PLAN_ROW_COLUMNS
            .iter()
            .map(|c| c.cell_of(&rows[0]).display())
            .collect();
        assert_eq!(
            cells,
            [
                "p1",
                "0",
                "Warnings",
                "2 succeeded, 1 warning, 0 errors",
                "2022-02-01 22:36 UTC"
            ]
        );
        assert_eq!(
            PLAN_ROW_COLUMNS[0].link_of(&rows[1]).as_deref(),
            Some("/plans/p2")
        );
    }

    #[test]
    fn bulk_results_read_per_repository() {
        let outcome = |id: &str, code: Option<&str>, unanswered| IdOutcome {
            id: id.into(),
            error_code: code.map(str::to_owned),
            unanswered,
        };
        let rows = vec![
            BulkRow {
                outcome: outcome("a", None, false),
                name: Some("acme/a".into()),
                done: "Activated",
            },
            BulkRow {
                outcome: outcome("b", Some("LI5020"), false),
                name: None,
                done: "Activated",
            },
            BulkRow {
                outcome: outcome("c", Some("ZZ1"), false),
                name: None,
                done: "Activated",
            },
            BulkRow {
                outcome: outcome("d", None, true),
                name: None,
                done: "Activated",
            },
        ];
        assert_eq!(
            bulk_summary(&rows, "Activated"),
            "1 activated, 2 refused, 1 not answered"
        );
        let read = |r: &BulkRow| -> Vec<String> {
            BULK_COLUMNS
                .iter()
                .map(|c| c.cell_of(r).display())
                .collect()
        };
        assert_eq!(read(&rows[0]), ["acme/a", "Activated", "—"]);
        assert_eq!(read(&rows[1])[1], "Refused");
        assert!(read(&rows[1])[2].contains("No free licence"));
        assert_eq!(read(&rows[2])[2], "Refused with error code ZZ1.");
        assert_eq!(rows[3].kind(), "unanswered");
    }

    #[test]
    fn column_orders_become_api_orders_and_back() {
        let order = order_of_column("-totalRepositories").unwrap();
        assert_eq!(order, Order::desc("TotalRepositories"));
        assert_eq!(column_of_order(&order), "-totalRepositories");
        assert_eq!(column_of_order(&Order::asc("Name")), "name");
        assert_eq!(order_of_column("x y"), None);
    }
}
