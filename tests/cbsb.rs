//! Component tests of the Cloudback settings form and the Scheduled Backup plan form, in
//! headless Chromium: what is checked before anything is sent, and what the fields offer.
#![cfg(target_arch = "wasm32")]

use backup_console::session::Session;
use backup_console::vendors::cloudback::settings::SettingsEditor;
use backup_console::vendors::scheduled_backup::plans::PlanForm;
use backup_console_core::spec::FormValues;
use backup_console_core::vendors::cloudback::forms::settings_values;
use backup_console_core::vendors::cloudback::models::Definition;
use leptos::prelude::*;
use leptos_router::components::Router;
use serde_json::json;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

mod common;

use common::{count, find, fire, mount, text};

wasm_bindgen_test_configure!(run_in_browser);

async fn settle() {
    gloo_timers::future::TimeoutFuture::new(30).await;
}

fn type_into(root: &HtmlElement, testid: &str, value: &str) {
    let input = find(root, &format!("[data-testid={testid}]"));
    input.unchecked_ref::<HtmlInputElement>().set_value(value);
    fire(&input, "input");
}

fn choose(root: &HtmlElement, testid: &str, value: &str) {
    let select = find(root, &format!("[data-testid={testid}]"));
    select.unchecked_ref::<HtmlSelectElement>().set_value(value);
    fire(&select, "change");
}

fn click(root: &HtmlElement, testid: &str) {
    find(root, &format!("[data-testid={testid}]")).click();
}

/// The Cloudback settings form keeps a retention the dashboard no longer offers, suggests the
/// schedules seen, and refuses an empty name before anything is sent.
#[wasm_bindgen_test]
async fn cloudback_settings_form_keeps_unknown_values_and_checks_names() {
    let definition = Definition::from_value(json!({
        "platform": "GitHub", "account": "acme", "backupSubjectName": "legacy",
        "backupSubjectType": "Repository",
        "settings": {"enabled": false, "schedule": "Weekly on Sunday", "storage": "Acme S3 archive",
                     "retention": "Last 7 days", "legalHold": true}
    }))
    .unwrap();
    let values = RwSignal::new(settings_values(&definition.settings));
    let seen = Signal::derive(|| {
        BTreeMap::from([(
            "schedules",
            vec![("Daily at 3 am".to_owned(), "Daily at 3 am".to_owned())],
        )])
    });
    let subject = definition.subject();
    let root = mount(move || {
        provide_context(Session::new());
        view! {
            <Router>
                <SettingsEditor conn="nowhere".to_owned() api_path="/api/ops".to_owned() subject=subject base=definition values=values seen=seen />
            </Router>
        }
    });
    settle().await;
    let retention = find(&root, "[data-testid=field-retention]");
    assert_eq!(
        retention.unchecked_ref::<HtmlSelectElement>().value(),
        "Last 7 days"
    );
    assert_eq!(count(&root, "[data-testid=field-retention] option"), 5);
    assert!(text(&root, "[data-testid=field-retention] option").contains("not one of"));
    assert_eq!(
        find(&root, "#field-schedule-suggestions option")
            .get_attribute("value")
            .as_deref(),
        Some("Daily at 3 am")
    );
    assert_eq!(
        find(&root, "[data-testid=field-schedule]")
            .get_attribute("list")
            .as_deref(),
        Some("field-schedule-suggestions")
    );

    type_into(&root, "field-storage", "  ");
    click(&root, "form-submit");
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=error-storage]"),
        "Enter a storage's name."
    );
    assert_eq!(
        count(&root, "[data-testid=error-banner]"),
        0,
        "nothing was sent"
    );

    type_into(&root, "field-storage", "Cloudback US");
    choose(&root, "field-retention", "Last 90 days");
    let enabled = find(&root, "[data-testid=field-enabled]");
    enabled
        .unchecked_ref::<HtmlInputElement>()
        .set_checked(true);
    fire(&enabled, "change");
    click(&root, "form-submit");
    settle().await;
    assert_eq!(text(&root, "[data-testid=error-storage]"), "");
    let sent: FormValues = values.get_untracked();
    assert_eq!(
        (
            sent["enabled"].as_str(),
            sent["storage"].as_str(),
            sent["retention"].as_str()
        ),
        ("true", "Cloudback US", "Last 90 days")
    );
    // Valid: the update was sent (to a connection this test does not have).
    assert_eq!(count(&root, "[data-testid=error-banner]"), 1);
}

/// The plan form names every problem before sending: name, volumes, a calendar whose times are
/// not one pattern, a crontab that does not parse; then a valid plan goes out.
#[wasm_bindgen_test]
async fn plan_form_validates_before_sending() {
    let root = mount(|| {
        provide_context(Session::new());
        view! { <Router><PlanForm conn="nowhere".to_owned() id=None /></Router> }
    });
    settle().await;
    assert_eq!(text(&root, "[data-testid=calendar-pattern]"), "0 0 * * *");
    assert_eq!(count(&root, "[data-testid=next-run]"), 5);

    click(&root, "form-submit");
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=error-name]"),
        "Give the plan a name."
    );
    assert_eq!(
        text(&root, "[data-testid=error-resources]"),
        "Add at least one volume (its id and name)."
    );
    assert_eq!(count(&root, "[data-testid=error-banner]"), 0);

    // A volume needs a name unless it was seen before.
    type_into(&root, "field-volume_id", "vol-1");
    click(&root, "volume-add");
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=error-volume_name]"),
        "Enter the name of volume vol-1."
    );
    type_into(&root, "field-volume_name", "db");
    click(&root, "volume-add");
    settle().await;
    assert_eq!(count(&root, "[data-testid=volume]"), 1);
    assert_eq!(text(&root, "[data-testid=error-resources]"), "");
    type_into(&root, "field-name", "nightly");

    // 00:00 and 09:30 are not every chosen hour with every chosen minute.
    type_into(&root, "time-input", "09:30");
    click(&root, "time-add");
    settle().await;
    assert!(text(&root, "[data-testid=error-schedule_pattern]").contains("cannot be one schedule"));
    click(&root, "form-submit");
    settle().await;
    assert_eq!(count(&root, "[data-testid=error-banner]"), 0);

    // A crontab instead: the calendar could not be carried over, so the pattern stays.
    choose(&root, "field-schedule_type", "crontab");
    settle().await;
    assert_eq!(count(&root, "[data-testid=schedule-calendar]"), 0);
    let pattern = find(&root, "[data-testid=field-schedule_pattern]");
    assert_eq!(
        pattern.unchecked_ref::<HtmlInputElement>().value(),
        "0 0 * * *"
    );
    type_into(&root, "field-schedule_pattern", "61 * * * *");
    settle().await;
    click(&root, "form-submit");
    settle().await;
    assert!(
        text(&root, "[data-testid=error-schedule_pattern]").contains("inute"),
        "{}",
        text(&root, "[data-testid=error-schedule_pattern]")
    );
    assert_eq!(count(&root, "[data-testid=error-banner]"), 0);

    type_into(&root, "field-schedule_pattern", "*/30 * * * *");
    settle().await;
    click(&root, "form-submit");
    settle().await;
    assert_eq!(text(&root, "[data-testid=error-name]"), "");
    assert_eq!(
        count(&root, "[data-testid=error-banner]"),
        1,
        "valid: the plan was sent (to a connection this test does not have)"
    );
}
