//! The vault's passphrase prompt, over the page (like sign-in, so unsaved input stays), and
//! the idle lock.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{use_session, Session, VaultState};

/// Locked again after this long without a key press or a click, unless the operator says.
pub const DEFAULT_IDLE_SECONDS: u64 = 15 * 60;

/// How long the vault stays unlocked without activity (the operator's preference).
pub fn idle_seconds() -> u64 {
    crate::prefs::stored_field("vault_idle_seconds")
        .as_u64()
        .filter(|s| *s > 0)
        .unwrap_or(DEFAULT_IDLE_SECONDS)
}

pub fn set_idle_seconds(seconds: u64) {
    crate::prefs::set_stored_field("vault_idle_seconds", seconds.into());
}

/// Lock the vault after the idle time: activity (keys, clicks) restarts the count.
pub fn watch_idle(session: Session) {
    let last = StoredValue::new(js_sys::Date::now());
    let touch = move || last.set_value(js_sys::Date::now());
    let _ = window_event_listener(leptos::ev::keydown, move |_| touch());
    let _ = window_event_listener(leptos::ev::pointerdown, move |_| touch());
    let check = move || {
        let idle_ms = js_sys::Date::now() - last.get_value();
        if session.vault.get_untracked() == VaultState::Unlocked
            && idle_ms >= idle_seconds() as f64 * 1000.0
        {
            session.lock_vault();
        }
    };
    let _ = set_interval_with_handle(check, Duration::from_secs(1));
}

#[component]
pub fn VaultDialog() -> impl IntoView {
    let session = use_session();
    let passphrase = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if session.vault_prompt.get() {
            if let Some(el) = input.get() {
                let _ = el.focus();
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let given = passphrase.get_untracked();
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = session.unlock_vault(&given).await;
            busy.try_set(false);
            passphrase.try_set(String::new());
            if let Err(p) = result {
                problem.try_set(Some(p));
            }
        });
    };
    move || {
        session.vault_prompt.get().then(|| view! {
            <div class="modal-backdrop">
                <form class="modal" role="dialog" aria-modal="true" aria-labelledby="vault-title" data-testid="vault-dialog"
                    on:submit=submit
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            session.vault_prompt.set(false);
                        }
                    }>
                    <h2 id="vault-title">"Unlock the vault"</h2>
                    <p>"The credentials remembered on this device are locked. Enter the vault's passphrase to use them; your unsaved input is kept."</p>
                    {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="vault-error">{p}</p> })}
                    <label for="vault-passphrase">"Vault passphrase"</label>
                    <input id="vault-passphrase" type="password" autocomplete="current-password" data-testid="vault-passphrase" node_ref=input
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                    <div class="actions">
                        <button type="button" data-testid="vault-cancel" on:click=move |_| session.vault_prompt.set(false)>"Cancel"</button>
                        <button type="submit" class="primary" data-testid="vault-unlock" disabled=move || busy.get()>
                            {move || if busy.get() { "Unlocking…" } else { "Unlock" }}
                        </button>
                    </div>
                </form>
            </div>
        })
    }
}
