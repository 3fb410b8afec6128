//! Every connection's jobs, loaded in parallel: one card per connection with its own loading,
//! error and retry (a refused credential stops only its card), published into a [`Board`] that
//! the overview and the week of schedules read. The board refreshes on a timer the operator
//! can pause, and judges jobs at the time of its last refresh.

use std::collections::BTreeMap;
use std::time::Duration;

use backup_console_core::connection::Connection;
use backup_console_core::jobs::health::{classify, Health};
use backup_console_core::jobs::{Job, Source};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::feed::{Feed, FeedInput};
use crate::clock::FixedNow;
use crate::components::panel::StatusPanel;
use crate::paths::connection_route;
use crate::session::use_session;

/// How often the board asks every connection again, unless paused.
pub const REFRESH: Duration = Duration::from_secs(60);

#[derive(Clone, Copy)]
pub struct Board {
    /// Connection id to its jobs, once its feed has them.
    pub jobs: RwSignal<BTreeMap<String, Vec<Job>>>,
    /// The instant of the last refresh: jobs are judged at it.
    pub now: RwSignal<DateTime<Utc>>,
    pub tick: RwSignal<u32>,
    pub paused: RwSignal<bool>,
}

impl Board {
    /// A board for this view, with its refresh timer (stopped when the view goes).
    pub fn new() -> Self {
        let fixed = use_context::<FixedNow>();
        let clock = move || fixed.map_or_else(Utc::now, |f| f.0);
        let board = Self {
            jobs: RwSignal::new(BTreeMap::new()),
            now: RwSignal::new(clock()),
            tick: RwSignal::new(0),
            paused: RwSignal::new(false),
        };
        let timer = set_interval_with_handle(
            move || {
                if board.paused.try_get_untracked() == Some(false) {
                    board.refresh_at(clock());
                }
            },
            REFRESH,
        )
        .ok();
        on_cleanup(move || {
            if let Some(t) = timer {
                t.clear();
            }
        });
        board
    }

    fn refresh_at(&self, now: DateTime<Utc>) {
        self.now.try_set(now);
        self.tick.try_update(|t| *t += 1);
    }

    /// Ask every connection again now.
    pub fn refresh(&self) {
        self.refresh_at(crate::clock::now());
    }

    /// Every job of every connection that answered (tracked).
    pub fn all(&self) -> Vec<Job> {
        self.jobs
            .with(|all| all.values().flatten().cloned().collect())
    }
}

impl Default for Board {
    fn default() -> Self {
        Self::new()
    }
}

/// One card per connection, each loading its jobs into `board`.
#[component]
pub fn SourceCards(board: Board) -> impl IntoView {
    let session = use_session();
    // A card is rebuilt when what it loads changes, not when a token or kept state does.
    let key = |c: &Connection| serde_json::to_string(&c.for_pages()).unwrap_or_default();
    view! {
        <ul class="cards source-cards" data-testid="overview-connections">
            <For
                each=move || session.connections.get()
                key=key
                children=move |c: Connection| view! { <SourceCard connection=c board=board /> }
            />
        </ul>
    }
}

#[component]
fn SourceCard(connection: Connection, board: Board) -> impl IntoView {
    let id = connection.id.clone();
    let source = Source::new(&connection.id, &connection.label);
    let name = source.label.clone();
    let vendor = connection.vendor;
    // Errors read in the vendor's own terms, as on its pages.
    provide_context(crate::components::status::CurrentVendor(vendor));
    let feed: Feed = crate::vendors::feed(FeedInput {
        connection,
        source,
        now: board.now.into(),
        tick: board.tick.into(),
    });
    let key = id.clone();
    Effect::new(move |_| {
        if let Some(jobs) = feed.jobs.get() {
            board.jobs.update(|all| {
                all.insert(key.clone(), jobs);
            });
        }
    });
    let gone = id.clone();
    on_cleanup(move || {
        board.jobs.try_update(|all| {
            all.remove(&gone);
        });
    });
    let summary = move || {
        let now = board.now.get();
        feed.jobs.with(|jobs| {
            jobs.as_ref().map(|jobs| {
                let bad = jobs
                    .iter()
                    .filter(|j| matches!(classify(j, now).0, Health::Failed | Health::Overdue))
                    .count();
                let text = match (jobs.len(), bad) {
                    (1, 0) => "1 job".to_owned(),
                    (n, 0) => format!("{n} jobs"),
                    (n, b) => format!("{n} jobs, {b} need a look"),
                };
                view! { <p data-testid="source-summary">{text}</p> }
            })
        })
    };
    let body = ViewFn::from(move || {
        view! {
            {summary}
            {move || feed.note.get().map(|n| view! { <p class="muted" data-testid="source-note">{n}</p> })}
        }
    });
    let href = connection_route(&id, "");
    view! {
        <li class="card source-card" data-testid="source-card" data-connection=id>
            <h2><a href=href>{name}</a></h2>
            <p class="muted">{vendor.title()}</p>
            <StatusPanel status=feed.status body=body retry=feed.retry loading_label="Loading jobs…" />
        </li>
    }
}
