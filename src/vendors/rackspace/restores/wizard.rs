//! Steps 1 to 3 of a restore: what, which restore point, where to. Creating the restore leads
//! to its own page, where paths are chosen and it is started.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::rackspace::agent_forms::{restore_input, RESTORE_TARGET_FIELDS};
use backup_console_core::vendors::rackspace::models::{
    Agent, AvailableBackup, CompletedBackup, Restore,
};
use backup_console_core::vendors::rackspace::requests;
use leptos::prelude::*;

use super::super::link;
use super::when;
use crate::action::{Action, Done};
use crate::components::form_field::{FormFields, ReferenceOptions};
use crate::components::panel::Panel;
use crate::load::{use_load, Remote};

/// Step 2: the configuration's completed backups, newest first.
#[component]
fn RestorePoints(points: Remote<Vec<CompletedBackup>>, backup: RwSignal<String>) -> impl IntoView {
    view! {
        <Panel load=points render={move |list: Vec<CompletedBackup>| view! {
            <label for="restore-point">"Restore point"</label>
            <select id="restore-point" data-testid="restore-point" prop:value=move || backup.get() on:change=move |ev| backup.set(event_target_value(&ev))>
                <option value="">"— choose —"</option>
                {list.into_iter().map(|b| view! {
                    <option value=b.backup_id.to_string()>{format!("{} (backup {}, {} errors)", when(b.completed_time), b.backup_id, b.num_errors)}</option>
                }).collect_view()}
            </select>
        }} />
    }
}

#[component]
pub fn RestoreWizard(conn: String, tenant: String) -> impl IntoView {
    let (c, t) = (conn.clone(), tenant.clone());
    let available = use_load::<Vec<AvailableBackup>>(move || {
        Some((c.clone(), requests::available_for_restore(&t)))
    });
    let (c, t) = (conn.clone(), tenant.clone());
    let agents = use_load::<Vec<Agent>>(move || Some((c.clone(), requests::user_agents(&t))));
    let chosen = RwSignal::new(None::<AvailableBackup>);
    let (c, t) = (conn.clone(), tenant.clone());
    let points = use_load::<Vec<CompletedBackup>>(move || {
        chosen.get().map(|a| {
            (
                c.clone(),
                requests::completed_backups(&t, a.backup_configuration_id),
            )
        })
    });
    let backup = RwSignal::new(String::new());
    let values = RwSignal::new(FormValues::new());
    let errors = RwSignal::new(FieldErrors::new());
    let problem = RwSignal::new(None::<String>);
    let action = Action::new();
    let options = Signal::derive(move || {
        let list = agents.with(|l| {
            l.into_iter()
                .flatten()
                .map(|a| (a.machine_agent_id.to_string(), a.machine_name.clone()))
                .collect()
        });
        ReferenceOptions::from([("agents", list)])
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let Some(config) = chosen.get_untracked() else {
            problem.set(Some("Choose what to restore.".into()));
            return;
        };
        let known = agents.data_untracked().unwrap_or_default();
        match restore_input(
            &config,
            &backup.get_untracked(),
            &values.get_untracked(),
            &known,
        ) {
            Ok(input) => {
                let target = conn.clone();
                action.run(
                    &conn,
                    requests::create_restore(&tenant, &input),
                    move |r: Restore| {
                        Done::Go(link(&target, &format!("/restores/{}", r.restore_id)))
                    },
                );
            }
            Err(p) => problem.set(Some(p)),
        }
    };
    let overwrite = move || values.with(|v| v.get("overwrite").is_some_and(|o| o == "true"));
    view! {
        <h1>"Restore files"</h1>
        <ol class="steps">
            <li>
                <h2>"1. What to restore"</h2>
                <Panel load=available render={move |list: Vec<AvailableBackup>| {
                    if list.is_empty() {
                        return view! { <p data-testid="nothing-to-restore">"No backups can be restored yet."</p> }.into_any();
                    }
                    view! {
                        <fieldset data-testid="restore-configurations">
                            <legend class="visually-hidden">"Backup configuration"</legend>
                            {list.into_iter().map(|a| {
                                let label = format!("{} on {} (last backup {})", a.backup_configuration_name, a.machine_name, when(a.last_successful_backup_time));
                                let id = a.backup_configuration_id;
                                view! {
                                    <label class="check">
                                        <input type="radio" name="restore-config" data-testid=format!("restore-config-{id}")
                                            on:change=move |_| { chosen.set(Some(a.clone())); backup.set(String::new()); } />
                                        {label}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                    }.into_any()
                }} />
            </li>
            <Show when=move || chosen.with(Option::is_some)>
                <li>
                    <h2>"2. Restore point"</h2>
                    <RestorePoints points=points backup=backup />
                </li>
            </Show>
            <Show when=move || !backup.with(String::is_empty)>
                <li>
                    <h2>"3. Where to"</h2>
                    <form data-testid="restore-form" on:submit=create.clone()>
                        <FormFields fields=&RESTORE_TARGET_FIELDS values=values errors=errors options=options validate=check_common />
                        {move || overwrite().then(|| view! { <p class="field-error">"Existing files with the same names will be replaced."</p> })}
                        {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="restore-problem">{p}</p> })}
                        {action.view()}
                        <div class="actions"><button type="submit" class="primary" data-testid="restore-create" disabled=move || action.busy.get()>"Continue"</button></div>
                    </form>
                </li>
            </Show>
        </ol>
    }
}
