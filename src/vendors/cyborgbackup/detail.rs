//! One object: its fields, edit and delete, and for policies launch and the month's calendar.

use backup_console_core::api::ApiError;
use backup_console_core::format;
use backup_console_core::vendors::cyborgbackup::models::{Calendar, LaunchResult};
use backup_console_core::vendors::cyborgbackup::{requests, Resource};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

use crate::calls::{call_json, call_ok, use_load, Load};
use crate::components::confirm::ConfirmDialog;
use crate::components::status::{ErrorBanner, Loading, Notice};
use crate::paths::connection_route;
use crate::session::use_session;

/// Fields shown in the detail list, in order: the table's columns, the form's fields, then the rest.
fn detail_rows(resource: Resource, record: &Value) -> Vec<(String, String)> {
    let mut keys: Vec<&str> = resource.columns().iter().map(|c| c.key).collect();
    keys.extend(resource.fields().iter().map(|f| f.key));
    if let Some(object) = record.as_object() {
        keys.extend(object.keys().map(String::as_str));
    }
    let mut seen = std::collections::HashSet::new();
    keys.into_iter()
        .filter(|k| seen.insert(*k))
        .filter(|k| !matches!(*k, "related" | "summary_fields" | "url" | "repository_key"))
        .filter_map(|k| record.get(k).map(|v| (k.to_owned(), v)))
        .map(|(k, v)| {
            // A reference reads better by name, when the service summarised it.
            if let Some(name) = record["summary_fields"][k.as_str()]["name"].as_str() {
                return (k.to_owned(), format!("{name} (#{})", format::plain(v)));
            }
            let text = match v {
                Value::String(s)
                    if k.ends_with("created")
                        || k.ends_with("modified")
                        || k == "mtime"
                        || k == "next_run" =>
                {
                    format::timestamp(s)
                }
                Value::Number(n) if k.ends_with("_size") || k == "size" => {
                    n.as_u64().map_or_else(|| n.to_string(), format::bytes)
                }
                other => format::plain(other),
            };
            (k.to_owned(), text)
        })
        .collect()
}

#[component]
pub fn Detail(conn: String, resource: Resource, id: u64) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let load_conn = conn.clone();
    // An object is a JSON object; anything else is a malformed answer, not something to show.
    let object = use_load::<serde_json::Map<String, Value>>(move || {
        Some((load_conn.clone(), requests::get(resource, id)))
    });
    let state = Signal::derive(move || match object.get() {
        Load::Ready(map) => Load::Ready(Value::Object(map)),
        Load::Loading => Load::Loading,
        Load::Failed(e) => Load::Failed(e),
    });
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let action_error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);

    let delete_conn = conn.clone();
    let list_href = connection_route(&conn, &format!("/{}", resource.name()));
    let after_delete = list_href.clone();
    let delete = Callback::new(move |_: ()| {
        confirming.set(false);
        busy.set(true);
        let conn = delete_conn.clone();
        let navigate = navigate.clone();
        let target = after_delete.clone();
        spawn_local(async move {
            match call_ok(session, &conn, requests::delete(resource, id)).await {
                Ok(()) => navigate(&target, crate::paths::go_to()),
                Err(e) => {
                    busy.try_set(false);
                    action_error.try_set(Some(e));
                }
            }
        });
    });

    let launch_conn = conn.clone();
    let calendar_epoch = RwSignal::new(0u32);
    let launch = move |_| {
        busy.set(true);
        notice.set(None);
        action_error.set(None);
        let conn = launch_conn.clone();
        spawn_local(async move {
            let result = call_json::<LaunchResult>(session, &conn, requests::launch(id)).await;
            busy.try_set(false);
            match result {
                Ok(r) => {
                    notice.try_set(Some(match r.job {
                        Some(job) => format!("Backup job {job} launched."),
                        None => "Backup job launched.".to_owned(),
                    }));
                    calendar_epoch.try_update(|e| *e += 1);
                }
                Err(e) => {
                    action_error.try_set(Some(e));
                }
            }
        });
    };

    let edit_href = connection_route(&conn, &format!("/{}/{id}/edit", resource.name()));
    let calendar_conn = conn.clone();
    view! {
        <p class="breadcrumb"><a href=list_href>{resource.title()}</a></p>
        {move || match state.get() {
            Load::Loading => view! { <Loading /> }.into_any(),
            Load::Failed(error) => view! {
                <h1>{format!("{} {id}", resource.singular())}</h1>
                <ErrorBanner error=error />
            }.into_any(),
            Load::Ready(record) => {
                let title = resource.label_of(&record);
                let rows = detail_rows(resource, &record);
                let edit_href = edit_href.clone();
                let launch = launch.clone();
                view! {
                    <div class="page-head">
                        <h1 data-testid="detail-title">{title}</h1>
                        <div class="actions">
                            {(resource == Resource::Policies).then(|| view! {
                                <button class="primary" data-testid="launch-button" disabled=move || busy.get() on:click=launch.clone()>
                                    {move || if busy.get() { "Working…" } else { "Launch backup now" }}
                                </button>
                            })}
                            {resource.writable().then(|| view! {
                                <a class="button" href=edit_href.clone() data-testid="edit-button">"Edit"</a>
                                <button class="danger" data-testid="delete-button" disabled=move || busy.get() on:click=move |_| confirming.set(true)>"Delete"</button>
                            })}
                        </div>
                    </div>
                    <dl class="detail" data-testid="detail">
                        {rows.into_iter().map(|(k, v)| view! { <dt>{k.replace('_', " ")}</dt><dd data-field=k>{v}</dd> }).collect_view()}
                    </dl>
                }.into_any()
            }
        }}
        {move || notice.get().map(|m| view! { <Notice message=m /> })}
        {move || action_error.get().map(|e| view! { <ErrorBanner error=e /> })}
        {(resource == Resource::Policies).then(|| view! { <PolicyCalendar conn=calendar_conn.clone() id=id epoch=calendar_epoch /> })}
        {move || {
            let label = match state.get() {
                Load::Ready(record) => resource.label_of(&record),
                _ => format!("{} {id}", resource.singular()),
            };
            confirming.get().then(|| view! {
                <ConfirmDialog
                    title=format!("Delete {}", resource.singular())
                    message=format!("Delete {label}? This cannot be undone.")
                    confirm_label=format!("Delete {}", resource.singular())
                    on_confirm=delete
                    on_cancel=Callback::new(move |_| confirming.set(false))
                />
            })
        }}
    }
}

/// The runs of the current month, grouped by day.
#[component]
fn PolicyCalendar(conn: String, id: u64, epoch: RwSignal<u32>) -> impl IntoView {
    let state = use_load::<Calendar>(move || {
        epoch.track();
        Some((conn.clone(), requests::calendar(id)))
    });
    view! {
        <section class="panel" data-testid="calendar">
            <h2>"Runs this month"</h2>
            {move || match state.get() {
                Load::Loading => view! { <Loading label="Loading calendar…" /> }.into_any(),
                Load::Failed(error) => view! { <ErrorBanner error=error /> }.into_any(),
                Load::Ready(runs) if runs.is_empty() => view! { <p data-testid="calendar-empty">"No runs this month."</p> }.into_any(),
                Load::Ready(runs) => {
                    let total = runs.len();
                    let mut days: Vec<(String, Vec<String>)> = Vec::new();
                    for run in runs {
                        let day = run.get(..10).unwrap_or(&run).to_owned();
                        match days.last_mut() {
                            Some((d, times)) if *d == day => times.push(run),
                            _ => days.push((day, vec![run])),
                        }
                    }
                    view! {
                        <p class="muted" data-testid="calendar-count">{total}" runs"</p>
                        <ul class="calendar">
                            {days.into_iter().map(|(day, times)| view! {
                                <li>
                                    <strong>{day}</strong>" "
                                    {times.into_iter().map(|t| {
                                        let label = t.get(11..16).unwrap_or(&t).to_owned();
                                        view! { <time data-testid="calendar-run" datetime=t>{label}</time>" " }
                                    }).collect_view()}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
