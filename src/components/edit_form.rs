//! The one edit form: every create and edit page is this frame around its fields.
//!
//! It shows the save's failure, puts the server's field errors beside the fields they name,
//! moves focus to the first field with a problem, and keeps Cancel and Save where operators
//! expect them. The page validates in core and runs its [`Action`] from `on_submit`.

use backup_console_core::api::{ApiError, FieldErrors};
use backup_console_core::spec::FormValues;
use leptos::prelude::*;

use crate::action::Action;
use crate::components::draft::{self, DraftScope};
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
    // Build the fields first: they register their values for the draft.
    let scope = DraftScope::new();
    provide_context(scope);
    let body = children();
    let restored = keep_drafts(scope, action);
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
            {move || restored.get().then(|| view! {
                <div class="banner notice" role="status" data-testid="draft-restored">
                    <p>"What you typed here before and did not save is back. "
                        <button type="button" data-testid="draft-discard" on:click=move |_| restored.set(false)>"Discard draft"</button>
                    </p>
                </div>
            })}
            {body}
            <div class="actions">
                <a class="button" href=cancel_href data-testid="form-cancel">"Cancel"</a>
                <button type="submit" class="primary" data-testid="form-submit" disabled=move || action.busy.get()>
                    {move || if action.busy.get() { "Saving…".to_owned() } else { label.clone() }}
                </button>
            </div>
        </form>
    }
}

/// Restore the form's drafts, keep them as the operator types, and discard them on request
/// (when the returned signal turns false). Returns whether a draft was restored.
fn keep_drafts(scope: DraftScope, action: Action) -> RwSignal<bool> {
    let page = draft::current_page();
    action.forget_drafts_of(&page);
    let restored = RwSignal::new(false);
    for (index, (values, secrets)) in scope.entries().into_iter().enumerate() {
        let key = draft::key_for(&page, index);
        let initial = values.get_untracked();
        let secrets_kept = secrets.clone();
        let without_secrets = move |v: &FormValues| -> FormValues {
            v.iter()
                .filter(|(k, _)| !secrets.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        if let Some(saved) = draft::read(&key).filter(|d| *d != without_secrets(&initial)) {
            values.update(|v| v.extend(saved));
            restored.set(true);
        }
        let (write_key, discard_key) = (key.clone(), key);
        let baseline = without_secrets(&initial);
        Effect::new(move |_| {
            let now = values.get();
            if without_secrets(&now) == baseline {
                draft::forget(&write_key);
            } else {
                draft::write(&write_key, &now, &secrets_kept);
            }
        });
        // "Discard draft": back to what the form started with.
        Effect::new(move |was: Option<bool>| {
            let shown = restored.get();
            if was == Some(true) && !shown {
                draft::forget(&discard_key);
                values.set(initial.clone());
            }
            shown
        });
    }
    restored
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
