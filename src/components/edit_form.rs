//! The one edit form: every create and edit page is this frame around its fields.
//!
//! It shows the save's failure, puts the server's field errors beside the fields they name,
//! moves focus to the first field with a problem, and keeps Cancel and Save where operators
//! expect them. The page validates in core and runs its [`Action`] from `on_submit`.

use backup_console_core::api::{ApiError, FieldErrors};
use leptos::prelude::*;

use crate::action::Action;
use crate::components::status::ErrorBanner;

#[component]
pub fn EditForm(
    action: Action,
    errors: RwSignal<FieldErrors>,
    on_submit: Callback<()>,
    #[prop(into)] cancel_href: String,
    #[prop(optional, into)] submit_label: Option<String>,
    children: Children,
) -> impl IntoView {
    // The server's field errors belong beside the fields it named.
    Effect::new(move |_| {
        if let Some(ApiError::Validation { fields, .. }) = action.error.get() {
            if !fields.is_empty() {
                errors.set(fields);
                focus_first_error();
            }
        }
    });
    let label = submit_label.unwrap_or_else(|| "Save".to_owned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
        if errors.with_untracked(|e| !e.is_empty()) {
            focus_first_error();
        }
    };
    let form_error = move || {
        errors.with(|e| {
            e.get("non_field_errors")
                .or_else(|| e.get("form"))
                .map(|m| m.join(" "))
        })
    };
    view! {
        <form class="panel" data-testid="resource-form" on:submit=submit novalidate>
            {move || action.error.get().map(|e| view! { <ErrorBanner error=e /> })}
            {move || form_error().map(|m| view! { <p class="field-error" role="alert" data-testid="error-form">{m}</p> })}
            {children()}
            <div class="actions">
                <a class="button" href=cancel_href data-testid="form-cancel">"Cancel"</a>
                <button type="submit" class="primary" data-testid="form-submit" disabled=move || action.busy.get()>
                    {move || if action.busy.get() { "Saving…".to_owned() } else { label.clone() }}
                </button>
            </div>
        </form>
    }
}

/// Move focus to the first field with a problem, so keyboard and screen-reader users land on it.
pub fn focus_first_error() {
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
