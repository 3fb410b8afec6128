//! The connection's home: API root, ping, configuration and the signed-in user.

use backup_console_core::api::Page;
use backup_console_core::connection::Connection;
use backup_console_core::vendors::cyborgbackup::models::{ApiRoot, Config, Ping, User};
use backup_console_core::vendors::cyborgbackup::requests;
use leptos::prelude::*;

use crate::calls::{use_load, Load};
use crate::components::status::{ErrorBanner, Loading};

fn show<T: Clone + Send + Sync + 'static>(
    state: RwSignal<Load<T>>,
    render: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || match state.get() {
        Load::Loading => view! { <Loading /> }.into_any(),
        Load::Failed(error) => view! { <ErrorBanner error=error /> }.into_any(),
        Load::Ready(value) => render(value),
    }
}

#[component]
pub fn Home(connection: Connection) -> impl IntoView {
    let id = connection.id.clone();
    let (a, b, c, d) = (id.clone(), id.clone(), id.clone(), id);
    let ping = use_load::<Ping>(move || Some((a.clone(), requests::ping())));
    let config = use_load::<Config>(move || Some((b.clone(), requests::config())));
    let me = use_load::<Page<User>>(move || Some((c.clone(), requests::me())));
    let root = use_load::<ApiRoot>(move || Some((d.clone(), requests::api_root())));
    view! {
        <h1>{connection.display_name().to_owned()}</h1>
        <p class="muted">"CyBorgBackup at " <span class="mono">{connection.base_url.clone()}</span></p>
        <div class="cards">
            <section class="card" data-testid="service-status">
                <h2>"Service"</h2>
                {show(ping, |p| view! { <p data-testid="ping">"Answering: " {p.ping} " · API version " {p.version}</p> }.into_any())}
                {show(config, |c| view! {
                    <dl data-testid="config">
                        <dt>"Version"</dt><dd>{c.version}</dd>
                        <dt>"Debug mode"</dt><dd>{if c.debug { "on" } else { "off" }}</dd>
                        <dt>"Allowed hosts"</dt><dd>{c.allowed_hosts.join(", ")}</dd>
                    </dl>
                }.into_any())}
            </section>
            <section class="card" data-testid="me">
                <h2>"Signed in as"</h2>
                {show(me, |page| match page.results.into_iter().next() {
                    Some(user) => view! {
                        <p data-testid="me-email">{user.email}</p>
                        <p class="muted">{if user.is_superuser { "Superuser" } else { "User" }}</p>
                    }.into_any(),
                    None => view! { <p>"Unknown user"</p> }.into_any(),
                })}
            </section>
            <section class="card" data-testid="api-root">
                <h2>"API"</h2>
                {show(root, |root| view! {
                    <ul>{root.into_iter().map(|(name, path)| view! { <li><span class="mono">{name}</span>" → "{path}</li> }).collect_view()}</ul>
                }.into_any())}
            </section>
        </div>
    }
}
