//! The console inside another page, both ways an admin page does it (README, "Embed"):
//!
//! - **In an iframe**: the console's own page, framed by a host whose origin `console.json` or
//!   the config element lists in `embed.allowed_origins` (the same list the deployment puts in
//!   `frame-ancestors`). The host sends connections, credentials and routes with
//!   `postMessage`; the console accepts messages only from its parent window and a listed
//!   origin, keeps what it got in memory only, and posts its events back to that origin.
//! - **Mounted into an element** ([`mount`]): `BackupConsole.mount(element, options)` from
//!   `backup-console-embed.js`; the console renders into a shadow root of the element (its
//!   styles cannot leak out, the page's cannot leak in), with path, hash or memory routing,
//!   and calls `options.onEvent` with the same events.
//!
//! Messages and events are data in `backup_console_core::embed`.

mod events;
pub mod mount;
pub mod routing;

use std::cell::RefCell;
use std::rc::Rc;

use backup_console_core::connection::Connection;
use backup_console_core::embed::{origin_allowed, parse_host_message, ConsoleEvent, HostMessage};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

pub use events::crashed;
pub use routing::Routing;

use events::{parent_targets, parent_window, register, unregister, Sink};

use crate::paths::GoRoute;
use crate::session::{use_session, Session};

/// Show a console route.
type ShowRoute = Rc<dyn Fn(&str)>;

/// A console mounted by a host page: how it routes, what it starts with, whom it tells.
/// Provided as context by [`mount`] around the app; the console's own page has none.
#[derive(Clone)]
pub struct Host {
    pub routing: Routing,
    /// The first route of a memory-routed console (and of a hash-routed one whose address
    /// names none).
    pub start: String,
    /// Connections with their credentials, kept in memory only.
    pub connections: Vec<Connection>,
    pub on_event: Option<js_sys::Function>,
    pub control: Control,
}

/// What the host's handle reaches inside the running console (filled by [`Bridge`]).
#[derive(Clone, Default)]
pub struct Control(Rc<RefCell<Controls>>);

#[derive(Default)]
struct Controls {
    navigate: Option<ShowRoute>,
    follow_link: Option<GoRoute>,
    session: Option<Session>,
}

impl Control {
    /// Show a console route (`/c/demo/users`).
    pub fn navigate(&self, route: &str) -> Result<(), String> {
        if !backup_console_core::embed::is_console_route(route) {
            return Err(format!(
                "{route:?} is not a console route (it starts with /)."
            ));
        }
        let go = self.0.borrow().navigate.clone();
        match go {
            Some(go) => {
                go(route);
                Ok(())
            }
            None => Err("The console is not running.".into()),
        }
    }

    fn session(&self) -> Result<Session, String> {
        self.0
            .borrow()
            .session
            .ok_or_else(|| "The console is not running.".to_owned())
    }

    /// Connections from the host, in memory only.
    pub fn give(&self, connections: Vec<Connection>) -> Result<(), String> {
        self.session()?.give(connections);
        Ok(())
    }

    pub fn credentials(
        &self,
        connection: &str,
        token: String,
        refresh_token: Option<String>,
    ) -> Result<(), String> {
        accept_credentials(self.session()?, connection, token, refresh_token)
    }

    /// The fragment-link handler of a hash- or memory-routed console.
    pub fn follow_link(&self) -> Option<GoRoute> {
        self.0.borrow().follow_link.clone()
    }
}

/// New credentials from the host, only for connections the host gave: they stay in memory.
fn accept_credentials(
    session: Session,
    connection: &str,
    token: String,
    refresh_token: Option<String>,
) -> Result<(), String> {
    if !session.is_given(connection) {
        return Err(format!(
            "There is no connection \"{connection}\" given by the hosting page; credentials go only to those."
        ));
    }
    session.set_credentials(connection, token, refresh_token);
    Ok(())
}

/// The host of a mounted console, if this console was mounted by one.
pub fn use_host() -> Option<Host> {
    use_context::<StoredValue<Host, LocalStorage>>().and_then(|h| h.try_get_value())
}

/// Whether the page was loaded by `backup-console-embed.js` (which then mounts consoles into
/// its own elements) rather than as the console's own page.
pub fn loaded_by_host() -> bool {
    js_sys::Reflect::get(
        &js_sys::global(),
        &JsValue::from_str("__BACKUP_CONSOLE_EMBED__"),
    )
    .map(|v| v.is_object())
    .unwrap_or(false)
}

/// Inside the router: routing for mounted consoles, the host's controls, events to the host,
/// and for a framed console the host's messages. Renders nothing.
#[component]
pub fn Bridge() -> impl IntoView {
    let session = use_session();
    let host = use_host();
    let routing = host.as_ref().map_or(Routing::Path, |h| h.routing);

    let navigate: ShowRoute = if routing == Routing::Path {
        let go = crate::paths::use_navigate();
        Rc::new(move |route: &str| go(&crate::paths::href(route), crate::paths::go_to()))
    } else {
        let start = host.as_ref().map_or("/", |h| h.start.as_str());
        let go = routing::install(routing, start);
        if let Some(host) = &host {
            host.control.0.borrow_mut().follow_link = Some(go.clone());
        }
        Rc::new(move |route: &str| go(route, false))
    };
    if let Some(host) = &host {
        let mut controls = host.control.0.borrow_mut();
        controls.navigate = Some(navigate.clone());
        controls.session = Some(session);
    }

    // Whom to tell: the mounting page's callback, or a framing page at a listed origin (known
    // once the configuration is read).
    let sink: RwSignal<Option<Sink>, LocalStorage> = RwSignal::new_local(None);
    let sink_id = StoredValue::new(None::<u64>);
    Effect::new(move |_| {
        if !session.ready.get() || sink.with_untracked(Option::is_some) {
            return;
        }
        let chosen = match use_host().and_then(|h| h.on_event) {
            Some(f) => Some(Sink::Callback(f)),
            None => {
                let allowed = session.embed_origins.get_untracked();
                (parent_window().is_some() && !allowed.is_empty())
                    .then(|| Sink::Parent(parent_targets(&allowed)))
            }
        };
        if let Some(chosen) = chosen {
            sink_id.set_value(Some(register(chosen.clone())));
            chosen.post(&ConsoleEvent::Ready);
            sink.set(Some(chosen));
        }
    });
    on_cleanup(move || {
        if let Some(id) = sink_id.get_value() {
            unregister(id);
        }
    });
    let tell = move |event: ConsoleEvent| {
        sink.with_untracked(|s| {
            if let Some(s) = s {
                s.post(&event)
            }
        })
    };

    // navigated: every route the console shows, once it is ready to tell.
    let location = leptos_router::hooks::use_location();
    Effect::new(move |last: Option<Option<String>>| {
        let path = location.pathname.get();
        let search = location.search.get();
        if sink.with(Option::is_none) {
            return None;
        }
        let below = path
            .strip_prefix(crate::paths::base_path())
            .unwrap_or(&path);
        let mut route = if below.starts_with('/') {
            below.to_owned()
        } else {
            format!("/{below}")
        };
        if !search.is_empty() {
            route.push('?');
            route.push_str(search.trim_start_matches('?'));
        }
        if last.flatten().as_deref() != Some(route.as_str()) {
            tell(ConsoleEvent::Navigated {
                route: route.clone(),
            });
        }
        Some(route)
    });

    // credentials-refused: a service refused a connection's credentials (the sign-in dialog
    // opens too, for an operator who has them).
    Effect::new(move |_| {
        let request = session.sign_in.get();
        if let Some(request) = request.filter(|r| r.refused) {
            tell(ConsoleEvent::CredentialsRefused {
                connection: request.connection_id,
            });
        }
    });
    // signed-out, and problems with the configuration, as the session reports them.
    Effect::new(move |_| {
        let events = session.events.get();
        if events.is_empty() || sink.with(Option::is_none) {
            return;
        }
        session.events.set(Vec::new());
        for event in events {
            tell(event);
        }
    });
    Effect::new(move |_| {
        if let Some(problem) = session.config_problem.get() {
            if sink.with(Option::is_some) {
                tell(ConsoleEvent::Error { message: problem });
            }
        }
    });

    // A framed console listens to its parent, at a listed origin, once the configuration is read.
    if host.is_none() {
        let navigate = navigate.clone();
        let handle =
            window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
                if !session.ready.get_untracked() {
                    return;
                }
                let from_parent = match (ev.source(), parent_window()) {
                    (Some(source), Some(parent)) => js_sys::Object::is(&source, parent.as_ref()),
                    _ => false,
                };
                let allowed = session.embed_origins.get_untracked();
                if !from_parent || !origin_allowed(&ev.origin(), &allowed) {
                    return;
                }
                let Some(value) = js_sys::JSON::stringify(&ev.data())
                    .ok()
                    .and_then(|s| s.as_string())
                    .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
                else {
                    return;
                };
                // The reply goes to the origin that asked.
                let reply = Sink::Parent(vec![ev.origin()]);
                let outcome = match parse_host_message(&value) {
                    Ok(None) => Ok(()),
                    Ok(Some(HostMessage::Connections(list))) => {
                        session.give(list);
                        Ok(())
                    }
                    Ok(Some(HostMessage::Credentials {
                        connection,
                        token,
                        refresh_token,
                    })) => accept_credentials(session, &connection, token, refresh_token),
                    Ok(Some(HostMessage::Navigate(route))) => {
                        navigate(&route);
                        Ok(())
                    }
                    Err(problem) => Err(problem),
                };
                if let Err(message) = outcome {
                    reply.post(&ConsoleEvent::Error { message });
                }
            });
        on_cleanup(move || handle.remove());
    }
}
