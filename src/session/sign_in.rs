//! The prompt shown when a service refuses a connection's credentials. It sits above the page,
//! so whatever the operator was typing stays where it was. Connections with an identity service
//! (Rackspace) can also sign in with a username and API key; the key is sent once, never kept.

use backup_console_core::api::ApiError;
use backup_console_core::connection::Connection;
use backup_console_core::vendors::rackspace::identity;
use backup_console_core::vendors::rackspace::models::TokenResponse;
use backup_console_core::vendors::rackspace::requests::identity_token;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{use_session, Session};
use crate::components::status::ErrorBanner;

/// Ask the connection's identity service for a token; returns the token and the tenant it names.
async fn token_from_identity(
    connection: &Connection,
    username: &str,
    api_key: &str,
) -> Result<(String, Option<String>), ApiError> {
    let identity = Connection {
        base_url: identity::base_url(&connection.extra_text("identity_url")),
        token: None,
        ..connection.clone()
    };
    let request = identity_token(username, api_key).about("the identity service");
    let response = crate::transport::send(&identity, request).await?;
    let answer: TokenResponse = response.json("the identity service")?;
    Ok((
        answer.access.token.id,
        answer.access.token.tenant.map(|t| t.id),
    ))
}

fn finish(session: Session, id: &str, token: String, tenant: Option<String>) {
    session.connections.update(|all| {
        if let Some(c) = all.iter_mut().find(|c| c.id == id) {
            let current = c.extra_text("tenant_id");
            if let Some(kept) = identity::tenant_after_sign_in(Some(&current), tenant.as_deref()) {
                c.extra
                    .insert("tenant_id".into(), serde_json::Value::String(kept));
            }
        }
    });
    session.set_token(id, token);
}

#[component]
pub fn SignInDialog() -> impl IntoView {
    let session = use_session();
    let token = RwSignal::new(String::new());
    let username = RwSignal::new(String::new());
    let api_key = RwSignal::new(String::new());
    let use_key = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if session.sign_in.with(Option::is_some) {
            if let Some(input) = input_ref.get() {
                let _ = input.focus();
            }
        }
    });
    move || {
        let request = session.sign_in.get()?;
        let id = request.connection_id.clone();
        let connection = session.connection(&id);
        let name = connection
            .as_ref()
            .map(|c| format!("{} ({})", c.display_name(), c.vendor.title()))
            .unwrap_or_else(|| id.clone());
        let has_identity = connection
            .as_ref()
            .is_some_and(|c| !c.extra_text("identity_url").is_empty());
        let submit = {
            let id = id.clone();
            move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                failure.set(None);
                if use_key.get_untracked() {
                    let (user, key) = (
                        username.get_untracked().trim().to_owned(),
                        api_key.get_untracked().trim().to_owned(),
                    );
                    let Some(connection) = session
                        .connection(&id)
                        .filter(|_| !user.is_empty() && !key.is_empty())
                    else {
                        return;
                    };
                    busy.set(true);
                    let id = id.clone();
                    spawn_local(async move {
                        let result = token_from_identity(&connection, &user, &key).await;
                        busy.try_set(false);
                        api_key.try_set(String::new());
                        match result {
                            Ok((token, tenant)) => finish(session, &id, token, tenant),
                            Err(e) => {
                                failure.try_set(Some(e));
                            }
                        }
                    });
                } else {
                    let value = token.get_untracked().trim().to_owned();
                    if !value.is_empty() {
                        finish(session, &id, value, None);
                        token.set(String::new());
                    }
                }
            }
        };
        Some(view! {
            <div class="modal-backdrop">
                <form
                    class="modal"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="sign-in-title"
                    data-testid="sign-in-dialog"
                    on:submit=submit
                >
                    <h2 id="sign-in-title">"Sign in to " {name}</h2>
                    <p>"The service did not accept the stored credentials (wrong or expired token). Sign in again to continue; your unsaved input is kept."</p>
                    {has_identity.then(|| view! {
                        <label class="check">
                            <input type="checkbox" data-testid="sign-in-use-key" prop:checked=move || use_key.get() on:change=move |ev| use_key.set(event_target_checked(&ev)) />
                            "Sign in with username and API key"
                        </label>
                    })}
                    {move || failure.get().map(|e| view! { <ErrorBanner error=e /> })}
                    <Show when=move || use_key.get() fallback=move || view! {
                        <label for="sign-in-token">"API token"</label>
                        <input id="sign-in-token" type="password" autocomplete="off" data-testid="sign-in-token" node_ref=input_ref
                            prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev)) />
                    }>
                        <label for="sign-in-username">"Username"</label>
                        <input id="sign-in-username" autocomplete="username" data-testid="sign-in-username"
                            prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev)) />
                        <label for="sign-in-key">"API key"</label>
                        <input id="sign-in-key" type="password" autocomplete="off" data-testid="sign-in-key"
                            prop:value=move || api_key.get() on:input=move |ev| api_key.set(event_target_value(&ev)) />
                    </Show>
                    <div class="actions">
                        <button type="button" data-testid="sign-in-cancel" on:click=move |_| session.sign_in.set(None)>"Cancel"</button>
                        <button type="submit" class="primary" data-testid="sign-in-submit" disabled=move || busy.get()>
                            {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                        </button>
                    </div>
                </form>
            </div>
        })
    }
}
