//! Loading indicators and error banners.

use backup_console_core::api::ApiError;
use backup_console_core::vendors::Vendor;
use leptos::prelude::*;

#[component]
pub fn Loading(#[prop(into, default = "Loading…".into())] label: String) -> impl IntoView {
    view! {
        <p class="loading" role="status" aria-live="polite" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            {label}
        </p>
    }
}

/// The vendor whose pages are showing: its errors read in its own terms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurrentVendor(pub Vendor);

/// A failure in the operator's words, with the kind for tests and styling.
#[component]
pub fn ErrorBanner(error: ApiError) -> impl IntoView {
    let kind = error.kind();
    let message = match use_context::<CurrentVendor>() {
        Some(CurrentVendor(vendor)) => vendor.explain(&error),
        None => error.to_string(),
    };
    let detail = match &error {
        ApiError::Unreachable { detail } | ApiError::Malformed { detail } if !detail.is_empty() => {
            Some(detail.clone())
        }
        _ => None,
    };
    view! {
        <div class="banner error" role="alert" data-testid="error-banner" data-kind=kind>
            <p>{message}</p>
            {detail.map(|d| view! { <details><summary>"Details"</summary><code>{d}</code></details> })}
        </div>
    }
}

#[component]
pub fn Notice(#[prop(into)] message: String) -> impl IntoView {
    view! { <div class="banner notice" role="status" data-testid="notice">{message}</div> }
}
