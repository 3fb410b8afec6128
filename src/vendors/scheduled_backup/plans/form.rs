//! Create or edit a plan. Every field the document requires is sent on create; an edit sends
//! only what changed (and nothing at all when nothing did). Volumes are id and name entries;
//! the schedule is weekdays and times (calendar) or a cron expression (crontab).

use backup_console_core::api::{path_segment, FieldErrors};
use backup_console_core::spec::check_common;
use backup_console_core::vendors::scheduled_backup::forms::{
    carry_schedule, patch_for, plan_input, plan_values, MODE_FIELDS, PLAN_FIELDS, SCHEDULE_FIELDS,
};
use backup_console_core::vendors::scheduled_backup::inputs::PlanInput;
use backup_console_core::vendors::scheduled_backup::models::{
    CheckpointList, Plan, PlanList, Resource,
};
use backup_console_core::vendors::scheduled_backup::requests::{self, CheckpointQuery, PlanQuery};
use backup_console_core::vendors::scheduled_backup::volumes::known_volumes;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::super::{link, ALL};
use super::calendar::CalendarPicker;
use super::volumes::VolumeEditor;
use crate::action::{Action, Done};
use crate::components::edit_form::EditForm;
use crate::components::form_field::FormFields;
use crate::components::panel::Panel;
use crate::load::use_load;
use crate::paths::go_to;

#[component]
pub fn PlanForm(conn: String, id: Option<String>) -> impl IntoView {
    let values = RwSignal::new(plan_values(&PlanInput::default()));
    let volumes = RwSignal::new(Vec::<Resource>::new());
    let errors = RwSignal::new(FieldErrors::new());
    let action = Action::new();
    let before = StoredValue::new(None::<Plan>);
    let navigate = use_navigate();

    // The document lists no volumes: suggest the ones this project's plans and checkpoints name.
    let c = conn.clone();
    let plans = use_load::<PlanList>(move || {
        let query = PlanQuery {
            limit: Some(ALL),
            ..PlanQuery::default()
        };
        Some((c.clone(), requests::list_plans(&query)))
    });
    let c = conn.clone();
    let checkpoints = use_load::<CheckpointList>(move || {
        let query = CheckpointQuery {
            limit: Some(ALL),
            ..CheckpointQuery::default()
        };
        Some((c.clone(), requests::list_checkpoints(&query)))
    });
    let known = Signal::derive(move || {
        let plans = plans.with(|l| l.map(|l| l.plans.clone()).unwrap_or_default());
        checkpoints.with(|l| known_volumes(&plans, l.map_or(&[][..], |l| &l.checkpoints)))
    });

    // A new schedule type shows the schedule in its own terms when it can.
    let kind = Memo::new(move |_| values.with(|v| v.get("schedule_type").cloned()));
    Effect::new(move |previous: Option<Option<String>>| {
        let now = kind.get();
        if previous.is_some_and(|p| p != now) {
            values.update(carry_schedule);
        }
        now
    });
    let calendar = Signal::derive(move || kind.get().as_deref() != Some("crontab"));

    let (c, plan_id) = (conn.clone(), id.clone());
    let on_submit = Callback::new(move |_: ()| {
        let input = match plan_input(&values.get_untracked(), &volumes.get_untracked()) {
            Ok(input) => input,
            Err(problems) => {
                errors.set(problems);
                return;
            }
        };
        errors.set(FieldErrors::new());
        let target = c.clone();
        match (before.get_value(), &plan_id) {
            (Some(before), Some(plan_id)) => {
                let detail = link(&target, &format!("/plans/{}", path_segment(plan_id)));
                let patch = patch_for(&before, &input);
                if patch.is_empty() {
                    // Nothing to send: the plan is as it was.
                    navigate(&detail, go_to());
                    return;
                }
                action.run_ok(&c, requests::update_plan(plan_id, &patch), move || {
                    Done::Go(detail)
                });
            }
            _ => action.run(&c, requests::create_plan(&input), move |plan: Plan| {
                Done::Go(link(&target, &format!("/plans/{}", path_segment(&plan.id))))
            }),
        }
    });
    let editing = id.is_some();
    let cancel = match &id {
        Some(id) => link(&conn, &format!("/plans/{}", path_segment(id))),
        None => link(&conn, "/plans"),
    };
    let form = move || {
        let mode = before
            .get_value()
            .map(|p| p.backup_mode.as_str().to_owned());
        view! {
            <EditForm action=action errors=errors on_submit=on_submit cancel_href=cancel.clone()>
                <FormFields fields=&PLAN_FIELDS values=values errors=errors validate=check_common />
                {match mode {
                    None => view! { <FormFields fields=&MODE_FIELDS values=values errors=errors validate=check_common /> }.into_any(),
                    Some(mode) => view! {
                        <p data-testid="backup-mode">"Backup mode: "<strong>{mode}</strong>" (it cannot be changed once the plan exists)"</p>
                    }.into_any(),
                }}
                <fieldset class="panel">
                    <legend>"Volumes"</legend>
                    <VolumeEditor volumes=volumes known=known errors=errors />
                </fieldset>
                <fieldset class="panel">
                    <legend>"Schedule"</legend>
                    <FormFields fields=&SCHEDULE_FIELDS values=values errors=errors validate=check_common />
                    <Show when=move || calendar.get()>
                        <CalendarPicker values=values errors=errors />
                    </Show>
                </fieldset>
            </EditForm>
        }
    };
    let title = if editing {
        "Edit backup plan"
    } else {
        "New backup plan"
    };
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/plans")>"Backup plans"</a></p>
        <h1>{title}</h1>
        {match id {
            None => form().into_any(),
            Some(id) => {
                let plan = use_load::<Plan>(move || Some((conn.clone(), requests::get_plan(&id))));
                // The plan fills the form once, before its fields are built; after that the
                // values are the operator's.
                let render = move |p: Plan| {
                    if before.get_value().is_none() {
                        values.set(plan_values(&PlanInput::from(&p)));
                        volumes.set(p.resources.clone());
                        before.set_value(Some(p));
                    }
                    form()
                };
                view! { <Panel load=plan render=render /> }.into_any()
            }
        }}
    }
}
