//! Writing to an API from a view: create, update, delete, launch, start.
//!
//! An [`Action`] is one button's (or form's) worth of state: busy while the call runs, then a
//! notice or an error. A success bumps the connection's write version, so every load showing
//! that connection's data runs again without the page wiring it; a 401 asks for sign-in like
//! loads do. The decoded answer goes to the caller when it needs it (a launched job's id).

use std::rc::Rc;

use backup_console_core::api::{ApiError, ApiRequest, ApiResponse};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use crate::calls::{call_raw, decode_json, decode_nothing, CallOptions, Decode};
use crate::components::status::{ErrorBanner, Notice};
use crate::paths::go_to;
use crate::session::{use_session, Session};

/// Going to an href, as the router does it.
type Navigate = Rc<dyn Fn(&str)>;

/// Reads a write's answer and says what follows.
type Finish = Rc<dyn Fn(&ApiResponse, &str) -> Result<Done, ApiError>>;

/// What follows a successful write.
#[derive(Clone, Debug, PartialEq)]
pub enum Done {
    /// Stay, say this, and reload what shows the connection's data.
    Say(String),
    /// Stay and reload, saying nothing.
    Quiet,
    /// Go to this href (the object's new page, or the list after a delete). Nothing reloads
    /// here: the page being left would only ask for what is gone.
    Go(String),
}

#[derive(Clone, Copy)]
pub struct Action {
    session: Session,
    navigate: StoredValue<Navigate, LocalStorage>,
    /// The page whose form drafts a successful write makes obsolete.
    drafts_of: StoredValue<Option<String>>,
    /// The last write, to send again on "Try again".
    last: StoredValue<Option<Rc<dyn Fn()>>, LocalStorage>,
    pub busy: RwSignal<bool>,
    pub notice: RwSignal<Option<String>>,
    pub error: RwSignal<Option<ApiError>>,
}

impl Default for Action {
    fn default() -> Self {
        Self::new()
    }
}

impl Action {
    pub fn new() -> Self {
        let navigate = crate::paths::use_navigate();
        Self {
            session: use_session(),
            last: StoredValue::new_local(None),
            drafts_of: StoredValue::new(None),
            navigate: StoredValue::new_local(Rc::new(move |href: &str| navigate(href, go_to()))),
            busy: RwSignal::new(false),
            notice: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }

    /// Send a write and read its JSON answer; `done` gets the answer and may return a notice.
    pub fn run<T>(
        self,
        conn: &str,
        request: ApiRequest,
        done: impl FnOnce(T) -> Done + Clone + 'static,
    ) where
        T: DeserializeOwned + 'static,
    {
        self.run_with(conn, request, decode_json::<T>, done);
    }

    /// Send a write whose answer body does not matter.
    pub fn run_ok(
        self,
        conn: &str,
        request: ApiRequest,
        done: impl FnOnce() -> Done + Clone + 'static,
    ) {
        self.run_with(conn, request, decode_nothing, move |()| done());
    }

    /// Send a write and read its answer with `decode` (plain-text ids, headers).
    pub fn run_with<T: 'static>(
        self,
        conn: &str,
        request: ApiRequest,
        decode: Decode<T>,
        done: impl FnOnce(T) -> Done + Clone + 'static,
    ) {
        // Only reading the answer is typed; the write itself is one copy for every type.
        let finish: Finish =
            Rc::new(move |response, subject| decode(response, subject).map(done.clone()));
        self.send(conn.to_owned(), request, finish);
    }

    fn send(self, conn: String, request: ApiRequest, finish: Finish) {
        // A second click while the first write runs must not send it twice.
        if self.busy.get_untracked() {
            return;
        }
        let session = self.session;
        // Writes are never sent again by themselves: the operator may, with "Try again".
        let again = {
            let (conn, request, finish) = (conn.clone(), request.clone(), finish.clone());
            Rc::new(move || self.send(conn.clone(), request.clone(), finish.clone()))
        };
        self.last.set_value(Some(again));
        self.busy.set(true);
        self.notice.set(None);
        self.error.set(None);
        spawn_local(async move {
            let subject = request.subject.clone();
            let answer = call_raw(session, &conn, request, CallOptions::default()).await;
            self.busy.try_set(false);
            let outcome = match answer.and_then(|response| finish(&response, &subject)) {
                Ok(outcome) => outcome,
                Err(error) => {
                    self.error.try_set(Some(error));
                    return;
                }
            };
            // Saved: what the page's forms kept as drafts is now on the service.
            if let Some(page) = self.drafts_of.try_get_value().flatten() {
                crate::components::draft::forget_page(&page);
            }
            match outcome {
                Done::Go(href) => {
                    if let Some(go) = self.navigate.try_get_value() {
                        go(&href);
                    }
                }
                outcome => {
                    session.wrote(&conn);
                    if let Done::Say(notice) = outcome {
                        self.notice.try_set(Some(notice));
                    }
                }
            }
        });
    }

    /// A successful write saves what the forms of `page` held: their drafts go.
    pub fn forget_drafts_of(self, page: &str) {
        self.drafts_of.set_value(Some(page.to_owned()));
    }

    /// Show a problem found before anything was sent.
    pub fn fail(self, error: ApiError) {
        self.notice.set(None);
        self.error.set(Some(error));
    }

    pub fn clear(self) {
        self.notice.set(None);
        self.error.set(None);
    }

    /// The result of the last run: a notice or an error banner.
    pub fn view(self) -> impl IntoView {
        view! {
            {move || self.notice.get().map(|m| view! { <Notice message=m /> })}
            {move || self.error.get().map(|e| {
                // A refused input or a missing permission will not change by asking again.
                let worth_again = matches!(e.kind(), "server" | "unreachable" | "timeout" | "rate-limited" | "malformed" | "unexpected");
                view! {
                    <ErrorBanner error=e />
                    {worth_again.then(|| view! {
                        <p><button type="button" data-testid="action-retry" disabled=move || self.busy.get()
                            on:click=move |_| {
                                if let Some(again) = self.last.get_value() {
                                    again();
                                }
                            }>"Try again"</button></p>
                    })}
                }
            })}
        }
    }
}
