//! The account's activity, filtered by type and state on the client.

use backup_console_core::vendors::rackspace::models::Activity;
use backup_console_core::vendors::rackspace::requests;
use backup_console_core::vendors::rackspace::views::ACTIVITY_COLUMNS;
use leptos::prelude::*;
use serde_json::Value;

use super::{link, rows};
use crate::calls::{use_load, Load};
use crate::components::data_table::{sort_rows, DataTable};
use crate::components::status::{ErrorBanner, Loading};

#[component]
pub fn ActivityPage(conn: String, tenant: String) -> impl IntoView {
    let (c, t) = (conn.clone(), tenant.clone());
    let list = use_load::<Vec<Activity>>(move || Some((c.clone(), requests::activity(&t))));
    let kind = RwSignal::new(String::new());
    let state = RwSignal::new(String::new());
    let order = RwSignal::new(Some("-TimeOfActivity".to_owned()));
    let states = Signal::derive(move || {
        let Load::Ready(items) = list.get() else {
            return Vec::new();
        };
        let mut s: Vec<String> = items.into_iter().map(|a| a.current_state).collect();
        s.sort();
        s.dedup();
        s
    });
    let table = Signal::derive(move || {
        let Load::Ready(items) = list.get() else {
            return Vec::new();
        };
        let (k, st) = (kind.get(), state.get());
        let shown: Vec<Activity> = items
            .into_iter()
            .filter(|a| k.is_empty() || a.kind == k)
            .filter(|a| st.is_empty() || a.current_state == st)
            .collect();
        let mut rows = rows(&shown);
        if let Some(o) = order.get() {
            sort_rows(&mut rows, &o);
        }
        rows
    });
    let row_conn = conn.clone();
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
        {move || match list.get() {
            Load::Loading => view! { <Loading label="Loading activity…" /> }.into_any(),
            Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
            Load::Ready(_) => ().into_any(),
        }}
        <DataTable columns=&ACTIVITY_COLUMNS rows=table order_by=order on_sort=Callback::new(move |o| order.set(Some(o)))
            id_key="ID" caption="Activity"
            row_href=Callback::new(move |row: Value| link(&row_conn, &format!("/backups/{}", row["BackupId"]))) />
    }
}
