//! One agent: what it is, enable/disable and delete, and its sections below.

use backup_console_core::vendors::rackspace::columns::agent_status;
use backup_console_core::vendors::rackspace::models::Agent;
use backup_console_core::vendors::rackspace::requests::{
    self,
    inputs::{AgentId, EnableAgent},
};
use leptos::prelude::*;

use super::super::link;
use super::encryption::Encryption;
use super::migrate::Migrate;
use super::related::{AgentActivity, AgentConfigurations};
use super::settings::Settings;
use crate::action::{Action, Done};
use crate::components::confirm::ConfirmDialog;
use crate::components::data_table::cell_view;
use crate::components::panel::{Dialogs, Panel};
use crate::load::use_load;

#[derive(Clone, Copy, PartialEq)]
enum Dialog {
    ConfirmDelete,
}

fn when(t: Option<chrono::DateTime<chrono::Utc>>) -> AnyView {
    crate::clock::time_or(t, "never")
}

fn facts(a: Agent) -> impl IntoView {
    let yes = |b: bool| if b { "Yes" } else { "No" };
    view! {
        <dl class="detail" data-testid="detail">
            <dt>"Status"</dt><dd data-field="Status">{cell_view(agent_status(&a.status))}</dd>
            <dt>"Agent ID"</dt><dd>{a.machine_agent_id}</dd>
            <dt>"Operating system"</dt><dd>{format!("{} {}", a.operating_system, a.operating_system_version)}</dd>
            <dt>"Vault size"</dt><dd data-field="BackupVaultSize">{a.backup_vault_size.clone()}</dd>
            <dt>"Last successful backup"</dt><dd>{when(a.time_of_last_successful_backup)}</dd>
            <dt>"Data center"</dt><dd>{a.datacenter.clone()}</dd>
            <dt>"Backups stored in"</dt><dd data-field="BackupDataCenter">{a.backup_data_center.clone().unwrap_or_default()}</dd>
            <dt>"ServiceNet"</dt><dd data-field="UseServiceNet">{yes(a.use_service_net)}</dd>
            <dt>"Encrypted"</dt><dd>{yes(a.is_encrypted)}</dd>
            <dt>"Disabled"</dt><dd data-field="IsDisabled">{yes(a.is_disabled)}</dd>
            <dt>"Host server"</dt><dd class="mono">{a.host_server_id.clone().unwrap_or_default()}</dd>
        </dl>
    }
}

#[component]
pub fn AgentDetail(conn: String, tenant: String, id: u64) -> impl IntoView {
    let (c, t) = (conn.clone(), tenant.clone());
    let agent = use_load::<Agent>(move || Some((c.clone(), requests::agent(&t, id))));
    let action = Action::new();
    let dialogs = Dialogs::<Dialog>::new();
    let name =
        move || agent.with(|a| a.map_or_else(|| format!("agent {id}"), |a| a.machine_name.clone()));

    let (c, t) = (conn.clone(), tenant.clone());
    let toggle = move |enable: bool| {
        let word = if enable { "enabled" } else { "disabled" };
        let input = EnableAgent {
            machine_agent_id: id,
            enable,
        };
        action.run_ok(&c, requests::enable_agent(&t, &input), move || {
            Done::Say(format!("Agent {word}."))
        });
    };
    let (c, t) = (conn.clone(), tenant.clone());
    let delete = Callback::new(move |_: ()| {
        dialogs.close();
        let target = link(&c, "/agents");
        let input = AgentId {
            machine_agent_id: id,
        };
        action.run_ok(&c, requests::delete_agent(&t, &input), move || {
            Done::Go(target)
        });
    });
    let toolbar = move || {
        let toggle = toggle.clone();
        agent.data().map(|a| {
            let disabled = a.is_disabled;
            view! {
                <button data-testid="agent-toggle" disabled=move || action.busy.get() on:click=move |_| toggle(disabled)>
                    {if disabled { "Enable agent" } else { "Disable agent" }}
                </button>
                <button class="danger" data-testid="delete-button" on:click=move |_| dialogs.open(Dialog::ConfirmDelete)>"Delete agent"</button>
            }
        })
    };
    let dialog = move || {
        dialogs.current().map(|Dialog::ConfirmDelete| view! {
            <ConfirmDialog
                title="Delete agent"
                message=format!("Delete agent \"{}\"? Its backup configurations and all of its backups are deleted too. This cannot be undone.", name())
                confirm_label="Delete agent and backups"
                on_confirm=delete
                on_cancel=dialogs.closer()
            />
        })
    };
    let title = Signal::derive(move || {
        agent.with(|a| a.map_or_else(|| format!("Agent {id}"), |a| a.machine_name.clone()))
    });
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/agents")>"Agents"</a></p>
        <Panel load=agent title=title title_testid="detail-title" toolbar=toolbar action=action dialog=dialog render=facts />
        // The sections only make sense for an agent that exists; they stay while it reloads, so
        // what the operator typed in them survives a reload.
        <Show when=move || agent.with(|a| a.is_some())>
            <Settings conn=conn.clone() tenant=tenant.clone() agent=agent action=action />
            <Encryption conn=conn.clone() tenant=tenant.clone() agent=agent action=action />
            <Migrate conn=conn.clone() tenant=tenant.clone() agent=agent action=action />
            <AgentConfigurations conn=conn.clone() tenant=tenant.clone() id=id />
            <AgentActivity conn=conn.clone() tenant=tenant.clone() id=id />
        </Show>
    }
}
