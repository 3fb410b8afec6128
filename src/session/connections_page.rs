//! `/connections`: add, edit and remove connections.

use backup_console_core::api::FieldErrors;
use backup_console_core::connection::{mask_secret, Connection};
use backup_console_core::vendors::Vendor;
use leptos::prelude::*;

use super::{use_session, Persistence};
use crate::components::confirm::ConfirmDialog;
use crate::paths::connection_route;

#[derive(Clone, Default)]
struct Draft {
    vendor: String,
    /// Vendor fields (tenant id, identity URL, ...).
    extra: std::collections::BTreeMap<String, String>,
    id: String,
    label: String,
    base_url: String,
    token: String,
    remember: bool,
}

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    let session = use_session();
    let draft = RwSignal::new(Draft {
        vendor: Vendor::CyBorgBackup.name().into(),
        ..Draft::default()
    });
    // The id of the connection being edited, if any.
    let editing = RwSignal::new(None::<String>);
    let errors = RwSignal::new(FieldErrors::new());
    let removing = RwSignal::new(None::<Connection>);
    let saved = RwSignal::new(None::<String>);

    let start_edit = move |c: Connection| {
        draft.set(Draft {
            vendor: c.vendor.name().into(),
            id: c.id.clone(),
            label: c.label.clone(),
            base_url: c.base_url.clone(),
            token: String::new(),
            remember: session.persistence_of(&c.id) == Persistence::Remembered,
            extra: c
                .vendor
                .extra_fields()
                .iter()
                .map(|(k, ..)| (k.to_string(), c.extra_text(k)))
                .collect(),
        });
        editing.set(Some(c.id));
        errors.set(FieldErrors::new());
    };
    let reset = move || {
        draft.set(Draft {
            vendor: Vendor::CyBorgBackup.name().into(),
            ..Draft::default()
        });
        editing.set(None);
        errors.set(FieldErrors::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        let replacing = editing.get_untracked();
        let previous = replacing.as_deref().and_then(|id| session.connection(id));
        let mut connection = previous
            .clone()
            .unwrap_or_else(|| Connection::new("", Vendor::CyBorgBackup, ""));
        connection.id = d.id.trim().to_owned();
        connection.vendor = Vendor::from_name(&d.vendor).unwrap_or(Vendor::CyBorgBackup);
        connection.label = d.label.trim().to_owned();
        connection.base_url = d.base_url.trim().trim_end_matches('/').to_owned();
        if !d.token.trim().is_empty() {
            connection.token = Some(d.token.trim().to_owned());
        }
        for (key, ..) in connection.vendor.extra_fields() {
            let value = d
                .extra
                .get(*key)
                .map(|v| v.trim().to_owned())
                .unwrap_or_default();
            if value.is_empty() {
                connection.extra.remove(*key);
            } else {
                connection
                    .extra
                    .insert(key.to_string(), serde_json::Value::String(value));
            }
        }
        let others: Vec<String> = session.connections.with_untracked(|all| {
            all.iter()
                .map(|c| c.id.clone())
                .filter(|id| Some(id) != replacing.as_ref())
                .collect()
        });
        let other_refs: Vec<&str> = others.iter().map(String::as_str).collect();
        let problems = connection.validate(&other_refs);
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        let persistence = if d.remember {
            Persistence::Remembered
        } else {
            Persistence::Tab
        };
        saved.set(Some(connection.display_name().to_owned()));
        session.save(connection, persistence, replacing.as_deref());
        reset();
    };

    let text_field = move |key: &'static str,
                           label: &'static str,
                           get: fn(&Draft) -> String,
                           put: fn(&mut Draft, String),
                           kind: &'static str,
                           help: &'static str| {
        let error = move || errors.with(|e| e.get(key).map(|m| m.join(" ")));
        view! {
            <div class="field" class:has-error=move || error().is_some()>
                <label for=format!("conn-{key}")>{label}</label>
                <input
                    id=format!("conn-{key}")
                    type=kind
                    autocomplete="off"
                    data-testid=format!("conn-{key}")
                    aria-invalid=move || error().is_some().to_string()
                    prop:value=move || draft.with(get)
                    on:input=move |ev| draft.update(|d| put(d, event_target_value(&ev)))
                />
                {(!help.is_empty()).then(|| view! { <small class="help">{help}</small> })}
                <p class="field-error" data-testid=format!("conn-error-{key}") role="alert">{error}</p>
            </div>
        }
    };

    view! {
        <h1>"Connections"</h1>
        {move || saved.get().map(|name| view! { <div class="banner notice" role="status" data-testid="notice">"Saved connection " {name} "."</div> })}
        <table class="data-table" data-testid="connections-table">
            <caption class="visually-hidden">"Connections"</caption>
            <thead>
                <tr><th scope="col">"Name"</th><th scope="col">"Vendor"</th><th scope="col">"Base URL"</th><th scope="col">"Credentials"</th><th scope="col">"Kept"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr>
            </thead>
            <tbody>
                <For
                    each=move || session.connections.get()
                    key=|c: &Connection| format!("{}|{}|{}|{}|{:?}|{}", c.id, c.label, c.base_url, c.vendor.name(), c.token.as_deref().map(mask_secret), c.has_credentials())
                    children=move |c: Connection| {
                        let for_edit = c.clone();
                        let for_remove = c.clone();
                        let kept = match session.persistence_of(&c.id) {
                            _ if session.is_given(&c.id) => "Memory (given by the hosting page)",
                            Persistence::Remembered => "On this device",
                            Persistence::Tab => "This tab",
                        };
                        let signed_in = c.has_credentials();
                        let for_sign_out = c.id.clone();
                        view! {
                            <tr data-testid="connection-row" data-id=c.id.clone()>
                                <td><a href=connection_route(&c.id, "")>{c.display_name().to_owned()}</a><br/><small class="muted">{c.id.clone()}</small></td>
                                <td>{c.vendor.title()}{(!c.vendor.implemented()).then_some(" (not yet supported)")}</td>
                                <td class="mono">{c.base_url.clone()}</td>
                                <td>{c.token.as_deref().map_or_else(|| "none".to_owned(), mask_secret)}</td>
                                <td>{kept}</td>
                                <td class="row-actions">
                                    <button data-testid="connection-edit" on:click=move |_| start_edit(for_edit.clone())>"Edit"</button>
                                    {signed_in.then(|| view! {
                                        <button data-testid="connection-sign-out" on:click=move |_| session.sign_out(&for_sign_out)>"Sign out"</button>
                                    })}
                                    <button class="danger" data-testid="connection-remove" on:click=move |_| removing.set(Some(for_remove.clone()))>"Remove"</button>
                                </td>
                            </tr>
                        }
                    }
                />
            </tbody>
        </table>

        <form class="panel" data-testid="connection-form" on:submit=submit novalidate>
            <h2>{move || if editing.get().is_some() { "Edit connection" } else { "Add a connection" }}</h2>
            <div class="field">
                <label for="conn-vendor">"Vendor"</label>
                <select
                    id="conn-vendor"
                    data-testid="conn-vendor"
                    prop:value=move || draft.with(|d| d.vendor.clone())
                    on:change=move |ev| draft.update(|d| d.vendor = event_target_value(&ev))
                >
                    {Vendor::ALL
                        .iter()
                        .map(|v| view! {
                            <option value=v.name()>{v.title()}{(!v.implemented()).then_some(" (not yet supported)")}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            {text_field("id", "Short name", |d| d.id.clone(), |d, v| d.id = v, "text", "Lowercase, used in links: /c/<name>/…")}
            {text_field("label", "Label", |d| d.label.clone(), |d, v| d.label = v, "text", "")}
            {text_field("base_url", "Base URL", |d| d.base_url.clone(), |d, v| d.base_url = v, "url", "Where the API lives, e.g. https://cyborgbackup.example.com, or behind a reverse proxy on this site, e.g. /vendors/cyborgbackup")}
            {move || {
                let vendor = draft.with(|d| Vendor::from_name(&d.vendor)).unwrap_or(Vendor::CyBorgBackup);
                vendor
                    .extra_fields()
                    .iter()
                    .map(|(key, label, required, help)| {
                        let key = *key;
                        let error = move || errors.with(|e| e.get(key).map(|m| m.join(" ")));
                        view! {
                            <div class="field" class:has-error=move || error().is_some()>
                                <label for=format!("conn-{key}")>{*label}{required.then_some(" *")}</label>
                                <input
                                    id=format!("conn-{key}")
                                    autocomplete="off"
                                    data-testid=format!("conn-{key}")
                                    prop:value=move || draft.with(|d| d.extra.get(key).cloned().unwrap_or_default())
                                    on:input=move |ev| draft.update(|d| {
                                        d.extra.insert(key.to_owned(), event_target_value(&ev));
                                    })
                                />
                                <small class="help">{*help}</small>
                                <p class="field-error" data-testid=format!("conn-error-{key}") role="alert">{error}</p>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            {text_field("token", "API token", |d| d.token.clone(), |d, v| d.token = v, "password",
                "Sent in the Authorization header; never shown again. Leave empty to keep the current one.")}
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="conn-remember"
                    prop:checked=move || draft.with(|d| d.remember)
                    on:change=move |ev| draft.update(|d| d.remember = event_target_checked(&ev))
                />
                "Remember on this device (otherwise kept for this tab only)"
            </label>
            <div class="actions">
                <Show when=move || editing.get().is_some()>
                    <button type="button" data-testid="conn-cancel" on:click=move |_| reset()>"Cancel"</button>
                </Show>
                <button type="submit" class="primary" data-testid="conn-save">"Save connection"</button>
            </div>
        </form>

        {move || removing.get().map(|c| {
            let id = c.id.clone();
            view! {
                <ConfirmDialog
                    title="Remove connection"
                    message=format!("Remove the connection \"{}\" and its stored credentials from this browser? The service itself is not changed.", c.display_name())
                    confirm_label="Remove connection"
                    on_confirm=Callback::new(move |_| {
                        session.remove(&id);
                        removing.set(None);
                    })
                    on_cancel=Callback::new(move |_| removing.set(None))
                />
            }
        })}
    }
}
