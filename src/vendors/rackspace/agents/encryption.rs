//! Turning on an agent's backup encryption and changing its passphrase. Passphrases are
//! encrypted here with the agent's public key and never kept.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::rackspace::agent_forms::{encryption_request, ENCRYPTION_FIELDS};
use backup_console_core::vendors::rackspace::models::Agent;
use leptos::prelude::*;

use crate::action::{Action, Done};
use crate::components::form_field::FormFields;
use crate::load::Remote;

#[component]
pub fn Encryption(
    conn: String,
    tenant: String,
    agent: Remote<Agent>,
    action: Action,
) -> impl IntoView {
    let values = RwSignal::new(FormValues::new());
    let errors = RwSignal::new(FieldErrors::new());
    let problem = RwSignal::new(None::<String>);
    let encrypted = Memo::new(move |_| agent.with(|a| a.is_some_and(|a| a.is_encrypted)));
    // Which passphrases the form asks for follows the agent.
    Effect::new(move |_| {
        let now = encrypted.get().to_string();
        values.update(|v| {
            v.insert("encrypted".into(), now);
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let Some(a) = agent.data_untracked() else {
            return;
        };
        match encryption_request(&tenant, &a, &values.get_untracked()) {
            Ok(request) => {
                values.update(|v| {
                    for k in ["old", "new", "again"] {
                        v.remove(k);
                    }
                });
                let done = if a.is_encrypted {
                    "Passphrase changed."
                } else {
                    "Encryption enabled."
                };
                action.run_ok(&conn, request, move || Done::Say(done.into()));
            }
            Err(p) => problem.set(Some(p)),
        }
    };
    view! {
        <section class="panel" data-testid="encryption">
            <h2>"Encryption"</h2>
            <p class="banner error">"Once turned on, encryption cannot be turned off. Backups can only be restored with the passphrase: if it is lost, the backups are lost."</p>
            <form data-testid="encryption-form" on:submit=submit>
                <FormFields fields=&ENCRYPTION_FIELDS values=values errors=errors validate=check_common />
                {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="encryption-problem">{p}</p> })}
                <div class="actions">
                    <button type="submit" class="danger" data-testid="encryption-submit" disabled=move || action.busy.get()>
                        {move || if encrypted.get() { "Change passphrase" } else { "Turn on encryption" }}
                    </button>
                </div>
            </form>
        </section>
    }
}
