//! Every backup configuration of the account.

use backup_console_core::vendors::rackspace::columns::CONFIGURATION_COLUMNS;
use backup_console_core::vendors::rackspace::models::BackupConfiguration;
use backup_console_core::vendors::rackspace::requests;
use leptos::prelude::*;

use super::super::link;
use crate::components::data_table::Table;
use crate::components::panel::Panel;
use crate::load::use_load;

#[component]
pub fn ConfigurationList(conn: String, tenant: String) -> impl IntoView {
    let c = conn.clone();
    let list = use_load::<Vec<BackupConfiguration>>(move || {
        Some((c.clone(), requests::configurations(&tenant)))
    });
    let new_href = link(&conn, "/configurations/new");
    let link_base = link(&conn, "");
    view! {
        <Panel
            load=list
            title="Backup configurations".to_owned()
            toolbar=move || view! { <a class="button primary" data-testid="create-button" href=new_href.clone()>"New configuration"</a> }
            loading_label="Loading configurations…"
            render={move |configs: Vec<BackupConfiguration>| view! {
                <Table columns=&CONFIGURATION_COLUMNS rows=configs row_id=|c: &BackupConfiguration| c.backup_configuration_id.to_string()
                    link_base=link_base.clone() caption="Backup configurations" initial_order="BackupConfigurationName" />
            }}
        />
    }
}
