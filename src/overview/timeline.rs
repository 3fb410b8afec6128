//! The week drawn: days along the top, how many runs start in each hour, one row per job with
//! its backup window shaded and its runs marked (those the window blocks stand out), the
//! zone's daylight-saving changes as lines where they happen, and now. Runs are focusable:
//! Tab reaches each job's runs, arrows move along a row (Home, End) and between rows. The
//! same runs as a table are the [`RunTable`].

use backup_console_core::format::iso;
use backup_console_core::jobs::week::{Change, Row, Slot, Week};
use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use crate::clock::label_in;
use crate::paths::base_path;

/// A position on the week as a CSS percentage. Set through `style:` (the CSS object model):
/// the console's policy refuses `style` attributes.
fn pct(position: f64) -> String {
    format!("{:.4}%", position * 100.0)
}

/// "Tue 24 Nov 02:00 CET" in the week's zone.
fn short(t: DateTime<Utc>, week: &Week) -> String {
    t.with_timezone(&week.zone)
        .format("%a %d %b %H:%M %Z")
        .to_string()
}

/// Move focus among runs: along the row, or to the first run of the row above or below.
fn on_key(ev: KeyboardEvent) {
    let Some(run) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let runs_of = |row: &Element| row.query_selector_all(".run").ok();
    let row = run.closest(".week-row").ok().flatten();
    let target: Option<Element> = match ev.key().as_str() {
        "ArrowRight" => run.next_element_sibling(),
        "ArrowLeft" => run
            .previous_element_sibling()
            .filter(|e| e.class_list().contains("run")),
        "Home" | "End" => row.as_ref().and_then(runs_of).and_then(|all| {
            let index = if ev.key() == "Home" {
                0
            } else {
                all.length().saturating_sub(1)
            };
            all.item(index).and_then(|n| n.dyn_into().ok())
        }),
        "ArrowDown" | "ArrowUp" => {
            let next = row.as_ref().and_then(|r| {
                if ev.key() == "ArrowDown" {
                    r.next_element_sibling()
                } else {
                    r.previous_element_sibling()
                }
            });
            next.and_then(|r| r.query_selector(".run").ok().flatten())
        }
        _ => return,
    };
    if let Some(element) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        ev.prevent_default();
        let _ = element.focus();
    }
}

#[component]
pub fn Timeline(
    week: Week,
    rows: Vec<Row>,
    slots: Vec<Slot>,
    shifts: Vec<Change>,
    now: DateTime<Utc>,
) -> impl IntoView {
    let days = week
        .days
        .iter()
        .map(|d| {
            let end = d.start + Duration::hours(d.hours);
            let label = d.date.format("%a %d %b").to_string();
            let hours = (d.hours != 24).then(|| format!(" ({} h)", d.hours));
            view! { <span class="week-day" style:left=pct(week.position(d.start)) style:width=pct(week.position(end) - week.position(d.start))>{label}{hours}</span> }
        })
        .collect_view();
    let busiest = slots.iter().max_by_key(|s| s.count).filter(|s| s.count > 0);
    let summary = busiest.map_or_else(
        || "No runs start this week.".to_owned(),
        |s| {
            format!(
                "Most runs starting in one hour: {} ({}).",
                s.count,
                short(s.start, &week)
            )
        },
    );
    let width = 1.0 / slots.len().max(1) as f64;
    let density = slots
        .iter()
        .map(|s| {
            let level = s.count.min(4);
            let title = format!("{}: {} run{} ({})", short(s.start, &week), s.count, if s.count == 1 { "" } else { "s" }, s.jobs.join(", "));
            view! {
                <span class=format!("slot d-{level}") style:left=pct(s.position) style:width=pct(width) title=title
                    data-testid="density-slot" data-count=s.count data-at=iso(s.start)></span>
            }
        })
        .collect_view();
    let lines = shifts
        .iter()
        .map(|c| view! {
            <div class="dst-change" class:late={c.position > 0.6} style:left=pct(c.position) data-testid="dst-change" data-at=iso(c.at)>
                <span>{c.text.clone()}</span>
            </div>
        })
        .collect_view();
    let now_line = week.contains(now).then(
        || view! { <div class="now-line" style:left=pct(week.position(now)) title="Now"></div> },
    );
    let base = base_path();
    let job_rows = rows
        .into_iter()
        .map(|row| {
            let windows = row.window.iter().map(|(a, b)| view! { <span class="window" style:left=pct(*a) style:width=pct(*b - *a)></span> }).collect_view();
            let name = row.name.clone();
            let runs = row
                .runs
                .iter()
                .enumerate()
                .map(|(i, run)| {
                    let outside = if run.outside_window { ", outside the backup window" } else { "" };
                    let label = format!("{name}: {}{outside}", short(run.at, &week));
                    view! {
                        <time class="run" class:outside=run.outside_window datetime=iso(run.at) tabindex=if i == 0 { "0" } else { "-1" }
                            style:left=pct(run.position) aria-label=label.clone() title=label data-testid="week-run"
                            data-outside=run.outside_window.to_string()></time>
                    }
                })
                .collect_view();
            let window = row.window_summary.clone().map(|w| format!(" · window {w}"));
            let cut = row.cut.then_some(" · more runs than shown");
            view! {
                <li class="week-row" data-testid="week-row" data-key=row.key.clone()>
                    <div class="week-label">
                        <a href=format!("{base}{}", row.route)>{row.name.clone()}</a>
                        <small class="muted">{format!("{} · {} · {}", row.connection_label, row.vendor.title(), row.schedule)}{window}{cut}</small>
                    </div>
                    <div class="week-track" role="group" aria-label=format!("Runs of {}", row.name) on:keydown=on_key>
                        {windows}{runs}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="week" data-testid="week" data-zone=week.zone.name() data-from=iso(week.from) data-to=iso(week.to)>
            <p class="muted">{summary.clone()}" Shaded: each job's backup window. Marked: runs the window blocks."</p>
            <div class="week-grid">
                <div class="week-head" aria-hidden="true">{days}</div>
                <div class="week-density" role="img" aria-label=format!("Runs starting per hour. {summary}")>{density}</div>
                <div class="week-overlay" aria-hidden="true">{lines}{now_line}</div>
                <ul class="week-rows" aria-label="Jobs">{job_rows}</ul>
            </div>
            <ul class="dst-notes" aria-label="Daylight-saving changes">
                {shifts.iter().map(|c| view! { <li>{format!("{}: {}", short(c.at, &week), c.text)}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The week's runs as a table, in time order.
#[component]
pub fn RunTable(week: Week, rows: Vec<Row>) -> impl IntoView {
    let mut runs: Vec<(DateTime<Utc>, bool, Row)> = rows
        .iter()
        .flat_map(|row| {
            row.runs
                .iter()
                .map(move |r| (r.at, r.outside_window, row.clone()))
        })
        .collect();
    runs.sort_by(|a, b| (a.0, &a.2.name).cmp(&(b.0, &b.2.name)));
    let base = base_path();
    view! {
        <table class="data-table" data-testid="week-table">
            <caption>{format!("Runs from {} to {}", short(week.from, &week), short(week.to, &week))}</caption>
            <thead><tr><th scope="col">"When"</th><th scope="col">"Job"</th><th scope="col">"Connection"</th><th scope="col">"Backup window"</th></tr></thead>
            <tbody>
                {runs.into_iter().map(|(at, outside, row)| view! {
                    <tr data-testid="week-table-run" data-key=row.key.clone() data-outside=outside.to_string()>
                        <td><time datetime=iso(at)>{label_in(at, week.zone)}</time></td>
                        <td><a href=format!("{base}{}", row.route)>{row.name.clone()}</a></td>
                        <td>{row.connection_label.clone()}</td>
                        <td>{if outside { "Outside: it will not start" } else { "" }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
