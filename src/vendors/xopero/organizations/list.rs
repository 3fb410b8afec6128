//! Every organization, paged and ordered by the server; page and order live in the URL.

use backup_console_core::vendors::xopero::models::{Organization, OrganizationPage};
use backup_console_core::vendors::xopero::query::OrganizationQuery;
use backup_console_core::vendors::xopero::requests;
use backup_console_core::vendors::xopero::rows::{column_of_order, order_of_column};
use backup_console_core::vendors::xopero::views::ORGANIZATION_COLUMNS;
use leptos::prelude::*;

use super::super::{link, load};
use crate::components::data_table::Table;
use crate::components::pager::Pager;
use crate::components::panel::Panel;
use crate::paths::replace_here;
use crate::paths::use_navigate;
use crate::paths::{use_query_pairs, with_query};
use crate::session::{use_session, SignInRequest};

#[component]
pub fn OrganizationList(conn: String) -> impl IntoView {
    let pairs = use_query_pairs();
    let query = Memo::new(move |_| OrganizationQuery::from_pairs(&pairs.get()));
    let c = conn.clone();
    let page =
        load::<OrganizationPage>(move || Some((c.clone(), requests::organizations(&query.get()))));

    let navigate = use_navigate();
    let base = link(&conn, "/organizations");
    let go =
        move |q: OrganizationQuery| navigate(&with_query(&base, &q.to_pairs()), replace_here());
    let go_sort = go.clone();
    let on_sort = Callback::new(move |sort: String| {
        let mut q = query.get_untracked();
        q.order = order_of_column(&sort);
        q.paging.page = 1;
        go_sort(q);
    });
    let on_page = Callback::new(move |n: u32| {
        let mut q = query.get_untracked();
        q.paging.page = n;
        go(q);
    });
    let order_by = Signal::derive(move || query.get().order.as_ref().map(column_of_order));
    let current = Signal::derive(move || query.get().paging.page);
    let total_pages = Signal::derive(move || page.with(|p| p.map_or(1, |p| p.pages() as u32)));
    let count = Signal::derive(move || page.with(|p| p.map_or(0, |p| p.total_entries)));
    let link_base = link(&conn, "");
    // The demo connection comes with a token; an operator may still sign in with an account.
    let session = use_session();
    let sign_in = move |_| {
        session.sign_in.set(Some(SignInRequest {
            connection_id: conn.clone(),
            refused: false,
        }))
    };
    let toolbar = move || {
        let sign_in = sign_in.clone();
        view! { <button data-testid="xopero-sign-in" on:click=sign_in>"Sign in…"</button> }
    };
    view! {
        <Panel
            load=page
            toolbar=toolbar
            title="Organizations".to_owned()
            loading_label="Loading organizations…"
            testid="organizations"
            render={move |p: OrganizationPage| view! {
                <div class="table-wrap">
                    <Table
                        columns=&ORGANIZATION_COLUMNS
                        rows=p.result
                        row_id=|o: &Organization| o.id.clone()
                        link_base=link_base.clone()
                        caption="Organizations"
                        order_by=order_by
                        on_sort=on_sort
                    />
                </div>
            }}
        />
        <Pager page=current total_pages=total_pages count=count on_page=on_page />
    }
}
