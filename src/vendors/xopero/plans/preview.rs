//! When the schedule runs: the next runs in a zone the operator picks (the agent's wall clock),
//! each flagged when the backup window blocks it, and the window itself in the 7x24 grid.

use backup_console_core::schedule::window::BackupWindow;
use backup_console_core::schedule::xopero::XoperoSchedule;
use backup_console_core::schedule::Zone;
use leptos::prelude::*;

use crate::components::schedule::cron_editor::zone_names;
use crate::components::schedule::window_grid::WindowGrid;
use crate::components::schedule::{iso_with_offset, run_label};

/// How many runs the preview lists.
const RUNS: usize = 10;

type Schedule = RwSignal<Option<XoperoSchedule>>;

#[component]
pub fn NextRuns(schedule: Schedule) -> impl IntoView {
    let tz = RwSignal::new(crate::clock::browser_zone().name().to_owned());
    let zone = Memo::new(move |_| tz.get().parse::<Zone>().ok());
    let now = crate::clock::now();
    let runs = Memo::new(move |_| {
        let Some(zone) = zone.get() else {
            return Vec::new();
        };
        schedule.with(|s| {
            s.as_ref().map_or_else(Vec::new, |s| {
                s.next_runs(zone, now, RUNS)
                    .into_iter()
                    .map(|(t, option)| {
                        let allowed = s
                            .backup_window
                            .runs_outside(std::slice::from_ref(&t))
                            .is_empty();
                        (t, option, allowed)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <div class="next-runs-preview" data-testid="schedule-preview">
            <div class="cron-tz">
                <label for="schedule-zone">"Read the times in"</label>
                <input id="schedule-zone" list="schedule-zone-names" data-testid="schedule-zone" autocomplete="off"
                    prop:value=move || tz.get() on:change=move |ev| tz.set(event_target_value(&ev).trim().to_owned())
                    on:keydown=move |ev| {
                        // Enter picks the zone; it must not save the plan around it.
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            tz.set(event_target_value(&ev).trim().to_owned());
                        }
                    } />
                <datalist id="schedule-zone-names">
                    {zone_names().map(|z| view! { <option value=z></option> }).collect_view()}
                </datalist>
                <small class="help">"The agent starts backups by its own clock: pick its time zone."</small>
                {move || zone.get().is_none().then(|| view! {
                    <p class="field-error" data-testid="schedule-zone-error">{format!("\"{}\" is not a time zone name like Europe/Warsaw.", tz.get())}</p>
                })}
            </div>
            <ol class="next-runs" data-testid="schedule-runs" aria-label="Next runs">
                {move || runs.get().into_iter().map(|(t, option, allowed)| view! {
                    <li data-testid="schedule-run" data-outside=(!allowed).to_string()>
                        <time datetime=iso_with_offset(&t)>{run_label(&t)}</time>
                        {format!(" · option {}", option + 1)}
                        {(!allowed).then(|| view! { <strong class="run-outside">" · outside the backup window: it will not start"</strong> })}
                    </li>
                }).collect_view()}
            </ol>
            {move || (zone.get().is_some() && runs.with(Vec::is_empty)).then(|| view! {
                <p class="muted" data-testid="schedule-no-runs">"No runs: the schedule has no option that runs."</p>
            })}
            <BackupWindowEditor schedule=schedule runs=Signal::derive(move || runs.get().into_iter().map(|(t, _, _)| t).collect()) />
        </div>
    }
}

/// The schedule's `backupWindow` in the grid, with what its cells mean.
#[component]
fn BackupWindowEditor(
    schedule: Schedule,
    #[prop(into)] runs: Signal<Vec<chrono::DateTime<Zone>>>,
) -> impl IntoView {
    let current = move || schedule.with(|s| s.as_ref().map(|s| s.backup_window));
    let window = RwSignal::new(current().unwrap_or_else(BackupWindow::always));
    // The grid edits its own copy; edits flow into the schedule, and a new schedule (a reload,
    // a pasted plan) reaches the grid.
    Effect::new(move |first: Option<()>| {
        let painted = window.get();
        // Only the grid's own edits: its first value may predate the schedule.
        if first.is_none() {
            return;
        }
        let differs =
            schedule.with_untracked(|s| s.as_ref().is_some_and(|s| s.backup_window != painted));
        if differs {
            schedule.update(|s| {
                if let Some(s) = s.as_mut() {
                    s.backup_window = painted;
                }
            });
        }
    });
    Effect::new(move |_| {
        if let Some(outside) = current() {
            if outside != window.get_untracked() {
                window.set(outside);
            }
        }
    });
    view! {
        <fieldset class="panel" data-testid="backup-window">
            <legend>"Backup window"</legend>
            <p>"Backups start only in the allowed hours; a task outside them does not start, and one that runs past them is stopped and marked failed."</p>
            <ul class="window-legend" data-testid="window-legend">
                <li><span class="cell allowed" aria-hidden="true"></span>" Allowed: backups may start (sent as 0)"</li>
                <li><span class="cell" aria-hidden="true"></span>" Blocked (sent as 1)"</li>
                <li><span class="cell allowed has-run" aria-hidden="true"></span>" A listed run"</li>
                <li><span class="cell run-blocked" aria-hidden="true"></span>" A listed run the window blocks"</li>
            </ul>
            <p class="muted">"Xopero does not publish what 0 and 1 mean; the console reads them from the document's example and writes the window back in the encoding it read."</p>
            <WindowGrid window=window runs=runs />
        </fieldset>
    }
}
