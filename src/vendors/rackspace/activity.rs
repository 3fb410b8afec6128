//! The account's activity, filtered by type and state on the client.

use backup_console_core::vendors::rackspace::columns::ACTIVITY_COLUMNS;
use backup_console_core::vendors::rackspace::models::Activity;
use backup_console_core::vendors::rackspace::requests;
use leptos::prelude::*;

use super::link;
use crate::components::data_table::Table;
use crate::components::panel::Panel;
use crate::load::use_load;

#[component]
pub fn ActivityPage(conn: String, tenant: String) -> impl IntoView {
    let c = conn.clone();
    let list = use_load::<Vec<Activity>>(move || Some((c.clone(), requests::activity(&tenant))));
    let kind = RwSignal::new(String::new());
    let state = RwSignal::new(String::new());
    let states = Signal::derive(move || {
        let mut s: Vec<String> = list.with(|items| {
            items
                .into_iter()
                .flatten()
                .map(|a| a.current_state.clone())
                .collect()
        });
        s.sort();
        s.dedup();
        s
    });
    let link_base = link(&conn, "");
    view! {
        <h1>"Activity"</h1>
        <div class="filter">
            <label>"Type "
                <select data-testid="activity-type" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">"All"</option>
                    {["Backup", "Restore", "Cleanup"].map(|t| view! { <option value=t>{t}</option> }).collect_view()}
                </select>
            </label>
            <label>"State "
                <select data-testid="activity-state" on:change=move |ev| state.set(event_target_value(&ev))>
                    <option value="">"All"</option>
                    {move || states.get().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                </select>
            </label>
        </div>
        <Panel load=list loading_label="Loading activity…" render={move |items: Vec<Activity>| {
            let shown = Signal::derive(move || {
                let (k, st) = (kind.get(), state.get());
                items
                    .iter()
                    .filter(|a| k.is_empty() || a.kind == k)
                    .filter(|a| st.is_empty() || a.current_state == st)
                    .cloned()
                    .collect::<Vec<_>>()
            });
            view! {
                <Table columns=&ACTIVITY_COLUMNS rows=shown row_id=|a: &Activity| a.id.to_string()
                    link_base=link_base.clone() caption="Activity" initial_order="-TimeOfActivity" />
            }
        }} />
    }
}
