//! The one table: rows of any type shown through column specs from core, with sortable headers.
//!
//! [`Table`] turns typed rows into prepared rows (cell contents, links and sort keys, computed
//! once per load) and hands them to [`TableView`], which is not generic, so every row type
//! shares one copy of the rendering code. Ordering is either the server's (the page passes
//! `on_sort` and keeps the order in its URL) or the console's (by the precomputed keys).

use std::collections::BTreeSet;

use backup_console_core::format;
use backup_console_core::spec::{Cell, Column, SortKey, Sorting};
use leptos::prelude::*;

/// A row ready to show: what each column's cell says and links to, and its sort keys.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedRow {
    pub id: String,
    pub cells: Vec<Cell>,
    pub links: Vec<Option<String>>,
    pub keys: Vec<SortKey>,
}

/// A column head, whatever the row type.
#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    pub key: &'static str,
    pub label: &'static str,
    pub sortable: bool,
    pub class: &'static str,
}

pub fn prepare<T>(columns: &[Column<T>], row: &T, id: fn(&T) -> String) -> PreparedRow {
    let cells: Vec<Cell> = columns.iter().map(|c| c.cell_of(row)).collect();
    PreparedRow {
        id: id(row),
        links: columns.iter().map(|c| c.link_of(row)).collect(),
        keys: columns
            .iter()
            .zip(&cells)
            .map(|(c, cell)| match c.sort {
                Sorting::Client => cell.sort_key(),
                _ => SortKey::Missing,
            })
            .collect(),
        cells,
    }
}

/// The order a click on `key` asks for: ascending first, then descending.
pub fn next_order(current: Option<&str>, key: &str) -> String {
    if current == Some(key) {
        format!("-{key}")
    } else {
        key.to_owned()
    }
}

/// Order prepared rows by a column (`key` or `-key`), by their precomputed keys.
pub fn order_rows(heads: &[Head], rows: &mut [PreparedRow], order: &str) {
    let (key, descending) = match order.strip_prefix('-') {
        Some(k) => (k, true),
        None => (order, false),
    };
    let Some(index) = heads.iter().position(|h| h.key == key) else {
        return;
    };
    rows.sort_by(|a, b| {
        let (x, y) = (&a.keys[index], &b.keys[index]);
        match (x, y) {
            // Missing values stay last whichever way the column is ordered.
            (SortKey::Missing, _) | (_, SortKey::Missing) => x.compare(y),
            _ if descending => y.compare(x),
            _ => x.compare(y),
        }
    });
}

/// A table of typed rows. With `on_sort` the server orders (`order_by` is its current order);
/// without it the console orders by the columns marked for it, starting with `initial_order`.
#[component]
pub fn Table<T>(
    columns: &'static [Column<T>],
    #[prop(into)] rows: Signal<Vec<T>>,
    /// The identity of a row (`data-id`).
    row_id: fn(&T) -> String,
    /// Where the columns' routes live: the connection's route.
    #[prop(into)]
    link_base: String,
    #[prop(into)] caption: String,
    #[prop(optional, into)] order_by: Option<Signal<Option<String>>>,
    #[prop(optional)] on_sort: Option<Callback<String>>,
    #[prop(optional, into)] initial_order: Option<String>,
    /// Rows can be chosen (by id) for actions on several at once: a checkbox per row.
    #[prop(optional)]
    selection: Option<RwSignal<BTreeSet<String>>>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let heads: Vec<Head> = columns
        .iter()
        .map(|c| Head {
            key: c.key,
            label: c.label,
            sortable: match c.sort {
                Sorting::Server => on_sort.is_some(),
                Sorting::Client => on_sort.is_none(),
                Sorting::None => false,
            },
            class: c.width.class(),
        })
        .collect();
    // With `on_sort` the rows come ordered by the server; without, the console orders them.
    let server_ordered = on_sort.is_some();
    let prepared = Memo::new(move |_| {
        rows.with(|rs| {
            rs.iter()
                .map(|r| prepare(columns, r, row_id))
                .collect::<Vec<_>>()
        })
    });
    let (order, on_sort) = match (order_by, on_sort) {
        (Some(order), Some(on_sort)) => (order, on_sort),
        (order, on_sort) => {
            let local = RwSignal::new(initial_order);
            let order = order.unwrap_or_else(|| local.into());
            let on_sort = on_sort.unwrap_or_else(|| Callback::new(move |o| local.set(Some(o))));
            (order, on_sort)
        }
    };
    let sort_heads = heads.clone();
    let shown = Signal::derive(move || {
        let mut rows = prepared.get();
        if !server_ordered {
            if let Some(o) = order.get() {
                order_rows(&sort_heads, &mut rows, &o);
            }
        }
        rows
    });
    view! {
        <TableView heads=heads rows=shown order_by=order on_sort=on_sort link_base=link_base caption=caption selection=selection />
    }
}

/// A cell as the operator reads it: times as `<time>`, statuses as badges with their text.
pub fn cell_view(cell: Cell) -> AnyView {
    match cell {
        Cell::Mono(s) if !s.is_empty() => view! { <span class="mono">{s}</span> }.into_any(),
        Cell::Time(Some(t)) => {
            // In the zone the vendor's pages show times in (UTC unless they say otherwise).
            let label = crate::clock::time_label(t);
            view! { <time datetime=format::iso(t)>{label}</time> }.into_any()
        }
        Cell::Status { label, tone } => view! {
            <span class=format!("badge tone-{}", tone.name()) data-tone=tone.name()>{label}</span>
        }
        .into_any(),
        other => other.display().into_any(),
    }
}

#[component]
pub fn TableView(
    heads: Vec<Head>,
    #[prop(into)] rows: Signal<Vec<PreparedRow>>,
    #[prop(into)] order_by: Signal<Option<String>>,
    on_sort: Callback<String>,
    link_base: String,
    caption: String,
    #[prop(default = None)] selection: Option<RwSignal<BTreeSet<String>>>,
) -> impl IntoView {
    let columns = heads.len() + usize::from(selection.is_some());
    // Choosing every row shown, or none: the head's checkbox.
    let select_all = selection.map(|chosen| {
        let ids = move || rows.with(|rs| rs.iter().map(|r| r.id.clone()).collect::<Vec<_>>());
        let all = move || {
            let ids = ids();
            !ids.is_empty() && chosen.with(|c| ids.iter().all(|id| c.contains(id)))
        };
        view! {
            <th scope="col" class="col-select">
                <input type="checkbox" data-testid="select-all" aria-label="Choose every row shown"
                    prop:checked=all
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.update(|c| for id in ids() {
                            if on { c.insert(id); } else { c.remove(&id); }
                        });
                    }
                />
            </th>
        }
    });
    // A row is named by its first cell (a repository's name), its id failing that.
    let select_cell = move |id: String, name: String| {
        selection.map(|chosen| {
            let key = id.clone();
            view! {
                <td class="col-select">
                    <input type="checkbox" data-testid="select-row" aria-label=format!("Choose {name}")
                        prop:checked=move || chosen.with(|c| c.contains(&key))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| if on { c.insert(id.clone()); } else { c.remove(&id); });
                        }
                    />
                </td>
            }
        })
    };
    let header = move |head: Head| {
        let key = head.key;
        let sort_state = move || match order_by.get().as_deref() {
            Some(o) if o == key => "ascending",
            Some(o) if o.strip_prefix('-') == Some(key) => "descending",
            _ => "none",
        };
        if head.sortable {
            view! {
                <th scope="col" class=head.class aria-sort=sort_state>
                    <button
                        class="sort"
                        data-testid=format!("sort-{key}")
                        on:click=move |_| on_sort.run(next_order(order_by.get_untracked().as_deref(), key))
                    >
                        {head.label}
                        <span aria-hidden="true">
                            {move || match sort_state() {
                                "ascending" => " ▲",
                                "descending" => " ▼",
                                _ => "",
                            }}
                        </span>
                    </button>
                </th>
            }
            .into_any()
        } else {
            view! { <th scope="col" class=head.class>{head.label}</th> }.into_any()
        }
    };
    let keys: Vec<&'static str> = heads.iter().map(|h| h.key).collect();
    view! {
        <table class="data-table" data-testid="data-table">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr>{select_all}{heads.into_iter().map(header).collect_view()}</tr>
            </thead>
            <tbody>
                {move || {
                    let rows = rows.get();
                    if rows.is_empty() {
                        return view! {
                            <tr><td colspan=columns class="empty" data-testid="empty">"Nothing here yet."</td></tr>
                        }
                        .into_any();
                    }
                    rows.into_iter()
                        .map(|row| {
                            let name = row.cells.first().map_or_else(|| row.id.clone(), Cell::display);
                            let select = select_cell(row.id.clone(), name);
                            let cells = row
                                .cells
                                .into_iter()
                                .zip(row.links)
                                .zip(keys.iter().copied())
                                .map(|((cell, link), key)| {
                                    let content = cell_view(cell);
                                    match link {
                                        Some(route) => view! {
                                            <td data-col=key><a href=format!("{link_base}{route}")>{content}</a></td>
                                        }
                                        .into_any(),
                                        None => view! { <td data-col=key>{content}</td> }.into_any(),
                                    }
                                })
                                .collect_view();
                            view! { <tr data-testid="row" data-id=row.id>{select}{cells}</tr> }
                        })
                        .collect_view()
                        .into_any()
                }}
            </tbody>
        </table>
    }
}
