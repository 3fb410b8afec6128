//! Component tests in headless Chromium: each mounts one generic component, drives it the way
//! an operator would (typing, clicking, keys) and reads the DOM.
#![cfg(target_arch = "wasm32")]

use backup_console::components::confirm::ConfirmDialog;
use backup_console::components::cron_field::CronField;
use backup_console::components::data_table::DataTable;
use backup_console::components::form_field::{FormField, FormValues, ReferenceOptions};
use backup_console::components::pager::Pager;
use backup_console::components::status::ErrorBanner;
use backup_console_core::api::{ApiError, FieldErrors};
use backup_console_core::schedule::Dialect;
use backup_console_core::vendors::cyborgbackup::forms::validate_field;
use backup_console_core::vendors::cyborgbackup::Resource;
use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// Mount a view in a fresh container and return the container.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), view);
    std::mem::forget(handle);
    container
}

async fn settle() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

fn find(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

fn count(root: &HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text(root: &HtmlElement, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn fire(target: &HtmlElement, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn type_into(input: &HtmlElement, value: &str) {
    input.unchecked_ref::<HtmlInputElement>().set_value(value);
    fire(input, "input");
}

#[wasm_bindgen_test]
async fn data_table_formats_cells_and_asks_for_the_next_ordering() {
    let rows = RwSignal::new(vec![
        json!({"id": 1, "name": "Main Repo", "path": "b:/r", "original_size": 1536, "deduplicated_size": null, "ready": true, "enabled": false}),
        json!({"id": 2, "name": "Offsite", "path": "o:/r", "original_size": 722, "deduplicated_size": 10, "ready": false, "enabled": true}),
    ]);
    let order = RwSignal::new(Some("name".to_owned()));
    let asked = RwSignal::new(None::<String>);
    let root = mount(move || {
        view! {
            <DataTable
                columns=Resource::Repositories.columns()
                rows=rows
                order_by=order
                on_sort=Callback::new(move |o| asked.set(Some(o)))
                row_href=Callback::new(|row: serde_json::Value| format!("/x/{}", row["id"]))
                caption="Repositories"
            />
        }
    });
    settle().await;
    assert_eq!(count(&root, "[data-testid=row]"), 2);
    assert_eq!(
        text(&root, "tr[data-id='1'] td[data-col=original_size]"),
        "1.5 KiB"
    );
    assert_eq!(
        text(&root, "tr[data-id='1'] td[data-col=deduplicated_size]"),
        "—"
    );
    assert_eq!(text(&root, "tr[data-id='1'] td[data-col=enabled]"), "No");
    assert_eq!(
        find(&root, "tr[data-id='2'] a")
            .get_attribute("href")
            .unwrap(),
        "/x/2"
    );
    assert_eq!(count(&root, "th[aria-sort=ascending]"), 1);

    find(&root, "[data-testid=sort-name]").click();
    settle().await;
    assert_eq!(
        asked.get_untracked().as_deref(),
        Some("-name"),
        "a second click sorts descending"
    );
    find(&root, "[data-testid=sort-path]").click();
    settle().await;
    assert_eq!(asked.get_untracked().as_deref(), Some("path"));

    rows.set(Vec::new());
    settle().await;
    assert_eq!(count(&root, "[data-testid=empty]"), 1);
}

#[wasm_bindgen_test]
async fn pager_disables_buttons_at_the_ends() {
    let page = RwSignal::new(1u32);
    let root = mount(move || {
        view! { <Pager page=page total_pages=Signal::derive(|| 3) count=Signal::derive(|| 60u64) on_page=Callback::new(move |p| page.set(p)) /> }
    });
    settle().await;
    let prev = find(&root, "[data-testid=page-prev]");
    let next = find(&root, "[data-testid=page-next]");
    assert!(prev.has_attribute("disabled"));
    assert!(!next.has_attribute("disabled"));
    assert_eq!(
        text(&root, "[data-testid=page-status]"),
        "Page 1 of 3 · 60 total"
    );
    next.click();
    settle().await;
    next.click();
    settle().await;
    assert_eq!(page.get_untracked(), 3);
    assert!(next.has_attribute("disabled"));
    assert!(!prev.has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn form_field_checks_on_blur_and_clears_when_fixed() {
    let values = RwSignal::new(FormValues::new());
    let errors = RwSignal::new(FieldErrors::new());
    let spec = Resource::Users.fields()[0];
    assert_eq!(spec.key, "email");
    let root = mount(move || {
        view! { <FormField spec=spec values=values errors=errors options=Signal::derive(ReferenceOptions::new) validate=validate_field /> }
    });
    settle().await;
    let input = find(&root, "[data-testid=field-email]");
    type_into(&input, "not-an-email");
    fire(&input, "blur");
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=error-email]"),
        "Enter an email address like name@example.com."
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    type_into(&input, "ops@example.com");
    settle().await;
    assert_eq!(text(&root, "[data-testid=error-email]"), "");
    assert_eq!(values.get_untracked()["email"], "ops@example.com");

    // A server's message for the field shows the same way.
    errors.set(FieldErrors::from([(
        "email".to_owned(),
        vec!["User with this email already exists.".to_owned()],
    )]));
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=error-email]"),
        "User with this email already exists."
    );
}

#[wasm_bindgen_test]
async fn cron_field_explains_and_points_at_mistakes() {
    let value = RwSignal::new("0 5 * * MON *".to_owned());
    let root = mount(move || {
        view! { <CronField id="cron" value=value on_input=Callback::new(move |v| value.set(v)) dialect=Dialect::CyBorgBackup /> }
    });
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=cron-description]"),
        "At 05:00 on Monday"
    );
    assert_eq!(count(&root, "[data-testid=cron-next]"), 3);
    let input = find(&root, "[data-testid=cron-input]");
    type_into(&input, "0 5 * * FUN");
    settle().await;
    assert!(
        text(&root, "[data-testid=cron-error]").starts_with("Day of week field (at character 9)")
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn confirm_dialog_focuses_cancel_and_escape_cancels() {
    let outcome = RwSignal::new("");
    let root = mount(move || {
        view! {
            <ConfirmDialog
                title="Delete user"
                message="Delete user \"a@b.c\"? This cannot be undone."
                confirm_label="Delete user"
                on_confirm=Callback::new(move |_| outcome.set("confirmed"))
                on_cancel=Callback::new(move |_| outcome.set("cancelled"))
            />
        }
    });
    settle().await;
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(
        active.get_attribute("data-testid").as_deref(),
        Some("confirm-cancel")
    );
    let init = KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    find(&root, "[data-testid=confirm-dialog]")
        .dispatch_event(
            &KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
    settle().await;
    assert_eq!(outcome.get_untracked(), "cancelled");
    find(&root, "[data-testid=confirm-ok]").click();
    settle().await;
    assert_eq!(outcome.get_untracked(), "confirmed");
}

#[wasm_bindgen_test]
async fn error_banner_speaks_the_operators_language() {
    let root =
        mount(|| view! { <ErrorBanner error=ApiError::from_status(404, "{}", "policy 9") /> });
    settle().await;
    let banner = find(&root, "[data-testid=error-banner]");
    assert_eq!(
        banner.get_attribute("data-kind").as_deref(),
        Some("not-found")
    );
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(
        text(&root, "[data-testid=error-banner] p"),
        "Not found: policy 9 does not exist (it may have been deleted)."
    );
}
