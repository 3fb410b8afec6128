//! The project's checkpoints, filtered by plan or volume name, paged by marker, refreshed
//! while any is still being made.

use backup_console_core::vendors::scheduled_backup::forms::CHECKPOINT_FILTER_FIELDS;
use backup_console_core::vendors::scheduled_backup::models::{
    CheckpointList as Checkpoints, PlanList,
};
use backup_console_core::vendors::scheduled_backup::requests::{self, CheckpointQuery, PlanQuery};
use backup_console_core::vendors::scheduled_backup::views::{needs_refresh, CheckpointRow};
use leptos::prelude::*;

use super::super::paging::{FilterForm, MarkerPager, Paging};
use super::super::{link, ProjectLine, ALL, POLL};
use super::checkpoint_table;
use crate::components::panel::{PageHead, Panel};
use crate::load::use_load;

#[component]
pub fn CheckpointList(conn: String) -> impl IntoView {
    let paging = Paging::new(&["plan_name", "volume_name"]);
    let c = conn.clone();
    let list = use_load::<Checkpoints>(move || {
        let filters = paging.filters.get();
        let query = CheckpointQuery {
            limit: Some(paging.limit()),
            marker: paging.marker(),
            plan_name: filters[0].clone(),
            volume_name: filters[1].clone(),
        };
        Some((c.clone(), requests::list_checkpoints(&query)))
    })
    .poll_while(POLL, |l| needs_refresh(&l.checkpoints));
    // Checkpoints name their plan by id; the plans give the names.
    let c = conn.clone();
    let plans = use_load::<PlanList>(move || {
        let query = PlanQuery {
            limit: Some(ALL),
            ..PlanQuery::default()
        };
        Some((c.clone(), requests::list_plans(&query)))
    });
    let shown = Signal::derive(move || list.with(|l| l.map_or(0, |l| l.checkpoints.len())));
    let last_id = Signal::derive(move || {
        list.with(|l| l.and_then(|l| l.checkpoints.last()).map(|c| c.id.clone()))
    });
    let total = Signal::derive(move || list.with(|l| l.and_then(|l| l.total)));
    let base = link(&conn, "/checkpoints");
    let c = conn.clone();
    view! {
        <PageHead title="Checkpoints" />
        <ProjectLine conn=conn />
        <FilterForm paging=paging base=base.clone() fields=&CHECKPOINT_FILTER_FIELDS />
        <Panel load=list loading_label="Loading checkpoints…" render={move |l: Checkpoints| {
            let names = plans.with(|p| p.map(|p| p.plans.clone()).unwrap_or_default());
            checkpoint_table(&c, CheckpointRow::rows(&l.checkpoints, &names))
        }} />
        <MarkerPager paging=paging base=base shown=shown last_id=last_id total=total />
    }
}
