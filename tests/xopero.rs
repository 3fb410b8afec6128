//! Component tests of the Xopero plan editor in headless Chromium: it checks every field (and
//! each schedule option) before anything is sent, shows each problem beside its field, reads
//! options back as sentences and flags runs outside the backup window.
#![cfg(target_arch = "wasm32")]

use backup_console::clock::FixedNow;
use backup_console::components::form_field::ReferenceOptions;
use backup_console::session::Session;
use backup_console::vendors::xopero::plans::draft::Draft;
use backup_console::vendors::xopero::plans::editor::PlanEditor;
use backup_console_core::vendors::xopero::plan::{document_defaults, BaseSource, PlanBase};
use leptos::prelude::*;
use leptos_router::components::Router;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

mod common;

use common::{count, find, fire, mount, text};

wasm_bindgen_test_configure!(run_in_browser);

async fn settle() {
    gloo_timers::future::TimeoutFuture::new(30).await;
}

fn type_into(root: &HtmlElement, selector: &str, value: &str) {
    let input = find(root, selector);
    input.unchecked_ref::<HtmlInputElement>().set_value(value);
    fire(&input, "input");
    fire(&input, "blur");
}

fn choose(root: &HtmlElement, selector: &str, value: &str) {
    let select = find(root, selector);
    select.unchecked_ref::<HtmlSelectElement>().set_value(value);
    fire(&select, "change");
}

fn click(root: &HtmlElement, selector: &str) {
    find(root, selector).click();
}

/// The editor over the document's example plan, as a plan this console knows nothing about
/// would start: no name, no storage.
fn editor(body: serde_json::Value) -> HtmlElement {
    mount(move || {
        provide_context(Session::new());
        provide_context(FixedNow(
            chrono::DateTime::parse_from_rfc3339("2026-11-27T00:00:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc),
        ));
        let draft = Draft::new();
        draft.follow(PlanBase {
            body,
            source: BaseSource::Defaults,
        });
        let options = Signal::derive(|| {
            ReferenceOptions::from([(
                "repositories",
                vec![("r1".to_owned(), "acme/api".to_owned())],
            )])
        });
        view! {
            <Router>
                <PlanEditor conn="nowhere".to_owned() draft=draft options=options cancel_href="/" />
            </Router>
        }
    })
}

#[wasm_bindgen_test]
async fn plan_editor_checks_every_field_before_sending() {
    let root = editor(document_defaults("p1", "o1", Some("w1")));
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=plan-source]"),
        format!(
            "The editor started from {}.",
            BaseSource::Defaults.describe()
        )
    );
    // Numbers are text on the wire and checked as numbers when the operator leaves the field.
    type_into(
        &root,
        "[data-testid='field-advancedOptions.maxConcurrentTasks']",
        "0",
    );
    settle().await;
    assert_eq!(
        text(
            &root,
            "[data-testid='error-advancedOptions.maxConcurrentTasks']"
        ),
        "Tasks at once must be at least 1."
    );
    type_into(&root, "[data-testid=field-backupType]", "five");
    // A weekly option with no day.
    for day in 1..=5 {
        let selector =
            format!("[data-testid=schedule-option][data-index='1'] [data-testid=option-day-{day}]");
        click(&root, &selector);
    }
    settle().await;
    assert!(text(
        &root,
        "[data-testid=schedule-option][data-index='1'] [data-testid=option-sentence]"
    )
    .contains("on no day yet"));

    click(&root, "[data-testid=form-submit]");
    settle().await;
    for (field, message) in [
        ("name", "Give the plan a name."),
        (
            "storageId",
            "Enter the id of the storage the plan writes to.",
        ),
        ("backupType", "Backup type must be a whole number."),
        (
            "advancedOptions.maxConcurrentTasks",
            "Tasks at once must be at least 1.",
        ),
    ] {
        assert_eq!(
            text(&root, &format!("[data-testid='error-{field}']")),
            message,
            "{field}"
        );
    }
    assert_eq!(
        text(&root, "[data-testid=error-option-1-days]"),
        "Choose at least one day of the week."
    );
    assert!(text(&root, "[data-testid=plan-json-blocked]").contains("storageId"));
    assert_eq!(
        count(&root, "[data-testid=error-banner]"),
        0,
        "nothing was sent"
    );

    // Fixed, the plan is sent: here to a connection that does not exist, which says so.
    type_into(&root, "[data-testid=field-name]", "Nightly");
    type_into(&root, "[data-testid=field-storageId]", "s1");
    type_into(&root, "[data-testid=field-backupType]", "5");
    type_into(
        &root,
        "[data-testid='field-advancedOptions.maxConcurrentTasks']",
        "8",
    );
    click(
        &root,
        "[data-testid=schedule-option][data-index='1'] [data-testid=option-day-3]",
    );
    settle().await;
    assert_eq!(text(&root, "[data-testid=error-name]"), "");
    assert_eq!(text(&root, "[data-testid=error-option-1-days]"), "");
    let shown: serde_json::Value =
        serde_json::from_str(&text(&root, "[data-testid=plan-json]")).unwrap();
    assert_eq!(shown["advancedOptions"]["maxConcurrentTasks"], "8");
    assert_eq!(shown["backupType"], 5);
    assert_eq!(shown["schedule"]["options"][1]["days"], json!([3]));
    click(&root, "[data-testid=form-submit]");
    settle().await;
    assert_eq!(
        find(&root, "[data-testid=error-banner]")
            .get_attribute("data-kind")
            .as_deref(),
        Some("not-found")
    );
}

#[wasm_bindgen_test]
async fn plan_editor_reads_options_as_sentences_and_flags_runs_outside_the_window() {
    let mut body = document_defaults("p1", "o1", Some("w1"));
    body["name"] = json!("Nightly");
    body["storageId"] = json!("s1");
    let root = editor(body);
    settle().await;
    let sentence = |i: usize| {
        text(
            &root,
            &format!(
                "[data-testid=schedule-option][data-index='{i}'] [data-testid=option-sentence]"
            ),
        )
    };
    assert_eq!(
        sentence(0),
        "Full backup on the 1st of every month at 17:25."
    );
    assert_eq!(
        sentence(1),
        "Incremental backup every Monday, Tuesday, Wednesday, Thursday and Friday at 17:25."
    );
    // Read the runs in a fixed zone.
    let zone = find(&root, "[data-testid=schedule-zone]");
    zone.unchecked_ref::<HtmlInputElement>().set_value("UTC");
    fire(&zone, "change");
    settle().await;
    assert_eq!(count(&root, "[data-testid=schedule-run]"), 10);
    assert_eq!(
        count(&root, "[data-testid=schedule-run][data-outside=true]"),
        0
    );

    // The last Friday of the month, at 18:00 and 06:15.
    let first = "[data-testid=schedule-option][data-index='0']";
    choose(&root, &format!("{first} [data-testid=option-nth]"), "5");
    settle().await;
    click(&root, &format!("{first} [data-testid=option-day-1]"));
    click(&root, &format!("{first} [data-testid=option-day-5]"));
    click(&root, &format!("{first} [data-testid=option-add-time]"));
    settle().await;
    assert_eq!(
        sentence(0),
        "Full backup on the last Friday of every month at 12:00 and 17:25."
    );

    // Block every hour of Friday: the runs on Fridays are flagged.
    click(&root, "[data-testid=window-day-5]");
    settle().await;
    let outside = count(&root, "[data-testid=schedule-run][data-outside=true]");
    assert!(outside >= 2, "{outside} runs flagged");
    assert!(text(&root, "[data-testid=window-check]").contains("outside the window"));
    let shown: serde_json::Value =
        serde_json::from_str(&text(&root, "[data-testid=plan-json]")).unwrap();
    assert_eq!(shown["schedule"]["backupWindow"][5], json!(vec![1; 24]));
    assert_eq!(shown["schedule"]["backupWindow"][4], json!(vec![0; 24]));
    assert_eq!(shown["schedule"]["options"][0]["nthDayOfWeek"], 5);
    assert_eq!(shown["schedule"]["options"][0]["days"], json!([5]));

    click(
        &root,
        "[data-testid=schedule-option][data-index='1'] [data-testid=option-remove]",
    );
    settle().await;
    assert_eq!(count(&root, "[data-testid=schedule-option]"), 1);
    click(&root, "[data-testid=option-add]");
    settle().await;
    assert_eq!(
        sentence(1),
        "Incremental backup every Monday, Tuesday, Wednesday, Thursday and Friday at 01:00."
    );
}

/// The repositories table: rows are chosen by checkbox, named by the repository, all at once
/// from the head; the choice is the set of ids.
#[wasm_bindgen_test]
async fn repositories_table_chooses_rows_for_bulk_actions() {
    use backup_console::components::data_table::Table;
    use backup_console_core::vendors::xopero::models::Repository;
    use backup_console_core::vendors::xopero::views::REPOSITORY_COLUMNS;
    use std::collections::BTreeSet;

    let repository = |id: &str, name: &str| Repository {
        id: id.into(),
        name: name.into(),
        ..Repository::default()
    };
    let rows = vec![
        repository("r1", "acme/api"),
        repository("r2", "acme/web"),
        repository("r3", "acme/docs"),
    ];
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let root = mount(move || {
        view! {
            <Table columns=&REPOSITORY_COLUMNS rows=rows row_id=|r: &Repository| r.id.clone()
                link_base="" caption="Repositories" selection=chosen />
        }
    });
    settle().await;
    let row_box = |id: &str| {
        find(
            &root,
            &format!("tr[data-id='{id}'] [data-testid=select-row]"),
        )
    };
    assert_eq!(
        row_box("r2").get_attribute("aria-label").as_deref(),
        Some("Choose acme/web")
    );
    row_box("r2").click();
    settle().await;
    assert_eq!(chosen.get_untracked(), BTreeSet::from(["r2".to_owned()]));
    let all = find(&root, "[data-testid=select-all]");
    assert!(!all.unchecked_ref::<HtmlInputElement>().checked());
    all.click();
    settle().await;
    assert_eq!(chosen.get_untracked().len(), 3);
    assert!(row_box("r3").unchecked_ref::<HtmlInputElement>().checked());
    all.click();
    settle().await;
    assert!(chosen.get_untracked().is_empty());
    // Chosen from outside (a finished bulk call clears the choice): the boxes follow.
    chosen.set(BTreeSet::from(["r1".to_owned()]));
    settle().await;
    assert!(row_box("r1").unchecked_ref::<HtmlInputElement>().checked());
    assert!(!row_box("r2").unchecked_ref::<HtmlInputElement>().checked());
}
