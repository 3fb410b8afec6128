//! Rackspace Cloud Backup pages: agents, backup configurations, backups, activity,
//! restores as a guided flow, and volume encryption. One screen per file.

pub mod activity;
pub mod agents;
pub mod backups;
pub mod configurations;
pub mod jobs;
pub mod restores;
pub mod sign_in;

use backup_console_core::connection::Connection;
use leptos::prelude::*;

use super::not_found;
use crate::paths::connection_route;

pub fn sections() -> Vec<(&'static str, &'static str)> {
    vec![
        ("agents", "Agents"),
        ("configurations", "Backup configurations"),
        ("restores", "Restores"),
        ("activity", "Activity"),
    ]
}

/// The page at `/c/{connection}/{path...}`.
pub fn page(connection: Connection, path: &[&str]) -> AnyView {
    let conn = connection.id.clone();
    let tenant = connection.extra_text("tenant_id");
    let number = |text: &str| text.parse::<u64>().ok();
    match path {
        [] | ["agents"] => view! { <agents::AgentList conn=conn tenant=tenant /> }.into_any(),
        ["agents", id] if number(id).is_some() => {
            view! { <agents::AgentDetail conn=conn tenant=tenant id=number(id).unwrap_or_default() /> }.into_any()
        }
        ["configurations"] => view! { <configurations::ConfigurationList conn=conn tenant=tenant /> }.into_any(),
        ["configurations", "new"] => {
            view! { <configurations::ConfigurationForm conn=conn tenant=tenant id=None /> }.into_any()
        }
        ["configurations", id] if number(id).is_some() => {
            view! { <configurations::ConfigurationDetail conn=conn tenant=tenant id=number(id).unwrap_or_default() /> }.into_any()
        }
        ["configurations", id, "edit"] if number(id).is_some() => {
            view! { <configurations::ConfigurationForm conn=conn tenant=tenant id=number(id) /> }.into_any()
        }
        ["backups", id] if number(id).is_some() => {
            view! { <backups::BackupProgress conn=conn tenant=tenant id=number(id).unwrap_or_default() /> }.into_any()
        }
        ["restores"] => view! { <restores::RestoreWizard conn=conn tenant=tenant /> }.into_any(),
        ["restores", id] if number(id).is_some() => {
            view! { <restores::RestoreDetail conn=conn tenant=tenant id=number(id).unwrap_or_default() /> }.into_any()
        }
        ["activity"] => view! { <activity::ActivityPage conn=conn tenant=tenant /> }.into_any(),
        _ => not_found(format!(
            "Rackspace Cloud Backup has no page \"{}\".",
            path.join("/")
        )),
    }
}

fn link(conn: &str, rest: &str) -> String {
    connection_route(conn, rest)
}
