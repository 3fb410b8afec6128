//! One organization's repositories: filters as controls and paging and ordering by the server,
//! all in the URL; rows chosen for licences in bulk or for removal; "Sync now".

use std::collections::{BTreeMap, BTreeSet};

use backup_console_core::vendors::xopero::models::{OrganizationPage, Repository, RepositoryPage};
use backup_console_core::vendors::xopero::requests;
use backup_console_core::vendors::xopero::rows::{column_of_order, order_of_column};
use backup_console_core::vendors::xopero::views::REPOSITORY_COLUMNS;
use backup_console_core::vendors::xopero::RepositoryQuery;
use leptos::prelude::*;

use super::super::organizations::detail::{all_organizations, find};
use super::super::sync::SyncNow;
use super::super::{link, load, org_link};
use super::bulk::{self, BulkResultsView};
use super::filters::Filters;
use super::remove::RemoveDialog;
use crate::action::Action;
use crate::components::data_table::Table;
use crate::components::pager::Pager;
use crate::components::panel::{Dialogs, Panel};
use crate::paths::replace_here;
use crate::paths::use_navigate;
use crate::paths::{use_query_pairs, with_query};

#[derive(Clone, PartialEq)]
enum Dialog {
    Remove { id: String, name: String },
}

#[component]
pub fn RepositoryList(conn: String, org: String) -> impl IntoView {
    let pairs = use_query_pairs();
    let query = Memo::new(move |_| RepositoryQuery::from_pairs(&pairs.get()));
    let (c, o) = (conn.clone(), org.clone());
    let page =
        load::<RepositoryPage>(move || Some((c.clone(), requests::repositories(&o, &query.get()))));
    let c = conn.clone();
    let orgs = load::<OrganizationPage>(move || {
        Some((c.clone(), requests::organizations(&all_organizations())))
    });
    let id = org.clone();
    let name = Memo::new(move |_| orgs.with(|p| p.and_then(|p| find(p, &id).ok()).map(|o| o.name)));
    let title = move || {
        format!(
            "Repositories of {}",
            name.get().unwrap_or_else(|| "the organization".into())
        )
    };

    let navigate = use_navigate();
    let base = org_link(&conn, &org, "/repositories");
    let go = Callback::new(move |q: RepositoryQuery| {
        navigate(&with_query(&base, &q.to_pairs()), replace_here())
    });
    let on_sort = Callback::new(move |sort: String| {
        let mut q = query.get_untracked().first_page();
        q.order = order_of_column(&sort);
        go.run(q);
    });
    let on_page = Callback::new(move |n: u32| {
        let mut q = query.get_untracked();
        q.paging.page = n;
        go.run(q);
    });
    let order_by = Signal::derive(move || query.get().order.as_ref().map(column_of_order));
    let current = Signal::derive(move || query.get().paging.page);
    let total_pages = Signal::derive(move || page.with(|p| p.map_or(1, |p| p.pages() as u32)));
    let count = Signal::derive(move || page.with(|p| p.map_or(0, |p| p.total_entries)));

    // Choices belong to the rows shown: a new view of the list starts with none.
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    Effect::new(move |_| {
        query.track();
        chosen.set(BTreeSet::new());
    });
    let names = move || -> BTreeMap<String, String> {
        page.with_untracked(|p| {
            p.map(|p| {
                p.result
                    .repositories
                    .iter()
                    .map(|r| (r.id.clone(), r.name.clone()))
                    .collect()
            })
            .unwrap_or_default()
        })
    };
    let action = Action::new();
    let results: bulk::BulkResults = RwSignal::new(None);
    let dialogs = Dialogs::<Dialog>::new();
    let c = conn.clone();
    let licences = move |activate: bool| bulk::run(action, &c, chosen, names(), activate, results);
    let activate = licences.clone();
    let how_many = move || chosen.with(BTreeSet::len);
    let remove_one = move |_| {
        let Some(id) = chosen.with_untracked(|c| c.iter().next().cloned()) else {
            return;
        };
        let name = names().get(&id).cloned().unwrap_or_else(|| id.clone());
        dialogs.open(Dialog::Remove { id, name });
    };
    let toolbar = move || {
        let (activate, deactivate) = (activate.clone(), licences.clone());
        view! {
            <span class="muted" data-testid="chosen-count">{move || format!("{} chosen", how_many())}</span>
            <button data-testid="bulk-activate" disabled=move || how_many() == 0 || action.busy.get()
                on:click=move |_| activate(true)>"Activate licences"</button>
            <button data-testid="bulk-deactivate" disabled=move || how_many() == 0 || action.busy.get()
                on:click=move |_| deactivate(false)>"Deactivate licences"</button>
            <button class="danger" data-testid="remove-button" title="Choose exactly one repository to remove"
                disabled=move || how_many() != 1 || action.busy.get() on:click=remove_one>"Remove…"</button>
        }
    };
    let c = conn.clone();
    let dialog = move || {
        dialogs.current().map(|Dialog::Remove { id, name }| {
            let done = Callback::new(move |_: ()| {
                chosen.set(BTreeSet::new());
                dialogs.close();
            });
            view! { <RemoveDialog conn=c.clone() id=id name=name action=action on_done=done on_cancel=dialogs.closer() /> }
        })
    };
    let link_base = link(&conn, "");
    view! {
        <p class="breadcrumb">
            <a href=link(&conn, "/organizations")>"Organizations"</a>" › "
            <a href=org_link(&conn, &org, "") data-testid="organization-link">{move || name.get().unwrap_or_else(|| "Organization".into())}</a>
        </p>
        <h1 data-testid="page-title">{title}</h1>
        <SyncNow conn=conn.clone() org=org.clone() />
        <Filters query=query on_change=go />
        <BulkResultsView results=results />
        <Panel load=page toolbar=toolbar action=action dialog=dialog testid="repositories"
            loading_label="Loading repositories…"
            render=move |p: RepositoryPage| view! {
                <div class="table-wrap">
                    <Table columns=&REPOSITORY_COLUMNS rows=p.result.repositories row_id=|r: &Repository| r.id.clone()
                        link_base=link_base.clone() caption="Repositories" order_by=order_by on_sort=on_sort
                        selection=chosen />
                </div>
            }
        />
        <Pager page=current total_pages=total_pages count=count on_page=on_page />
    }
}
