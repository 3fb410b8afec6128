//! Backup configurations: all of them, one with its backups, and the create/edit form with the
//! Rackspace schedule and its next runs in the configuration's own time zone.

use backup_console_core::api::{ApiError, FieldErrors};
use backup_console_core::format;
use backup_console_core::schedule::cron::WEEKDAY_NAMES;
use backup_console_core::schedule::windows_zones::WINDOWS_ZONES;
use backup_console_core::vendors::rackspace::models::{
    Agent, BackupConfiguration, CompletedBackup,
};
use backup_console_core::vendors::rackspace::requests::{
    self,
    inputs::{Action as RaxAction, ActionKind},
};
use backup_console_core::vendors::rackspace::views::{
    self, COMPLETED_COLUMNS, CONFIGURATION_COLUMNS, RETENTIONS,
};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde_json::Value;

use super::{link, rows, Act};
use crate::calls::{call_json, call_ok, use_load, Load};
use crate::components::confirm::ConfirmDialog;
use crate::components::data_table::{sort_rows, DataTable};
use crate::components::schedule::{iso_with_offset, run_label};
use crate::components::status::{ErrorBanner, Loading};
use crate::session::use_session;

#[component]
pub fn ConfigurationList(conn: String, tenant: String) -> impl IntoView {
    let (c, t) = (conn.clone(), tenant.clone());
    let list = use_load::<Vec<BackupConfiguration>>(move || {
        Some((c.clone(), requests::configurations(&t)))
    });
    let order = RwSignal::new(Some("BackupConfigurationName".to_owned()));
    let table = Signal::derive(move || {
        let Load::Ready(configs) = list.get() else {
            return Vec::new();
        };
        let mut rows = rows(&configs);
        if let Some(o) = order.get() {
            sort_rows(&mut rows, &o);
        }
        rows
    });
    let row_conn = conn.clone();
    view! {
        <div class="page-head">
            <h1>"Backup configurations"</h1>
            <a class="button primary" data-testid="create-button" href=link(&conn, "/configurations/new")>"New configuration"</a>
        </div>
        {move || match list.get() {
            Load::Loading => view! { <Loading label="Loading configurations…" /> }.into_any(),
            Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
            Load::Ready(_) => ().into_any(),
        }}
        <DataTable columns=&CONFIGURATION_COLUMNS rows=table order_by=order on_sort=Callback::new(move |o| order.set(Some(o)))
            id_key="BackupConfigurationId" caption="Backup configurations"
            row_href=Callback::new(move |row: Value| link(&row_conn, &format!("/configurations/{}", row["BackupConfigurationId"]))) />
    }
}

#[component]
pub fn ConfigurationDetail(conn: String, tenant: String, id: u64) -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let (c, t) = (conn.clone(), tenant.clone());
    let config = use_load::<BackupConfiguration>(move || {
        reload.track();
        Some((c.clone(), requests::configuration(&t, id)))
    });
    let (c, t) = (conn.clone(), tenant.clone());
    let completed = use_load::<Vec<CompletedBackup>>(move || {
        Some((c.clone(), requests::completed_backups(&t, id)))
    });
    let act = Act::new();
    let confirming = RwSignal::new(false);
    let navigate = use_navigate();
    let (c1, t1) = (conn.clone(), tenant.clone());
    let toggle = move |enable: bool| {
        let word = if enable { "enabled" } else { "disabled" };
        act.run(
            c1.clone(),
            requests::enable_configuration(&t1, id, enable),
            format!("Configuration {word}."),
            move || reload.update(|r| *r += 1),
        );
    };
    let (c2, t2, nav2) = (conn.clone(), tenant.clone(), navigate.clone());
    let delete = Callback::new(move |_: ()| {
        confirming.set(false);
        let target = link(&c2, "/configurations");
        let nav = nav2.clone();
        act.run(
            c2.clone(),
            requests::delete_configuration(&t2, id),
            "Configuration deleted.".into(),
            move || nav(&target, crate::paths::go_to()),
        );
    });
    let (c3, t3) = (conn.clone(), tenant.clone());
    let start = move |_| {
        act.busy.set(true);
        act.error.set(None);
        let (c, t, nav) = (c3.clone(), t3.clone(), navigate.clone());
        spawn_local(async move {
            let request = requests::backup_action(
                &t,
                &RaxAction {
                    action: ActionKind::StartManual,
                    encrypted_password: None,
                    id,
                },
            );
            let subject = request.subject.clone();
            let result = match crate::calls::call_raw(session, &c, request, None).await {
                Ok(response) => response.check(&subject).and_then(|_| {
                    requests::plain_id(&response.body).ok_or(ApiError::Malformed {
                        detail: "no backup id".into(),
                    })
                }),
                Err(e) => Err(e),
            };
            act.busy.try_set(false);
            match result {
                Ok(backup) => nav(
                    &link(&c, &format!("/backups/{backup}")),
                    crate::paths::go_to(),
                ),
                Err(e) => {
                    act.error.try_set(Some(e));
                }
            }
        });
    };
    let edit = link(&conn, &format!("/configurations/{id}/edit"));
    let row_conn = conn.clone();
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/configurations")>"Backup configurations"</a></p>
        {move || match config.get() {
            Load::Loading => view! { <Loading /> }.into_any(),
            Load::Failed(e) => view! { <h1>{format!("Backup configuration {id}")}</h1><ErrorBanner error=e /> }.into_any(),
            Load::Ready(cfg) => {
                let (toggle, start) = (toggle.clone(), start.clone());
                let active = cfg.is_active;
                let next: Vec<String> = cfg.schedule.next_runs(Utc::now(), 3).iter().map(run_label).collect();
                view! {
                    <div class="page-head">
                        <h1 data-testid="detail-title">{cfg.backup_configuration_name.clone()}</h1>
                        <div class="actions">
                            <button class="primary" data-testid="start-backup" disabled=move || act.busy.get() on:click=start>"Start backup now"</button>
                            <button data-testid="config-toggle" on:click=move |_| toggle(!active)>{if active { "Disable" } else { "Enable" }}</button>
                            <a class="button" data-testid="edit-button" href=edit.clone()>"Edit"</a>
                            <button class="danger" data-testid="delete-button" on:click=move |_| confirming.set(true)>"Delete"</button>
                        </div>
                    </div>
                    <dl class="detail" data-testid="detail">
                        <dt>"Agent"</dt><dd>{format!("{} ({})", cfg.machine_name, cfg.machine_agent_id)}</dd>
                        <dt>"Schedule"</dt><dd data-field="Schedule">{cfg.schedule.to_string()}</dd>
                        <dt>"Next runs"</dt><dd data-field="NextRuns">{next.join(" · ")}</dd>
                        <dt>"Active"</dt><dd data-field="IsActive">{if cfg.is_active { "Yes" } else { "No" }}</dd>
                        <dt>"Keep versions"</dt><dd>{if cfg.version_retention == 0 { "Indefinitely".to_owned() } else { format!("{} days", cfg.version_retention) }}</dd>
                        <dt>"Backs up"</dt><dd data-field="Inclusions">{cfg.inclusions.iter().map(|i| i.file_path.clone()).collect::<Vec<_>>().join(", ")}</dd>
                        <dt>"Leaves out"</dt><dd>{cfg.exclusions.iter().map(|i| i.file_path.clone()).collect::<Vec<_>>().join(", ")}</dd>
                        <dt>"Notifications"</dt><dd>{format!("{} (success: {}, failure: {})", cfg.notify_recipients, cfg.notify_success, cfg.notify_failure)}</dd>
                        <dt>"Last run"</dt><dd>{cfg.last_run_time.map_or("never".into(), |t| format::timestamp(&format::iso(t)))}</dd>
                    </dl>
                }.into_any()
            }
        }}
        {act.view()}
        <section class="panel">
            <h2>"Completed backups"</h2>
            {move || match completed.get() {
                Load::Ready(list) => {
                    let c = row_conn.clone();
                    view! {
                        <DataTable columns=&COMPLETED_COLUMNS rows=Signal::derive(move || rows(&list)) order_by=Signal::derive(|| None::<String>)
                            on_sort=Callback::new(|_| {}) id_key="BackupId" caption="Completed backups"
                            row_href=Callback::new(move |row: Value| link(&c, &format!("/backups/{}", row["BackupId"]))) />
                    }.into_any()
                }
                Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
                Load::Loading => view! { <Loading /> }.into_any(),
            }}
        </section>
        {move || confirming.get().then(|| {
            let name = match config.get() { Load::Ready(c) => c.backup_configuration_name, _ => format!("configuration {id}") };
            view! {
                <ConfirmDialog title="Delete backup configuration"
                    message=format!("Delete backup configuration \"{name}\"? Scheduled backups stop; existing backups stay restorable until they expire.")
                    confirm_label="Delete configuration" on_confirm=delete on_cancel=Callback::new(move |_| confirming.set(false)) />
            }
        })}
    }
}

#[component]
pub fn ConfigurationForm(conn: String, tenant: String, id: Option<u64>) -> impl IntoView {
    let session = use_session();
    let preset_agent = use_query_map()
        .get_untracked()
        .get("agent")
        .and_then(|a| a.parse().ok());
    let values = RwSignal::new(views::defaults(preset_agent));
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);
    let schedule_id = RwSignal::new(None::<u64>);
    let loaded = RwSignal::new(id.is_none());
    if let Some(id) = id {
        let (c, t) = (conn.clone(), tenant.clone());
        spawn_local(async move {
            match call_json::<BackupConfiguration>(session, &c, requests::configuration(&t, id))
                .await
            {
                Ok(cfg) => {
                    values.try_set(views::values_from(&cfg));
                    schedule_id.try_set(cfg.backup_configuration_schedule_id);
                    loaded.try_set(true);
                }
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
        });
    }
    let (c, t) = (conn.clone(), tenant.clone());
    let agents = use_load::<Vec<Agent>>(move || Some((c.clone(), requests::user_agents(&t))));
    let get = move |k: &'static str| {
        Signal::derive(move || values.with(|v| v.get(k).cloned().unwrap_or_default()))
    };
    let set = move |k: &'static str, v: String| {
        values.update(|vals| {
            vals.insert(k.to_owned(), v);
        })
    };
    let frequency = get("frequency");
    let preview = Signal::derive(move || match views::schedule_from(&values.get()) {
        Ok(s) => Ok(s.next_runs(Utc::now(), 5)),
        Err(e) => Err(e.values().flatten().cloned().collect::<Vec<_>>().join(" ")),
    });
    let navigate = use_navigate();
    let (c, t) = (conn.clone(), tenant.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let input = match views::configuration_input(
            &values.get_untracked(),
            schedule_id.get_untracked(),
        ) {
            Ok(i) => i,
            Err(problems) => {
                errors.set(problems);
                return;
            }
        };
        errors.set(FieldErrors::new());
        saving.set(true);
        let (c, t, nav) = (c.clone(), t.clone(), navigate.clone());
        spawn_local(async move {
            let result = match id {
                None => call_json::<BackupConfiguration>(
                    session,
                    &c,
                    requests::create_configuration(&t, &input),
                )
                .await
                .map(|cfg| cfg.backup_configuration_id),
                Some(id) => call_ok(session, &c, requests::update_configuration(&t, id, &input))
                    .await
                    .map(|_| id),
            };
            saving.try_set(false);
            match result {
                Ok(saved) => nav(
                    &link(&c, &format!("/configurations/{saved}")),
                    crate::paths::go_to(),
                ),
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
        });
    };

    let error = move |k: &'static str| move || errors.with(|e| e.get(k).map(|m| m.join(" ")));
    let text = move |k: &'static str, label: &'static str, kind: &'static str| {
        view! {
            <div class="field" class:has-error=move || error(k)().is_some()>
                <label for=format!("cfg-{k}")>{label}</label>
                <input id=format!("cfg-{k}") type=kind data-testid=format!("field-{k}") prop:value=get(k) on:input=move |ev| set(k, event_target_value(&ev)) />
                <p class="field-error" role="alert" data-testid=format!("error-{k}")>{error(k)}</p>
            </div>
        }
    };
    let select = move |k: &'static str, label: &'static str, options: Vec<(String, String)>| {
        view! {
            <div class="field" class:has-error=move || error(k)().is_some()>
                <label for=format!("cfg-{k}")>{label}</label>
                <select id=format!("cfg-{k}") data-testid=format!("field-{k}") prop:value=get(k) on:change=move |ev| set(k, event_target_value(&ev))>
                    {options.into_iter().map(|(v, l)| {
                        let selected = get(k).get_untracked() == v;
                        view! { <option value=v selected=selected>{l}</option> }
                    }).collect_view()}
                </select>
                <p class="field-error" role="alert" data-testid=format!("error-{k}")>{error(k)}</p>
            </div>
        }
    };
    let check = move |k: &'static str, label: &'static str| {
        view! {
            <label class="check"><input type="checkbox" data-testid=format!("field-{k}") prop:checked=move || get(k).get() == "true"
                on:change=move |ev| set(k, event_target_checked(&ev).to_string()) />{label}</label>
        }
    };
    let paths = move |k: &'static str, label: &'static str| {
        view! {
            <div class="field" class:has-error=move || error(k)().is_some()>
                <label for=format!("cfg-{k}")>{label}</label>
                <textarea id=format!("cfg-{k}") class="mono" rows="4" data-testid=format!("field-{k}") prop:value=get(k) on:input=move |ev| set(k, event_target_value(&ev))></textarea>
                <small class="help">"One path per line; a name with an extension is a file, anything else a folder."</small>
                <p class="field-error" role="alert" data-testid=format!("error-{k}")>{error(k)}</p>
            </div>
        }
    };
    let strings = |items: &[&str]| {
        items
            .iter()
            .map(|s| (s.to_string(), s.to_string()))
            .collect::<Vec<_>>()
    };
    let days: Vec<(String, String)> = WEEKDAY_NAMES
        .iter()
        .enumerate()
        .map(|(i, d)| (i.to_string(), d.to_string()))
        .collect();
    let zones: Vec<(String, String)> = WINDOWS_ZONES
        .iter()
        .map(|(w, i)| (w.to_string(), format!("{w} ({i})")))
        .collect();
    let hours: Vec<(String, String)> = (1..=12).map(|h| (h.to_string(), h.to_string())).collect();
    let cancel = match id {
        Some(id) => link(&conn, &format!("/configurations/{id}")),
        None => link(&conn, "/configurations"),
    };
    view! {
        <h1>{match id { Some(id) => format!("Edit backup configuration {id}"), None => "New backup configuration".to_owned() }}</h1>
        {move || {
            if !loaded.get() {
                return failure.get().map(|e| view! { <ErrorBanner error=e /> }.into_any()).unwrap_or_else(|| view! { <Loading /> }.into_any());
            }
            let (days, hours, zones, cancel, submit) = (days.clone(), hours.clone(), zones.clone(), cancel.clone(), submit.clone());
            view! {
            <form class="panel" data-testid="resource-form" on:submit=submit novalidate>
                {move || failure.get().map(|e| view! { <ErrorBanner error=e /> })}
                {move || match agents.get() {
                    Load::Ready(list) => select("agent", "Agent", std::iter::once((String::new(), "— choose —".to_owned())).chain(list.iter().map(|a| (a.machine_agent_id.to_string(), format!("{} ({})", a.machine_name, a.machine_agent_id)))).collect()).into_any(),
                    other => view! {
                        {match other {
                            Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
                            _ => view! { <Loading label="Loading agents…" /> }.into_any(),
                        }}
                        <p class="field-error" role="alert" data-testid="error-agent">{error("agent")}</p>
                    }.into_any(),
                }}
                {text("name", "Name", "text")}
                {check("active", "Active (runs on its schedule)")}
                {select("retention", "Keep versions", RETENTIONS.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect())}
                <fieldset class="panel">
                    <legend>"Schedule"</legend>
                    {select("frequency", "Frequency", strings(&["Manually", "Hourly", "Daily", "Weekly"]))}
                    {move || (frequency.get() == "Hourly").then(|| select("interval", "Every (hours)", (1..=23).map(|h| (h.to_string(), h.to_string())).collect()))}
                    {move || (frequency.get() == "Weekly").then(|| select("day", "Day", days.clone()))}
                    {move || matches!(frequency.get().as_str(), "Daily" | "Weekly").then(|| view! {
                        <div class="inline-fields">
                            {select("hour", "Hour", hours.clone())}
                            {text("minute", "Minute", "number")}
                            {select("ampm", "AM/PM", strings(&["AM", "PM"]))}
                        </div>
                    })}
                    {select("timezone", "Time zone", zones)}
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
                </fieldset>
                {paths("inclusions", "Back up")}
                {paths("exclusions", "Leave out")}
                {text("recipients", "Notify (email addresses)", "text")}
                {check("notify_success", "Email after a successful backup")}
                {check("notify_failure", "Email after a failed backup")}
                <div class="actions">
                    <a class="button" href=cancel data-testid="form-cancel">"Cancel"</a>
                    <button type="submit" class="primary" data-testid="form-submit" disabled=move || saving.get()>{move || if saving.get() { "Saving…" } else { "Save" }}</button>
                </div>
            </form>
            }.into_any()
        }}
    }
}
