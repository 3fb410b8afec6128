//! `/`: every connection's jobs at once. Counts by health, each connection's card with its own
//! loading and error, and one table of every job (filters and order in the URL: `vendor`,
//! `connection`, `health`, `order`), each row linking to the job's page. Refreshes every minute
//! unless paused; the table shown downloads as CSV.

use backup_console_core::jobs::health::{counts, Health};
use backup_console_core::jobs::table::{csv, JobQuery, JobRow, COLUMNS};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::board::{Board, SourceCards, REFRESH};
use super::filters::Filters;
use crate::clock::Time;
use crate::components::data_table::Table;
use crate::components::panel::PageHead;
use crate::paths::{base_path, href, replace_here};
use crate::paths::{use_query_pairs, with_query};
use crate::session::use_session;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Show
            when=move || !session.connections.with(Vec::is_empty)
            fallback=|| view! {
                <h1>"Overview"</h1>
                <p data-testid="no-connections">"No connections yet. "<a href=href("/connections")>"Add a connection"</a>" to a backup service to start."</p>
            }
        >
            <Overview />
        </Show>
    }
}

#[component]
fn Overview() -> impl IntoView {
    let board = Board::new();
    let pairs = use_query_pairs();
    let query = Memo::new(move |_| JobQuery::from_pairs(&pairs.get()));
    let rows = Memo::new(move |_| {
        let now = board.now.get();
        board
            .all()
            .into_iter()
            .map(|job| JobRow::of(job, now))
            .collect::<Vec<_>>()
    });
    let shown = Signal::derive(move || query.with(|q| rows.with(|r| q.apply(r))));
    let navigate = use_navigate();
    let go = Callback::new(move |q: JobQuery| {
        navigate(&with_query(&href("/"), &q.to_pairs()), replace_here())
    });
    let on_sort = Callback::new(move |order: String| {
        let mut q = query.get_untracked();
        q.order = Some(order);
        go.run(q);
    });
    let order_by = Signal::derive(move || Some(query.with(|q| q.order_or_default().to_owned())));
    let problem = RwSignal::new(None::<String>);
    let export = move |_| {
        let name = format!(
            "backup-jobs-{}.csv",
            board.now.get_untracked().format("%Y%m%d-%H%M")
        );
        let text = csv(&shown.get_untracked());
        problem.set(crate::download::download(&name, "text/csv;charset=utf-8", &text).err());
    };
    let toolbar = move || {
        view! {
            <span class="muted" data-testid="updated">"Updated "{move || view! { <Time at=board.now.get() /> }}</span>
            <button type="button" data-testid="refresh-now" on:click=move |_| board.refresh()>"Refresh now"</button>
            <button type="button" data-testid="refresh-pause" aria-pressed=move || board.paused.get().to_string()
                title=format!("Every {} s the overview asks every connection again.", REFRESH.as_secs())
                on:click=move |_| board.paused.update(|p| *p = !*p)>
                {move || if board.paused.get() { "Resume auto-refresh" } else { "Pause auto-refresh" }}
            </button>
            <button type="button" data-testid="export-csv" on:click=export>"Download CSV"</button>
        }
    };
    view! {
        <PageHead title="Overview" toolbar=toolbar />
        {move || problem.get().map(|p| view! { <div class="banner error" role="alert" data-testid="export-problem">{p}</div> })}
        <HealthCounts rows=rows.into() query=query.into() />
        <SourceCards board=board />
        <h2 id="jobs-heading">"Jobs"</h2>
        <Filters query=query on_change=go />
        <p class="muted" data-testid="jobs-shown" aria-live="polite">
            {move || format!("{} of {} jobs", shown.with(Vec::len), rows.with(Vec::len))}
        </p>
        <div class="table-wrap" data-testid="jobs">
            <Table
                columns=&COLUMNS
                rows=shown
                row_id=|r: &JobRow| r.job.key()
                link_base=base_path()
                caption="Every job of every connection"
                order_by=order_by
                on_sort=on_sort
            />
        </div>
    }
}

/// How many jobs are in each health; each count filters the table to it.
#[component]
fn HealthCounts(rows: Signal<Vec<JobRow>>, query: Signal<JobQuery>) -> impl IntoView {
    let counted = Memo::new(move |_| rows.with(|r| counts(r.iter().map(|row| row.health))));
    let link = move |health: Health| {
        let mut q = query.get();
        q.health = (q.health != Some(health)).then_some(health);
        with_query(&href("/"), &q.to_pairs())
    };
    view! {
        <ul class="health-counts" aria-label="Jobs by health" data-testid="health-counts">
            {move || counted.get().into_iter().map(|(health, n)| {
                let chosen = query.with(|q| q.health == Some(health));
                view! {
                    <li class=format!("health-count tone-{}", health.tone().name())>
                        <a href=link(health) data-testid=format!("count-{}", health.name()) data-count=n
                            aria-current=chosen.then_some("true")>
                            <span class="count">{n}</span>" "<span class="label">{health.label()}</span>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
