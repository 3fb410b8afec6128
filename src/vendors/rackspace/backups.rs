//! One backup: its state while it runs (polled every second), a stop button, then its report.

use std::time::Duration;

use backup_console_core::vendors::rackspace::models::{Backup, BackupReport};
use backup_console_core::vendors::rackspace::requests::{self, inputs::Action as RaxAction};
use leptos::prelude::*;

use super::link;
use crate::action::{Action, Done};
use crate::components::panel::Panel;
use crate::load::use_load;

const POLL: Duration = Duration::from_secs(1);

fn report_view(r: BackupReport) -> impl IntoView {
    view! {
        <div data-testid="backup-report">
            <dl class="detail">
                <dt>"Result"</dt><dd data-field="State">{r.state.clone()}</dd>
                <dt>"Duration"</dt><dd>{r.duration.clone()}</dd>
                <dt>"Searched"</dt><dd>{format!("{} files, {}", r.files_searched, r.bytes_searched)}</dd>
                <dt>"Backed up"</dt><dd>{format!("{} files, {}", r.files_backed_up, r.bytes_backed_up)}</dd>
                <dt>"Errors"</dt><dd data-field="NumErrors">{r.num_errors}</dd>
                <dt>"Diagnostics"</dt><dd>{r.diagnostics.clone()}</dd>
            </dl>
            {(!r.error_list.is_empty()).then(|| view! {
                <table class="data-table" data-testid="report-errors">
                    <caption>"Errors"</caption>
                    <thead><tr><th scope="col">"Path"</th><th scope="col">"Problem"</th></tr></thead>
                    <tbody>{r.error_list.iter().map(|e| view! { <tr data-testid="report-error"><td class="mono">{e.path.clone()}</td><td>{e.exception_desc.clone()}</td></tr> }).collect_view()}</tbody>
                </table>
            })}
        </div>
    }
}

#[component]
pub fn BackupProgress(conn: String, tenant: String, id: u64) -> impl IntoView {
    let (c, t) = (conn.clone(), tenant.clone());
    // One poller for the view: it stops when the backup finishes or the view goes away, and
    // backs off (but goes on) after a failed poll.
    let backup = use_load::<Backup>(move || Some((c.clone(), requests::backup(&t, id))))
        .poll_while(POLL, Backup::is_running);
    let finished = Memo::new(move |_| backup.with(|b| b.is_some_and(|b| !b.is_running())));
    let (c, t) = (conn.clone(), tenant.clone());
    let report = use_load::<BackupReport>(move || {
        finished
            .get()
            .then(|| (c.clone(), requests::backup_report(&t, id)))
    });
    let action = Action::new();
    let (c, t) = (conn.clone(), tenant.clone());
    let stop = move |_| {
        action.run_ok(
            &c,
            requests::backup_action(&t, &RaxAction::stop(id)),
            || Done::Say("Stop requested.".into()),
        );
    };
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/configurations")>"Backup configurations"</a></p>
        <Panel load=backup title=format!("Backup {id}") action=action render={move |b: Backup| {
            let running = b.is_running();
            let stop = stop.clone();
            view! {
                <dl class="detail" data-testid="detail">
                    <dt>"Configuration"</dt><dd>{b.backup_configuration_name.clone()}</dd>
                    <dt>"Agent"</dt><dd>{b.machine_name.clone()}</dd>
                    <dt>"State"</dt><dd data-field="CurrentState" data-testid="backup-state" aria-live="polite">{b.current_state.clone()}</dd>
                    <dt>"Since"</dt><dd>{crate::clock::time_or(b.state_change_time, "")}</dd>
                </dl>
                {running.then(|| view! {
                    <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>"Running…"</p>
                    <button class="danger" data-testid="stop-backup" disabled=move || action.busy.get() on:click=stop>"Stop backup"</button>
                })}
            }
        }} />
        <Show when=move || finished.get()>
            <Panel load=report heading="Report" loading_label="Loading report…" render=report_view />
        </Show>
    }
}
