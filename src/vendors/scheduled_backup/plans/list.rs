//! The project's backup plans: filtered by name or volume, paged by marker, ordered by the
//! console.

use backup_console_core::vendors::scheduled_backup::forms::PLAN_FILTER_FIELDS;
use backup_console_core::vendors::scheduled_backup::models::{Plan, PlanList as Plans};
use backup_console_core::vendors::scheduled_backup::requests::{self, PlanQuery};
use backup_console_core::vendors::scheduled_backup::views::PLAN_COLUMNS;
use leptos::prelude::*;

use super::super::paging::{FilterForm, MarkerPager, Paging};
use super::super::{link, ProjectLine};
use crate::components::data_table::Table;
use crate::components::panel::{PageHead, Panel};
use crate::load::use_load;

#[component]
pub fn PlanList(conn: String) -> impl IntoView {
    let paging = Paging::new(&["name", "volume_name"]);
    let c = conn.clone();
    let list = use_load::<Plans>(move || {
        let filters = paging.filters.get();
        let query = PlanQuery {
            limit: Some(paging.limit()),
            marker: paging.marker(),
            name: filters[0].clone(),
            volume_name: filters[1].clone(),
        };
        Some((c.clone(), requests::list_plans(&query)))
    });
    let shown = Signal::derive(move || list.with(|l| l.map_or(0, |l| l.plans.len())));
    let last_id =
        Signal::derive(move || list.with(|l| l.and_then(|l| l.plans.last()).map(|p| p.id.clone())));
    let total = Signal::derive(move || list.with(|l| l.and_then(|l| l.total)));
    let base = link(&conn, "/plans");
    let new_href = link(&conn, "/plans/new");
    let link_base = link(&conn, "");
    let toolbar = move || view! { <a class="button primary" href=new_href.clone() data-testid="create-button">"New plan"</a> };
    view! {
        <PageHead title="Backup plans" toolbar=toolbar />
        <ProjectLine conn=conn />
        <FilterForm paging=paging base=base.clone() fields=&PLAN_FILTER_FIELDS />
        <Panel load=list loading_label="Loading plans…" render={move |l: Plans| view! {
            <div class="table-wrap">
                <Table columns=&PLAN_COLUMNS rows=l.plans row_id=|p: &Plan| p.id.clone()
                    link_base=link_base.clone() caption="Backup plans" />
            </div>
        }} />
        <MarkerPager paging=paging base=base shown=shown last_id=last_id total=total />
    }
}
