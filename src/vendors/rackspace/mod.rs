//! Rackspace Cloud Backup pages: agents, backup configurations, backups, activity,
//! restores as a guided flow, and volume encryption.

pub mod activity;
pub mod agents;
pub mod backups;
pub mod configurations;
pub mod restores;

use backup_console_core::api::{ApiError, ApiRequest};
use backup_console_core::connection::Connection;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use crate::calls::call_ok;
use crate::components::status::{ErrorBanner, Notice};
use crate::paths::connection_route;
use crate::session::use_session;

pub fn sections() -> Vec<(&'static str, &'static str)> {
    vec![
        ("agents", "Agents"),
        ("configurations", "Backup configurations"),
        ("restores", "Restores"),
        ("activity", "Activity"),
    ]
}

pub fn page(
    connection: Connection,
    resource: Option<String>,
    id: Option<String>,
    editing: bool,
) -> AnyView {
    let conn = connection.id.clone();
    let tenant = connection.extra_text("tenant_id");
    let id_num = id.as_deref().and_then(|i| i.parse::<u64>().ok());
    match (resource.as_deref(), id.as_deref(), id_num) {
        (None | Some("agents"), None, _) => view! { <agents::AgentList conn=conn tenant=tenant /> }.into_any(),
        (Some("agents"), _, Some(id)) => view! { <agents::AgentDetail conn=conn tenant=tenant id=id /> }.into_any(),
        (Some("configurations"), None, _) => view! { <configurations::ConfigurationList conn=conn tenant=tenant /> }.into_any(),
        (Some("configurations"), Some("new"), _) => view! { <configurations::ConfigurationForm conn=conn tenant=tenant id=None /> }.into_any(),
        (Some("configurations"), _, Some(id)) if editing => {
            view! { <configurations::ConfigurationForm conn=conn tenant=tenant id=Some(id) /> }.into_any()
        }
        (Some("configurations"), _, Some(id)) => {
            view! { <configurations::ConfigurationDetail conn=conn tenant=tenant id=id /> }.into_any()
        }
        (Some("backups"), _, Some(id)) => view! { <backups::BackupProgress conn=conn tenant=tenant id=id /> }.into_any(),
        (Some("restores"), None, _) => view! { <restores::RestoreWizard conn=conn tenant=tenant /> }.into_any(),
        (Some("restores"), _, Some(id)) => view! { <restores::RestoreDetail conn=conn tenant=tenant id=id /> }.into_any(),
        (Some("activity"), None, _) => view! { <activity::ActivityPage conn=conn tenant=tenant /> }.into_any(),
        (resource, id, _) => view! {
            <h1>"Not found"</h1>
            <p data-testid="unknown-resource">
                "Rackspace Cloud Backup has no page \""{resource.unwrap_or_default().to_owned()}"/"{id.unwrap_or_default().to_owned()}"\"."
            </p>
        }
        .into_any(),
    }
}

/// A model as the JSON row the generic table shows.
fn rows<T: serde::Serialize>(items: &[T]) -> Vec<Value> {
    items
        .iter()
        .filter_map(|i| serde_json::to_value(i).ok())
        .collect()
}

fn link(conn: &str, rest: &str) -> String {
    connection_route(conn, rest)
}

/// One button's worth of state: busy while it runs, then a notice or an error.
#[derive(Clone, Copy)]
struct Act {
    session: crate::session::Session,
    busy: RwSignal<bool>,
    notice: RwSignal<Option<String>>,
    error: RwSignal<Option<ApiError>>,
}

impl Act {
    fn new() -> Self {
        Self {
            session: use_session(),
            busy: RwSignal::new(false),
            notice: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }

    /// Send `request`; on success show `done` and run `then`.
    fn run(self, conn: String, request: ApiRequest, done: String, then: impl FnOnce() + 'static) {
        let session = self.session;
        self.busy.set(true);
        self.notice.set(None);
        self.error.set(None);
        spawn_local(async move {
            let result = call_ok(session, &conn, request).await;
            self.busy.try_set(false);
            match result {
                Ok(()) => {
                    self.notice.try_set(Some(done));
                    then();
                }
                Err(e) => {
                    self.error.try_set(Some(e));
                }
            }
        });
    }

    fn view(self) -> impl IntoView {
        view! {
            {move || self.notice.get().map(|m| view! { <Notice message=m /> })}
            {move || self.error.get().map(|e| view! { <ErrorBanner error=e /> })}
        }
    }
}
