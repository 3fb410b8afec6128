//! What one connection contributes to the overview: its jobs (once its answers are in), how its
//! loads stand, and how to ask again. Each vendor builds its feed from the same `use_load` /
//! `use_each` reads its pages use (`vendors::<vendor>::jobs::feed`); the jobs themselves are
//! core's (`backup_console_core::jobs`).

use backup_console_core::api::ApiError;
use backup_console_core::connection::Connection;
use backup_console_core::jobs::{Job, Source};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::load::{Remote, Status};

/// What a vendor's feed is given.
#[derive(Clone)]
pub struct FeedInput {
    /// The connection as the session has it (with the state the console keeps with it).
    pub connection: Connection,
    pub source: Source,
    /// The instant jobs are judged at; moves on every refresh.
    pub now: Signal<DateTime<Utc>>,
    /// Bumped by every refresh: the feed asks again.
    pub tick: Signal<u32>,
}

#[derive(Clone, Copy)]
pub struct Feed {
    pub jobs: Signal<Option<Vec<Job>>>,
    pub status: Signal<Status>,
    pub retry: Callback<()>,
    /// What could not be read beyond the main answer (a Rackspace account's activity).
    pub note: Signal<Option<String>>,
}

/// Reload `remote` on every tick after the first.
pub fn reload_on<T>(tick: Signal<u32>, remote: Remote<T>)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Effect::new(move |seen: Option<u32>| {
        let now = tick.get();
        if seen.is_some_and(|s| s != now) {
            remote.reload();
        }
        now
    });
}

/// A feed whose jobs come from one main load, and perhaps a second one it can do without.
pub fn feed_of<T, U>(
    main: Remote<T>,
    extra: Option<(Remote<U>, &'static str)>,
    jobs: impl Fn() -> Option<Vec<Job>> + Send + Sync + 'static,
) -> Feed
where
    T: Clone + PartialEq + Send + Sync + 'static,
    U: Clone + PartialEq + Send + Sync + 'static,
{
    let jobs = Memo::new(move |_| jobs());
    let main_status = main.status();
    let extra_status = extra.map(|(remote, what)| (remote.status(), what));
    let status = Signal::derive(move || {
        let mut status = main_status.get();
        if let Some((extra, _)) = extra_status {
            status.loading |= extra.with(|s| s.loading && !s.has_data && s.error.is_none());
        }
        status
    });
    let note = Signal::derive(move || {
        let (extra, what) = extra_status?;
        extra.with(|s| s.error.clone()).map(|e: ApiError| {
            format!("{what} could not be read ({e}): last results may be missing.")
        })
    });
    Feed {
        jobs: jobs.into(),
        status,
        retry: Callback::new(move |_| {
            main.reload();
            if let Some((remote, _)) = extra {
                remote.reload();
            }
        }),
        note,
    }
}
