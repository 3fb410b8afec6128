//! The shell: header, navigation, routes, and the sign-in prompt shared by every page.

use backup_console_core::connection::Connection;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_params_map;
use leptos_router::path;

use crate::components::status::{Loading, Notice};
use crate::paths::{base_path, connection_route, href};
use crate::session::{use_session, Session};
use crate::vendors;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    // The operator's preferences (the zone times are shown in), kept on this device.
    provide_context(crate::prefs::Prefs::load());
    spawn_local(session.load());
    crate::session::vault_dialog::watch_idle(session);
    let online = RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line()));
    // Back online: what failed meanwhile loads again.
    let _ = window_event_listener(leptos::ev::online, move |_| {
        online.set(true);
        session.epoch.update(|e| *e += 1);
    });
    let _ = window_event_listener(leptos::ev::offline, move |_| online.set(false));

    view! {
        <Router base=base_path()>
            <crate::embed::Bridge />
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="topbar">
                <a class="brand" href=href("/")>"Backup Console"</a>
                <nav aria-label="Main">
                    <a href=href("/")>"Overview"</a>
                    <a href=href("/connections") data-testid="nav-connections">"Connections"</a>
                    <a href=href("/schedule/week") data-testid="nav-week">"Week of schedules"</a>
                    <a href=href("/schedule") data-testid="nav-schedule">"Schedule editor"</a>
                </nav>
                <crate::components::zone_picker::ZonePicker />
            </header>
            <div class="layout">
                <Sidebar />
                <main id="main" tabindex="-1">
                    {move || (!online.get()).then(|| view! {
                        <div class="banner warning" role="status" data-testid="offline">
                            "This browser is offline. Pages load again when the network is back; nothing you save is sent until then."
                        </div>
                    })}
                    {move || {
                        session.config_problem.get().map(|p| view! { <Notice message=p /> })
                    }}
                    <Show when=move || session.ready.get() fallback=|| view! { <Loading label="Starting…" /> }>
                        <Routes fallback=|| view! { <NotFound /> }>
                            <Route path=path!("/") view=|| crate::vendors::across(crate::vendors::Across::Overview) />
                            <Route path=path!("/connections") view=crate::session::connections_page::ConnectionsPage />
                            <Route path=path!("/schedule") view=crate::components::schedule::page::SchedulePage />
                            <Route path=path!("/schedule/week") view=|| crate::vendors::across(crate::vendors::Across::Week) />
                            // For the end-to-end test of the crash screen: a page that panics.
                            <Route path=path!("/__test/panic") view=PanicTest />
                            <Route path=path!("/c/:conn") view=ConnectionRoute />
                            <Route path=path!("/c/:conn/*rest") view=ConnectionRoute />
                        </Routes>
                    </Show>
                </main>
            </div>
            <crate::session::sign_in::SignInDialog />
            <crate::session::vault_dialog::VaultDialog />
        </Router>
    }
}

/// The connections and, for each, what it offers.
#[component]
fn Sidebar() -> impl IntoView {
    let session = use_session();
    view! {
        <nav class="sidebar" aria-label="Connections" data-testid="sidebar">
            <For
                each=move || session.connections.get()
                key=|c: &Connection| (c.id.clone(), c.label.clone(), c.vendor)
                children=move |c: Connection| {
                    let sections = vendors::sections(c.vendor);
                    view! {
                        <section>
                            <h2><a href=connection_route(&c.id, "")>{c.display_name().to_owned()}</a></h2>
                            <ul>
                                {sections
                                    .iter()
                                    .map(|(name, title)| {
                                        view! {
                                            <li><a href=connection_route(&c.id, &format!("/{name}")) data-testid=format!("nav-{}-{name}", c.id)>{*title}</a></li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                }
            />
        </nav>
    }
}

/// `/c/{connection}/...`: hand over to the connection's vendor.
#[component]
fn ConnectionRoute() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let location = leptos_router::hooks::use_location();
    let conn_id = Memo::new(move |_| params.with(|p| p.get("conn").unwrap_or_default()));
    // New credentials, and the state the console keeps with a connection, must not rebuild
    // the page: the operator's unsaved input lives there.
    let connection = Memo::new(move |_| {
        let id = conn_id.get();
        session
            .connections
            .with(|all| all.iter().find(|c| c.id == id).map(Connection::for_pages))
    });
    // Segments from the raw path: a segment may hold an encoded `/` (a Cloudback subject name).
    let segments = Memo::new(move |_| crate::paths::segments_below(&location.pathname.get(), 2));
    move || {
        let conn_id = conn_id.get();
        match connection.get() {
            Some(connection) => {
                provide_context(crate::components::status::CurrentVendor(connection.vendor));
                let segments = segments.get();
                let path: Vec<&str> = segments.iter().map(String::as_str).collect();
                vendors::page(connection, &path)
            }
            None => view! {
                <h1>"Unknown connection"</h1>
                <p data-testid="unknown-connection">
                    "There is no connection named \"" {conn_id} "\" in this browser. "
                    <a href=href("/connections")>"Add it on the Connections page"</a>"."
                </p>
            }
            .into_any(),
        }
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <h1>"Page not found"</h1>
        <p data-testid="not-found-page">"This address is not part of the console. "<a href=href("/")>"Go to the overview"</a>"."</p>
    }
}

/// A page that panics, so the end-to-end tests can see the crash screen.
#[component]
fn PanicTest() -> impl IntoView {
    panic!("a test of the crash screen");
    #[allow(unreachable_code)]
    ()
}
