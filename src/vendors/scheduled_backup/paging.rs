//! Marker paging for the lists: the service answers the page after a marker (the last id of
//! the page before), so the console remembers the markers that led to the current page. The
//! filters and the current marker are kept in the address, so a reload shows the same page.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FieldSpec, FormValues};
use backup_console_core::vendors::scheduled_backup::views::MarkerPages;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

use super::LIMIT;
use crate::components::form_field::FormFields;

/// The non-empty query parameter `key`.
pub fn param(query: &ParamsMap, key: &str) -> Option<String> {
    query
        .get(key)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// A list's address: `base` with the given parameters (empty ones left out).
pub fn address(base: &str, params: &[(&str, Option<String>)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter_map(|(k, v)| {
            v.as_ref()
                .map(|v| format!("{k}={}", js_sys::encode_uri_component(v)))
        })
        .collect();
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", query.join("&"))
    }
}

/// The pages of a list whose filters are `filters` (query keys): filters and page in the
/// address, the markers before it in memory.
#[derive(Clone, Copy)]
pub struct Paging {
    pub pages: RwSignal<MarkerPages>,
    /// The filters' values from the address, in the order given.
    pub filters: Memo<Vec<Option<String>>>,
    keys: &'static [&'static str],
}

impl Paging {
    pub fn new(keys: &'static [&'static str]) -> Self {
        let query = use_query_map();
        let start = query.with_untracked(|q| {
            let limit = param(q, "limit")
                .and_then(|l| l.parse().ok())
                .unwrap_or(LIMIT);
            let mut pages = MarkerPages::new(limit);
            if let Some(marker) = param(q, "marker") {
                pages.next(&marker);
            }
            pages
        });
        let pages = RwSignal::new(start);
        let filters = Memo::new(move |_| {
            query.with(|q| keys.iter().map(|k| param(q, k)).collect::<Vec<_>>())
        });
        // Other filters (a link to one volume's checkpoints) start at the first page.
        Effect::new(move |before: Option<Vec<Option<String>>>| {
            let now = filters.get();
            if before.is_some_and(|b| b != now) {
                pages.update(MarkerPages::restart);
            }
            now
        });
        Self {
            pages,
            filters,
            keys,
        }
    }

    pub fn limit(&self) -> u32 {
        self.pages.with(|p| p.limit)
    }

    /// The marker of the current page (tracked).
    pub fn marker(&self) -> Option<String> {
        self.pages.with(|p| p.marker().map(str::to_owned))
    }

    /// The address of the current filters and page.
    pub fn address(&self, base: &str, filters: &[Option<String>]) -> String {
        let pages = self.pages.get_untracked();
        let mut params: Vec<(&str, Option<String>)> = self
            .keys
            .iter()
            .copied()
            .zip(filters.iter().cloned())
            .collect();
        if pages.limit != LIMIT {
            params.push(("limit", Some(pages.limit.to_string())));
        }
        params.push(("marker", pages.marker().map(str::to_owned)));
        address(base, &params)
    }
}

/// Previous and next for a marker-paged list; `last_id` is the last row shown.
#[component]
pub fn MarkerPager(
    paging: Paging,
    /// The list's own route (with the base path), where the address is kept.
    base: String,
    #[prop(into)] shown: Signal<usize>,
    #[prop(into)] last_id: Signal<Option<String>>,
    #[prop(into)] total: Signal<Option<u64>>,
) -> impl IntoView {
    let navigate = use_navigate();
    let go = move || {
        let href = paging.address(&base, &paging.filters.get_untracked());
        navigate(&href, crate::paths::replace_here());
    };
    let back = go.clone();
    let pages = paging.pages;
    view! {
        <nav class="pager" aria-label="Pages" data-testid="pager">
            <button data-testid="page-prev" disabled=move || !pages.with(MarkerPages::has_previous)
                on:click=move |_| { pages.update(MarkerPages::previous); back(); }>"‹ Previous"</button>
            <span data-testid="page-status" aria-live="polite">
                {move || {
                    let page = pages.with(MarkerPages::page);
                    match total.get() {
                        Some(total) => format!("Page {page} · {total} in all"),
                        None => format!("Page {page}"),
                    }
                }}
            </span>
            <button data-testid="page-next" disabled=move || !pages.with(|p| p.has_more(shown.get(), total.get())) || last_id.with(Option::is_none)
                on:click=move |_| {
                    if let Some(last) = last_id.get_untracked() {
                        pages.update(|p| p.next(&last));
                        go();
                    }
                }>"Next ›"</button>
        </nav>
    }
}

/// The list's filters (`fields`' keys are the query's); applying them starts at the first page.
#[component]
pub fn FilterForm(paging: Paging, base: String, fields: &'static [FieldSpec]) -> impl IntoView {
    let navigate = use_navigate();
    let current = move || -> FormValues {
        fields
            .iter()
            .zip(paging.filters.get())
            .filter_map(|(f, v)| v.map(|v| (f.key.to_owned(), v)))
            .collect()
    };
    let values = RwSignal::new(current());
    // The address may change by itself (a link to a volume's checkpoints).
    Effect::new(move |_| values.set(current()));
    let errors = RwSignal::new(FieldErrors::new());
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen: Vec<Option<String>> = values.with_untracked(|v| {
            fields
                .iter()
                .map(|f| {
                    v.get(f.key)
                        .map(|t| t.trim().to_owned())
                        .filter(|t| !t.is_empty())
                })
                .collect()
        });
        paging.pages.update(MarkerPages::restart);
        navigate(
            &paging.address(&base, &chosen),
            crate::paths::replace_here(),
        );
    };
    view! {
        <form class="filter inline-fields" role="search" data-testid="filters" on:submit=apply>
            <FormFields fields=fields values=values errors=errors validate=check_common />
            <button type="submit" data-testid="filter-apply">"Filter"</button>
        </form>
    }
}
