//! Create and edit forms: checked field by field before sending, and the server's field
//! errors shown beside the fields it names.

use backup_console_core::api::{ApiError, FieldErrors, Page, PageQuery};
use backup_console_core::schedule::Dialect;
use backup_console_core::spec::FieldKind;
use backup_console_core::vendors::cyborgbackup::forms::{self, validate_field};
use backup_console_core::vendors::cyborgbackup::{requests, Resource};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

use crate::calls::{call_json, Load};
use crate::components::form_field::{FormField, FormValues, ReferenceOptions};
use crate::components::status::{ErrorBanner, Loading};
use crate::paths::connection_route;
use crate::session::use_session;

/// Collections the form's reference fields choose from.
fn referenced(resource: Resource) -> Vec<&'static str> {
    resource
        .fields()
        .iter()
        .filter_map(|f| match f.kind {
            FieldKind::Reference(c) | FieldKind::References(c) => Some(c),
            _ => None,
        })
        .collect()
}

#[component]
pub fn Form(conn: String, resource: Resource, id: Option<u64>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let values = RwSignal::new(if id.is_none() {
        forms::defaults(resource)
    } else {
        FormValues::new()
    });
    let errors = RwSignal::new(FieldErrors::new());
    let loaded = RwSignal::new(if id.is_none() {
        Load::Ready(())
    } else {
        Load::Loading
    });
    let saving = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let options = RwSignal::new(ReferenceOptions::new());

    // Load the object once; its values are then the operator's to change.
    if let Some(id) = id {
        let conn = conn.clone();
        spawn_local(async move {
            match call_json::<serde_json::Map<String, Value>>(
                session,
                &conn,
                requests::get(resource, id),
            )
            .await
            {
                Ok(record) => {
                    values.try_set(forms::values_from_record(resource, &Value::Object(record)));
                    loaded.try_set(Load::Ready(()));
                }
                Err(e) => {
                    loaded.try_set(Load::Failed(e));
                }
            }
        });
    }
    for collection in referenced(resource) {
        let conn = conn.clone();
        let Some(target) = Resource::from_name(collection) else {
            continue;
        };
        spawn_local(async move {
            let query = PageQuery {
                page: 1,
                page_size: 200,
                order_by: Some(target.label_field().to_owned()),
                search: None,
            };
            if let Ok(page) =
                call_json::<Page<Value>>(session, &conn, requests::list(target, &query)).await
            {
                let choices = page
                    .results
                    .iter()
                    .map(|r| {
                        (
                            r["id"].to_string(),
                            r[target.label_field()]
                                .as_str()
                                .unwrap_or_default()
                                .to_owned(),
                        )
                    })
                    .collect();
                options.try_update(|o| {
                    o.insert(collection, choices);
                });
            }
        });
    }

    let submit_conn = conn.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let request = match forms::save_request(resource, id, &values.get_untracked()) {
            Ok(request) => request,
            Err(problems) => {
                errors.set(problems);
                focus_first_error();
                return;
            }
        };
        errors.set(FieldErrors::new());
        saving.set(true);
        let conn = submit_conn.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = call_json::<Value>(session, &conn, request).await;
            saving.try_set(false);
            match result {
                Ok(saved) => {
                    let new_id = saved["id"].as_u64().or(id).unwrap_or_default();
                    navigate(
                        &connection_route(&conn, &format!("/{}/{new_id}", resource.name())),
                        crate::paths::go_to(),
                    );
                }
                Err(error) => {
                    if let Some(fields) = error.field_errors() {
                        errors.try_set(fields.clone());
                        focus_first_error();
                    }
                    failure.try_set(Some(error));
                }
            }
        });
    };

    let title = match id {
        None => format!("New {}", resource.singular()),
        Some(id) => format!("Edit {} {id}", resource.singular()),
    };
    let cancel_href = match id {
        None => connection_route(&conn, &format!("/{}", resource.name())),
        Some(id) => connection_route(&conn, &format!("/{}/{id}", resource.name())),
    };
    view! {
        <h1>{title}</h1>
        {move || match loaded.get() {
            Load::Loading => view! { <Loading /> }.into_any(),
            Load::Failed(error) => view! { <ErrorBanner error=error /> }.into_any(),
            Load::Ready(()) => {
                let cancel_href = cancel_href.clone();
                let submit = submit.clone();
                view! {
                    <form class="panel" data-testid="resource-form" on:submit=submit novalidate>
                        {move || failure.get().map(|e| view! { <ErrorBanner error=e /> })}
                        {move || errors.with(|e| e.get("non_field_errors").or_else(|| e.get("form")).map(|m| m.join(" ")))
                            .map(|m| view! { <p class="field-error" role="alert" data-testid="error-form">{m}</p> })}
                        {resource.fields().iter().map(|spec| view! {
                            <FormField
                                spec=*spec
                                values=values
                                errors=errors
                                options=options
                                validate=validate_field
                                dialect=Dialect::CyBorgBackup
                            />
                        }).collect_view()}
                        <div class="actions">
                            <a class="button" href=cancel_href data-testid="form-cancel">"Cancel"</a>
                            <button type="submit" class="primary" data-testid="form-submit" disabled=move || saving.get()>
                                {move || if saving.get() { "Saving…" } else { "Save" }}
                            </button>
                        </div>
                    </form>
                }.into_any()
            }
        }}
    }
}

/// Move focus to the first field with a problem, so keyboard and screen-reader users land on it.
fn focus_first_error() {
    request_animation_frame(|| {
        let element = web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.query_selector(
                ".field.has-error input, .field.has-error select, .field.has-error textarea",
            )
            .ok()
            .flatten()
        });
        if let Some(el) =
            element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}
