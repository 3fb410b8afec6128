//! A table of JSON objects described by column specs, with sortable headers.

use backup_console_core::format;
use backup_console_core::spec::{Column, ColumnKind};
use leptos::prelude::*;
use serde_json::Value;

/// The text a cell shows.
pub fn cell_text(column: &Column, row: &Value) -> String {
    let value = &row[column.key];
    match (column.kind, value) {
        (ColumnKind::Bytes, Value::Number(n)) => {
            n.as_u64().map_or_else(|| n.to_string(), format::bytes)
        }
        (ColumnKind::DateTime, Value::String(s)) => format::timestamp(s),
        (ColumnKind::Count, Value::Array(items)) => items.len().to_string(),
        _ => format::plain(value),
    }
}

/// An id as text: numbers and strings alike, without quotes.
pub fn plain_id(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Rows ordered on the client (for APIs without server-side ordering): `key` or `-key`.
pub fn sort_rows(rows: &mut [Value], order: &str) {
    let (key, descending) = match order.strip_prefix('-') {
        Some(k) => (k, true),
        None => (order, false),
    };
    rows.sort_by(|a, b| {
        let ordering = match (&a[key], &b[key]) {
            (Value::Number(x), Value::Number(y)) => x
                .as_f64()
                .partial_cmp(&y.as_f64())
                .unwrap_or(std::cmp::Ordering::Equal),
            (x, y) => format::plain(x)
                .to_lowercase()
                .cmp(&format::plain(y).to_lowercase()),
        };
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
}

/// The `order_by` a click on `key` asks for: ascending first, then descending.
pub fn next_order(current: Option<&str>, key: &str) -> String {
    if current == Some(key) {
        format!("-{key}")
    } else {
        key.to_owned()
    }
}

#[component]
pub fn DataTable(
    columns: &'static [Column],
    #[prop(into)] rows: Signal<Vec<Value>>,
    /// Current ordering, `-field` for descending.
    #[prop(into)]
    order_by: Signal<Option<String>>,
    on_sort: Callback<String>,
    /// Link of a row's first cell.
    row_href: Callback<Value, String>,
    /// The field that identifies a row (`data-id`).
    #[prop(default = "id")]
    id_key: &'static str,
    #[prop(into)] caption: String,
) -> impl IntoView {
    let header = move |column: &'static Column| {
        let sort_state = move || match order_by.get().as_deref() {
            Some(o) if o == column.key => "ascending",
            Some(o) if o.strip_prefix('-') == Some(column.key) => "descending",
            _ => "none",
        };
        if column.sortable {
            view! {
                <th scope="col" aria-sort=sort_state>
                    <button
                        class="sort"
                        data-testid=format!("sort-{}", column.key)
                        on:click=move |_| on_sort.run(next_order(order_by.get_untracked().as_deref(), column.key))
                    >
                        {column.label}
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
            view! { <th scope="col">{column.label}</th> }.into_any()
        }
    };
    view! {
        <table class="data-table" data-testid="data-table">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr>{columns.iter().map(header).collect_view()}</tr>
            </thead>
            <tbody>
                {move || {
                    let rows = rows.get();
                    if rows.is_empty() {
                        return view! {
                            <tr><td colspan=columns.len() class="empty" data-testid="empty">"Nothing here yet."</td></tr>
                        }
                        .into_any();
                    }
                    rows.into_iter()
                        .map(|row| {
                            let link = row_href.run(row.clone());
                            let id = crate::components::data_table::plain_id(&row[id_key]);
                            view! {
                                <tr data-testid="row" data-id=id>
                                    {columns
                                        .iter()
                                        .enumerate()
                                        .map(|(i, column)| {
                                            let text = cell_text(column, &row);
                                            if i == 0 {
                                                view! { <td><a href=link.clone()>{text}</a></td> }.into_any()
                                            } else {
                                                view! { <td data-col=column.key>{text}</td> }.into_any()
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </tbody>
        </table>
    }
}
