//! One backup configuration: its schedule and next runs, start a backup now, enable or
//! disable, delete, and its completed backups.

use backup_console_core::api::{ApiError, ApiResponse};
use backup_console_core::vendors::rackspace::columns::COMPLETED_COLUMNS;
use backup_console_core::vendors::rackspace::models::{BackupConfiguration, CompletedBackup};
use backup_console_core::vendors::rackspace::requests::{
    self,
    inputs::{Action as RaxAction, ActionKind},
};
use leptos::prelude::*;

use super::super::link;
use crate::action::{Action, Done};
use crate::components::confirm::ConfirmDialog;
use crate::components::data_table::Table;
use crate::components::panel::{Dialogs, Panel};
use crate::load::use_load;

#[derive(Clone, Copy, PartialEq)]
enum Dialog {
    ConfirmDelete,
}

/// Starting a backup answers with the new backup's id as plain text.
fn backup_id(response: &ApiResponse, _: &str) -> Result<String, ApiError> {
    requests::plain_id(&response.body).ok_or(ApiError::Malformed {
        detail: "no backup id".into(),
    })
}

fn facts(cfg: BackupConfiguration) -> impl IntoView {
    let when = |t: Option<chrono::DateTime<chrono::Utc>>| crate::clock::time_or(t, "never");
    let paths = |items: &[backup_console_core::vendors::rackspace::models::FileItem]| {
        items
            .iter()
            .map(|i| i.file_path.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    // The next runs in the operator's display zone (the schedule's own is named above).
    let next = match cfg.schedule.preview(crate::clock::now(), 3) {
        Ok(runs) => runs
            .iter()
            .map(|t| {
                let at = t.with_timezone(&chrono::Utc);
                view! { <span class="run"><crate::clock::Time at=at testid="next-run" /></span> }
            })
            .collect_view()
            .into_any(),
        Err(why) => why.into_any(),
    };
    view! {
        <dl class="detail" data-testid="detail">
            <dt>"Agent"</dt><dd>{format!("{} ({})", cfg.machine_name, cfg.machine_agent_id)}</dd>
            <dt>"Schedule"</dt><dd data-field="Schedule">{cfg.schedule.to_string()}</dd>
            <dt>"Next runs"</dt><dd data-field="NextRuns">{next}</dd>
            <dt>"Active"</dt><dd data-field="IsActive">{if cfg.is_active { "Yes" } else { "No" }}</dd>
            <dt>"Keep versions"</dt><dd>{if cfg.version_retention == 0 { "Indefinitely".to_owned() } else { format!("{} days", cfg.version_retention) }}</dd>
            <dt>"Backs up"</dt><dd data-field="Inclusions">{paths(&cfg.inclusions)}</dd>
            <dt>"Leaves out"</dt><dd>{paths(&cfg.exclusions)}</dd>
            <dt>"Notifications"</dt><dd>{format!("{} (success: {}, failure: {})", cfg.notify_recipients, cfg.notify_success, cfg.notify_failure)}</dd>
            <dt>"Last run"</dt><dd>{when(cfg.last_run_time)}</dd>
        </dl>
    }
}

#[component]
pub fn ConfigurationDetail(conn: String, tenant: String, id: u64) -> impl IntoView {
    let (c, t) = (conn.clone(), tenant.clone());
    let config =
        use_load::<BackupConfiguration>(move || Some((c.clone(), requests::configuration(&t, id))));
    let (c, t) = (conn.clone(), tenant.clone());
    let completed = use_load::<Vec<CompletedBackup>>(move || {
        Some((c.clone(), requests::completed_backups(&t, id)))
    });
    let action = Action::new();
    let dialogs = Dialogs::<Dialog>::new();
    let name = move || {
        config.with(|c| {
            c.map_or_else(
                || format!("configuration {id}"),
                |c| c.backup_configuration_name.clone(),
            )
        })
    };

    let (c, t) = (conn.clone(), tenant.clone());
    let toggle = move |enable: bool| {
        let word = if enable { "enabled" } else { "disabled" };
        action.run_ok(
            &c,
            requests::enable_configuration(&t, id, enable),
            move || Done::Say(format!("Configuration {word}.")),
        );
    };
    let (c, t) = (conn.clone(), tenant.clone());
    let start = move |_| {
        let target = c.clone();
        let request = requests::backup_action(
            &t,
            &RaxAction {
                action: ActionKind::StartManual,
                encrypted_password: None,
                id,
            },
        );
        action.run_with(&c, request, backup_id, move |backup| {
            Done::Go(link(&target, &format!("/backups/{backup}")))
        });
    };
    let (c, t) = (conn.clone(), tenant.clone());
    let delete = Callback::new(move |_: ()| {
        dialogs.close();
        let target = link(&c, "/configurations");
        action.run_ok(&c, requests::delete_configuration(&t, id), move || {
            Done::Go(target)
        });
    });
    let edit = link(&conn, &format!("/configurations/{id}/edit"));
    let toolbar = move || {
        let (toggle, start, edit) = (toggle.clone(), start.clone(), edit.clone());
        config.data().map(|cfg| {
            let active = cfg.is_active;
            view! {
                <button class="primary" data-testid="start-backup" disabled=move || action.busy.get() on:click=start>"Start backup now"</button>
                <button data-testid="config-toggle" disabled=move || action.busy.get() on:click=move |_| toggle(!active)>{if active { "Disable" } else { "Enable" }}</button>
                <a class="button" data-testid="edit-button" href=edit>"Edit"</a>
                <button class="danger" data-testid="delete-button" on:click=move |_| dialogs.open(Dialog::ConfirmDelete)>"Delete"</button>
            }
        })
    };
    let dialog = move || {
        dialogs.current().map(|Dialog::ConfirmDelete| view! {
            <ConfirmDialog title="Delete backup configuration"
                message=format!("Delete backup configuration \"{}\"? Scheduled backups stop; existing backups stay restorable until they expire.", name())
                confirm_label="Delete configuration" on_confirm=delete on_cancel=dialogs.closer() />
        })
    };
    let title = Signal::derive(name);
    let link_base = link(&conn, "");
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/configurations")>"Backup configurations"</a></p>
        <Panel load=config title=title title_testid="detail-title" toolbar=toolbar action=action dialog=dialog render=facts />
        <Panel load=completed heading="Completed backups" render={move |list: Vec<CompletedBackup>| view! {
            <Table columns=&COMPLETED_COLUMNS rows=list row_id=|b: &CompletedBackup| b.backup_id.to_string()
                link_base=link_base.clone() caption="Completed backups" initial_order="-CompletedTime" />
        }} />
    }
}
