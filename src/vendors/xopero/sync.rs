//! "Sync now" for an organization, with its progress: polled every second while the service
//! says `synchronizationInProgress`; when it ends, what shows the organization reads it again.

use std::time::Duration;

use backup_console_core::vendors::xopero::models::RepositoryPage;
use backup_console_core::vendors::xopero::query::{Paging, RepositoryQuery};
use backup_console_core::vendors::xopero::requests;
use backup_console_core::vendors::xopero::views::when;
use leptos::prelude::*;

use super::load;
use crate::action::{Action, Done};
use crate::components::panel::Panel;
use crate::session::use_session;

const POLL: Duration = Duration::from_secs(1);

fn syncing(page: &RepositoryPage) -> bool {
    page.result.synchronization_in_progress
}

#[component]
pub fn SyncNow(conn: String, org: String) -> impl IntoView {
    // One repository is enough: the answer carries the organization's synchronization state.
    let probe = RepositoryQuery {
        paging: Paging { page: 1, limit: 1 },
        ..RepositoryQuery::default()
    };
    let (c, o) = (conn.clone(), org.clone());
    let state =
        load::<RepositoryPage>(move || Some((c.clone(), requests::repositories(&o, &probe))))
            .poll_while(POLL, syncing);
    let running = Memo::new(move |_| state.with(|p| p.is_some_and(syncing)));
    let session = use_session();
    let c = conn.clone();
    Effect::new(move |was: Option<bool>| {
        let now = running.get();
        if was == Some(true) && !now {
            session.wrote(&c);
        }
        now
    });
    let action = Action::new();
    let start = move |_| {
        action.run_ok(&conn, requests::sync(&org), || {
            Done::Say("Synchronization started.".into())
        })
    };
    let toolbar = move || {
        let start = start.clone();
        view! {
            <button data-testid="sync-now" disabled=move || action.busy.get() || running.get() on:click=start>
                "Sync now"
            </button>
        }
    };
    let zone = crate::clock::zone();
    view! {
        <Panel load=state heading="Synchronization with the git service" toolbar=toolbar action=action testid="sync"
            render=move |p: RepositoryPage| {
                let last = when(p.result.last_synchronization_repositories_start_time, zone);
                if syncing(&p) {
                    view! {
                        <p class="loading" role="status" data-testid="sync-state" data-syncing="true">
                            <span class="spinner" aria-hidden="true"></span>
                            {format!("Synchronizing… started {last}.")}
                        </p>
                    }
                    .into_any()
                } else {
                    view! {
                        <p role="status" data-testid="sync-state" data-syncing="false">
                            {format!("Not synchronizing. Last synchronization started: {last}.")}
                        </p>
                    }
                    .into_any()
                }
            }
        />
    }
}
