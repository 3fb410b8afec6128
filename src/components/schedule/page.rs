//! `/schedule`: the standalone editor. Its state lives in the URL (`cron`, `tz`, `count`,
//! `from`, `window`, and `dialect=cyborgbackup` for CyBorgBackup's six-field form), so a
//! schedule can be shared as a link and survives a reload.

use backup_console_core::schedule::{BackupWindow, Dialect};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::cron_editor::{next_runs, CronEditor};
use super::parse_instant;
use super::window_grid::WindowGrid;
use crate::paths::href;
use crate::paths::use_navigate;

const DEFAULT_CRON: &str = "0 5 * * MON";
const MAX_COUNT: usize = 100;

#[component]
pub fn SchedulePage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let param = |key: &str| query.get(key).filter(|v| !v.trim().is_empty());
    let dialect = RwSignal::new(match param("dialect").as_deref() {
        Some("cyborgbackup") => Dialect::CyBorgBackup,
        _ => Dialect::Standard,
    });
    let cron = RwSignal::new(param("cron").unwrap_or_else(|| DEFAULT_CRON.to_owned()));
    let tz = RwSignal::new(param("tz").unwrap_or_else(|| "UTC".to_owned()));
    let count = RwSignal::new(
        param("count")
            .and_then(|c| c.parse::<usize>().ok())
            .map_or(5, |c| c.clamp(1, MAX_COUNT)),
    );
    let from_text = RwSignal::new(param("from").unwrap_or_default());
    let from = Signal::derive(move || parse_instant(&from_text.get()));
    let window_problem = RwSignal::new(None::<String>);
    let window = RwSignal::new(
        match param("window").map(|w| BackupWindow::from_compact(&w)) {
            Some(Ok(w)) => w,
            Some(Err(e)) => {
                window_problem.set(Some(format!("The window in the link was ignored: {e}")));
                BackupWindow::always()
            }
            None => BackupWindow::always(),
        },
    );
    let runs = Signal::derive(move || {
        next_runs(
            &cron.get(),
            dialect.get(),
            &tz.get(),
            from.get(),
            count.get(),
        )
    });

    // Keep the address in step with the editor, without adding history entries.
    let navigate = use_navigate();
    Effect::new(move |_| {
        let mut params = vec![("cron", cron.get())];
        if dialect.get() == Dialect::CyBorgBackup {
            params.push(("dialect", "cyborgbackup".to_owned()));
        }
        params.extend([("tz", tz.get()), ("count", count.get().to_string())]);
        let from = from_text.get();
        if !from.trim().is_empty() {
            params.push(("from", from));
        }
        let w = window.get();
        if w != BackupWindow::always() {
            params.push(("window", w.to_compact()));
        }
        let search: Vec<String> = params
            .into_iter()
            .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(&v)))
            .collect();
        navigate(
            &format!("{}?{}", href("/schedule"), search.join("&")),
            crate::paths::replace_here(),
        );
    });

    view! {
        <h1>"Schedule editor"</h1>
        <p class="muted">"Write a cron expression, see what it means and when it runs, and check it against a backup window. The address of this page is a link to exactly this schedule."</p>
        <section class="panel">
            <h2>"Cron expression"</h2>
            <div class="field">
                <label for="dialect-select">"Dialect"</label>
                <select
                    id="dialect-select"
                    data-testid="dialect-select"
                    prop:value=move || if dialect.get() == Dialect::CyBorgBackup { "cyborgbackup" } else { "standard" }
                    on:change=move |ev| dialect.set(if event_target_value(&ev) == "cyborgbackup" { Dialect::CyBorgBackup } else { Dialect::Standard })
                >
                    <option value="standard">"Standard cron (5 fields; Scheduled Backup API)"</option>
                    <option value="cyborgbackup">"CyBorgBackup (6 fields, the last one the year)"</option>
                </select>
            </div>
            {move || {
                let dialect = dialect.get();
                view! { <CronEditor value=cron tz=tz dialect=dialect count=count from=from id="schedule-cron" /> }
            }}
            <div class="inline-fields">
                <label>
                    "Runs to list "
                    <input
                        type="number"
                        min="1"
                        max=MAX_COUNT
                        data-testid="count-input"
                        prop:value=move || count.get().to_string()
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                                count.set(n.clamp(1, MAX_COUNT));
                            }
                        }
                    />
                </label>
                <label>
                    "After (ISO 8601, empty for now) "
                    <input
                        data-testid="from-input"
                        placeholder="2026-11-30T00:00:00Z"
                        prop:value=move || from_text.get()
                        on:change=move |ev| from_text.set(event_target_value(&ev).trim().to_owned())
                    />
                </label>
                {move || (!from_text.get().is_empty() && from.get().is_none())
                    .then(|| view! { <p class="field-error" data-testid="from-error">"Write the instant like 2026-11-30T00:00:00Z; listing runs from now."</p> })}
            </div>
        </section>
        <section class="panel">
            <h2>"Backup window"</h2>
            {move || window_problem.get().map(|p| view! { <p class="field-error" data-testid="window-error">{p}</p> })}
            <WindowGrid window=window runs=runs />
        </section>
    }
}
