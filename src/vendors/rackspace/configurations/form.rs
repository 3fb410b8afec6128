//! The create/edit form of a backup configuration, with the Rackspace schedule and its next
//! runs in the configuration's own time zone.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::rackspace::config_fields::{
    FREQUENCY_FIELDS, GENERAL_FIELDS, PATH_FIELDS, TIME_FIELDS, ZONE_FIELDS,
};
use backup_console_core::vendors::rackspace::models::{Agent, BackupConfiguration};
use backup_console_core::vendors::rackspace::requests;
use backup_console_core::vendors::rackspace::views;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::super::link;
use crate::action::{Action, Done};
use crate::components::edit_form::EditForm;
use crate::components::form_field::{FormFields, ReferenceOptions};
use crate::components::panel::Panel;
use crate::components::schedule::{iso_with_offset, run_label};
use crate::load::use_load;

/// The next runs of the schedule the form describes, or why there are none.
#[component]
fn SchedulePreview(values: RwSignal<FormValues>) -> impl IntoView {
    let now = crate::clock::now();
    let preview = Signal::derive(move || match views::schedule_from(&values.get()) {
        Ok(s) => s.preview(now, 5),
        Err(e) => Err(e.values().flatten().cloned().collect::<Vec<_>>().join(" ")),
    });
    view! {
        <div data-testid="schedule-preview" aria-live="polite">
            {move || match preview.get() {
                Ok(runs) if runs.is_empty() => view! { <p class="muted">"Runs only when started by hand."</p> }.into_any(),
                Ok(runs) => view! {
                    <p>"Next runs:"</p>
                    <ol class="next-runs">{runs.iter().map(|t| view! { <li><time data-testid="next-run" datetime=iso_with_offset(t)>{run_label(t)}</time></li> }).collect_view()}</ol>
                }.into_any(),
                Err(p) => view! { <p class="field-error">{p}</p> }.into_any(),
            }}
        </div>
    }
}

#[component]
pub fn ConfigurationForm(conn: String, tenant: String, id: Option<u64>) -> impl IntoView {
    let preset_agent = use_query_map()
        .get_untracked()
        .get("agent")
        .and_then(|a| a.parse().ok());
    let values = RwSignal::new(views::defaults(preset_agent));
    let errors = RwSignal::new(FieldErrors::new());
    let action = Action::new();
    let schedule_id = StoredValue::new(None::<u64>);
    let (c, t) = (conn.clone(), tenant.clone());
    let agents = use_load::<Vec<Agent>>(move || Some((c.clone(), requests::user_agents(&t))));
    let options = Signal::derive(move || {
        let agents = agents.with(|list| {
            list.into_iter()
                .flatten()
                .map(|a| {
                    (
                        a.machine_agent_id.to_string(),
                        format!("{} ({})", a.machine_name, a.machine_agent_id),
                    )
                })
                .collect()
        });
        // A zone the console does not know is kept (first in the list) rather than replaced.
        let zones =
            values.with(|v| views::time_zone_options(v.get("timezone").map_or("", |z| z.as_str())));
        ReferenceOptions::from([("agents", agents), ("zones", zones)])
    });
    let (c, t) = (conn.clone(), tenant.clone());
    let on_submit = Callback::new(move |_: ()| {
        let input =
            match views::configuration_input(&values.get_untracked(), schedule_id.get_value()) {
                Ok(input) => input,
                Err(problems) => {
                    errors.set(problems);
                    return;
                }
            };
        errors.set(FieldErrors::new());
        let target = c.clone();
        let go = move |saved: u64| Done::Go(link(&target, &format!("/configurations/{saved}")));
        match id {
            None => action.run(
                &c,
                requests::create_configuration(&t, &input),
                move |cfg: BackupConfiguration| go(cfg.backup_configuration_id),
            ),
            Some(id) => action.run_ok(
                &c,
                requests::update_configuration(&t, id, &input),
                move || go(id),
            ),
        }
    });
    let cancel = match id {
        Some(id) => link(&conn, &format!("/configurations/{id}")),
        None => link(&conn, "/configurations"),
    };
    let form = move || {
        let fields = move |fields| view! { <FormFields fields=fields values=values errors=errors options=options validate=check_common /> };
        view! {
            <EditForm action=action errors=errors on_submit=on_submit cancel_href=cancel.clone()>
                {fields(&GENERAL_FIELDS)}
                <fieldset class="panel">
                    <legend>"Schedule"</legend>
                    {fields(&FREQUENCY_FIELDS)}
                    <div class="inline-fields">{fields(&TIME_FIELDS)}</div>
                    {fields(&ZONE_FIELDS)}
                    <SchedulePreview values=values />
                </fieldset>
                {fields(&PATH_FIELDS)}
            </EditForm>
        }
    };
    let title = match id {
        Some(id) => format!("Edit backup configuration {id}"),
        None => "New backup configuration".to_owned(),
    };
    view! {
        <h1>{title}</h1>
        {match id {
            None => form().into_any(),
            Some(id) => {
                let c = conn.clone();
                let config = use_load::<BackupConfiguration>(move || Some((c.clone(), requests::configuration(&tenant, id))));
                // The configuration fills the form once; after that the values are the operator's.
                // Filled before the fields are built, so each starts from the stored value.
                let filled = StoredValue::new(false);
                let render = move |cfg: BackupConfiguration| {
                    if !filled.get_value() {
                        filled.set_value(true);
                        schedule_id.set_value(cfg.backup_configuration_schedule_id);
                        values.set(views::values_from(&cfg));
                    }
                    form()
                };
                view! { <Panel load=config render=render /> }.into_any()
            }
        }}
    }
}
