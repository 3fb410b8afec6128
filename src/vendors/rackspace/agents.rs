//! Agents: the list with live status, and one agent with its settings and actions.

use std::collections::BTreeMap;

use backup_console_core::format;
use backup_console_core::vendors::rackspace::crypto::encrypt_passphrase;
use backup_console_core::vendors::rackspace::models::{Activity, Agent, BackupConfiguration};
use backup_console_core::vendors::rackspace::requests::{
    self,
    inputs::{AgentBehavior, AgentId, ChangeEncryption, EnableAgent, EncryptAgent, MigrateVault},
};
use backup_console_core::vendors::rackspace::views::{
    ACTIVITY_COLUMNS, AGENT_COLUMNS, CONFIGURATION_COLUMNS, DATA_CENTERS, LOG_LEVELS,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

use super::{link, rows, Act};
use crate::calls::{call_json, use_load, Load};
use crate::components::confirm::ConfirmDialog;
use crate::components::data_table::{sort_rows, DataTable};
use crate::components::status::{ErrorBanner, Loading};
use crate::session::use_session;

#[component]
pub fn AgentList(conn: String, tenant: String) -> impl IntoView {
    let session = use_session();
    let (c, t) = (conn.clone(), tenant.clone());
    let list = use_load::<Vec<Agent>>(move || Some((c.clone(), requests::user_agents(&t))));
    // The list always says "Offline"; each agent's own record has its real status.
    let details = RwSignal::new(BTreeMap::<u64, Agent>::new());
    let refresh = RwSignal::new(0u32);
    let (c, t) = (conn.clone(), tenant.clone());
    Effect::new(move |_| {
        refresh.track();
        if let Load::Ready(agents) = list.get() {
            for agent in agents {
                let (c, t) = (c.clone(), t.clone());
                spawn_local(async move {
                    if let Ok(full) =
                        call_json::<Agent>(session, &c, requests::agent(&t, agent.machine_agent_id))
                            .await
                    {
                        details.try_update(|d| {
                            d.insert(full.machine_agent_id, full);
                        });
                    }
                });
            }
        }
    });
    let order = RwSignal::new(Some("MachineName".to_owned()));
    let table_rows = Signal::derive(move || {
        let Load::Ready(agents) = list.get() else {
            return Vec::new();
        };
        let shown: Vec<Agent> = agents
            .into_iter()
            .map(|a| {
                details
                    .with(|d| d.get(&a.machine_agent_id).cloned())
                    .unwrap_or_else(|| Agent {
                        status: "…".into(),
                        ..a
                    })
            })
            .collect();
        let mut rows = rows(&shown);
        if let Some(o) = order.get() {
            sort_rows(&mut rows, &o);
        }
        rows
    });
    let wake = Act::new();
    let (wc, wt) = (conn.clone(), tenant.clone());
    let host = RwSignal::new(String::new());
    let lookup_error = RwSignal::new(None);
    let navigate = use_navigate();
    let (lc, lt) = (conn.clone(), tenant.clone());
    let row_conn = conn.clone();
    view! {
        <div class="page-head">
            <h1>"Agents"</h1>
            <div class="actions">
                <button
                    data-testid="wake-up-agents"
                    disabled=move || wake.busy.get()
                    on:click=move |_| wake.run(wc.clone(), requests::wake_up_agents(&wt), "Wake-up sent: agents report in within 10 to 20 seconds.".into(), move || {
                        set_timeout(move || refresh.update(|r| *r += 1), std::time::Duration::from_secs(3));
                    })
                >
                    "Wake up agents"
                </button>
            </div>
        </div>
        {wake.view()}
        <form class="filter" on:submit=move |ev| {
            ev.prevent_default();
            let id = host.get_untracked().trim().to_owned();
            if id.is_empty() { return; }
            let (c, t, navigate) = (lc.clone(), lt.clone(), navigate.clone());
            spawn_local(async move {
                match call_json::<Agent>(session, &c, requests::agent_by_host_server(&t, &id)).await {
                    Ok(agent) => navigate(&link(&c, &format!("/agents/{}", agent.machine_agent_id)), crate::paths::go_to()),
                    Err(e) => { lookup_error.try_set(Some(e)); }
                }
            });
        }>
            <label for="host-lookup">"Find by host server ID"</label>
            <input id="host-lookup" data-testid="host-lookup" placeholder="87c3b6e1-fb1a-41f9-91e5-313ae35a5a06"
                prop:value=move || host.get() on:input=move |ev| host.set(event_target_value(&ev)) />
            <button type="submit" data-testid="host-lookup-submit">"Find"</button>
        </form>
        {move || lookup_error.get().map(|e| view! { <ErrorBanner error=e /> })}
        {move || match list.get() {
            Load::Loading => view! { <Loading label="Loading agents…" /> }.into_any(),
            Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
            Load::Ready(_) => ().into_any(),
        }}
        <DataTable
            columns=&AGENT_COLUMNS
            rows=table_rows
            order_by=order
            on_sort=Callback::new(move |o| order.set(Some(o)))
            row_href=Callback::new(move |row: Value| link(&row_conn, &format!("/agents/{}", row["MachineAgentId"])))
            id_key="MachineAgentId"
            caption="Agents"
        />
    }
}

#[component]
pub fn AgentDetail(conn: String, tenant: String, id: u64) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let (c, t) = (conn.clone(), tenant.clone());
    let agent = use_load::<Agent>(move || {
        reload.track();
        Some((c.clone(), requests::agent(&t, id)))
    });
    let (c, t) = (conn.clone(), tenant.clone());
    let configs = use_load::<Vec<BackupConfiguration>>(move || {
        Some((c.clone(), requests::agent_configurations(&t, id)))
    });
    let (c, t) = (conn.clone(), tenant.clone());
    let activity =
        use_load::<Vec<Activity>>(move || Some((c.clone(), requests::agent_activity(&t, id))));
    let (c, t) = (conn.clone(), tenant.clone());
    let others = use_load::<Vec<Agent>>(move || Some((c.clone(), requests::user_agents(&t))));
    let act = Act::new();
    let confirming = RwSignal::new(false);
    let navigate = use_navigate();
    let bump = move || reload.update(|r| *r += 1);

    let (c1, t1) = (conn.clone(), tenant.clone());
    let toggle = move |enable: bool| {
        let word = if enable { "enabled" } else { "disabled" };
        act.run(
            c1.clone(),
            requests::enable_agent(
                &t1,
                &EnableAgent {
                    machine_agent_id: id,
                    enable,
                },
            ),
            format!("Agent {word}."),
            bump,
        );
    };
    let (c2, t2) = (conn.clone(), tenant.clone());
    let delete = Callback::new(move |_: ()| {
        confirming.set(false);
        let (c, navigate) = (c2.clone(), navigate.clone());
        let target = link(&c, "/agents");
        act.run(
            c2.clone(),
            requests::delete_agent(
                &t2,
                &AgentId {
                    machine_agent_id: id,
                },
            ),
            "Agent deleted.".into(),
            move || navigate(&target, crate::paths::go_to()),
        );
    });

    // Behavior, log level and migration forms.
    let data_center = RwSignal::new(String::new());
    let service_net = RwSignal::new(true);
    Effect::new(move |_| {
        if let Load::Ready(a) = agent.get() {
            data_center.set(a.backup_data_center.clone().unwrap_or(a.datacenter.clone()));
            service_net.set(a.use_service_net);
        }
    });
    let (c3, t3) = (conn.clone(), tenant.clone());
    let save_behavior = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = AgentBehavior {
            backup_data_center: Some(data_center.get_untracked()),
            use_service_net: service_net.get_untracked(),
        };
        act.run(
            c3.clone(),
            requests::update_agent_behavior(&t3, id, &input),
            "Backup behavior saved.".into(),
            bump,
        );
    };
    let level = RwSignal::new("4".to_owned());
    let (c4, t4) = (conn.clone(), tenant.clone());
    let save_level = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let level_value: u8 = level.get_untracked().parse().unwrap_or(4);
        act.run(
            c4.clone(),
            requests::change_log_level(&t4, id, level_value),
            "Log level changed.".into(),
            || {},
        );
    };
    let destination = RwSignal::new(String::new());
    let migrate_problem = RwSignal::new(None::<String>);
    let (c5, t5) = (conn.clone(), tenant.clone());
    let session = use_session();
    let migrate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        migrate_problem.set(None);
        let Ok(dest) = destination.get_untracked().parse::<u64>() else {
            migrate_problem.set(Some("Choose the agent that receives the vault.".into()));
            return;
        };
        let source_encrypted =
            matches!(agent.get_untracked(), Load::Ready(ref a) if a.is_encrypted);
        let (c, t) = (c5.clone(), t5.clone());
        spawn_local(async move {
            // The documented preconditions, checked before anything is sent.
            let dest_agent = call_json::<Agent>(session, &c, requests::agent(&t, dest)).await;
            let dest_configs = call_json::<Vec<BackupConfiguration>>(
                session,
                &c,
                requests::agent_configurations(&t, dest),
            )
            .await;
            let problem = match (&dest_agent, &dest_configs) {
                _ if source_encrypted => Some(
                    "This agent's backups are encrypted; encrypted vaults cannot be migrated."
                        .to_owned(),
                ),
                (Ok(d), _) if d.is_encrypted => Some(format!(
                    "{}'s backups are encrypted; encrypted vaults cannot be migrated.",
                    d.machine_name
                )),
                (Ok(d), Ok(cs)) if cs.iter().any(|c| !c.is_deleted) => Some(format!(
                    "{} already has backup configurations; migrate only to an agent without any.",
                    d.machine_name
                )),
                (Err(e), _) | (_, Err(e)) => Some(e.to_string()),
                _ => None,
            };
            match problem {
                Some(p) => {
                    migrate_problem.try_set(Some(p));
                }
                None => act.run(
                    c.clone(),
                    requests::migrate_vault(
                        &t,
                        &MigrateVault {
                            source_machine_agent_id: id,
                            destination_machine_agent_id: dest,
                        },
                    ),
                    "Vault migrated.".into(),
                    || {},
                ),
            }
        });
    };

    // Encryption: passphrases are encrypted here with the agent's public key and never kept.
    let pass_old = RwSignal::new(String::new());
    let pass_new = RwSignal::new(String::new());
    let pass_again = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let crypto_problem = RwSignal::new(None::<String>);
    let (c6, t6) = (conn.clone(), tenant.clone());
    let encrypt = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        crypto_problem.set(None);
        let Load::Ready(a) = agent.get_untracked() else {
            return;
        };
        let (new, again) = (pass_new.get_untracked(), pass_again.get_untracked());
        if new.len() < 8 {
            crypto_problem.set(Some("Use a passphrase of at least 8 characters.".into()));
            return;
        }
        if new != again {
            crypto_problem.set(Some("The two passphrases differ.".into()));
            return;
        }
        if !a.is_encrypted && !understood.get_untracked() {
            crypto_problem.set(Some(
                "Confirm that you understand encryption cannot be turned off.".into(),
            ));
            return;
        }
        let seal =
            |p: &str| encrypt_passphrase(&a.public_key.modulus(), &a.public_key.exponent(), p);
        let request = if a.is_encrypted {
            match (seal(&pass_old.get_untracked()), seal(&new)) {
                (Ok(old), Ok(new)) => requests::change_encryption(
                    &t6,
                    &ChangeEncryption {
                        machine_agent_id: id,
                        old_encrypted_password_hex: old,
                        new_encrypted_password_hex: new,
                    },
                ),
                (Err(e), _) | (_, Err(e)) => {
                    crypto_problem.set(Some(e));
                    return;
                }
            }
        } else {
            match seal(&new) {
                Ok(hex) => requests::encrypt_agent(
                    &t6,
                    &EncryptAgent {
                        machine_agent_id: id,
                        encrypted_password_hex: hex,
                    },
                ),
                Err(e) => {
                    crypto_problem.set(Some(e));
                    return;
                }
            }
        };
        let done = if a.is_encrypted {
            "Passphrase changed."
        } else {
            "Encryption enabled."
        };
        for s in [pass_old, pass_new, pass_again] {
            s.set(String::new());
        }
        act.run(c6.clone(), request, done.into(), bump);
    };
    let row_conn = conn.clone();
    let act_conn = conn.clone();
    let new_config = link(&conn, &format!("/configurations/new?agent={id}"));
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/agents")>"Agents"</a></p>
        {move || match agent.get() {
            Load::Loading => view! { <Loading /> }.into_any(),
            Load::Failed(e) => view! { <h1>{format!("Agent {id}")}</h1><ErrorBanner error=e /> }.into_any(),
            Load::Ready(a) => {
                let toggle = toggle.clone();
                let disabled = a.is_disabled;
                view! {
                    <div class="page-head">
                        <h1 data-testid="detail-title">{a.machine_name.clone()}</h1>
                        <div class="actions">
                            <button data-testid="agent-toggle" disabled=move || act.busy.get() on:click=move |_| toggle(disabled)>
                                {if disabled { "Enable agent" } else { "Disable agent" }}
                            </button>
                            <button class="danger" data-testid="delete-button" on:click=move |_| confirming.set(true)>"Delete agent"</button>
                        </div>
                    </div>
                    <dl class="detail" data-testid="detail">
                        <dt>"Status"</dt><dd data-field="Status">{a.status.clone()}</dd>
                        <dt>"Agent ID"</dt><dd>{a.machine_agent_id}</dd>
                        <dt>"Operating system"</dt><dd>{format!("{} {}", a.operating_system, a.operating_system_version)}</dd>
                        <dt>"Vault size"</dt><dd data-field="BackupVaultSize">{a.backup_vault_size.clone()}</dd>
                        <dt>"Last successful backup"</dt><dd>{a.time_of_last_successful_backup.map_or("never".into(), |t| format::timestamp(&format::iso(t)))}</dd>
                        <dt>"Data center"</dt><dd>{a.datacenter.clone()}</dd>
                        <dt>"Backups stored in"</dt><dd data-field="BackupDataCenter">{a.backup_data_center.clone().unwrap_or_default()}</dd>
                        <dt>"ServiceNet"</dt><dd data-field="UseServiceNet">{if a.use_service_net { "Yes" } else { "No" }}</dd>
                        <dt>"Encrypted"</dt><dd>{if a.is_encrypted { "Yes" } else { "No" }}</dd>
                        <dt>"Disabled"</dt><dd data-field="IsDisabled">{if a.is_disabled { "Yes" } else { "No" }}</dd>
                        <dt>"Host server"</dt><dd class="mono">{a.host_server_id.clone().unwrap_or_default()}</dd>
                    </dl>
                }.into_any()
            }
        }}
        {act.view()}
        // The sections only make sense for an agent that exists.
        {move || matches!(agent.get(), Load::Ready(_)).then(|| {
            let (save_behavior, save_level, migrate, encrypt) = (save_behavior.clone(), save_level.clone(), migrate.clone(), encrypt.clone());
            let encrypted = matches!(agent.get_untracked(), Load::Ready(ref a) if a.is_encrypted);
            let (new_config, row_conn, act_conn) = (new_config.clone(), row_conn.clone(), act_conn.clone());
            view! {
        <div>
        <section class="panel">
            <h2>"Backup behavior"</h2>
            <form data-testid="behavior-form" on:submit=save_behavior>
                <div class="field">
                    <label for="data-center">"Backup data center"</label>
                    <select id="data-center" data-testid="data-center" prop:value=move || data_center.get() on:change=move |ev| data_center.set(event_target_value(&ev))>
                        {DATA_CENTERS.iter().map(|d| view! { <option value=*d>{*d}</option> }).collect_view()}
                    </select>
                </div>
                <label class="check"><input type="checkbox" data-testid="service-net" prop:checked=move || service_net.get() on:change=move |ev| service_net.set(event_target_checked(&ev)) />"Use ServiceNet (no bandwidth charges)"</label>
                <div class="actions"><button type="submit" data-testid="behavior-save">"Save behavior"</button></div>
            </form>
            <form class="inline-fields" data-testid="log-level-form" on:submit=save_level>
                <label>"Log level "
                    <select data-testid="log-level" prop:value=move || level.get() on:change=move |ev| level.set(event_target_value(&ev))>
                        {LOG_LEVELS.iter().map(|(v, l)| view! { <option value=*v>{*l}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit" data-testid="log-level-save">"Change log level"</button>
            </form>
        </section>
        <section class="panel" data-testid="encryption">
            <h2>"Encryption"</h2>
            <p class="banner error">"Once turned on, encryption cannot be turned off. Backups can only be restored with the passphrase: if it is lost, the backups are lost."</p>
            <form data-testid="encryption-form" on:submit=encrypt>
                {encrypted.then(|| view! {
                    <div class="field"><label for="pass-old">"Current passphrase"</label>
                        <input id="pass-old" type="password" autocomplete="off" data-testid="pass-old" prop:value=move || pass_old.get() on:input=move |ev| pass_old.set(event_target_value(&ev)) /></div>
                })}
                <div class="field"><label for="pass-new">{if encrypted { "New passphrase" } else { "Passphrase" }}</label>
                    <input id="pass-new" type="password" autocomplete="new-password" data-testid="pass-new" prop:value=move || pass_new.get() on:input=move |ev| pass_new.set(event_target_value(&ev)) /></div>
                <div class="field"><label for="pass-again">"Repeat it"</label>
                    <input id="pass-again" type="password" autocomplete="new-password" data-testid="pass-again" prop:value=move || pass_again.get() on:input=move |ev| pass_again.set(event_target_value(&ev)) /></div>
                {(!encrypted).then(|| view! {
                    <label class="check"><input type="checkbox" data-testid="encryption-understood" prop:checked=move || understood.get() on:change=move |ev| understood.set(event_target_checked(&ev)) />
                        "I understand encryption cannot be turned off and a lost passphrase means lost backups"</label>
                })}
                {move || crypto_problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="encryption-problem">{p}</p> })}
                <div class="actions"><button type="submit" class="danger" data-testid="encryption-submit">{if encrypted { "Change passphrase" } else { "Turn on encryption" }}</button></div>
            </form>
        </section>
        <section class="panel">
            <h2>"Migrate vault"</h2>
            <p class="muted">"Moves this agent's backups to another agent. Neither may be encrypted, and the receiving agent must have no backup configurations."</p>
            <form class="inline-fields" data-testid="migrate-form" on:submit=migrate>
                <select data-testid="migrate-destination" prop:value=move || destination.get() on:change=move |ev| destination.set(event_target_value(&ev))>
                    <option value="">"— receiving agent —"</option>
                    {move || match others.get() {
                        Load::Ready(list) => list.into_iter().filter(|a| a.machine_agent_id != id).map(|a| view! {
                            <option value=a.machine_agent_id.to_string()>{format!("{} ({})", a.machine_name, a.machine_agent_id)}</option>
                        }).collect_view().into_any(),
                        _ => ().into_any(),
                    }}
                </select>
                <button type="submit" data-testid="migrate-submit">"Migrate vault"</button>
            </form>
            {move || migrate_problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="migrate-problem">{p}</p> })}
        </section>
        <section class="panel">
            <div class="page-head"><h2>"Backup configurations"</h2><a class="button primary" data-testid="create-button" href=new_config>"New configuration"</a></div>
            {move || match configs.get() {
                Load::Ready(list) => {
                    let c = row_conn.clone();
                    view! {
                        <DataTable columns=&CONFIGURATION_COLUMNS rows=Signal::derive(move || rows(&list)) order_by=Signal::derive(|| None::<String>)
                            on_sort=Callback::new(|_| {}) id_key="BackupConfigurationId" caption="Backup configurations"
                            row_href=Callback::new(move |row: Value| link(&c, &format!("/configurations/{}", row["BackupConfigurationId"]))) />
                    }.into_any()
                }
                Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
                Load::Loading => view! { <Loading /> }.into_any(),
            }}
        </section>
        <section class="panel">
            <h2>"Activity"</h2>
            {move || match activity.get() {
                Load::Ready(list) => {
                    let c = act_conn.clone();
                    view! {
                        <DataTable columns=&ACTIVITY_COLUMNS rows=Signal::derive(move || rows(&list)) order_by=Signal::derive(|| None::<String>)
                            on_sort=Callback::new(|_| {}) id_key="ID" caption="Activity"
                            row_href=Callback::new(move |row: Value| link(&c, &format!("/backups/{}", row["BackupId"]))) />
                    }.into_any()
                }
                Load::Failed(e) => view! { <ErrorBanner error=e /> }.into_any(),
                Load::Loading => view! { <Loading /> }.into_any(),
            }}
        </section>
        </div>
            }
        })}
        {move || confirming.get().then(|| {
            let name = match agent.get() { Load::Ready(a) => a.machine_name, _ => format!("agent {id}") };
            view! {
                <ConfirmDialog
                    title="Delete agent"
                    message=format!("Delete agent \"{name}\"? Its backup configurations and all of its backups are deleted too. This cannot be undone.")
                    confirm_label="Delete agent and backups"
                    on_confirm=delete
                    on_cancel=Callback::new(move |_| confirming.set(false))
                />
            }
        })}
    }
}
