//! One backup: its state while it runs (polled every second), a stop button, then its report.

use std::time::Duration;

use backup_console_core::format;
use backup_console_core::vendors::rackspace::models::{Backup, BackupReport};
use backup_console_core::vendors::rackspace::requests::{
    self,
    inputs::{Action as RaxAction, ActionKind},
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{link, Act};
use crate::calls::{call_json, Load};
use crate::components::status::{ErrorBanner, Loading};
use crate::session::use_session;

const POLL: Duration = Duration::from_secs(1);

#[component]
pub fn BackupProgress(conn: String, tenant: String, id: u64) -> impl IntoView {
    let session = use_session();
    let state = RwSignal::new(Load::<Backup>::Loading);
    let report = RwSignal::new(None::<Load<BackupReport>>);
    let alive = StoredValue::new(true);
    on_cleanup(move || alive.set_value(false));

    // Poll until the backup is finished, then fetch its report once.
    let (c, t) = (conn.clone(), tenant.clone());
    spawn_local(async move {
        loop {
            let result = call_json::<Backup>(session, &c, requests::backup(&t, id)).await;
            if alive.try_get_value() != Some(true) {
                return;
            }
            let running = matches!(&result, Ok(b) if b.is_running());
            let failed = result.is_err();
            state.try_set(match result {
                Ok(b) => Load::Ready(b),
                Err(e) => Load::Failed(e),
            });
            if failed {
                return;
            }
            if !running {
                report.try_set(Some(Load::Loading));
                let r =
                    call_json::<BackupReport>(session, &c, requests::backup_report(&t, id)).await;
                report.try_set(Some(match r {
                    Ok(r) => Load::Ready(r),
                    Err(e) => Load::Failed(e),
                }));
                return;
            }
            gloo_timers::future::sleep(POLL).await;
        }
    });

    let act = Act::new();
    let (c, t) = (conn.clone(), tenant.clone());
    let stop = move |_| {
        act.run(
            c.clone(),
            requests::backup_action(
                &t,
                &RaxAction {
                    action: ActionKind::StopManual,
                    encrypted_password: None,
                    id,
                },
            ),
            "Stop requested.".into(),
            || {},
        );
    };
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/configurations")>"Backup configurations"</a></p>
        <h1>{format!("Backup {id}")}</h1>
        {move || match state.get() {
            Load::Loading => view! { <Loading /> }.into_any(),
            Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
            Load::Ready(b) => {
                let running = b.is_running();
                let stop = stop.clone();
                view! {
                    <dl class="detail" data-testid="detail">
                        <dt>"Configuration"</dt><dd>{b.backup_configuration_name.clone()}</dd>
                        <dt>"Agent"</dt><dd>{b.machine_name.clone()}</dd>
                        <dt>"State"</dt><dd data-field="CurrentState" data-testid="backup-state" aria-live="polite">{b.current_state.clone()}</dd>
                        <dt>"Since"</dt><dd>{b.state_change_time.map(|t| format::timestamp(&format::iso(t))).unwrap_or_default()}</dd>
                    </dl>
                    {running.then(|| view! {
                        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>"Running…"</p>
                        <button class="danger" data-testid="stop-backup" disabled=move || act.busy.get() on:click=stop>"Stop backup"</button>
                    })}
                }.into_any()
            }
        }}
        {act.view()}
        {move || report.get().map(|r| match r {
            Load::Loading => view! { <Loading label="Loading report…" /> }.into_any(),
            Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
            Load::Ready(r) => view! {
                <section class="panel" data-testid="backup-report">
                    <h2>"Report"</h2>
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
                </section>
            }.into_any(),
        })}
    }
}
