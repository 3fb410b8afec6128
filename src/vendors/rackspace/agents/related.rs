//! An agent's backup configurations and its activity, below its page.

use backup_console_core::vendors::rackspace::columns::{ACTIVITY_COLUMNS, CONFIGURATION_COLUMNS};
use backup_console_core::vendors::rackspace::models::{Activity, BackupConfiguration};
use backup_console_core::vendors::rackspace::requests;
use leptos::prelude::*;

use super::super::link;
use crate::components::data_table::Table;
use crate::components::panel::Panel;
use crate::load::use_load;

#[component]
pub fn AgentConfigurations(conn: String, tenant: String, id: u64) -> impl IntoView {
    let c = conn.clone();
    let configs = use_load::<Vec<BackupConfiguration>>(move || {
        Some((c.clone(), requests::agent_configurations(&tenant, id)))
    });
    let new_config = link(&conn, &format!("/configurations/new?agent={id}"));
    let link_base = link(&conn, "");
    view! {
        <Panel
            load=configs
            heading="Backup configurations"
            toolbar=move || view! { <a class="button primary" data-testid="create-button" href=new_config.clone()>"New configuration"</a> }
            render={move |list: Vec<BackupConfiguration>| view! {
                <Table columns=&CONFIGURATION_COLUMNS rows=list row_id=|c: &BackupConfiguration| c.backup_configuration_id.to_string()
                    link_base=link_base.clone() caption="Backup configurations" />
            }}
        />
    }
}

#[component]
pub fn AgentActivity(conn: String, tenant: String, id: u64) -> impl IntoView {
    let c = conn.clone();
    let activity =
        use_load::<Vec<Activity>>(move || Some((c.clone(), requests::agent_activity(&tenant, id))));
    let link_base = link(&conn, "");
    view! {
        <Panel
            load=activity
            heading="Activity"
            render={move |list: Vec<Activity>| view! {
                <Table columns=&ACTIVITY_COLUMNS rows=list row_id=|a: &Activity| a.id.to_string()
                    link_base=link_base.clone() caption="Activity" initial_order="-TimeOfActivity" />
            }}
        />
    }
}
