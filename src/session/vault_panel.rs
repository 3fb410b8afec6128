//! On the connections page: how credentials are kept, and the vault's state and controls
//! (unlock, lock now, the idle time, forget this device).

use leptos::prelude::*;

use super::vault_dialog::{idle_seconds, set_idle_seconds};
use super::{use_session, VaultState};
use crate::components::confirm::ConfirmDialog;

const CHOICES: [(&str, &str, &str); 3] = [
    (
        "tab",
        "This tab",
        "Kept until the tab closes, encrypted with a key made for the tab. The default.",
    ),
    (
        "memory",
        "Memory only",
        "Never stored: a reload asks for the credentials again.",
    ),
    (
        "remembered",
        "Remembered on this device",
        "Encrypted in this browser with a key from your vault passphrase; unlocked once per tab, locked again when idle.",
    ),
];

/// The three ways to keep a connection's credentials, explained.
#[component]
pub fn KeepChoice(
    #[prop(into)] draft_keep: Signal<String>,
    set_keep: Callback<String>,
) -> impl IntoView {
    let current = move || {
        let keep = draft_keep.get();
        if keep.is_empty() {
            "tab".to_owned()
        } else {
            keep
        }
    };
    view! {
        <fieldset class="keep-choice" data-testid="conn-keep">
            <legend>"Keep the credentials"</legend>
            {CHOICES
                .iter()
                .map(|(value, label, help)| {
                    let value = *value;
                    view! {
                        <label class="check">
                            <input type="radio" name="conn-keep" value=value data-testid=format!("conn-keep-{value}")
                                prop:checked=move || current() == value
                                on:change=move |_| set_keep.run(value.to_owned()) />
                            <span>{*label}<small class="help">" — "{*help}</small></span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

#[component]
pub fn VaultPanel() -> impl IntoView {
    let session = use_session();
    let forgetting = RwSignal::new(false);
    let minutes = RwSignal::new((idle_seconds() / 60).max(1).to_string());
    let state_text = move || match session.vault.get() {
        VaultState::Absent => {
            "No vault on this device: remembered credentials need a passphrase first."
        }
        VaultState::Locked => "The vault is locked.",
        VaultState::Unlocked => "The vault is unlocked in this tab.",
    };
    view! {
        <section class="panel" data-testid="vault-panel" aria-labelledby="vault-heading">
            <h2 id="vault-heading">"Credentials on this device"</h2>
            <p data-testid="vault-state" data-state=move || format!("{:?}", session.vault.get()).to_lowercase()>{state_text}</p>
            {move || session.legacy_plain.get().then(|| view! {
                <p class="banner warning" data-testid="vault-legacy">
                    "Credentials remembered by an earlier version are stored in plain text. Set a vault passphrase (save a remembered connection) or unlock the vault to encrypt them."
                </p>
            })}
            <div class="actions">
                {move || match session.vault.get() {
                    VaultState::Locked => view! {
                        <button type="button" data-testid="vault-open" on:click=move |_| session.vault_prompt.set(true)>"Unlock"</button>
                    }.into_any(),
                    VaultState::Unlocked => view! {
                        <button type="button" data-testid="vault-lock" on:click=move |_| session.lock_vault()>"Lock now"</button>
                    }.into_any(),
                    VaultState::Absent => ().into_any(),
                }}
                <label>
                    "Lock when idle for "
                    <select data-testid="vault-idle" prop:value=move || minutes.get()
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Ok(m) = value.parse::<u64>() {
                                set_idle_seconds(m * 60);
                            }
                            minutes.set(value);
                        }>
                        {[5u64, 15, 30, 60, 240].map(|m| view! { <option value=m.to_string()>{format!("{m} minutes")}</option> }).collect_view()}
                    </select>
                </label>
                {move || (session.vault.get() != VaultState::Absent || session.legacy_plain.get()).then(|| view! {
                    <button type="button" class="danger" data-testid="vault-forget" on:click=move |_| forgetting.set(true)>"Forget this device"</button>
                })}
            </div>
        </section>
        {move || forgetting.get().then(|| view! {
            <ConfirmDialog
                title="Forget this device"
                message="Erase the vault and every connection remembered on this device? Their credentials must be entered again."
                confirm_label="Forget this device"
                on_confirm=Callback::new(move |_| {
                    session.forget_device();
                    forgetting.set(false);
                })
                on_cancel=Callback::new(move |_| forgetting.set(false))
            />
        })}
    }
}
