//! All agents, with each agent's live status, wake-up, and lookup by host server.

use std::time::Duration;

use backup_console_core::vendors::rackspace::columns::AGENT_COLUMNS;
use backup_console_core::vendors::rackspace::models::Agent;
use backup_console_core::vendors::rackspace::requests;
use leptos::prelude::*;

use super::super::link;
use crate::action::{Action, Done};
use crate::components::data_table::Table;
use crate::components::panel::Panel;
use crate::components::status::ErrorBanner;
use crate::load::{use_each, use_load};
use crate::session::use_session;

/// Agents come online 10 to 20 seconds after a wake-up; look again a little later.
const AFTER_WAKE_UP: Duration = Duration::from_secs(3);
/// How many agents' own records are asked for at once.
const AT_ONCE: usize = 4;

#[component]
pub fn AgentList(conn: String, tenant: String) -> impl IntoView {
    let (c, t) = (conn.clone(), tenant.clone());
    let list = use_load::<Vec<Agent>>(move || Some((c.clone(), requests::user_agents(&t))));
    // The list always says "Offline"; each agent's own record has its real status.
    let (c, t) = (conn.clone(), tenant.clone());
    let details = use_each::<u64, Agent>(
        move || {
            list.with(|l| {
                l.into_iter()
                    .flatten()
                    .map(|a| a.machine_agent_id)
                    .collect()
            })
        },
        move |id| Some((c.clone(), requests::agent(&t, *id))),
        AT_ONCE,
    );
    let action = Action::new();
    let session = use_session();
    let (wc, wt) = (conn.clone(), tenant.clone());
    let wake_up = move |_| {
        let again = wc.clone();
        action.run_ok(&wc, requests::wake_up_agents(&wt), move || {
            // What the agents say changes after a while: read them all again then.
            set_timeout(move || session.wrote(&again), AFTER_WAKE_UP);
            Done::Say("Wake-up sent: agents report in within 10 to 20 seconds.".into())
        })
    };
    let host = RwSignal::new(String::new());
    let lookup = Action::new();
    let (lc, lt) = (conn.clone(), tenant.clone());
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = host.get_untracked().trim().to_owned();
        if id.is_empty() {
            return;
        }
        let target = lc.clone();
        lookup.run(
            &lc,
            requests::agent_by_host_server(&lt, &id),
            move |agent: Agent| {
                Done::Go(link(
                    &target,
                    &format!("/agents/{}", agent.machine_agent_id),
                ))
            },
        );
    };
    let link_base = link(&conn, "");
    view! {
        <div class="page-head">
            <h1>"Agents"</h1>
            <div class="actions">
                <button data-testid="wake-up-agents" disabled=move || action.busy.get() on:click=wake_up>"Wake up agents"</button>
            </div>
        </div>
        {action.view()}
        <form class="filter" on:submit=find>
            <label for="host-lookup">"Find by host server ID"</label>
            <input id="host-lookup" data-testid="host-lookup" placeholder="87c3b6e1-fb1a-41f9-91e5-313ae35a5a06"
                prop:value=move || host.get() on:input=move |ev| host.set(event_target_value(&ev)) />
            <button type="submit" data-testid="host-lookup-submit" disabled=move || lookup.busy.get()>"Find"</button>
        </form>
        {move || lookup.error.get().map(|e| view! { <ErrorBanner error=e /> })}
        <Panel load=list loading_label="Loading agents…" render={move |agents: Vec<Agent>| {
            let rows = Signal::derive(move || {
                details.with(|d| {
                    agents
                        .iter()
                        .map(|a| match d.get(&a.machine_agent_id) {
                            Some(Ok(full)) => full.clone(),
                            Some(Err(_)) => a.clone(),
                            None => Agent { status: "…".into(), ..a.clone() },
                        })
                        .collect::<Vec<_>>()
                })
            });
            view! {
                <Table columns=&AGENT_COLUMNS rows=rows row_id=|a: &Agent| a.machine_agent_id.to_string()
                    link_base=link_base.clone() caption="Agents" initial_order="MachineName" />
            }
        }} />
    }
}
