//! One plan: what it backs up and when (with the next runs), suspend or resume, edit, delete,
//! and its checkpoints, refreshed while one is being made.

use backup_console_core::api::path_segment;
use backup_console_core::format;
use backup_console_core::vendors::scheduled_backup::models::{CheckpointList, Plan, PlanStatus};
use backup_console_core::vendors::scheduled_backup::requests::{self, CheckpointQuery};
use backup_console_core::vendors::scheduled_backup::schedule::describe_pattern;
use backup_console_core::vendors::scheduled_backup::views::{
    awaits_first_checkpoint, needs_refresh, plan_status, CheckpointRow,
};
use chrono::Utc;
use leptos::prelude::*;

use super::super::checkpoints::checkpoint_table;
use super::super::{link, next_runs, LIMIT, POLL};
use crate::action::{Action, Done};
use crate::components::confirm::ConfirmDialog;
use crate::components::data_table::cell_view;
use crate::components::panel::{Dialogs, Panel};
use crate::load::use_load;

/// How often a new plan's page looks for its first checkpoint.
const FIRST_CHECKPOINT_POLL: std::time::Duration = std::time::Duration::from_secs(2);

#[derive(Clone, Copy, PartialEq)]
enum Dialog {
    ConfirmDelete,
}

fn facts(conn: &str, plan: &Plan) -> impl IntoView {
    let volumes = plan
        .resources
        .iter()
        .map(|v| {
            let href = link(conn, &format!("/checkpoints?volume_name={}", path_segment(&v.name)));
            view! {
                <li data-testid="plan-volume"><a href=href>{v.name.clone()}</a>" "<span class="mono muted">{v.id.clone()}</span></li>
            }
        })
        .collect_view();
    let created =
        format::parse_instant(&plan.created_at).map(|t| format::timestamp(&format::iso(t)));
    view! {
        <dl class="detail" data-testid="detail">
            <dt>"Status"</dt><dd data-field="status">{cell_view(plan_status(plan))}</dd>
            <dt>"Description"</dt><dd data-field="description">{plan.description.clone()}</dd>
            <dt>"Backup mode"</dt><dd data-field="backup_mode">{plan.backup_mode.as_str().to_owned()}</dd>
            <dt>"Backups kept"</dt><dd data-field="max_backups">{plan.max_backups}</dd>
            <dt>"Schedule"</dt>
            <dd data-field="schedule">
                {describe_pattern(&plan.schedule_type, &plan.schedule_pattern)}" "
                <span class="mono muted" data-testid="schedule-pattern">{plan.schedule_pattern.clone()}</span>
                " ("{plan.schedule_type.as_str().to_owned()}", UTC)"
            </dd>
            <dt>"Next runs"</dt><dd>{next_runs(&plan.schedule_pattern, 3)}</dd>
            <dt>"Volumes"</dt><dd><ul data-field="volumes">{volumes}</ul></dd>
            <dt>"Created"</dt><dd>{created.unwrap_or_else(|| plan.created_at.clone())}</dd>
            <dt>"ID"</dt><dd class="mono">{plan.id.clone()}</dd>
        </dl>
    }
}

#[component]
pub fn PlanDetail(conn: String, id: String) -> impl IntoView {
    let (c, i) = (conn.clone(), id.clone());
    let plan = use_load::<Plan>(move || Some((c.clone(), requests::get_plan(&i))));
    let name = Memo::new(move |_| plan.with(|p| p.map(|p| p.name.clone())));
    let c = conn.clone();
    let checkpoints = use_load::<CheckpointList>(move || {
        let query = CheckpointQuery {
            plan_name: name.get(),
            limit: Some(LIMIT),
            ..CheckpointQuery::default()
        };
        query
            .plan_name
            .is_some()
            .then(|| (c.clone(), requests::list_checkpoints(&query)))
    })
    .poll_while(POLL, |l| needs_refresh(&l.checkpoints));
    // A new plan's first checkpoint is on its way: look again until it shows (a while at most).
    Effect::new(move |_| {
        if checkpoints.is_loading() {
            return;
        }
        let waiting = plan.with(|p| {
            checkpoints.with(|l| match (p, l) {
                (Some(p), Some(l)) => awaits_first_checkpoint(p, &l.checkpoints, Utc::now()),
                _ => false,
            })
        });
        if waiting {
            set_timeout(move || checkpoints.reload(), FIRST_CHECKPOINT_POLL);
        }
    });
    let action = Action::new();
    let dialogs = Dialogs::<Dialog>::new();
    let (c, i) = (conn.clone(), id.clone());
    let toggle = move |started: bool| {
        let word = if started { "resumed" } else { "suspended" };
        action.run_ok(&c, requests::set_plan_started(&i, started), move || {
            Done::Say(format!("Plan {word}."))
        });
    };
    let (c, i) = (conn.clone(), id.clone());
    let delete = Callback::new(move |_: ()| {
        dialogs.close();
        let target = link(&c, "/plans");
        action.run_ok(&c, requests::delete_plan(&i), move || Done::Go(target));
    });
    let edit = link(&conn, &format!("/plans/{}/edit", path_segment(&id)));
    let toolbar = move || {
        let (toggle, edit) = (toggle.clone(), edit.clone());
        plan.data().map(|p| {
            let started = p.status == PlanStatus::Started;
            view! {
                <a class="button" data-testid="edit-button" href=edit>"Edit"</a>
                <button data-testid="plan-toggle" disabled=move || action.busy.get() on:click=move |_| toggle(!started)>
                    {if started { "Suspend" } else { "Resume" }}
                </button>
                <button class="danger" data-testid="delete-button" on:click=move |_| dialogs.open(Dialog::ConfirmDelete)>"Delete"</button>
            }
        })
    };
    let dialog = move || {
        dialogs.current().map(|Dialog::ConfirmDelete| {
            let label = name.get().unwrap_or_default();
            view! {
                <ConfirmDialog title="Delete backup plan"
                    message=format!("Delete backup plan \"{label}\"? No more backups are made; its checkpoints stay until you delete them.")
                    confirm_label="Delete plan" on_confirm=delete on_cancel=dialogs.closer() />
            }
        })
    };
    let title = Signal::derive(move || name.get().unwrap_or_else(|| format!("Plan {id}")));
    let c = conn.clone();
    let all_href = move || {
        link(
            &c,
            &format!(
                "/checkpoints?plan_name={}",
                path_segment(&name.get().unwrap_or_default())
            ),
        )
    };
    let c = conn.clone();
    let plan_checkpoints = move || {
        let c = c.clone();
        view! {
            <Panel load=checkpoints heading="Checkpoints" testid="plan-checkpoints" loading_label="Loading checkpoints…"
                render={move |l: CheckpointList| {
                    let plans = plan.data().into_iter().collect::<Vec<_>>();
                    checkpoint_table(&c, CheckpointRow::rows(&l.checkpoints, &plans))
                }} />
            <p><a href=all_href.clone() data-testid="plan-all-checkpoints">"All checkpoints of this plan"</a></p>
        }
    };
    let c = conn.clone();
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/plans")>"Backup plans"</a></p>
        <Panel load=plan title=title title_testid="detail-title" toolbar=toolbar action=action dialog=dialog
            render={move |p: Plan| facts(&c, &p)} />
        <Show when=move || name.with(Option::is_some)>{plan_checkpoints.clone()}</Show>
    }
}
