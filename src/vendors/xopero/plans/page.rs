//! A plan's page: what it is and how its last run went, its repositories, and the editor. The
//! editor's base is composed in core from everything known of the plan (the list's answer, the
//! organization's summary, the body this console last saved, a pasted plan).

use backup_console_core::api::ApiError;
use backup_console_core::vendors::xopero::models::{OrganizationPage, PlanPage, RepositoryPage};
use backup_console_core::vendors::xopero::plan::start_from_pasted;
use backup_console_core::vendors::xopero::query::{PlanQuery, RepositoryQuery};
use backup_console_core::vendors::xopero::rows::plan_status;
use backup_console_core::vendors::xopero::views::status_counts;
use backup_console_core::vendors::xopero::{compose_base, requests, saved, PlanSources};
use leptos::prelude::*;

use super::super::organizations::detail::{all_organizations, find};
use super::super::{everything, link, load, org_link};
use super::draft::Draft;
use super::editor::PlanEditor;
use super::members::Members;
use crate::components::data_table::cell_view;
use crate::components::form_field::ReferenceOptions;
use crate::components::panel::Panel;
use crate::components::status::ErrorBanner;
use crate::session::use_session;

#[component]
pub fn PlanPage(conn: String, org: String, plan: String) -> impl IntoView {
    let session = use_session();
    let (c, o) = (conn.clone(), org.clone());
    let plans = load::<PlanPage>(move || {
        let query = PlanQuery {
            paging: everything(),
        };
        Some((c.clone(), requests::plans(&o, &query)))
    });
    let c = conn.clone();
    let orgs = load::<OrganizationPage>(move || {
        Some((c.clone(), requests::organizations(&all_organizations())))
    });
    let (c, o) = (conn.clone(), org.clone());
    let repositories = load::<RepositoryPage>(move || {
        let query = RepositoryQuery {
            paging: everything(),
            ..RepositoryQuery::default()
        };
        Some((c.clone(), requests::repositories(&o, &query)))
    });
    let id = plan.clone();
    let listed = Memo::new(move |_| {
        plans.with(|p| p.and_then(|p| p.result.iter().find(|x| x.id == id).cloned()))
    });
    let o = org.clone();
    let organization = Memo::new(move |_| orgs.with(|p| p.and_then(|p| find(p, &o).ok())));

    let draft = Draft::new();
    let (c, o, id) = (conn.clone(), org.clone(), plan.clone());
    let base = Memo::new(move |_| {
        let listed = listed.get()?.to_value();
        let organization = organization.get();
        let summary = organization
            .as_ref()
            .and_then(|org| org.plans.iter().find(|s| s.id == id).cloned());
        let saved = session.connections.with(|all| {
            all.iter()
                .find(|x| x.id == c)
                .and_then(|x| saved::saved_body(x, &id))
        });
        let composed = compose_base(&PlanSources {
            plan_id: &id,
            organization_id: &o,
            default_worker_id: organization
                .as_ref()
                .and_then(|org| org.default_worker_id.as_deref()),
            listed: Some(&listed),
            summary: summary.as_ref(),
            saved: saved.as_ref(),
        });
        Some(match draft.pasted.get() {
            Some(pasted) => start_from_pasted(&composed, &pasted),
            None => composed,
        })
    });
    Effect::new(move |_| {
        if let Some(base) = base.get() {
            draft.follow(base);
        }
    });
    // After a save the pasted plan has done its work, once the list shows what was saved.
    let saved_now = StoredValue::new(false);
    Effect::new(move |_| {
        plans.with(|_| ());
        if saved_now.get_value() {
            saved_now.set_value(false);
            draft.pasted.set(None);
        }
    });
    let on_saved = Callback::new(move |_: ()| saved_now.set_value(true));

    let options = Signal::derive(move || {
        let names = repositories.with(|p| {
            p.map(|p| {
                p.result
                    .repositories
                    .iter()
                    .map(|r| (r.id.clone(), r.name.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        });
        ReferenceOptions::from([("repositories", names)])
    });
    let id = plan.clone();
    let title = Signal::derive(move || listed.get().map_or_else(|| "Plan".to_owned(), |p| p.name));
    let facts = move |_: PlanPage| {
        match listed.get() {
        Some(p) => {
            let summary = organization
                .get()
                .and_then(|o| o.plans.into_iter().find(|s| s.id == p.id));
            let counts = summary.as_ref().and_then(|s| s.last_status.as_ref()).map(status_counts);
            let finished = backup_console_core::spec::Cell::Time(summary.as_ref().and_then(|s| s.finished_at()));
            view! {
                <dl class="detail" data-testid="detail">
                    <dt>"Last result"</dt><dd data-field="lastStatus">{cell_view(plan_status(summary.as_ref()))}" "{counts}</dd>
                    <dt>"Finished"</dt><dd data-field="planFinishedTime">{cell_view(finished)}</dd>
                    <dt>"Repositories"</dt><dd data-field="repositories">{
                        if p.include_all_repositories { "All of the organization's".to_owned() } else { p.repository_ids.len().to_string() }
                    }</dd>
                    <dt>"Plan ID"</dt><dd class="mono">{p.id.clone()}</dd>
                </dl>
            }
            .into_any()
        }
        None => view! { <ErrorBanner error=ApiError::NotFound { subject: format!("plan {id} of this organization") } /> }.into_any(),
    }
    };
    let org_href = org_link(&conn, &org, "");
    view! {
        <p class="breadcrumb">
            <a href=link(&conn, "/organizations")>"Organizations"</a>" › "
            <a href=org_href.clone() data-testid="organization-link">{move || organization.get().map_or_else(|| "Organization".to_owned(), |o| o.name)}</a>
        </p>
        <Panel load=plans title=title title_testid="detail-title" render=facts />
        <Show when=move || listed.with(Option::is_some)>
            <Members conn=conn.clone() plan_id=plan.clone() plan=listed repositories=repositories />
            <section class="plan-editor" data-testid="plan-editor">
                <PlanEditor conn=conn.clone() draft=draft options=options cancel_href=org_href.clone() on_saved=on_saved />
            </section>
        </Show>
    }
}
