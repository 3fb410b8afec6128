//! The 7x24 backup-window grid: paint allowed hours with the mouse (click and drag) or the
//! keyboard (arrows move, Space toggles, Shift+arrows paint a rectangle), toggle whole days or
//! hours from the headers, start from presets; the schedule's runs are drawn on it and the
//! ones the window blocks are flagged.

use std::collections::HashMap;

use backup_console_core::schedule::cron::WEEKDAY_NAMES;
use backup_console_core::schedule::window::{BackupWindow, DAYS, DAY_NAMES, HOURS, MONDAY_FIRST};
use backup_console_core::schedule::Zone;
use chrono::{DateTime, Datelike, Timelike};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{iso_with_offset, run_label};

/// Where the keyboard is: display row (Monday first) and hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cursor {
    row: usize,
    hour: usize,
}

/// Move the cursor for an arrow or Home/End key; `None` for other keys.
fn moved(cursor: Cursor, key: &str) -> Option<Cursor> {
    let Cursor { row, hour } = cursor;
    Some(match key {
        "ArrowLeft" => Cursor {
            row,
            hour: hour.saturating_sub(1),
        },
        "ArrowRight" => Cursor {
            row,
            hour: (hour + 1).min(HOURS - 1),
        },
        "ArrowUp" => Cursor {
            row: row.saturating_sub(1),
            hour,
        },
        "ArrowDown" => Cursor {
            row: (row + 1).min(DAYS - 1),
            hour,
        },
        "Home" => Cursor { row, hour: 0 },
        "End" => Cursor {
            row,
            hour: HOURS - 1,
        },
        _ => return None,
    })
}

/// Fill the rectangle between two display-order cursors.
fn paint(window: &mut BackupWindow, a: Cursor, b: Cursor, allowed: bool) {
    for &day in &MONDAY_FIRST[a.row.min(b.row)..=a.row.max(b.row)] {
        for hour in a.hour.min(b.hour)..=a.hour.max(b.hour) {
            window.set(day, hour, allowed);
        }
    }
}

#[component]
pub fn WindowGrid(
    window: RwSignal<BackupWindow>,
    /// Runs of the current schedule, drawn on the grid.
    #[prop(into, default = Signal::derive(Vec::new))]
    runs: Signal<Vec<DateTime<Zone>>>,
) -> impl IntoView {
    let cursor = RwSignal::new(Cursor { row: 0, hour: 0 });
    // Shift-selection starts where Space last painted, with that value.
    let anchor = RwSignal::new(None::<(Cursor, bool)>);
    let painting = RwSignal::new(None::<bool>);
    let grid_ref = NodeRef::<leptos::html::Div>::new();

    // A click must not scroll the grid away from under the pointer; the keyboard may.
    let focus_cursor = move |from_pointer: bool| {
        let Cursor { row, hour } = cursor.get_untracked();
        if let Some(grid) = grid_ref.get_untracked() {
            if let Ok(Some(cell)) =
                grid.query_selector(&format!("[data-row='{row}'][data-hour='{hour}']"))
            {
                if let Ok(cell) = cell.dyn_into::<web_sys::HtmlElement>() {
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(from_pointer);
                    let _ = cell.focus_with_options(&options);
                }
            }
        }
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        let here = cursor.get_untracked();
        if key == " " || key == "Enter" {
            ev.prevent_default();
            let allowed =
                !window.with_untracked(|w| w.is_allowed(MONDAY_FIRST[here.row], here.hour));
            window.update(|w| w.set(MONDAY_FIRST[here.row], here.hour, allowed));
            anchor.set(Some((here, allowed)));
            return;
        }
        let Some(next) = moved(here, &key) else {
            return;
        };
        ev.prevent_default();
        if ev.shift_key() {
            let (start, allowed) = anchor.get_untracked().unwrap_or_else(|| {
                let allowed =
                    !window.with_untracked(|w| w.is_allowed(MONDAY_FIRST[here.row], here.hour));
                (here, allowed)
            });
            anchor.set(Some((start, allowed)));
            window.update(|w| paint(w, start, next, allowed));
        } else {
            anchor.set(None);
        }
        cursor.set(next);
        focus_cursor(false);
    };

    // Day and hour of each run, and whether the window blocks it.
    let run_cells = Memo::new(move |_| {
        let w = window.get();
        let mut cells: HashMap<(usize, usize), bool> = HashMap::new();
        for t in runs.get() {
            let day = t.weekday().num_days_from_sunday() as usize;
            let hour = t.hour() as usize;
            let blocked = !w.is_allowed(day, hour);
            *cells.entry((day, hour)).or_insert(false) |= blocked;
        }
        cells
    });
    let blocked_runs = Memo::new(move |_| window.with(|w| w.runs_outside(&runs.get())));

    let cell = move |row: usize, hour: usize| {
        let day = MONDAY_FIRST[row];
        let allowed = move || window.with(|w| w.is_allowed(day, hour));
        let run = move || run_cells.with(|c| c.get(&(day, hour)).copied());
        view! {
            <div
                role="gridcell"
                class="cell"
                class:allowed=allowed
                class:has-run=move || run().is_some()
                class:run-blocked=move || run() == Some(true)
                data-row=row
                data-day=day
                data-hour=hour
                data-testid=format!("window-cell-{day}-{hour}")
                aria-selected=move || allowed().to_string()
                aria-label=move || format!("{} {hour:02}:00, {}", WEEKDAY_NAMES[day], if allowed() { "allowed" } else { "blocked" })
                tabindex=move || if cursor.get() == (Cursor { row, hour }) { "0" } else { "-1" }
                on:mousedown=move |ev| {
                    ev.prevent_default();
                    let value = !window.with_untracked(|w| w.is_allowed(day, hour));
                    painting.set(Some(value));
                    window.update(|w| w.set(day, hour, value));
                    cursor.set(Cursor { row, hour });
                    anchor.set(Some((Cursor { row, hour }, value)));
                    focus_cursor(true);
                }
                on:mouseenter=move |_| {
                    if let Some(value) = painting.get_untracked() {
                        window.update(|w| w.set(day, hour, value));
                        // The keyboard carries on from where the drag ended.
                        cursor.set(Cursor { row, hour });
                    }
                }
            ></div>
        }
    };

    view! {
        <div class="window-editor" data-testid="window-editor">
            <div class="window-tools">
                <label for="window-preset">"Preset"</label>
                <select
                    id="window-preset"
                    data-testid="window-preset"
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        if let Some((_, preset)) = BackupWindow::presets().into_iter().find(|(n, _)| *n == name) {
                            window.set(preset);
                        }
                    }
                >
                    <option value="">"Choose…"</option>
                    {BackupWindow::presets().into_iter().map(|(name, _)| view! { <option value=name>{name}</option> }).collect_view()}
                </select>
            </div>
            <div
                class="window-grid"
                role="grid"
                aria-label="Backup window: hours when backups may run"
                aria-multiselectable="true"
                node_ref=grid_ref
                on:keydown=on_keydown
                on:mouseup=move |_| painting.set(None)
                on:mouseleave=move |_| painting.set(None)
            >
                <div role="row" class="grid-row header">
                    <span role="columnheader" class="corner"></span>
                    {(0..HOURS).map(|hour| view! {
                        <span role="columnheader">
                            <button
                                type="button"
                                class="hour-toggle"
                                tabindex="-1"
                                data-testid=format!("window-hour-{hour}")
                                aria-label=format!("Toggle {hour:02}:00 on every day")
                                on:click=move |_| window.update(|w| {
                                    let allowed = !w.hour_is_full(hour);
                                    for day in 0..DAYS {
                                        w.set(day, hour, allowed);
                                    }
                                })
                            >{format!("{hour:02}")}</button>
                        </span>
                    }).collect_view()}
                </div>
                {(0..DAYS).map(|row| {
                    let day = MONDAY_FIRST[row];
                    view! {
                        <div role="row" class="grid-row">
                            <span role="rowheader">
                                <button
                                    type="button"
                                    class="day-toggle"
                                    tabindex="-1"
                                    data-testid=format!("window-day-{day}")
                                    aria-label=format!("Toggle all of {}", WEEKDAY_NAMES[day])
                                    on:click=move |_| window.update(|w| {
                                        let allowed = !w.day_is_full(day);
                                        w.fill((day, 0), (day, HOURS - 1), allowed);
                                    })
                                >{DAY_NAMES[day]}</button>
                            </span>
                            {(0..HOURS).map(|hour| cell(row, hour)).collect_view()}
                        </div>
                    }
                }).collect_view()}
            </div>
            // Below the grid, so a longer summary never moves the cells under the pointer.
            <p class="window-summary" aria-live="polite">
                "Backups allowed: " <strong data-testid="window-summary">{move || window.with(BackupWindow::summary)}</strong>
            </p>
            <p class="muted legend">"Filled cells allow backups. Click or drag to paint; arrows, Space and Shift+arrows from the keyboard."</p>
            // Always one status line, so the page keeps its height as cells change.
            {move || {
                let blocked = blocked_runs.get();
                let listed = runs.with(Vec::len);
                if blocked.is_empty() {
                    view! {
                        <p class="window-check ok" role="status" data-testid="window-check">
                            {if listed == 0 { "No runs to check.".to_owned() } else { format!("All {listed} listed runs fall inside the window.") }}
                        </p>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="window-check blocked" role="status" data-testid="window-check">
                            {format!("{} of {listed} listed runs fall outside the window: ", blocked.len())}
                            {blocked.iter().map(|t| view! {
                                <time data-testid="window-run-blocked" datetime=iso_with_offset(t)>{run_label(t)}</time>" "
                            }).collect_view()}
                        </p>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}
