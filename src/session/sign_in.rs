//! The prompt shown when a service refuses a connection's credentials. It sits above the page,
//! so whatever the operator was typing stays where it was.
//!
//! Every vendor accepts a pasted token. Vendors with a sign-in service (Rackspace identity,
//! Xopero login, Keystone) also offer it, described as data by [`crate::vendors::sign_in`]:
//! its fields and the call that turns them into a token. Passwords and keys typed there are
//! sent once and never kept.

use std::future::Future;
use std::pin::Pin;

use backup_console_core::api::{ApiError, FieldErrors};
use backup_console_core::connection::Connection;
use backup_console_core::spec::{check_common, FieldSpec, FormValues};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{use_session, Session};
use crate::components::form_field::FormFields;
use crate::components::status::ErrorBanner;

/// What a sign-in yields: the token, and connection fields it settles (a tenant, a project).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SignedIn {
    pub token: String,
    /// A token that renews `token` when it expires (CyBorgBackup JWT): a secret too.
    pub refresh_token: Option<String>,
    pub fields: Vec<(&'static str, String)>,
}

pub type SignInFuture = Pin<Box<dyn Future<Output = Result<SignedIn, ApiError>>>>;

/// A vendor's own way to sign in.
#[derive(Clone, Copy)]
pub struct SignInMethod {
    /// The choice's label, e.g. "Sign in with username and API key".
    pub label: &'static str,
    pub fields: &'static [FieldSpec],
    pub run: fn(Connection, FormValues) -> SignInFuture,
}

/// Keep the new credentials where the connection already lives, and let loads run again.
fn finish(session: Session, id: &str, signed_in: SignedIn) {
    session.connections.update(|all| {
        if let Some(c) = all.iter_mut().find(|c| c.id == id) {
            for (key, value) in &signed_in.fields {
                c.extra
                    .insert((*key).to_owned(), serde_json::Value::String(value.clone()));
            }
        }
    });
    session.set_credentials(id, signed_in.token, signed_in.refresh_token);
}

/// Values a method's fields start with: what the connection already says (an email, a user).
fn prefilled(connection: &Connection, method: &SignInMethod) -> FormValues {
    method
        .fields
        .iter()
        .filter(|f| f.kind != backup_console_core::spec::FieldKind::Secret)
        .map(|f| (f.key.to_owned(), connection.extra_text(f.key)))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

#[component]
pub fn SignInDialog() -> impl IntoView {
    let session = use_session();
    let token = RwSignal::new(String::new());
    let values = RwSignal::new(FormValues::new());
    let errors = RwSignal::new(FieldErrors::new());
    let use_method = RwSignal::new(false);
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
        let method = connection.as_ref().and_then(crate::vendors::sign_in);
        if let (Some(c), Some(m)) = (&connection, &method) {
            values.set(prefilled(c, m));
            // Asked for, the vendor's own sign-in comes first; after a refusal, when there is no
            // token, or when the session was a signed-in one (it has a refresh token).
            use_method.set(!request.refused || !c.has_credentials() || c.refresh_token.is_some());
        }
        let why = if request.refused {
            "The service did not accept the stored credentials (wrong or expired token). Sign in again to continue; your unsaved input is kept."
        } else {
            "Sign in to get a new token for this connection; your unsaved input is kept."
        };
        let submit = {
            let id = id.clone();
            move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                failure.set(None);
                let chosen = method.filter(|_| use_method.get_untracked());
                let Some(method) = chosen else {
                    let value = token.get_untracked().trim().to_owned();
                    if !value.is_empty() {
                        finish(
                            session,
                            &id,
                            SignedIn {
                                token: value,
                                ..SignedIn::default()
                            },
                        );
                        token.set(String::new());
                    }
                    return;
                };
                let given = values.get_untracked();
                let problems: FieldErrors = method
                    .fields
                    .iter()
                    .filter_map(|f| {
                        let text = given.get(f.key).map_or("", |v| v.as_str());
                        check_common(f, text)
                            .err()
                            .map(|m| (f.key.to_owned(), vec![m]))
                    })
                    .collect();
                errors.set(problems.clone());
                let Some(connection) = session.connection(&id).filter(|_| problems.is_empty())
                else {
                    return;
                };
                busy.set(true);
                let id = id.clone();
                spawn_local(async move {
                    let result = (method.run)(connection, given).await;
                    busy.try_set(false);
                    // Secrets are gone from the form whatever happened.
                    values.try_update(|v| {
                        for f in method
                            .fields
                            .iter()
                            .filter(|f| f.kind == backup_console_core::spec::FieldKind::Secret)
                        {
                            v.remove(f.key);
                        }
                    });
                    match result {
                        Ok(signed_in) => finish(session, &id, signed_in),
                        Err(e) => {
                            failure.try_set(Some(e));
                        }
                    }
                });
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
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            session.sign_in.set(None);
                        }
                    }
                >
                    <h2 id="sign-in-title">"Sign in to " {name}</h2>
                    <p data-testid="sign-in-why">{why}</p>
                    {method.map(|m| view! {
                        <label class="check">
                            <input type="checkbox" data-testid="sign-in-use-key" prop:checked=move || use_method.get() on:change=move |ev| use_method.set(event_target_checked(&ev)) />
                            {m.label}
                        </label>
                    })}
                    {move || failure.get().map(|e| view! { <ErrorBanner error=e /> })}
                    <Show when=move || method.is_some() && use_method.get() fallback=move || view! {
                        <label for="sign-in-token">"API token"</label>
                        <input id="sign-in-token" type="password" autocomplete="off" data-testid="sign-in-token" node_ref=input_ref
                            prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev)) />
                    }>
                        {method.map(|m| view! { <FormFields fields=m.fields values=values errors=errors validate=check_common /> })}
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
