//! Turning on an agent's backup encryption and changing its passphrase. Passphrases are
//! encrypted here with the agent's public key and never kept.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::rackspace::agent_forms::ENCRYPTION_FIELDS;
use backup_console_core::vendors::rackspace::crypto::encrypt_passphrase;
use backup_console_core::vendors::rackspace::models::Agent;
use backup_console_core::vendors::rackspace::requests::{
    self,
    inputs::{ChangeEncryption, EncryptAgent},
};
use leptos::prelude::*;

use crate::action::{Action, Done};
use crate::components::form_field::FormFields;
use crate::load::Remote;

/// The request the form asks for, or the problem to fix first.
fn request_for(
    tenant: &str,
    agent: &Agent,
    values: &FormValues,
) -> Result<backup_console_core::api::ApiRequest, String> {
    let text = |k: &str| values.get(k).cloned().unwrap_or_default();
    let (new, again) = (text("new"), text("again"));
    if new.chars().count() < 8 {
        return Err("Use a passphrase of at least 8 characters.".into());
    }
    if new != again {
        return Err("The two passphrases differ.".into());
    }
    if !agent.is_encrypted && text("understood") != "true" {
        return Err("Confirm that you understand encryption cannot be turned off.".into());
    }
    let seal =
        |p: &str| encrypt_passphrase(&agent.public_key.modulus(), &agent.public_key.exponent(), p);
    let id = agent.machine_agent_id;
    if agent.is_encrypted {
        let input = ChangeEncryption {
            machine_agent_id: id,
            old_encrypted_password_hex: seal(&text("old"))?,
            new_encrypted_password_hex: seal(&new)?,
        };
        Ok(requests::change_encryption(tenant, &input))
    } else {
        let input = EncryptAgent {
            machine_agent_id: id,
            encrypted_password_hex: seal(&new)?,
        };
        Ok(requests::encrypt_agent(tenant, &input))
    }
}

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
        match request_for(&tenant, &a, &values.get_untracked()) {
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
