//! Restores, as a guided flow: pick a configuration with restorable backups, a restore point,
//! the destination and what to include, then start and watch it (stop if needed) to its report.

use std::time::Duration;

use backup_console_core::api::ApiError;
use backup_console_core::format;
use backup_console_core::vendors::rackspace::models::{
    Agent, AvailableBackup, CompletedBackup, Restore, RestoreFile, RestoreReport,
};
use backup_console_core::vendors::rackspace::requests::{
    self,
    inputs::{Action as RaxAction, ActionKind, CreateRestore, RestoreFileInput, UpdateRestore},
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::{link, Act};
use crate::calls::{call_json, use_load, Load};
use crate::components::status::{ErrorBanner, Loading};
use crate::session::use_session;

const RUNNING: [&str; 5] = [
    "Queued",
    "InProgress",
    "StartRequested",
    "StopRequested",
    "Preparing",
];

fn when(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map_or("—".into(), |t| format::timestamp(&format::iso(t)))
}

#[component]
pub fn RestoreWizard(conn: String, tenant: String) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let (c, t) = (conn.clone(), tenant.clone());
    let available = use_load::<Vec<AvailableBackup>>(move || {
        Some((c.clone(), requests::available_for_restore(&t)))
    });
    let (c, t) = (conn.clone(), tenant.clone());
    let agents = use_load::<Vec<Agent>>(move || Some((c.clone(), requests::user_agents(&t))));
    let chosen_config = RwSignal::new(None::<AvailableBackup>);
    let (c, t) = (conn.clone(), tenant.clone());
    let points = use_load::<Vec<CompletedBackup>>(move || {
        chosen_config.get().map(|a| {
            (
                c.clone(),
                requests::completed_backups(&t, a.backup_configuration_id),
            )
        })
    });
    let backup = RwSignal::new(String::new());
    let destination = RwSignal::new(String::new());
    let path = RwSignal::new(String::new());
    let overwrite = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let (c, t) = (conn.clone(), tenant.clone());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        failure.set(None);
        let (Some(config), Ok(backup_id), Ok(dest)) = (
            chosen_config.get_untracked(),
            backup.get_untracked().parse::<u64>(),
            destination.get_untracked().parse::<u64>(),
        ) else {
            problem.set(Some(
                "Choose a restore point and the agent to restore to.".into(),
            ));
            return;
        };
        if path.get_untracked().trim().is_empty() {
            problem.set(Some("Enter the folder to restore into.".into()));
            return;
        }
        let data_center = match agents.get_untracked() {
            Load::Ready(list) => list
                .iter()
                .find(|a| a.machine_agent_id == config.machine_agent_id)
                .map(|a| a.backup_data_center.clone().unwrap_or(a.datacenter.clone()))
                .unwrap_or_default(),
            _ => String::new(),
        };
        let input = CreateRestore {
            backup_id,
            backup_machine_id: config.machine_agent_id,
            destination_machine_id: dest,
            destination_path: path.get_untracked().trim().to_owned(),
            backup_data_center: data_center,
            overwrite_files: overwrite.get_untracked(),
        };
        busy.set(true);
        let (c, t, nav) = (c.clone(), t.clone(), navigate.clone());
        spawn_local(async move {
            let result =
                call_json::<Restore>(session, &c, requests::create_restore(&t, &input)).await;
            busy.try_set(false);
            match result {
                Ok(r) => nav(
                    &link(&c, &format!("/restores/{}", r.restore_id)),
                    crate::paths::go_to(),
                ),
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
        });
    };

    view! {
        <h1>"Restore files"</h1>
        <ol class="steps">
            <li>
                <h2>"1. What to restore"</h2>
                {move || match available.get() {
                    Load::Loading => view! { <Loading /> }.into_any(),
                    Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
                    Load::Ready(list) if list.is_empty() => view! { <p data-testid="nothing-to-restore">"No backups can be restored yet."</p> }.into_any(),
                    Load::Ready(list) => view! {
                        <fieldset data-testid="restore-configurations">
                            <legend class="visually-hidden">"Backup configuration"</legend>
                            {list.into_iter().map(|a| {
                                let label = format!("{} on {} (last backup {})", a.backup_configuration_name, a.machine_name, when(a.last_successful_backup_time));
                                let id = a.backup_configuration_id;
                                view! {
                                    <label class="check">
                                        <input type="radio" name="restore-config" data-testid=format!("restore-config-{id}")
                                            on:change=move |_| { chosen_config.set(Some(a.clone())); backup.set(String::new()); } />
                                        {label}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                    }.into_any(),
                }}
            </li>
            {move || chosen_config.get().map(|_| view! {
                <li>
                    <h2>"2. Restore point"</h2>
                    {move || match points.get() {
                        Load::Loading => view! { <Loading /> }.into_any(),
                        Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
                        Load::Ready(list) => view! {
                            <select data-testid="restore-point" prop:value=move || backup.get() on:change=move |ev| backup.set(event_target_value(&ev))>
                                <option value="">"— choose —"</option>
                                {list.into_iter().map(|b| view! {
                                    <option value=b.backup_id.to_string()>{format!("{} (backup {}, {} errors)", when(b.completed_time), b.backup_id, b.num_errors)}</option>
                                }).collect_view()}
                            </select>
                        }.into_any(),
                    }}
                </li>
            })}
            {move || (!backup.get().is_empty()).then(|| {
                let create = create.clone();
                view! {
                <li>
                    <h2>"3. Where to"</h2>
                    <form data-testid="restore-form" on:submit=create>
                        <div class="field">
                            <label for="restore-destination">"Destination agent"</label>
                            <select id="restore-destination" data-testid="restore-destination" prop:value=move || destination.get() on:change=move |ev| destination.set(event_target_value(&ev))>
                                <option value="">"— choose —"</option>
                                {move || match agents.get() {
                                    Load::Ready(list) => list.into_iter().map(|a| view! { <option value=a.machine_agent_id.to_string()>{a.machine_name.clone()}</option> }).collect_view().into_any(),
                                    _ => ().into_any(),
                                }}
                            </select>
                        </div>
                        <div class="field">
                            <label for="restore-path">"Restore into folder"</label>
                            <input id="restore-path" class="mono" data-testid="restore-path" placeholder="/srv/restore" prop:value=move || path.get() on:input=move |ev| path.set(event_target_value(&ev)) />
                        </div>
                        <label class="check"><input type="checkbox" data-testid="restore-overwrite" prop:checked=move || overwrite.get() on:change=move |ev| overwrite.set(event_target_checked(&ev)) />"Overwrite files that exist there"</label>
                        {move || overwrite.get().then(|| view! { <p class="field-error">"Existing files with the same names will be replaced."</p> })}
                        {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="restore-problem">{p}</p> })}
                        {move || failure.get().map(|e| view! { <ErrorBanner error=e /> })}
                        <div class="actions"><button type="submit" class="primary" data-testid="restore-create" disabled=move || busy.get()>"Continue"</button></div>
                    </form>
                </li>
            }})}
        </ol>
    }
}

#[component]
pub fn RestoreDetail(conn: String, tenant: String, id: u64) -> impl IntoView {
    let session = use_session();
    let state = RwSignal::new(Load::<Restore>::Loading);
    let report = RwSignal::new(None::<Load<RestoreReport>>);
    let files_epoch = RwSignal::new(0u32);
    let polling = RwSignal::new(0u32);
    let alive = StoredValue::new(true);
    on_cleanup(move || alive.set_value(false));

    // Poll while the restore runs; stop when it is created-but-not-started or finished.
    let (c, t) = (conn.clone(), tenant.clone());
    Effect::new(move |_| {
        polling.track();
        let (c, t) = (c.clone(), t.clone());
        spawn_local(async move {
            loop {
                let result = call_json::<Restore>(session, &c, requests::restore(&t, id)).await;
                if alive.try_get_value() != Some(true) {
                    return;
                }
                let current = result.as_ref().ok().map(|r| r.state());
                state.try_set(match result {
                    Ok(r) => Load::Ready(r),
                    Err(e) => Load::Failed(e),
                });
                match current {
                    Some(s) if RUNNING.contains(&s) => {
                        gloo_timers::future::sleep(Duration::from_secs(1)).await
                    }
                    Some("Creating") | None => return,
                    Some(_) => {
                        let r = call_json::<RestoreReport>(
                            session,
                            &c,
                            requests::restore_report(&t, id),
                        )
                        .await;
                        report.try_set(Some(match r {
                            Ok(r) => Load::Ready(r),
                            Err(e) => Load::Failed(e),
                        }));
                        return;
                    }
                }
            }
        });
    });
    let (c, t) = (conn.clone(), tenant.clone());
    let files = use_load::<Vec<RestoreFile>>(move || {
        files_epoch.track();
        Some((c.clone(), requests::restore_files(&t, id)))
    });
    let act = Act::new();
    let file_path = RwSignal::new(String::new());
    let exclude = RwSignal::new(false);
    let is_folder = RwSignal::new(true);
    let passphrase = RwSignal::new(String::new());
    // While the restore is being created its destination can still change.
    let new_path = RwSignal::new(String::new());
    let new_overwrite = RwSignal::new(false);
    let (c5, t5) = (conn.clone(), tenant.clone());
    let change_destination = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Load::Ready(r) = state.get_untracked() else {
            return;
        };
        let path = new_path.get_untracked().trim().to_owned();
        if path.is_empty() {
            return;
        }
        let input = UpdateRestore {
            restore_id: id,
            backup_configuration_id: r.backup_configuration_id,
            restore_state_id: r.restore_state_id,
            backup_machine_id: r.backup_machine_id,
            destination_machine_id: r.destination_machine_id,
            destination_path: path,
            backup_data_center: r.backup_data_center.clone(),
            backup_id: r.backup_id,
            overwrite_files: new_overwrite.get_untracked(),
        };
        act.run(
            c5.clone(),
            requests::update_restore(&t5, &input),
            "Destination changed.".into(),
            move || polling.update(|p| *p += 1),
        );
    };
    let (c1, t1) = (conn.clone(), tenant.clone());
    let add_file = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = file_path.get_untracked().trim().to_owned();
        if p.is_empty() {
            return;
        }
        let input = RestoreFileInput {
            file_path: p,
            filter: if exclude.get_untracked() { "2" } else { "1" }.into(),
            parent_id: id,
            file_item_type: if is_folder.get_untracked() { "1" } else { "0" }.into(),
        };
        act.run(
            c1.clone(),
            requests::add_restore_file(&t1, &input),
            "Path added.".into(),
            move || {
                file_path.set(String::new());
                files_epoch.update(|e| *e += 1);
            },
        );
    };
    let (c2, t2) = (conn.clone(), tenant.clone());
    let clear = move |_| {
        act.run(
            c2.clone(),
            requests::delete_restore_files(&t2, id),
            "Paths cleared.".into(),
            move || files_epoch.update(|e| *e += 1),
        )
    };
    let (c3, t3) = (conn.clone(), tenant.clone());
    let start = move |_| {
        let encrypted = matches!(state.get_untracked(), Load::Ready(ref r) if r.is_encrypted);
        let password = if encrypted {
            let key = match state.get_untracked() {
                Load::Ready(r) => r.public_key,
                _ => None,
            };
            match key.map(|k| {
                backup_console_core::vendors::rackspace::crypto::encrypt_passphrase(
                    &k.modulus(),
                    &k.exponent(),
                    &passphrase.get_untracked(),
                )
            }) {
                Some(Ok(hex)) => Some(hex),
                Some(Err(e)) => {
                    act.error.set(Some(ApiError::Validation {
                        message: e,
                        fields: Default::default(),
                    }));
                    return;
                }
                None => None,
            }
        } else {
            None
        };
        let action = RaxAction {
            action: ActionKind::StartManual,
            encrypted_password: password,
            id,
        };
        act.run(
            c3.clone(),
            requests::restore_action(&t3, &action),
            "Restore started.".into(),
            move || polling.update(|p| *p += 1),
        );
    };
    let (c4, t4) = (conn.clone(), tenant.clone());
    let stop = move |_| {
        let action = RaxAction {
            action: ActionKind::StopManual,
            encrypted_password: None,
            id,
        };
        act.run(
            c4.clone(),
            requests::restore_action(&t4, &action),
            "Stop requested.".into(),
            move || polling.update(|p| *p += 1),
        );
    };
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/restores")>"Restores"</a></p>
        <h1>{format!("Restore {id}")}</h1>
        {move || match state.get() {
            Load::Loading => view! { <Loading /> }.into_any(),
            Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
            Load::Ready(r) => {
                let s = r.state();
                let (start, stop) = (start.clone(), stop.clone());
                view! {
                    <dl class="detail" data-testid="detail">
                        <dt>"From"</dt><dd>{format!("{} on {} ({})", r.backup_configuration_name, r.backup_machine_name, when(r.backup_restore_point))}</dd>
                        <dt>"To"</dt><dd data-field="Destination">{format!("{}: {}", r.destination_machine_name, r.destination_path)}</dd>
                        <dt>"Overwrite"</dt><dd>{if r.overwrite_files { "Yes" } else { "No" }}</dd>
                        <dt>"State"</dt><dd data-testid="restore-state" aria-live="polite">{s}</dd>
                    </dl>
                    {(s == "Creating").then(|| view! {
                        <form class="inline-fields" data-testid="restore-destination-form" on:submit=change_destination.clone()>
                            <input class="mono" data-testid="restore-new-path" placeholder=r.destination_path.clone()
                                prop:value=move || new_path.get() on:input=move |ev| new_path.set(event_target_value(&ev)) />
                            <label class="check"><input type="checkbox" data-testid="restore-new-overwrite" prop:checked=move || new_overwrite.get()
                                on:change=move |ev| new_overwrite.set(event_target_checked(&ev)) />"Overwrite"</label>
                            <button type="submit" data-testid="restore-change-destination">"Change destination"</button>
                        </form>
                        {r.is_encrypted.then(|| view! {
                            <div class="field">
                                <label for="restore-passphrase">"Encryption passphrase"</label>
                                <input id="restore-passphrase" type="password" autocomplete="off" data-testid="restore-passphrase"
                                    prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                                <small class="help">"Encrypted in this browser with the agent's public key; never stored."</small>
                            </div>
                        })}
                        <div class="actions"><button class="primary" data-testid="restore-start" disabled=move || act.busy.get() on:click=start>"Start restore"</button></div>
                    })}
                    {RUNNING.contains(&s).then(|| view! {
                        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>"Restoring…"</p>
                        <button class="danger" data-testid="restore-stop" on:click=stop>"Stop restore"</button>
                    })}
                }.into_any()
            }
        }}
        {act.view()}
        <section class="panel">
            <h2>"Files and folders"</h2>
            <p class="muted">"Without any paths, everything in the backup is restored."</p>
            {move || match files.get() {
                Load::Ready(list) => view! {
                    <ul data-testid="restore-files">
                        {list.into_iter().map(|f| view! {
                            <li data-testid="restore-file">{format!("{} {} ({})", if f.filter == 2 { "Exclude" } else { "Include" }, f.file_path, if f.file_item_type == 1 { "folder" } else { "file" })}</li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
                Load::Loading => view! { <Loading /> }.into_any(),
            }}
            {move || matches!(state.get(), Load::Ready(ref r) if r.state() == "Creating").then(|| {
                let (add_file, clear) = (add_file.clone(), clear.clone());
                view! {
                    <form class="inline-fields" data-testid="restore-file-form" on:submit=add_file>
                        <input class="mono" data-testid="restore-file-path" placeholder="/var/www/index.html" prop:value=move || file_path.get() on:input=move |ev| file_path.set(event_target_value(&ev)) />
                        <label class="check"><input type="checkbox" data-testid="restore-file-exclude" prop:checked=move || exclude.get() on:change=move |ev| exclude.set(event_target_checked(&ev)) />"Exclude"</label>
                        <label class="check"><input type="checkbox" data-testid="restore-file-folder" prop:checked=move || is_folder.get() on:change=move |ev| is_folder.set(event_target_checked(&ev)) />"Folder"</label>
                        <button type="submit" data-testid="restore-file-add">"Add path"</button>
                        <button type="button" data-testid="restore-files-clear" on:click=clear>"Clear paths"</button>
                    </form>
                }
            })}
        </section>
        {move || report.get().map(|r| match r {
            Load::Loading => view! { <Loading label="Loading report…" /> }.into_any(),
            Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
            Load::Ready(r) => view! {
                <section class="panel" data-testid="restore-report">
                    <h2>"Report"</h2>
                    <dl class="detail">
                        <dt>"Result"</dt><dd data-field="State">{r.state.clone()}</dd>
                        <dt>"Restored"</dt><dd>{format!("{} files, {}", r.num_files_restored, r.num_bytes_restored)}</dd>
                        <dt>"Errors"</dt><dd>{r.num_errors}</dd>
                        <dt>"Diagnostics"</dt><dd>{r.diagnostics.clone()}</dd>
                    </dl>
                </section>
            }.into_any(),
        })}
    }
}
