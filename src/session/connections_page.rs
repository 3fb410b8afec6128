//! `/connections`: add, edit and remove connections.

use backup_console_core::api::FieldErrors;
use backup_console_core::connection::{mask_secret, Connection};
use backup_console_core::vendors::Vendor;
use leptos::prelude::*;

use super::{use_session, Persistence, VaultState};
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
    keep: String,
    /// A new vault's passphrase (twice), or the locked vault's.
    vault_pass: String,
    vault_again: String,
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
            keep: session.persistence_of(&c.id).name().into(),
            vault_pass: String::new(),
            vault_again: String::new(),
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
        let persistence = Persistence::from_name(&d.keep);
        let name = connection.display_name().to_owned();
        let save = move |connection: Connection| {
            saved.set(Some(name.clone()));
            session.save(connection, persistence, replacing.as_deref());
            reset();
        };
        // Remembered credentials go into the vault: made, or unlocked, first.
        let vault_state = session.vault.get_untracked();
        if persistence != Persistence::Remembered || vault_state == VaultState::Unlocked {
            save(connection);
            return;
        }
        if vault_state == VaultState::Absent && d.vault_pass != d.vault_again {
            errors.set(FieldErrors::from([(
                "vault_again".into(),
                vec!["The two passphrases differ.".into()],
            )]));
            return;
        }
        leptos::task::spawn_local(async move {
            let result = match vault_state {
                VaultState::Absent => session.create_vault(&d.vault_pass).await,
                _ => session.unlock_vault(&d.vault_pass).await,
            };
            match result {
                Ok(()) => save(connection),
                Err(problem) => {
                    errors.try_set(FieldErrors::from([("vault_pass".into(), vec![problem])]));
                }
            }
        });
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
        <super::vault_panel::VaultPanel />
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
                            Persistence::Memory => "Memory only",
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
            <super::vault_panel::KeepChoice draft_keep=Signal::derive(move || draft.with(|d| d.keep.clone()))
                set_keep=Callback::new(move |v: String| draft.update(|d| d.keep = v)) />
            {move || {
                let remembering = draft.with(|d| d.keep == "remembered");
                let state = session.vault.get();
                (remembering && state != VaultState::Unlocked).then(|| {
                    let creating = state == VaultState::Absent;
                    view! {
                        {text_field("vault_pass", if creating { "New vault passphrase" } else { "Vault passphrase" },
                            |d| d.vault_pass.clone(), |d, v| d.vault_pass = v, "password",
                            if creating { "Encrypts the remembered credentials on this device (at least 8 characters). It is not stored; forgetting it means entering the credentials again." } else { "The vault is locked: its passphrase unlocks it." })}
                        {creating.then(|| text_field("vault_again", "Repeat the passphrase", |d| d.vault_again.clone(), |d, v| d.vault_again = v, "password", ""))}
                    }
                })
            }}
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
