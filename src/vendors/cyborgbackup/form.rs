//! Create and edit forms: checked field by field before sending, and the server's field
//! errors shown beside the fields it names.

use backup_console_core::api::{FieldErrors, Page, PageQuery};
use backup_console_core::schedule::Dialect;
use backup_console_core::spec::{json, FieldKind};
use backup_console_core::vendors::cyborgbackup::forms::{self, validate_field};
use backup_console_core::vendors::cyborgbackup::{requests, Resource};
use leptos::prelude::*;
use serde_json::Value;

use crate::action::{Action, Done};
use crate::components::edit_form::EditForm;
use crate::components::form_field::{FormFields, FormValues, ReferenceOptions};
use crate::components::panel::Panel;
use crate::load::{use_load, Remote};
use crate::paths::connection_route;

/// Collections the form's reference fields choose from.
fn referenced(resource: Resource) -> Vec<Resource> {
    resource
        .fields()
        .iter()
        .filter_map(|f| match f.kind {
            FieldKind::Reference(c) | FieldKind::References(c) => Resource::from_name(c),
            _ => None,
        })
        .collect()
}

/// Every object of `target` as (id, label) choices.
fn choices(target: Resource, page: &Page<Value>) -> Vec<(String, String)> {
    page.results
        .iter()
        .map(|r| {
            let label = r[target.label_field()].as_str().unwrap_or_default();
            (json::id(&r["id"]), label.to_owned())
        })
        .collect()
}

#[component]
pub fn Form(conn: String, resource: Resource, id: Option<u64>) -> impl IntoView {
    let values = RwSignal::new(if id.is_none() {
        forms::defaults(resource)
    } else {
        FormValues::new()
    });
    let errors = RwSignal::new(FieldErrors::new());
    let action = Action::new();

    let lists: Vec<(Resource, Remote<Page<Value>>)> = referenced(resource)
        .into_iter()
        .map(|target| {
            let conn = conn.clone();
            let query = PageQuery {
                page: 1,
                page_size: 200,
                order_by: Some(target.label_field().to_owned()),
                search: None,
            };
            (
                target,
                use_load(move || Some((conn.clone(), requests::list(target, &query)))),
            )
        })
        .collect();
    let options = Signal::derive(move || {
        lists
            .iter()
            .map(|(target, list)| {
                let found = list.with(|p| p.map(|p| choices(*target, p)).unwrap_or_default());
                (target.name(), found)
            })
            .collect::<ReferenceOptions>()
    });

    let submit_conn = conn.clone();
    let on_submit = Callback::new(move |_: ()| {
        match forms::save_request(resource, id, &values.get_untracked()) {
            Ok(request) => {
                errors.set(FieldErrors::new());
                let conn = submit_conn.clone();
                action.run(&submit_conn, request, move |saved: Value| {
                    let saved_id = saved["id"].as_u64().or(id).unwrap_or_default();
                    Done::Go(connection_route(
                        &conn,
                        &format!("/{}/{saved_id}", resource.name()),
                    ))
                });
            }
            Err(problems) => errors.set(problems),
        }
    });
    let title = match id {
        None => format!("New {}", resource.singular()),
        Some(id) => format!("Edit {} {id}", resource.singular()),
    };
    let cancel_href = match id {
        None => connection_route(&conn, &format!("/{}", resource.name())),
        Some(id) => connection_route(&conn, &format!("/{}/{id}", resource.name())),
    };
    let form = move || {
        view! {
            <EditForm action=action errors=errors on_submit=on_submit cancel_href=cancel_href.clone()>
                <FormFields
                    fields=resource.fields()
                    values=values
                    errors=errors
                    options=options
                    validate=validate_field
                    dialect=Dialect::CyBorgBackup
                />
            </EditForm>
        }
    };
    view! {
        <h1>{title}</h1>
        {match id {
            None => form().into_any(),
            Some(id) => {
                // The object's values fill the form once; after that they are the operator's.
                let record = use_load::<serde_json::Map<String, Value>>(move || Some((conn.clone(), requests::get(resource, id))));
                // Filled before the fields are built, so each starts from the object's value.
                let filled = StoredValue::new(false);
                let render = move |r: serde_json::Map<String, Value>| {
                    if !filled.get_value() {
                        filled.set_value(true);
                        values.set(forms::values_from_record(resource, &Value::Object(r)));
                    }
                    form()
                };
                view! { <Panel load=record render=render /> }.into_any()
            }
        }}
    }
}
