//! A policy's runs in the current month, grouped by day.

use backup_console_core::vendors::cyborgbackup::models::Calendar;
use backup_console_core::vendors::cyborgbackup::requests;
use leptos::prelude::*;

use crate::components::panel::Panel;
use crate::load::use_load;

/// Runs as `(day, [instants])`, in the order the service gave them.
fn by_day(runs: Vec<String>) -> Vec<(String, Vec<String>)> {
    let mut days: Vec<(String, Vec<String>)> = Vec::new();
    for run in runs {
        let day = run.get(..10).unwrap_or(&run).to_owned();
        match days.last_mut() {
            Some((d, times)) if *d == day => times.push(run),
            _ => days.push((day, vec![run])),
        }
    }
    days
}

#[component]
pub fn PolicyCalendar(conn: String, id: u64) -> impl IntoView {
    let runs = use_load::<Calendar>(move || Some((conn.clone(), requests::calendar(id))));
    view! {
        <div data-testid="calendar">
            <Panel load=runs heading="Runs this month" loading_label="Loading calendar…" render={|runs: Calendar| {
                if runs.is_empty() {
                    return view! { <p data-testid="calendar-empty">"No runs this month."</p> }.into_any();
                }
                let total = runs.len();
                view! {
                    <p class="muted" data-testid="calendar-count">{total}" runs"</p>
                    <ul class="calendar">
                        {by_day(runs).into_iter().map(|(day, times)| view! {
                            <li>
                                <strong>{day}</strong>" "
                                {times.into_iter().map(|t| {
                                    let label = t.get(11..16).unwrap_or(&t).to_owned();
                                    view! { <time data-testid="calendar-run" datetime=t>{label}</time>" " }
                                }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }} />
        </div>
    }
}
