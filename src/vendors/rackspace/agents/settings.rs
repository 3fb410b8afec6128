//! Where an agent sends its backups, and how much it logs.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::rackspace::agent_forms::{BEHAVIOR_FIELDS, LOG_LEVEL_FIELDS};
use backup_console_core::vendors::rackspace::models::Agent;
use backup_console_core::vendors::rackspace::requests::{self, inputs::AgentBehavior};
use leptos::prelude::*;

use crate::action::{Action, Done};
use crate::components::form_field::FormFields;
use crate::load::Remote;

#[component]
pub fn Settings(
    conn: String,
    tenant: String,
    agent: Remote<Agent>,
    action: Action,
) -> impl IntoView {
    let behavior = RwSignal::new(FormValues::new());
    let level = RwSignal::new(FormValues::from([("level".to_owned(), "4".to_owned())]));
    let errors = RwSignal::new(FieldErrors::new());
    // The agent's values fill the form once; reloads (after Enable, or signing in again) must
    // not overwrite what the operator changed and has not saved.
    let filled = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(a) = agent.data() {
            if !filled.get_value() {
                filled.set_value(true);
                let center = a.backup_data_center.clone().unwrap_or(a.datacenter.clone());
                behavior.set(FormValues::from([
                    ("data_center".to_owned(), center),
                    ("service_net".to_owned(), a.use_service_net.to_string()),
                ]));
            }
        }
    });
    let id = move || agent.with_untracked(|a| a.map(|a| a.machine_agent_id).unwrap_or_default());
    let (c, t) = (conn.clone(), tenant.clone());
    let save_behavior = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let values = behavior.get_untracked();
        let input = AgentBehavior {
            backup_data_center: values.get("data_center").cloned(),
            use_service_net: values.get("service_net").is_some_and(|v| v == "true"),
        };
        action.run_ok(
            &c,
            requests::update_agent_behavior(&t, id(), &input),
            || Done::Say("Backup behavior saved.".into()),
        );
    };
    let save_level = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value: u8 = level
            .with_untracked(|v| v.get("level").and_then(|l| l.parse().ok()))
            .unwrap_or(4);
        action.run_ok(
            &conn,
            requests::change_log_level(&tenant, id(), value),
            || Done::Say("Log level changed.".into()),
        );
    };
    view! {
        <section class="panel">
            <h2>"Backup behavior"</h2>
            <form data-testid="behavior-form" on:submit=save_behavior>
                <FormFields fields=&BEHAVIOR_FIELDS values=behavior errors=errors validate=check_common />
                <div class="actions"><button type="submit" data-testid="behavior-save" disabled=move || action.busy.get()>"Save behavior"</button></div>
            </form>
            <form class="inline-fields" data-testid="log-level-form" on:submit=save_level>
                <FormFields fields=&LOG_LEVEL_FIELDS values=level errors=errors validate=check_common />
                <button type="submit" data-testid="log-level-save" disabled=move || action.busy.get()>"Change log level"</button>
            </form>
        </section>
    }
}
