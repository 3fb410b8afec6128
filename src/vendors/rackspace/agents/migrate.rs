//! Moving an agent's backups (its vault) to another agent, with the documented preconditions
//! checked before anything is sent.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::rackspace::agent_forms::{migration_problem, MIGRATE_FIELDS};
use backup_console_core::vendors::rackspace::models::{Agent, BackupConfiguration};
use backup_console_core::vendors::rackspace::requests::{self, inputs::MigrateVault};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::action::{Action, Done};
use crate::calls::call_json;
use crate::components::form_field::{FormFields, ReferenceOptions};
use crate::load::{use_load, Remote};
use crate::session::use_session;

#[component]
pub fn Migrate(
    conn: String,
    tenant: String,
    agent: Remote<Agent>,
    action: Action,
) -> impl IntoView {
    let session = use_session();
    let (c, t) = (conn.clone(), tenant.clone());
    let others = use_load::<Vec<Agent>>(move || Some((c.clone(), requests::user_agents(&t))));
    let id = move || agent.with_untracked(|a| a.map(|a| a.machine_agent_id).unwrap_or_default());
    let options = Signal::derive(move || {
        let me = agent.with(|a| a.map(|a| a.machine_agent_id));
        let choices = others.with(|list| {
            list.into_iter()
                .flatten()
                .filter(|a| Some(a.machine_agent_id) != me)
                .map(|a| {
                    (
                        a.machine_agent_id.to_string(),
                        format!("{} ({})", a.machine_name, a.machine_agent_id),
                    )
                })
                .collect()
        });
        ReferenceOptions::from([("agents", choices)])
    });
    let values = RwSignal::new(FormValues::new());
    let errors = RwSignal::new(FieldErrors::new());
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let chosen =
            values.with_untracked(|v| v.get("destination").and_then(|d| d.parse::<u64>().ok()));
        let (Some(dest), Some(source)) = (chosen, agent.data_untracked()) else {
            problem.set(Some("Choose the agent that receives the vault.".into()));
            return;
        };
        let (c, t, source_id) = (conn.clone(), tenant.clone(), id());
        spawn_local(async move {
            let dest_agent = call_json::<Agent>(session, &c, requests::agent(&t, dest)).await;
            let dest_configs = call_json::<Vec<BackupConfiguration>>(
                session,
                &c,
                requests::agent_configurations(&t, dest),
            )
            .await;
            let found = match (dest_agent, dest_configs) {
                (Ok(d), Ok(cs)) => migration_problem(&source, &d, &cs),
                (Err(e), _) | (_, Err(e)) => Some(e.to_string()),
            };
            match found {
                Some(p) => {
                    problem.try_set(Some(p));
                }
                None => {
                    let input = MigrateVault {
                        source_machine_agent_id: source_id,
                        destination_machine_agent_id: dest,
                    };
                    action.run_ok(&c, requests::migrate_vault(&t, &input), || {
                        Done::Say("Vault migrated.".into())
                    });
                }
            }
        });
    };
    view! {
        <section class="panel">
            <h2>"Migrate vault"</h2>
            <p class="muted">"Moves this agent's backups to another agent."</p>
            <form class="inline-fields" data-testid="migrate-form" on:submit=submit>
                <FormFields fields=&MIGRATE_FIELDS values=values errors=errors options=options validate=check_common />
                <button type="submit" data-testid="migrate-submit" disabled=move || action.busy.get()>"Migrate vault"</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="migrate-problem">{p}</p> })}
        </section>
    }
}
