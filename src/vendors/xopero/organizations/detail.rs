//! One organization: its licence counts, synchronization, plans (with their last runs) and the
//! first of its repositories. Organizations cannot be read one by one, so it is looked up in
//! the whole list.

use backup_console_core::api::ApiError;
use backup_console_core::vendors::xopero::models::{
    Organization, OrganizationPage, PlanPage, Repository, RepositoryPage,
};
use backup_console_core::vendors::xopero::query::{
    OrganizationQuery, Paging, PlanQuery, RepositoryQuery,
};
use backup_console_core::vendors::xopero::requests;
use backup_console_core::vendors::xopero::rows::{plan_rows, PlanRow, PLAN_ROW_COLUMNS};
use backup_console_core::vendors::xopero::views::{last_finished, REPOSITORY_COLUMNS};
use leptos::prelude::*;

use super::super::sync::SyncNow;
use super::super::{everything, link, load, org_link};
use crate::components::data_table::{cell_view, Table};
use crate::components::panel::Panel;
use crate::components::status::ErrorBanner;

/// Repositories shown here; the repositories page has them all, with filters.
const FIRST: u32 = 10;

/// The organization `id` in the list, or why it is not there.
pub fn find(page: &OrganizationPage, id: &str) -> Result<Organization, ApiError> {
    page.result
        .iter()
        .find(|o| o.id == id)
        .cloned()
        .ok_or_else(|| ApiError::NotFound {
            subject: format!("organization {id}"),
        })
}

/// Every organization, to look one up.
pub fn all_organizations() -> OrganizationQuery {
    OrganizationQuery {
        paging: everything(),
        order: None,
    }
}

fn facts(org: Organization) -> AnyView {
    let yes = |b: bool| if b { "Yes" } else { "No" };
    let finished = backup_console_core::spec::Cell::Time(last_finished(&org));
    view! {
        <dl class="detail" data-testid="detail">
            <dt>"Git service"</dt><dd data-field="driver">{org.driver_name()}</dd>
            <dt>"Repositories"</dt><dd data-field="totalRepositories">{org.total_repositories}</dd>
            <dt>"Protected (licensed)"</dt><dd data-field="protectedRepositories">{org.protected_repositories}</dd>
            <dt>"Missing licences"</dt><dd data-field="missingLicences">{org.missing_licences}</dd>
            <dt>"Removed from the git service"</dt><dd data-field="removedRepositories">{org.removed_repositories}</dd>
            <dt>"Read-only"</dt><dd>{yes(org.is_read_only)}</dd>
            <dt>"Default worker"</dt><dd class="mono">{org.default_worker_id.clone().unwrap_or_default()}</dd>
            <dt>"Last run finished"</dt><dd>{cell_view(finished)}</dd>
        </dl>
    }
    .into_any()
}

#[component]
pub fn OrganizationDetail(conn: String, org: String) -> impl IntoView {
    let c = conn.clone();
    let orgs = load::<OrganizationPage>(move || {
        Some((c.clone(), requests::organizations(&all_organizations())))
    });
    let (c, o) = (conn.clone(), org.clone());
    let plans = load::<PlanPage>(move || {
        let query = PlanQuery {
            paging: everything(),
        };
        Some((c.clone(), requests::plans(&o, &query)))
    });
    let (c, o) = (conn.clone(), org.clone());
    let repositories = load::<RepositoryPage>(move || {
        let query = RepositoryQuery {
            paging: Paging {
                page: 1,
                limit: FIRST,
            },
            ..RepositoryQuery::default()
        };
        Some((c.clone(), requests::repositories(&o, &query)))
    });
    let id = org.clone();
    let this = Memo::new(move |_| orgs.with(|p| p.map(|p| find(p, &id))));
    let title = Signal::derive(move || match this.get() {
        Some(Ok(o)) => o.name,
        _ => "Organization".to_owned(),
    });
    let id = org.clone();
    let render_org = move |p: OrganizationPage| match find(&p, &id) {
        Ok(o) => facts(o),
        Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
    };
    let link_base = link(&conn, "");
    let org_base = org_link(&conn, &org, "");
    let all_href = org_link(&conn, &org, "/repositories");
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/organizations")>"Organizations"</a></p>
        <Panel load=orgs title=title title_testid="detail-title" render=render_org />
        <SyncNow conn=conn.clone() org=org.clone() />
        <Panel load=plans heading="Plans" testid="plans" render=move |p: PlanPage| {
            let rows = Signal::derive(move || {
                let org = this.get().and_then(Result::ok);
                plan_rows(&p.result, org.as_ref())
            });
            view! {
                <div class="table-wrap">
                    <Table columns=&PLAN_ROW_COLUMNS rows=rows row_id=|r: &PlanRow| r.plan.id.clone()
                        link_base=org_base.clone() caption="Plans" initial_order="name" />
                </div>
            }
        } />
        <Panel load=repositories heading="Repositories" testid="repositories"
            toolbar=move || view! { <a class="button" href=all_href.clone() data-testid="all-repositories">"All repositories, with filters"</a> }
            render=move |p: RepositoryPage| {
                let shown = p.result.repositories.len();
                view! {
                <div class="table-wrap">
                    <Table columns=&REPOSITORY_COLUMNS rows=p.result.repositories row_id=|r: &Repository| r.id.clone()
                        link_base=link_base.clone() caption="Repositories" />
                </div>
                <p class="muted" data-testid="repositories-count">
                    {format!("The first {shown} of {} repositories.", p.total_entries)}
                </p>
            }}
        />
    }
}
