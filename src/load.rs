//! Reading from an API for a view: one [`Remote`] per thing a page shows.
//!
//! A load runs again when its request changes, when the operator signs in again (the session's
//! epoch), when anything on the same connection was changed by an [`crate::action::Action`]
//! (the connection's write version), and on [`Remote::reload`]. The request in flight is aborted
//! when a newer one replaces it or the view goes away; answers to superseded requests are dropped.
//! The last good data stays when a reload fails, so the panel can show it as stale.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;
use std::time::Duration;

use backup_console_core::api::{ApiError, ApiRequest, ApiResponse};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use crate::calls::{call, call_raw, decode_json, CallOptions, Decode};
use crate::session::Session;

/// Poll while the data says something is under way (a running backup).
#[derive(Clone, Copy)]
struct Poll<T: 'static> {
    every: Duration,
    while_: fn(&T) -> bool,
}

/// The latest state of one load.
pub struct Remote<T: 'static> {
    data: RwSignal<Option<T>>,
    error: RwSignal<Option<ApiError>>,
    loading: RwSignal<bool>,
    /// While a read is being retried: (retry, of).
    retrying: RwSignal<Option<(u32, u32)>>,
    again: RwSignal<u32>,
    poll: StoredValue<Option<Poll<T>>>,
}

impl<T> Clone for Remote<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Remote<T> {}

/// What the panel needs to know, whatever the data's type.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub loading: bool,
    pub retrying: Option<(u32, u32)>,
    pub has_data: bool,
    pub error: Option<ApiError>,
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Remote<T> {
    /// The data, if any arrived (tracked).
    pub fn data(&self) -> Option<T> {
        self.data.get()
    }

    /// Read the data without cloning it (tracked).
    pub fn with<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        self.data.with(|d| f(d.as_ref()))
    }

    pub fn data_untracked(&self) -> Option<T> {
        self.data.get_untracked()
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        self.data.with_untracked(|d| f(d.as_ref()))
    }

    pub fn error(&self) -> Option<ApiError> {
        self.error.get()
    }

    pub fn is_loading(&self) -> bool {
        self.loading.get()
    }

    pub fn status(&self) -> Signal<Status> {
        let this = *self;
        Signal::derive(move || Status {
            loading: this.loading.get(),
            retrying: this.retrying.get(),
            has_data: this.data.with(Option::is_some),
            error: this.error.get(),
        })
    }

    /// Ask again now (a no-op once the view is gone, so timers may call it).
    pub fn reload(&self) {
        self.again.try_update(|n| *n += 1);
    }

    /// Ask again every `every` while `while_` holds for the answer; transient failures back off.
    pub fn poll_while(self, every: Duration, while_: fn(&T) -> bool) -> Self {
        self.poll.set_value(Some(Poll { every, while_ }));
        self
    }
}

/// Load the JSON answer to `request()` (`None`: nothing to load yet).
pub fn use_load<T>(
    request: impl Fn() -> Option<(String, ApiRequest)> + Send + Sync + 'static,
) -> Remote<T>
where
    T: DeserializeOwned + Clone + PartialEq + Send + Sync + 'static,
{
    use_load_with(request, decode_json::<T>)
}

/// Like [`use_load`], with the answer read by `decode` (plain text, headers, vendor errors).
///
/// Only reading the answer into the typed data is generic; the loading itself ([`run_loads`])
/// is one copy for every type, which keeps each vendor's wasm chunk small.
pub fn use_load_with<T>(
    request: impl Fn() -> Option<(String, ApiRequest)> + Send + Sync + 'static,
    decode: Decode<T>,
) -> Remote<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let remote = Remote {
        data: RwSignal::new(None),
        error: RwSignal::new(None),
        loading: RwSignal::new(false),
        retrying: RwSignal::new(None),
        again: RwSignal::new(0),
        poll: StoredValue::new(None),
    };
    let accept: Accept = Rc::new(move |response, subject| {
        let value = decode(response, subject)?;
        let poll = remote.poll.try_get_value().flatten();
        let again = poll.filter(|p| (p.while_)(&value)).map(|p| p.every);
        // Unchanged data must not rebuild the view (focus, scroll, open details).
        remote.data.try_maybe_update(|d| {
            let changed = d.as_ref() != Some(&value);
            if changed {
                *d = Some(value);
            }
            (changed, ())
        });
        Ok(again)
    });
    let every = Rc::new(move || remote.poll.try_get_value().flatten().map(|p| p.every));
    run_loads(
        Box::new(request),
        accept,
        every,
        LoadState {
            error: remote.error,
            loading: remote.loading,
            retrying: remote.retrying,
            again: remote.again,
        },
    );
    remote
}

/// Reads an answer into a load's data; `Ok` says when to ask again (polling), if at all.
type Accept = Rc<dyn Fn(&ApiResponse, &str) -> Result<Option<Duration>, ApiError>>;

/// The untyped signals of a [`Remote`].
struct LoadState {
    error: RwSignal<Option<ApiError>>,
    loading: RwSignal<bool>,
    retrying: RwSignal<Option<(u32, u32)>>,
    again: RwSignal<u32>,
}

/// The loads of one [`Remote`]: whenever what it depends on changes, abort what is in flight,
/// send the request, hand a success to `accept`, keep the error otherwise, and poll or back off.
fn run_loads(
    request: Box<dyn Fn() -> Option<(String, ApiRequest)> + Send + Sync>,
    accept: Accept,
    poll_every: Rc<dyn Fn() -> Option<Duration>>,
    state: LoadState,
) {
    let LoadState {
        error,
        loading,
        retrying,
        again,
    } = state;
    let session = expect_context::<Session>();
    let accept = StoredValue::new_local(accept);
    let poll_every = StoredValue::new_local(poll_every);
    let generation = StoredValue::new(0u32);
    let failures = StoredValue::new(0u32);
    // The request in flight and the poll timer: at most one of each per load.
    let in_flight = StoredValue::new_local(None::<web_sys::AbortController>);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let stop = move || {
        in_flight.try_update_value(|current| {
            if let Some(controller) = current.take() {
                controller.abort();
            }
        });
        timer.try_update_value(|t| {
            if let Some(handle) = t.take() {
                handle.clear();
            }
        });
    };
    on_cleanup(stop);

    // Everything a load depends on; equal values do not load twice.
    let wanted = Memo::new(move |_| {
        let target = request();
        let version = target
            .as_ref()
            .map(|(conn, _)| session.write_version(conn))
            .unwrap_or_default();
        (target, session.epoch.get(), version, again.get())
    });
    Effect::new(move |_| {
        let Some((connection_id, request)) = wanted.get().0 else {
            return;
        };
        stop();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        loading.set(true);
        let controller = web_sys::AbortController::new().ok();
        in_flight.set_value(controller.clone());
        spawn_local(async move {
            let options = CallOptions {
                cancel: controller,
                on_retry: Some(Callback::new(move |attempt| {
                    retrying.try_set(Some(attempt));
                })),
            };
            let subject = request.subject.clone();
            let answer = call_raw(session, &connection_id, request, options).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            loading.try_set(false);
            retrying.try_set(None);
            let result = match (answer, accept.try_get_value()) {
                (Ok(response), Some(accept)) => accept(&response, &subject),
                (Ok(_), None) => return,
                (Err(e), _) => Err(e),
            };
            let next = match result {
                Ok(again) => {
                    failures.set_value(0);
                    error.try_set(None);
                    again
                }
                Err(e) => {
                    let transient = is_transient(&e);
                    error.try_set(Some(e));
                    failures.update_value(|f| *f += 1);
                    let every = poll_every.try_get_value().and_then(|every| every());
                    every
                        .filter(|_| transient)
                        .map(|every| backoff(every, failures.get_value()))
                }
            };
            if let Some(delay) = next {
                let handle = set_timeout_with_handle(
                    move || {
                        again.try_update(|n| *n += 1);
                    },
                    delay,
                );
                timer.set_value(handle.ok());
            }
        });
    });
}

/// Failures worth asking again about without the operator (the service or the network hiccuped).
pub fn is_transient(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Server { .. }
            | ApiError::Timeout { .. }
            | ApiError::Unreachable { .. }
            | ApiError::RateLimited
    )
}

/// `every`, doubled per failure in a row, at most 30 seconds.
fn backoff(every: Duration, failures: u32) -> Duration {
    let factor = 1u32 << failures.min(5);
    (every * factor).min(Duration::from_secs(30))
}

/// One answer per key, fetched a few at a time: a row's own details (an agent's live status,
/// a Cloudback definition). Earlier answers stay while newer ones load; everything in flight
/// is aborted when the keys change or the view goes away.
pub fn use_each<K, T>(
    keys: impl Fn() -> Vec<K> + Send + Sync + 'static,
    request: impl Fn(&K) -> Option<(String, ApiRequest)> + Send + Sync + Clone + 'static,
    limit: usize,
) -> RwSignal<BTreeMap<K, Result<T, ApiError>>>
where
    K: Ord + Clone + Send + Sync + 'static,
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let session = expect_context::<Session>();
    let results = RwSignal::new(BTreeMap::new());
    let controllers = StoredValue::new_local(Vec::<web_sys::AbortController>::new());
    let generation = StoredValue::new(0u32);
    let abort_all = move || {
        controllers.try_update_value(|all| {
            for c in all.drain(..) {
                c.abort();
            }
        });
    };
    on_cleanup(abort_all);
    Effect::new(move |_| {
        session.epoch.track();
        let wanted = keys();
        // Writes on the connection change what the rows say.
        if let Some((conn, _)) = wanted.first().and_then(&request) {
            session.write_version(&conn);
        }
        abort_all();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let queue = Rc::new(RefCell::new(wanted.into_iter().collect::<VecDeque<K>>()));
        for _ in 0..limit.max(1) {
            let (queue, request) = (queue.clone(), request.clone());
            spawn_local(async move {
                loop {
                    let Some(key) = queue.borrow_mut().pop_front() else {
                        return;
                    };
                    let Some((conn, req)) = request(&key) else {
                        continue;
                    };
                    let controller = web_sys::AbortController::new().ok();
                    if let Some(c) = &controller {
                        controllers.try_update_value(|all| all.push(c.clone()));
                    }
                    let options = CallOptions {
                        cancel: controller,
                        on_retry: None,
                    };
                    let result = call(session, &conn, req, decode_json::<T>, options).await;
                    if generation.try_get_value() != Some(mine) {
                        return;
                    }
                    results.try_update(|r| {
                        r.insert(key, result);
                    });
                }
            });
        }
    });
    results
}
