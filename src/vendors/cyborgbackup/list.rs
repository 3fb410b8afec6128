//! A collection as a table: server-side pages, ordering and search, kept in the URL so a
//! link or a reload shows the same view.

use std::time::Duration;

use backup_console_core::api::{Page, PageQuery};
use backup_console_core::spec::json;
use backup_console_core::vendors::cyborgbackup::{requests, Resource};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use serde_json::Value;

use crate::components::data_table::Table;
use crate::components::pager::Pager;
use crate::components::panel::Panel;
use crate::load::use_load;
use crate::paths::connection_route;
use crate::paths::use_navigate;

const SEARCH_DELAY: Duration = Duration::from_millis(300);

/// The address of a view of the list.
fn list_url(base: &str, q: &PageQuery) -> String {
    let mut params = Vec::new();
    if q.page > 1 {
        params.push(format!("page={}", q.page));
    }
    if let Some(o) = &q.order_by {
        params.push(format!("order_by={}", js_sys::encode_uri_component(o)));
    }
    if let Some(s) = &q.search {
        params.push(format!("search={}", js_sys::encode_uri_component(s)));
    }
    if params.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", params.join("&"))
    }
}

#[component]
pub fn List(conn: String, resource: Resource) -> impl IntoView {
    let query_map = use_query_map();
    let navigate = use_navigate();
    let query = Memo::new(move |_| {
        query_map.with(|q| PageQuery {
            page: q
                .get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
            page_size: PageQuery::DEFAULT_PAGE_SIZE,
            order_by: q.get("order_by").filter(|o| !o.is_empty()),
            search: q.get("search").filter(|s| !s.is_empty()),
        })
    });
    let load_conn = conn.clone();
    let page = use_load::<Page<Value>>(move || {
        Some((load_conn.clone(), requests::list(resource, &query.get())))
    });

    let base = connection_route(&conn, &format!("/{}", resource.name()));
    let go = move |q: PageQuery| navigate(&list_url(&base, &q), crate::paths::replace_here());
    let go_sort = go.clone();
    let on_sort = Callback::new(move |order: String| {
        let mut q = query.get_untracked();
        q.order_by = Some(order);
        q.page = 1;
        go_sort(q);
    });
    let go_page = go.clone();
    let on_page = Callback::new(move |n: u32| {
        let mut q = query.get_untracked();
        q.page = n;
        go_page(q);
    });

    let search_text = RwSignal::new(query.get_untracked().search.unwrap_or_default());
    // The search waits for a pause in typing; leaving the page cancels it.
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let cancel_pending = move || {
        pending.try_update_value(|p| {
            if let Some(handle) = p.take() {
                handle.clear();
            }
        });
    };
    on_cleanup(cancel_pending);
    let apply_search = move || {
        let mut q = query.get_untracked();
        let text = search_text.get_untracked().trim().to_owned();
        if q.search.as_deref().unwrap_or("") != text {
            q.search = (!text.is_empty()).then_some(text);
            q.page = 1;
            go(q);
        }
    };
    let apply_now = apply_search.clone();
    let on_search_input = move |ev| {
        search_text.set(event_target_value(&ev));
        cancel_pending();
        let apply = apply_search.clone();
        pending.set_value(set_timeout_with_handle(apply, SEARCH_DELAY).ok());
    };

    let count = Signal::derive(move || page.with(|p| p.map_or(0, |p| p.count)));
    let total_pages = Signal::derive(move || query.get().total_pages(count.get()));
    let current = Signal::derive(move || query.get().page);
    let order_by = Signal::derive(move || query.get().order_by);
    let new_href = connection_route(&conn, &format!("/{}/new", resource.name()));
    let link_base = connection_route(&conn, "");
    view! {
        <div class="page-head">
            <h1>{resource.title()}</h1>
            {resource.writable().then(|| view! {
                <a class="button primary" href=new_href data-testid="create-button">"New " {resource.singular()}</a>
            })}
        </div>
        <form class="filter" role="search" on:submit=move |ev| { ev.prevent_default(); apply_now(); }>
            <label for="filter-input">"Filter"</label>
            <input
                id="filter-input"
                type="search"
                data-testid="filter-input"
                placeholder=format!("Search {}", resource.title().to_lowercase())
                prop:value=move || search_text.get()
                on:input=on_search_input
            />
        </form>
        <Panel
            load=page
            loading_label=format!("Loading {}…", resource.title().to_lowercase())
            render={move |p: Page<Value>| view! {
                <div class="table-wrap">
                    <Table
                        columns=resource.columns()
                        rows=p.results
                        row_id=|row: &Value| json::id(&row["id"])
                        link_base=link_base.clone()
                        caption=resource.title()
                        order_by=order_by
                        on_sort=on_sort
                    />
                </div>
            }}
        />
        <Pager page=current total_pages=total_pages count=count on_page=on_page />
    }
}
