//! Scheduled Backup pages: backup plans (list with marker paging and filters, detail with its
//! checkpoints, create and edit with a calendar or crontab schedule, suspend, resume, delete),
//! checkpoints (list, detail with items, delete one or a chain, restore an item), and Keystone
//! sign-in. One screen per file, grouped by resource.

pub mod checkpoints;
mod paging;
pub mod plans;
pub mod sign_in;

use std::time::Duration;

use backup_console_core::connection::Connection;
use leptos::prelude::*;

use super::not_found;
use crate::components::schedule::{iso_with_offset, run_label};
use crate::paths::connection_route;
use crate::session::use_session;

/// How often a view with something under way (a checkpoint being made, a restore) looks again.
const POLL: Duration = Duration::from_secs(1);
/// Rows per page of a list.
const LIMIT: u32 = 20;
/// How many plans or checkpoints are read for names and suggestions.
const ALL: u32 = 1000;

pub fn sections() -> Vec<(&'static str, &'static str)> {
    vec![("plans", "Backup plans"), ("checkpoints", "Checkpoints")]
}

/// The page at `/c/{connection}/{path...}` (segments already decoded).
pub fn page(connection: Connection, path: &[&str]) -> AnyView {
    let conn = connection.id.clone();
    let id = |text: &str| text.to_owned();
    match path {
        [] | ["plans"] => view! { <plans::PlanList conn=conn /> }.into_any(),
        ["plans", "new"] => view! { <plans::PlanForm conn=conn id=None /> }.into_any(),
        ["plans", plan] => view! { <plans::PlanDetail conn=conn id=id(plan) /> }.into_any(),
        ["plans", plan, "edit"] => {
            view! { <plans::PlanForm conn=conn id=Some(id(plan)) /> }.into_any()
        }
        ["checkpoints"] => view! { <checkpoints::CheckpointList conn=conn /> }.into_any(),
        ["checkpoints", checkpoint] => {
            view! { <checkpoints::CheckpointDetail conn=conn id=id(checkpoint) /> }.into_any()
        }
        _ => not_found(format!(
            "Scheduled Backup has no page \"{}\".",
            path.join("/")
        )),
    }
}

fn link(conn: &str, rest: &str) -> String {
    connection_route(conn, rest)
}

/// The project the connection's token is for, as it is now (sign-in may change it).
#[component]
fn ProjectLine(conn: String) -> impl IntoView {
    let session = use_session();
    let project = move || {
        session.connections.with(|all| {
            all.iter()
                .find(|c| c.id == conn)
                .map(|c| c.extra_text("project_id"))
                .filter(|p| !p.is_empty())
        })
    };
    view! {
        <p class="muted">
            "Project: "
            <span class="mono" data-testid="project-id">{move || project().unwrap_or_else(|| "the token's (not named on this connection)".into())}</span>
        </p>
    }
}

/// The next runs of a valid 5-field pattern; the service runs schedules in UTC.
fn next_runs(pattern: &str, count: usize) -> impl IntoView {
    let runs = backup_console_core::vendors::scheduled_backup::schedule::next_runs(
        pattern,
        backup_console_core::schedule::Zone::UTC,
        crate::clock::now(),
        count,
    );
    view! {
        <ol class="next-runs" aria-label="Next runs (UTC)">
            {runs.iter().map(|t| view! { <li><time data-testid="next-run" datetime=iso_with_offset(t)>{run_label(t)}</time></li> }).collect_view()}
        </ol>
    }
}
