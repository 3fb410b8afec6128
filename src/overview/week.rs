//! `/schedule/week`: every job's runs for a week on one timeline, in the viewer's zone or one
//! picked (`zone`), from a first day (`from`, `YYYY-MM-DD`, today by default), as a timeline or
//! as a table (`view=table`), all in the URL.

use backup_console_core::jobs::week::{changes, density, rows, Week};
use backup_console_core::schedule::Zone;
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::board::{Board, SourceCards};
use super::timeline::{RunTable, Timeline};
use crate::components::panel::PageHead;
use crate::paths::{href, replace_here};
use crate::paths::{use_query_pairs, with_query};

/// What the URL asks for.
#[derive(Clone, Debug, PartialEq)]
struct WeekQuery {
    zone: Option<Zone>,
    from: Option<NaiveDate>,
    table: bool,
}

impl WeekQuery {
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim());
        Self {
            zone: get("zone").and_then(|z| z.parse().ok()),
            from: get("from").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            table: get("view") == Some("table"),
        }
    }

    fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if let Some(zone) = self.zone {
            pairs.push(("zone".into(), zone.name().into()));
        }
        if let Some(from) = self.from {
            pairs.push(("from".into(), from.format("%Y-%m-%d").to_string()));
        }
        if self.table {
            pairs.push(("view".into(), "table".into()));
        }
        pairs
    }
}

#[component]
pub fn WeekPage() -> impl IntoView {
    let board = Board::new();
    let pairs = use_query_pairs();
    let query = Memo::new(move |_| WeekQuery::from_pairs(&pairs.get()));
    let zone = Memo::new(move |_| query.get().zone.unwrap_or_else(crate::clock::zone));
    let week = Memo::new(move |_| {
        let zone = zone.get();
        match query.get().from {
            Some(day) => Week::new(zone, day),
            None => Week::starting_on_the_day_of(zone, board.now.get()),
        }
    });
    let laid_out = Memo::new(move |_| week.with(|w| rows(&board.all(), w)));
    let slots = Memo::new(move |_| laid_out.with(|(r, _)| week.with(|w| density(r, w))));
    let shifts = Memo::new(move |_| week.with(changes));
    let navigate = use_navigate();
    let go = Callback::new(move |q: WeekQuery| {
        navigate(
            &with_query(&href("/schedule/week"), &q.to_pairs()),
            replace_here(),
        )
    });
    let shift = move |days: i64| {
        let mut q = query.get_untracked();
        q.from = Some(week.get_untracked().first_day + Duration::days(days));
        go.run(q);
    };
    let set_zone = move |ev| {
        let mut q = query.get_untracked();
        q.zone = event_target_value(&ev).parse().ok();
        go.run(q);
    };
    let set_view = move |table: bool| {
        let mut q = query.get_untracked();
        q.table = table;
        go.run(q);
    };
    let title = Signal::derive(move || {
        week.with(|w| {
            let last = w.first_day + Duration::days(6);
            format!(
                "Week of schedules: {} to {} ({})",
                w.first_day.format("%a %d %b"),
                last.format("%a %d %b %Y"),
                w.zone
            )
        })
    });
    let picked = move || {
        query
            .get()
            .zone
            .map(|z| z.name().to_owned())
            .unwrap_or_default()
    };
    let display = format!("My display zone ({})", crate::clock::zone());
    view! {
        <PageHead title=title testid="week-title" />
        <div class="week-controls" role="group" aria-label="Which week">
            <button type="button" data-testid="week-previous" on:click=move |_| shift(-7)>"Previous week"</button>
            <button type="button" data-testid="week-today" on:click=move |_| {
                let mut q = query.get_untracked();
                q.from = None;
                go.run(q);
            }>"This week"</button>
            <button type="button" data-testid="week-next" on:click=move |_| shift(7)>"Next week"</button>
            <label>"Times in "
                <select data-testid="week-zone" prop:value=picked on:change=set_zone>
                    <option value="">{display}</option>
                    {Zone::all().map(|z| view! { <option value=z.name()>{z.name()}</option> }).collect_view()}
                </select>
            </label>
            <span role="group" aria-label="Show as">
                <button type="button" data-testid="week-as-timeline" aria-pressed=move || (!query.get().table).to_string()
                    on:click=move |_| set_view(false)>"Timeline"</button>
                <button type="button" data-testid="week-as-table" aria-pressed=move || query.get().table.to_string()
                    on:click=move |_| set_view(true)>"Table"</button>
            </span>
        </div>
        <details class="week-sources">
            <summary>"Connections"</summary>
            <SourceCards board=board />
        </details>
        {move || {
            let (rows, _) = laid_out.get();
            let week = week.get();
            if query.get().table {
                view! { <RunTable week=week rows=rows /> }.into_any()
            } else {
                view! { <Timeline week=week rows=rows slots=slots.get() shifts=shifts.get() now=board.now.get() /> }.into_any()
            }
        }}
        {move || {
            let base = crate::paths::base_path();
            let left = laid_out.with(|(_, left)| left.clone());
            (!left.is_empty()).then(|| view! {
                <h2>"Not on the timeline"</h2>
                <ul class="week-left" data-testid="week-left">
                    {left.into_iter().map(|l| view! {
                        <li data-key=l.key><a href=format!("{base}{}", l.route)>{l.name}</a>" — "{l.why}</li>
                    }).collect_view()}
                </ul>
            })
        }}
    }
}
