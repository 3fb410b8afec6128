//! Component tests in headless Chromium: each mounts one generic component, drives it the way
//! an operator would (typing, clicking, keys) and reads the DOM.
#![cfg(target_arch = "wasm32")]

use backup_console::components::confirm::ConfirmDialog;
use backup_console::components::data_table::Table;
use backup_console::components::form_field::{FormField, FormValues, ReferenceOptions};
use backup_console::components::pager::Pager;
use backup_console::components::schedule::cron_editor::CronEditor;
use backup_console::components::schedule::window_grid::WindowGrid;
use backup_console::components::status::ErrorBanner;
use backup_console_core::api::{ApiError, FieldErrors};
use backup_console_core::schedule::BackupWindow;
use backup_console_core::schedule::Dialect;
use backup_console_core::vendors::cyborgbackup::forms::validate_field;
use backup_console_core::vendors::cyborgbackup::Resource;
use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

mod common;

use common::{count, find, fire, mount, text};

wasm_bindgen_test_configure!(run_in_browser);

/// Let the reactive system run what the last change scheduled (effects, DOM updates): a few
/// turns of the executor, not a wait on the clock.
async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

/// The `datetime` of every listed next run, in order.
fn run_times(root: &HtmlElement) -> Vec<String> {
    let list = root.query_selector_all("[data-testid=next-run]").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| {
            n.unchecked_into::<web_sys::Element>()
                .get_attribute("datetime")
        })
        .collect()
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
            <Table
                columns=Resource::Repositories.columns()
                rows=rows
                row_id=|row: &serde_json::Value| row["id"].to_string()
                link_base="/x"
                order_by=order
                on_sort=Callback::new(move |o| asked.set(Some(o)))
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
        "/x/repositories/2"
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
async fn cron_editor_keeps_text_builder_and_presets_in_step() {
    let value = RwSignal::new("0 5 * * MON *".to_owned());
    let tz = RwSignal::new("America/New_York".to_owned());
    let from = Signal::derive(|| {
        backup_console::components::schedule::parse_instant("2026-11-25T00:00:00Z")
    });
    let root = mount(
        move || view! { <CronEditor value=value tz=tz dialect=Dialect::CyBorgBackup count=3usize from=from /> },
    );
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=cron-description]"),
        "At 05:00 on Monday"
    );
    let runs: Vec<String> = (0..3)
        .map(|i| {
            root.query_selector_all("[data-testid=next-run]")
                .unwrap()
                .get(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("datetime")
                .unwrap()
        })
        .collect();
    assert_eq!(
        runs,
        [
            "2026-11-30T05:00:00-05:00",
            "2026-12-07T05:00:00-05:00",
            "2026-12-14T05:00:00-05:00"
        ]
    );
    assert_eq!(
        count(&root, "[data-testid=cron-field-year]"),
        1,
        "six fields show the year"
    );

    // Typing in the text updates the builder; editing the builder updates the text.
    let input = find(&root, "[data-testid=cron-input]");
    type_into(&input, "0 5 * * FUN *");
    settle().await;
    assert!(
        text(&root, "[data-testid=cron-error]").starts_with("Day of week field (at character 9)")
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(count(&root, "[data-testid=next-run]"), 0);
    let hour = find(&root, "[data-testid=cron-field-hour]");
    assert_eq!(hour.unchecked_ref::<HtmlInputElement>().value(), "5");
    let dow = find(&root, "[data-testid=cron-field-day-of-week]");
    dow.unchecked_ref::<HtmlInputElement>().set_value("1-5");
    fire(&dow, "change");
    settle().await;
    assert_eq!(value.get_untracked(), "0 5 * * 1-5 *");
    assert_eq!(
        text(&root, "[data-testid=cron-description]"),
        "At 05:00 on Monday through Friday"
    );

    let preset = find(&root, "[data-testid=cron-preset]");
    preset
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value("0 3 1 * *");
    fire(&preset, "change");
    settle().await;
    assert_eq!(
        value.get_untracked(),
        "0 3 1 * * *",
        "presets take the dialect's year field"
    );
    assert_eq!(
        text(&root, "[data-testid=cron-description]"),
        "At 03:00 on day 1 of the month"
    );

    let zone = find(&root, "[data-testid=tz-input]");
    zone.unchecked_ref::<HtmlInputElement>()
        .set_value("Mars/Olympus");
    fire(&zone, "change");
    settle().await;
    assert!(text(&root, "[data-testid=tz-error]").contains("not a time zone"));
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

fn key(target: &HtmlElement, key: &str, shift: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    target
        .dispatch_event(
            &KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
}

fn active_testid() -> Option<String> {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()?
        .get_attribute("data-testid")
}

#[wasm_bindgen_test]
async fn window_grid_paints_by_drag_and_by_keyboard() {
    let window = RwSignal::new(BackupWindow::never());
    let root = mount(move || view! { <WindowGrid window=window /> });
    settle().await;
    assert_eq!(text(&root, "[data-testid=window-summary]"), "Never");
    assert_eq!(count(&root, "[role=grid] [role=gridcell]"), 168);
    assert_eq!(count(&root, "[role=grid] [role=row]"), 8);

    // Drag from Monday 22:00 to 23:00 (rows are Monday first; Xopero day 1 is Monday).
    fire(&find(&root, "[data-testid=window-cell-1-22]"), "mousedown");
    fire(&find(&root, "[data-testid=window-cell-1-23]"), "mouseenter");
    fire(&find(&root, "[role=grid]"), "mouseup");
    fire(&find(&root, "[data-testid=window-cell-2-23]"), "mouseenter");
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=window-summary]"),
        "Mon 22:00-00:00",
        "painting stops on mouseup"
    );
    assert_eq!(
        find(&root, "[data-testid=window-cell-1-22]")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );

    // Keyboard: from Monday 23:00, Down to Tuesday, Space allows it, Shift+Left paints back to 20:00.
    let cell = find(&root, "[data-testid=window-cell-1-23]");
    key(&cell, "ArrowDown", false);
    settle().await;
    assert_eq!(active_testid().as_deref(), Some("window-cell-2-23"));
    let cell = find(&root, "[data-testid=window-cell-2-23]");
    key(&cell, " ", false);
    for _ in 0..3 {
        key(&cell, "ArrowLeft", true);
    }
    settle().await;
    assert_eq!(active_testid().as_deref(), Some("window-cell-2-20"));
    assert_eq!(
        text(&root, "[data-testid=window-summary]"),
        "Mon 22:00-00:00; Tue 20:00-00:00"
    );
    assert_eq!(
        find(&root, "[data-testid=window-cell-2-20]")
            .get_attribute("tabindex")
            .as_deref(),
        Some("0"),
        "one roving tab stop"
    );

    // Whole day and whole hour toggles.
    find(&root, "[data-testid=window-day-6]").click();
    settle().await;
    assert!(window.get_untracked().day_is_full(6));
    find(&root, "[data-testid=window-hour-3]").click();
    settle().await;
    assert!(window.get_untracked().hour_is_full(3));
    find(&root, "[data-testid=window-hour-3]").click();
    settle().await;
    assert!(
        !window.get_untracked().is_allowed(6, 3),
        "a second click clears the hour"
    );

    let preset = find(&root, "[data-testid=window-preset]");
    preset
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value("Weeknights 22:00-06:00");
    fire(&preset, "change");
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=window-summary]"),
        "Mon-Fri 22:00-06:00"
    );
}

#[wasm_bindgen_test]
async fn window_grid_flags_runs_outside_the_window() {
    let window = RwSignal::new(BackupWindow::nightly(&[1, 2, 3, 4, 5], 22, 6));
    let tz: backup_console_core::schedule::Zone = "Europe/Paris".parse().unwrap();
    let cron =
        backup_console_core::schedule::CronExpr::parse("0 23,12 * * 1", Dialect::Standard).unwrap();
    let after =
        backup_console::components::schedule::parse_instant("2026-11-25T00:00:00Z").unwrap();
    let runs = cron.next_runs_in(tz, after, 2);
    let root = mount(
        move || view! { <WindowGrid window=window runs=Signal::derive(move || runs.clone()) /> },
    );
    settle().await;
    // Monday 12:00 is blocked, Monday 23:00 allowed.
    assert_eq!(count(&root, ".has-run"), 2);
    assert_eq!(count(&root, ".run-blocked"), 1);
    assert!(find(&root, "[data-testid=window-cell-1-12]")
        .class_list()
        .contains("run-blocked"));
    assert_eq!(
        find(&root, "[data-testid=window-run-blocked]")
            .get_attribute("datetime")
            .as_deref(),
        Some("2026-11-30T12:00:00+01:00")
    );
    // Allowing that hour clears the warning.
    window.update(|w| w.set(1, 12, true));
    settle().await;
    assert_eq!(count(&root, "[data-testid=window-run-blocked]"), 0);
}

/// The Rackspace configuration form checks every field before anything is sent, and shows the
/// schedule's next runs in the configuration's own zone as the frequency changes.
#[wasm_bindgen_test]
async fn rackspace_configuration_form_validates_before_sending() {
    use backup_console::session::Session;
    use backup_console::vendors::rackspace::configurations::ConfigurationForm;
    use leptos_router::components::Router;

    // Friday 2026-11-27, 10:10 in New York.
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-27T15:10:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let root = mount(move || {
        provide_context(Session::new());
        provide_context(backup_console::clock::FixedNow(now));
        view! { <Router><ConfigurationForm conn="nowhere".to_owned() tenant="1".to_owned() id=None /></Router> }
    });
    settle().await;
    // Daily at 1:00 AM Eastern by default: the next five nights, with their offsets.
    assert_eq!(
        run_times(&root),
        [
            "2026-11-28T01:00:00-05:00",
            "2026-11-29T01:00:00-05:00",
            "2026-11-30T01:00:00-05:00",
            "2026-12-01T01:00:00-05:00",
            "2026-12-02T01:00:00-05:00",
        ]
    );

    find(&root, "[data-testid=form-submit]").click();
    settle().await;
    for field in ["agent", "name", "inclusions", "recipients"] {
        assert!(
            !text(&root, &format!("[data-testid=error-{field}]")).is_empty(),
            "{field} has its message"
        );
    }

    // Hourly hides the time fields and asks for an interval instead.
    let frequency = find(&root, "[data-testid=field-frequency]");
    frequency
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value("Hourly");
    fire(&frequency, "change");
    settle().await;
    assert_eq!(count(&root, "[data-testid=field-hour]"), 0);
    assert_eq!(count(&root, "[data-testid=field-interval]"), 1);
    // Every 6 hours (the default interval), counted from local midnight.
    assert_eq!(
        run_times(&root),
        [
            "2026-11-27T12:00:00-05:00",
            "2026-11-27T18:00:00-05:00",
            "2026-11-28T00:00:00-05:00",
            "2026-11-28T06:00:00-05:00",
            "2026-11-28T12:00:00-05:00",
        ]
    );

    let name = find(&root, "[data-testid=field-name]");
    type_into(&name, "Nightly");
    let paths = find(&root, "[data-testid=field-inclusions]");
    paths
        .unchecked_ref::<web_sys::HtmlTextAreaElement>()
        .set_value("/var/www");
    fire(&paths, "input");
    find(&root, "[data-testid=form-submit]").click();
    settle().await;
    assert_eq!(text(&root, "[data-testid=error-name]"), "");
    assert_eq!(text(&root, "[data-testid=error-inclusions]"), "");
    assert!(
        !text(&root, "[data-testid=error-agent]").is_empty(),
        "still no agent chosen"
    );
}
