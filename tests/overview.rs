//! Component tests of the views across connections: times in the operator's display zone, the
//! zone picker keeping the choice, and the week's timeline drawn from core's layout.
#![cfg(target_arch = "wasm32")]

use backup_console::clock::{FixedNow, Time};
use backup_console::components::zone_picker::ZonePicker;
use backup_console::overview::timeline::{RunTable, Timeline};
use backup_console::prefs::{Prefs, ZoneChoice, KEY};
use backup_console_core::jobs::week::{changes, density, rows, Week};
use backup_console_core::jobs::{Job, JobSchedule, Source};
use backup_console_core::schedule::{BackupWindow, CronExpr, Dialect, Zone};
use backup_console_core::vendors::Vendor;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlSelectElement, KeyboardEvent, KeyboardEventInit};

mod common;

use common::{find, mount};

wasm_bindgen_test_configure!(run_in_browser);

async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn all(root: &HtmlElement, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

#[wasm_bindgen_test]
async fn a_time_reads_in_the_chosen_zone_and_follows_a_new_choice() {
    let prefs = RwSignal::new(None::<Prefs>);
    let root = mount(move || {
        let chosen = Prefs {
            zone: RwSignal::new(ZoneChoice::Named("Europe/Berlin".parse().unwrap())),
        };
        prefs.set(Some(chosen));
        provide_context(chosen);
        provide_context(FixedNow(at("2026-11-25T12:00:00Z")));
        view! { <Time at=at("2026-11-25T15:00:00Z") /> }
    });
    settle().await;
    let time = find(&root, "time");
    assert_eq!(time.inner_text(), "2026-11-25 16:00 CET");
    assert_eq!(
        time.get_attribute("datetime").unwrap(),
        "2026-11-25T15:00:00Z"
    );
    assert_eq!(
        time.get_attribute("title").unwrap(),
        "in 3 h · 2026-11-25 15:00 UTC"
    );
    prefs
        .get_untracked()
        .unwrap()
        .zone
        .set(ZoneChoice::Named(Zone::UTC));
    settle().await;
    assert_eq!(find(&root, "time").inner_text(), "2026-11-25 15:00 UTC");
}

#[wasm_bindgen_test]
async fn the_zone_picker_keeps_the_choice_on_this_device() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(KEY).unwrap();
    let root = mount(|| {
        provide_context(Prefs::load());
        view! { <ZonePicker /> }
    });
    settle().await;
    let select: HtmlSelectElement = find(&root, "[data-testid=display-zone]").unchecked_into();
    assert_eq!(select.value(), "browser");
    select.set_value("Asia/Tokyo");
    let init = EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    settle().await;
    assert_eq!(
        storage.get_item(KEY).unwrap().unwrap(),
        r#"{"zone":"Asia/Tokyo"}"#
    );
    assert_eq!(
        Prefs::load().zone.get_untracked(),
        ZoneChoice::Named("Asia/Tokyo".parse().unwrap())
    );
    storage.remove_item(KEY).unwrap();
}

fn job(name: &str, cron: &str, zone: &str, window: Option<BackupWindow>) -> Job {
    let mut job = Job::new(
        &Source::new("c", "Demo"),
        Vendor::Xopero,
        name,
        name,
        format!("/c/c/{name}"),
    );
    job.schedule = JobSchedule::Cron {
        expr: CronExpr::parse(cron, Dialect::Standard).unwrap(),
        zone: zone.parse().unwrap(),
    };
    job.window = window;
    job
}

fn key(root: &HtmlElement, name: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(name);
    init.set_bubbles(true);
    let target = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    target
        .dispatch_event(
            &KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
    let _ = root;
}

fn focused() -> String {
    let document = web_sys::window().unwrap().document().unwrap();
    document
        .active_element()
        .unwrap()
        .get_attribute("datetime")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_timeline_draws_core_s_week_and_moves_by_keyboard() {
    // Berlin's autumn change, a nightly job whose window blocks its noon run.
    let week = Week::new(
        "Europe/Berlin".parse().unwrap(),
        NaiveDate::from_ymd_opt(2026, 10, 19).unwrap(),
    );
    let nights = BackupWindow::nightly(&[0, 1, 2, 3, 4, 5, 6], 22, 6);
    let jobs = [
        job("nightly", "0 1,12 * * *", "Europe/Berlin", Some(nights)),
        job("weekly", "0 9 * * 1", "UTC", None),
    ];
    let (laid, _) = rows(&jobs, &week);
    let slots = density(&laid, &week);
    let shifts = changes(&week);
    let (w, l) = (week.clone(), laid.clone());
    let root = mount(move || {
        view! {
            <Timeline week=w rows=l slots=slots shifts=shifts now=at("2026-10-21T12:00:00Z") />
        }
    });
    settle().await;
    let runs = all(
        &root,
        "[data-testid=week-row]:first-child [data-testid=week-run]",
    );
    assert_eq!(runs.len(), 14);
    let outside: Vec<_> = runs
        .iter()
        .filter(|r| r.get_attribute("data-outside").as_deref() == Some("true"))
        .collect();
    assert_eq!(
        outside.len(),
        7,
        "every noon run is outside the night window"
    );
    assert_eq!(
        outside[0].get_attribute("aria-label").unwrap(),
        "nightly: Mon 19 Oct 12:00 CEST, outside the backup window"
    );
    assert_eq!(
        all(&root, "[data-testid=week-row]:first-child .window").len(),
        8
    );
    assert_eq!(all(&root, "[data-testid=dst-change]").len(), 1);
    assert_eq!(all(&root, "[data-testid=density-slot]").len(), 169);

    runs[0].focus().unwrap();
    key(&root, "ArrowRight");
    assert_eq!(focused(), runs[1].get_attribute("datetime").unwrap());
    key(&root, "End");
    assert_eq!(focused(), runs[13].get_attribute("datetime").unwrap());
    key(&root, "ArrowDown");
    assert_eq!(focused(), "2026-10-19T09:00:00Z");

    let table = mount(move || view! { <RunTable week=week rows=laid /> });
    settle().await;
    assert_eq!(all(&table, "[data-testid=week-table-run]").len(), 15);
    assert_eq!(
        all(&table, "[data-testid=week-table-run][data-outside=true]").len(),
        7
    );
}
