//! One object: its fields, edit and delete, and for policies launch and the month's calendar.

use backup_console_core::format;
use backup_console_core::vendors::cyborgbackup::models::LaunchResult;
use backup_console_core::vendors::cyborgbackup::{requests, Resource};
use leptos::prelude::*;
use serde_json::Value;

use super::calendar::PolicyCalendar;
use crate::action::{Action, Done};
use crate::components::confirm::ConfirmDialog;
use crate::components::panel::{Dialogs, Panel};
use crate::load::use_load;
use crate::paths::connection_route;

/// Fields shown in the detail list, in order: the table's columns, the form's fields, then the rest.
fn detail_rows(resource: Resource, record: &Value) -> Vec<(String, Shown)> {
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
                return (
                    k.to_owned(),
                    Shown::Text(format!("{name} (#{})", format::plain(v))),
                );
            }
            let text = match v {
                Value::String(s)
                    if k.ends_with("created")
                        || k.ends_with("modified")
                        || k == "mtime"
                        || k == "next_run" =>
                {
                    match format::parse_instant(s) {
                        Some(t) => return (k.to_owned(), Shown::Time(t)),
                        None => format::timestamp(s),
                    }
                }
                Value::Number(n) if k.ends_with("_size") || k == "size" => {
                    n.as_u64().map_or_else(|| n.to_string(), format::bytes)
                }
                other => format::plain(other),
            };
            (k.to_owned(), Shown::Text(text))
        })
        .collect()
}

/// A field's value: text, or an instant shown in the operator's zone.
enum Shown {
    Text(String),
    Time(chrono::DateTime<chrono::Utc>),
}

impl Shown {
    fn view(self) -> AnyView {
        match self {
            Shown::Text(text) => text.into_any(),
            Shown::Time(at) => view! { <crate::clock::Time at=at /> }.into_any(),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Dialog {
    ConfirmDelete,
}

#[component]
pub fn Detail(conn: String, resource: Resource, id: u64) -> impl IntoView {
    let load_conn = conn.clone();
    // An object is a JSON object; anything else is a malformed answer, not something to show.
    let object = use_load::<serde_json::Map<String, Value>>(move || {
        Some((load_conn.clone(), requests::get(resource, id)))
    });
    let record = move || object.data().map(Value::Object);
    let label = move || {
        record().map_or_else(
            || format!("{} {id}", resource.singular()),
            |r| resource.label_of(&r),
        )
    };
    let title = Signal::derive(move || match record() {
        Some(r) => resource.label_of(&r),
        None => format!("{} {id}", resource.singular()),
    });
    let action = Action::new();
    let dialogs = Dialogs::<Dialog>::new();
    let list_href = connection_route(&conn, &format!("/{}", resource.name()));
    let edit_href = connection_route(&conn, &format!("/{}/{id}/edit", resource.name()));

    let launch_conn = conn.clone();
    let launch = move |_| {
        action.run(&launch_conn, requests::launch(id), |r: LaunchResult| {
            Done::Say(match r.job {
                Some(job) => format!("Backup job {job} launched."),
                None => "Backup job launched.".to_owned(),
            })
        })
    };
    let (delete_conn, after_delete) = (conn.clone(), list_href.clone());
    let delete = Callback::new(move |_: ()| {
        dialogs.close();
        let target = after_delete.clone();
        action.run_ok(&delete_conn, requests::delete(resource, id), move || {
            Done::Go(target)
        });
    });

    let toolbar = move || {
        let launch = launch.clone();
        let edit_href = edit_href.clone();
        object.with(|o| o.is_some()).then(|| view! {
            {(resource == Resource::Policies).then(|| view! {
                <button class="primary" data-testid="launch-button" disabled=move || action.busy.get() on:click=launch.clone()>
                    {move || if action.busy.get() { "Working…" } else { "Launch backup now" }}
                </button>
            })}
            {resource.writable().then(|| view! {
                <a class="button" href=edit_href.clone() data-testid="edit-button">"Edit"</a>
                <button class="danger" data-testid="delete-button" disabled=move || action.busy.get()
                    on:click=move |_| dialogs.open(Dialog::ConfirmDelete)>"Delete"</button>
            })}
        })
    };
    let dialog = move || {
        dialogs.current().map(|Dialog::ConfirmDelete| {
            view! {
                <ConfirmDialog
                    title=format!("Delete {}", resource.singular())
                    message=format!("Delete {}? This cannot be undone.", label())
                    confirm_label=format!("Delete {}", resource.singular())
                    on_confirm=delete
                    on_cancel=dialogs.closer()
                />
            }
        })
    };
    view! {
        <p class="breadcrumb"><a href=list_href>{resource.title()}</a></p>
        <Panel
            load=object
            title=title
            title_testid="detail-title"
            toolbar=toolbar
            action=action
            dialog=dialog
            render={move |record: serde_json::Map<String, Value>| view! {
                <dl class="detail" data-testid="detail">
                    {detail_rows(resource, &Value::Object(record)).into_iter().map(|(k, v)| view! { <dt>{k.replace('_', " ")}</dt><dd data-field=k>{v.view()}</dd> }).collect_view()}
                </dl>
            }}
        />
        {(resource == Resource::Policies).then(|| view! { <PolicyCalendar conn=conn.clone() id=id /> })}
    }
}
