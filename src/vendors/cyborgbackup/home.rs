//! The connection's home: API root, ping, configuration and the signed-in user.

use backup_console_core::api::Page;
use backup_console_core::connection::Connection;
use backup_console_core::vendors::cyborgbackup::models::{ApiRoot, Config, Ping, User};
use backup_console_core::vendors::cyborgbackup::requests;
use leptos::prelude::*;

use crate::components::panel::Panel;
use crate::load::use_load;

#[component]
pub fn Home(connection: Connection) -> impl IntoView {
    let id = connection.id.clone();
    let on = move |request: fn() -> backup_console_core::api::ApiRequest| {
        let id = id.clone();
        move || Some((id.clone(), request()))
    };
    let ping = use_load::<Ping>(on(requests::ping));
    let config = use_load::<Config>(on(requests::config));
    let me = use_load::<Page<User>>(on(requests::me));
    let root = use_load::<ApiRoot>(on(requests::api_root));
    view! {
        <h1>{connection.display_name().to_owned()}</h1>
        <p class="muted">"CyBorgBackup at " <span class="mono">{connection.base_url.clone()}</span></p>
        <div class="cards">
            <section class="card" data-testid="service-status">
                <h2>"Service"</h2>
                <Panel load=ping render={|p: Ping| view! { <p data-testid="ping">"Answering: " {p.ping} " · API version " {p.version}</p> }} />
                <Panel load=config render={|c: Config| view! {
                    <dl data-testid="config">
                        <dt>"Version"</dt><dd>{c.version}</dd>
                        <dt>"Debug mode"</dt><dd>{if c.debug { "on" } else { "off" }}</dd>
                        <dt>"Allowed hosts"</dt><dd>{c.allowed_hosts.join(", ")}</dd>
                    </dl>
                }} />
            </section>
            <section class="card" data-testid="me">
                <h2>"Signed in as"</h2>
                <Panel load=me render={|page: Page<User>| match page.results.into_iter().next() {
                    Some(user) => view! {
                        <p data-testid="me-email">{user.email}</p>
                        <p class="muted">{if user.is_superuser { "Superuser" } else { "User" }}</p>
                    }.into_any(),
                    None => view! { <p>"Unknown user"</p> }.into_any(),
                }} />
            </section>
            <section class="card" data-testid="api-root">
                <h2>"API"</h2>
                <Panel load=root render={|root: ApiRoot| view! {
                    <ul>{root.into_iter().map(|(name, path)| view! { <li><span class="mono">{name}</span>" → "{path}</li> }).collect_view()}</ul>
                }} />
            </section>
        </div>
    }
}
