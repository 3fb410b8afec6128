//! Rackspace Cloud Backup v1.0, simulated: `/rackspace/v1.0/{tenant}/...`, plus the identity
//! v2.0 token endpoint at `/rackspace/identity/v2.0/tokens`.

mod seed;
mod store;

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use backup_console_core::vendors::rackspace::models::{Restore, RestoreFile};
use backup_console_core::vendors::rackspace::requests::inputs::*;
use chrono::Utc;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

pub use store::Store;
use store::{BackupRun, RestoreRun, FINISHED};

pub const MOUNT: &str = "/rackspace";
pub const TENANT: &str = "123456";
pub const USERNAME: &str = "demo";
pub const API_KEY: &str = "demo-api-key";
/// The demo agents' RSA key (1024 bits, made for the sandbox): agents publish the modulus, and
/// the sandbox decrypts what the console sends to check it really is the passphrase, encrypted.
pub const DEMO_MODULUS: &str = "edaf479f315cc8f053b78f7a3b62de6beeafe398bb4bd3e225f18019c02e86cd4bb7b312f7c9025df5ab3baed7139c077bc5d2bd7c73501c295e07ca964ed3b3d46654dc12c06b75816bfb222bcab338904268f7c052054fb5ada2bdce13628827b888f0d75ba73564aa33fc6873233017b64c14f4469486167f0dd610572305";
const DEMO_PRIVATE_EXPONENT: &str = "5098c231a21c736ac30898977b31c0785afcbbb19bb94fc4fcd6d27868e99dfe5971964095534d012d7ffe02009e7ea72efa5ac6b43fa9e792c376e2e46b206fcfff5dff21147d5a77acb7ccc3420af1563a5f54fbca0e318c3bd100d003952e9614645389e614781822514822f4fc76ebcda27345ffa782b74a8c9f74b94701";
const DEMO_PRIMES: [&str; 2] = ["fbe31ab8f21d7587e8855b261e02114fb883d746d5d318845001a15c192de0de652f9d3f4bdb43f7549d15703d036503795ba45e25d6eb655db3768d1ebde641", "f190cf0b9a84aea2423f92e48d9e7204a91dce82acc8ed5438d55ba74bdb34aa088a28fd77ceb192dcef1e14deb6eddadf575e7f20839e45a7ed72b2d9d633c5"];

/// This vendor's state, shared by its handlers.
pub type Sim = crate::shared::Shared<Store>;

/// The state with the demo data.
pub fn seeded() -> Sim {
    Sim::seeded(seed::seeded)
}

pub fn demo_connection(origin: &str) -> Value {
    json!({
        "id": "rackspace",
        "vendor": "rackspace",
        "label": "Rackspace demo",
        "base_url": format!("{origin}{MOUNT}"),
        "tenant_id": TENANT,
        "identity_url": format!("{origin}{MOUNT}/identity"),
        "token": crate::DEMO_TOKEN,
    })
}

/// A refusal as the API words it: `{"message": ..., "code": ...}`.
pub struct Fault(StatusCode, String);

impl IntoResponse for Fault {
    fn into_response(self) -> Response {
        (
            self.0,
            Json(json!({"message": self.1, "code": self.0.as_u16()})),
        )
            .into_response()
    }
}

fn fault(status: StatusCode, message: impl Into<String>) -> Fault {
    Fault(status, message.into())
}

fn not_found(what: &str) -> Fault {
    fault(StatusCode::NOT_FOUND, format!("{what} was not found."))
}

type Answer = Result<Response, Fault>;

fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, Fault> {
    serde_json::from_slice(bytes).map_err(|e| {
        fault(
            StatusCode::BAD_REQUEST,
            format!("The request body is invalid: {e}"),
        )
    })
}

fn ok(value: impl serde::Serialize) -> Answer {
    Ok(Json(value).into_response())
}

fn no_content() -> Answer {
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn text(value: impl ToString) -> Answer {
    Ok(([(header::CONTENT_TYPE, "text/plain")], value.to_string()).into_response())
}

pub fn router(sim: Sim) -> Router {
    let api = Router::new()
        .route("/v1.0/{tenant}/agent/enable", post(enable_agent))
        .route("/v1.0/{tenant}/agent/encrypt", post(encrypt))
        .route(
            "/v1.0/{tenant}/agent/changeencryption",
            post(change_encryption),
        )
        .route("/v1.0/{tenant}/agent/delete", post(delete_agent))
        .route("/v1.0/{tenant}/agent/migratevault", put(migrate_vault))
        .route("/v1.0/{tenant}/agent/logging", put(log_level))
        .route("/v1.0/{tenant}/agent/server/{host}", get(agent_by_host))
        .route("/v1.0/{tenant}/agent/{id}", get(agent).post(agent_behavior))
        .route("/v1.0/{tenant}/user/agents", get(user_agents))
        .route("/v1.0/{tenant}/user/wakeupagents", post(wake_up))
        .route(
            "/v1.0/{tenant}/backup-configuration",
            get(configurations).post(create_configuration),
        )
        .route(
            "/v1.0/{tenant}/backup-configuration/system/{agent}",
            get(agent_configurations),
        )
        .route(
            "/v1.0/{tenant}/backup-configuration/enable/{id}",
            post(enable_configuration),
        )
        .route(
            "/v1.0/{tenant}/backup-configuration/{id}",
            get(configuration)
                .put(update_configuration)
                .delete(delete_configuration),
        )
        .route(
            "/v1.0/{tenant}/backup/action-requested",
            post(backup_action),
        )
        .route("/v1.0/{tenant}/backup/availableforrestore", get(available))
        .route("/v1.0/{tenant}/backup/completed/{config}", get(completed))
        .route("/v1.0/{tenant}/backup/report/{id}", get(backup_report))
        .route("/v1.0/{tenant}/backup/{id}", get(backup))
        .route(
            "/v1.0/{tenant}/restore",
            put(create_restore).post(update_restore),
        )
        .route("/v1.0/{tenant}/restore/files", put(add_restore_file))
        .route(
            "/v1.0/{tenant}/restore/files/{id}",
            get(restore_files).delete(delete_restore_files),
        )
        .route(
            "/v1.0/{tenant}/restore/action-requested",
            post(restore_action),
        )
        .route("/v1.0/{tenant}/restore/report/{id}", get(restore_report))
        .route("/v1.0/{tenant}/restore/{id}", get(restore))
        .route(
            "/v1.0/{tenant}/system/activity/{agent}",
            get(agent_activity),
        )
        .route("/v1.0/{tenant}/activity", get(activity))
        .route_layer(axum::middleware::from_fn(authenticate));
    Router::new()
        .merge(api)
        .route("/identity/v2.0/tokens", post(tokens))
        .fallback(|| async { not_found("The resource") })
        .with_state(sim)
}

/// `X-Auth-Token` must be the demo token, and the tenant in the path the demo tenant.
async fn authenticate(request: Request, next: Next) -> Response {
    let token = request
        .headers()
        .get("x-auth-token")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if token != crate::DEMO_TOKEN {
        return fault(
            StatusCode::UNAUTHORIZED,
            "The supplied token was not authorized. Either it is expired or invalid.",
        )
        .into_response();
    }
    let tenant = request
        .uri()
        .path()
        .split('/')
        .skip_while(|s| *s != "v1.0")
        .nth(1)
        .unwrap_or("");
    if tenant != TENANT {
        return fault(
            StatusCode::FORBIDDEN,
            format!("Access to tenant {tenant} was denied."),
        )
        .into_response();
    }
    next.run(request).await
}

async fn tokens(body_bytes: Bytes) -> Answer {
    let request: Value = body(&body_bytes)?;
    let credentials = &request["auth"]["RAX-KSKEY:apiKeyCredentials"];
    if credentials["username"] != USERNAME || credentials["apiKey"] != API_KEY {
        return Ok((StatusCode::UNAUTHORIZED, Json(json!({"unauthorized": {"code": 401, "message": "Username or api key is invalid."}}))).into_response());
    }
    let expires = (Utc::now() + chrono::Duration::hours(24)).to_rfc3339();
    ok(
        json!({"access": {"token": {"id": crate::DEMO_TOKEN, "expires": expires, "tenant": {"id": TENANT, "name": TENANT}}}}),
    )
}

fn agent_answer(store: &Store, id: u64) -> Answer {
    let agent = store
        .agents
        .get(&id)
        .ok_or_else(|| not_found(&format!("Agent {id}")))?;
    ok(store.agent_view(agent, Utc::now()))
}

async fn agent(State(sim): State<Sim>, Path((_, id)): Path<(String, u64)>) -> Answer {
    agent_answer(&sim.lock(), id)
}

async fn agent_by_host(State(sim): State<Sim>, Path((_, host)): Path<(String, String)>) -> Answer {
    let store = sim.lock();
    let id = store
        .agents
        .values()
        .find(|a| a.host_server_id.as_deref() == Some(host.as_str()))
        .map(|a| a.machine_agent_id)
        .ok_or_else(|| not_found(&format!("An agent on server {host}")))?;
    agent_answer(&store, id)
}

async fn agent_behavior(
    State(sim): State<Sim>,
    Path((_, id)): Path<(String, u64)>,
    bytes: Bytes,
) -> Answer {
    let input: AgentBehavior = body(&bytes)?;
    let mut store = sim.lock();
    let agent = store
        .agents
        .get_mut(&id)
        .ok_or_else(|| not_found(&format!("Agent {id}")))?;
    if let Some(dc) = &input.backup_data_center {
        if !["IAD", "ORD", "DFW", "HKG", "LON", "SYD"].contains(&dc.as_str()) {
            return Err(fault(
                StatusCode::BAD_REQUEST,
                format!("{dc} is not a data center with your servers."),
            ));
        }
        agent.backup_data_center = Some(dc.clone());
    }
    agent.use_service_net = input.use_service_net;
    agent_answer(&store, id)
}

async fn enable_agent(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: EnableAgent = body(&bytes)?;
    let mut store = sim.lock();
    let agent = store
        .agents
        .get_mut(&input.machine_agent_id)
        .ok_or_else(|| not_found(&format!("Agent {}", input.machine_agent_id)))?;
    agent.is_disabled = !input.enable;
    no_content()
}

/// The demo agents' private key, assembled once (key checks make assembling it costly).
fn demo_key() -> &'static rsa::RsaPrivateKey {
    static KEY: std::sync::OnceLock<rsa::RsaPrivateKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        let big = |h: &str| rsa::BigUint::parse_bytes(h.as_bytes(), 16).expect("demo key");
        rsa::RsaPrivateKey::from_components(
            big(DEMO_MODULUS),
            rsa::BigUint::from(65537u32),
            big(DEMO_PRIVATE_EXPONENT),
            DEMO_PRIMES.iter().map(|p| big(p)).collect(),
        )
        .expect("demo key is valid")
    })
}

/// The passphrase inside an `...EncryptedPasswordHex`, or why it cannot be read.
fn check_hex(hex: &str) -> Result<String, Fault> {
    let compact: String = hex.split_whitespace().collect();
    let bad = || {
        fault(
            StatusCode::BAD_REQUEST,
            "The encrypted password must be the passphrase encrypted with the agent's public key, as hex.",
        )
    };
    if compact.is_empty()
        || compact.len() % 2 != 0
        || !compact.chars().all(|c| c.is_ascii_hexdigit())
    {
        return Err(bad());
    }
    let bytes: Vec<u8> = (0..compact.len())
        .step_by(2)
        .filter_map(|i| u8::from_str_radix(&compact[i..i + 2], 16).ok())
        .collect();
    let plain = demo_key()
        .decrypt(rsa::Pkcs1v15Encrypt, &bytes)
        .map_err(|_| bad())?;
    String::from_utf8(plain).map_err(|_| bad())
}

async fn encrypt(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: EncryptAgent = body(&bytes)?;
    let passphrase = check_hex(&input.encrypted_password_hex)?;
    let mut store = sim.lock();
    let agent = store
        .agents
        .get_mut(&input.machine_agent_id)
        .ok_or_else(|| not_found(&format!("Agent {}", input.machine_agent_id)))?;
    if agent.is_encrypted {
        return Err(fault(
            StatusCode::BAD_REQUEST,
            "Encryption is already enabled for this agent.",
        ));
    }
    agent.is_encrypted = true;
    store.passphrases.insert(input.machine_agent_id, passphrase);
    text(format!(
        "0cee72c7-015c-493b-b5fe-{:012x}",
        input.machine_agent_id
    ))
}

async fn change_encryption(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: ChangeEncryption = body(&bytes)?;
    let old = check_hex(&input.old_encrypted_password_hex)?;
    let new = check_hex(&input.new_encrypted_password_hex)?;
    let mut store = sim.lock();
    let agent = store
        .agents
        .get(&input.machine_agent_id)
        .ok_or_else(|| not_found(&format!("Agent {}", input.machine_agent_id)))?;
    if !agent.is_encrypted {
        return Err(fault(
            StatusCode::BAD_REQUEST,
            "Encryption is not enabled for this agent.",
        ));
    }
    if store.passphrases.get(&input.machine_agent_id) != Some(&old) {
        return Err(fault(
            StatusCode::FORBIDDEN,
            "The current passphrase is not correct.",
        ));
    }
    store.passphrases.insert(input.machine_agent_id, new);
    text(format!(
        "0cee72c7-015c-493b-b5fe-{:012x}",
        input.machine_agent_id
    ))
}

async fn delete_agent(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: AgentId = body(&bytes)?;
    let mut store = sim.lock();
    store
        .agents
        .remove(&input.machine_agent_id)
        .ok_or_else(|| not_found(&format!("Agent {}", input.machine_agent_id)))?;
    // Its configurations and backups go with it.
    let configs: Vec<u64> = store
        .configurations
        .values()
        .filter(|c| c.machine_agent_id == input.machine_agent_id)
        .map(|c| c.backup_configuration_id)
        .collect();
    store.configurations.retain(|id, _| !configs.contains(id));
    store
        .backups
        .retain(|_, b| !configs.contains(&b.configuration_id));
    no_content()
}

async fn migrate_vault(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: MigrateVault = body(&bytes)?;
    let mut store = sim.lock();
    let (from, to) = (
        input.source_machine_agent_id,
        input.destination_machine_agent_id,
    );
    let (Some(source), Some(dest)) = (store.agents.get(&from), store.agents.get(&to)) else {
        return Err(fault(
            StatusCode::FORBIDDEN,
            "Both agents must belong to you.",
        ));
    };
    if from == to {
        return Err(fault(StatusCode::FORBIDDEN, "Choose two different agents."));
    }
    if source.is_encrypted || dest.is_encrypted {
        return Err(fault(
            StatusCode::FORBIDDEN,
            "Vaults of encrypted agents cannot be migrated.",
        ));
    }
    if store
        .configurations
        .values()
        .any(|c| c.machine_agent_id == to && !c.is_deleted)
    {
        return Err(fault(
            StatusCode::FORBIDDEN,
            "The destination agent already has backup configurations.",
        ));
    }
    let dest_name = dest.machine_name.clone();
    for config in store
        .configurations
        .values_mut()
        .filter(|c| c.machine_agent_id == from)
    {
        config.machine_agent_id = to;
        config.machine_name = dest_name.clone();
    }
    Ok(StatusCode::OK.into_response())
}

async fn log_level(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let form: std::collections::HashMap<String, String> =
        form_urlencoded::parse(&bytes).into_owned().collect();
    let id: u64 = form
        .get("MachineAgentId")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| fault(StatusCode::BAD_REQUEST, "MachineAgentId is required."))?;
    let level: u64 = form
        .get("LoggingLevelId")
        .and_then(|v| v.parse().ok())
        .filter(|l| (1..=6).contains(l))
        .ok_or_else(|| {
            fault(
                StatusCode::BAD_REQUEST,
                "LoggingLevelId must be 1 (FATAL) to 6 (TRACE).",
            )
        })?;
    let mut store = sim.lock();
    if !store.agents.contains_key(&id) {
        return Err(fault(
            StatusCode::FORBIDDEN,
            format!("Agent {id} is not yours."),
        ));
    }
    store.log_levels.insert(id, level);
    Ok(StatusCode::OK.into_response())
}

async fn user_agents(State(sim): State<Sim>) -> Answer {
    let store = sim.lock();
    let now = Utc::now();
    // As documented: this list always says Offline; the agent details have the real status.
    let agents: Vec<_> = store
        .agents
        .values()
        .map(|a| {
            let mut view = store.agent_view(a, now);
            view.status = "Offline".into();
            view
        })
        .collect();
    ok(agents)
}

async fn wake_up(State(sim): State<Sim>) -> Answer {
    sim.lock().wake_requested = Some(Utc::now());
    Ok(StatusCode::OK.into_response())
}

fn validate_configuration(
    store: &Store,
    input: &BackupConfigurationInput,
    id: Option<u64>,
) -> Result<(), Fault> {
    let mut problems: Vec<String> = input
        .schedule
        .validate()
        .into_iter()
        .map(|(k, v)| format!("{k}: {}", v.join(" ")))
        .collect();
    if input.backup_configuration_name.trim().is_empty() {
        problems.push("BackupConfigurationName: give the configuration a name.".into());
    }
    if ![0, 30, 60].contains(&input.version_retention) {
        problems.push("VersionRetention: use 0 (indefinite), 30 or 60 days.".into());
    }
    if !problems.is_empty() {
        return Err(fault(StatusCode::BAD_REQUEST, problems.join(" ")));
    }
    if !store.agents.contains_key(&input.machine_agent_id) {
        return Err(not_found(&format!("Agent {}", input.machine_agent_id)));
    }
    let taken = store.configurations.values().any(|c| {
        Some(c.backup_configuration_id) != id
            && c.machine_agent_id == input.machine_agent_id
            && !c.is_deleted
            && c.backup_configuration_name
                .eq_ignore_ascii_case(input.backup_configuration_name.trim())
    });
    if taken {
        return Err(fault(
            StatusCode::CONFLICT,
            format!(
                "This agent already has a configuration named \"{}\".",
                input.backup_configuration_name
            ),
        ));
    }
    Ok(())
}

fn apply(
    config: &mut backup_console_core::vendors::rackspace::models::BackupConfiguration,
    input: &BackupConfigurationInput,
    store_agent_name: String,
) {
    config.machine_agent_id = input.machine_agent_id;
    config.machine_name = store_agent_name;
    config.backup_configuration_name = input.backup_configuration_name.trim().to_owned();
    config.is_active = input.is_active;
    config.version_retention = input.version_retention;
    config.missed_backup_action_id = input
        .missed_backup_action_id
        .or(config.missed_backup_action_id);
    config.schedule = input.schedule.clone();
    config.notify_recipients = input.notify_recipients.clone();
    config.notify_success = input.notify_success;
    config.notify_failure = input.notify_failure;
    config.inclusions = input.inclusions.clone();
    config.exclusions = input.exclusions.clone();
    config.next_scheduled_run_time = input
        .schedule
        .next_runs(Utc::now(), 1)
        .first()
        .map(|t| t.with_timezone(&Utc));
}

async fn create_configuration(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: BackupConfigurationInput = body(&bytes)?;
    let mut store = sim.lock();
    validate_configuration(&store, &input, None)?;
    let id = store.id();
    let agent_name = store.agents[&input.machine_agent_id].machine_name.clone();
    let mut config: backup_console_core::vendors::rackspace::models::BackupConfiguration =
        serde_json::from_value(json!({
            "BackupConfigurationId": id, "Frequency": "Manually", "TimeZoneId": "UTC"
        }))
        .expect("minimal configuration");
    config.backup_configuration_schedule_id = Some(id + 1000);
    apply(&mut config, &input, agent_name);
    store.configurations.insert(id, config.clone());
    ok(config)
}

async fn update_configuration(
    State(sim): State<Sim>,
    Path((_, id)): Path<(String, u64)>,
    bytes: Bytes,
) -> Answer {
    let input: BackupConfigurationInput = body(&bytes)?;
    let mut store = sim.lock();
    if !store.configurations.contains_key(&id) {
        return Err(not_found(&format!("Backup configuration {id}")));
    }
    validate_configuration(&store, &input, Some(id))?;
    let agent_name = store.agents[&input.machine_agent_id].machine_name.clone();
    let config = store.configurations.get_mut(&id).expect("checked above");
    apply(config, &input, agent_name);
    no_content()
}

async fn configuration(State(sim): State<Sim>, Path((_, id)): Path<(String, u64)>) -> Answer {
    let store = sim.lock();
    let config = store
        .configurations
        .get(&id)
        .filter(|c| !c.is_deleted)
        .ok_or_else(|| not_found(&format!("Backup configuration {id}")))?;
    ok(store.configuration_view(config, Utc::now()))
}

async fn configurations(State(sim): State<Sim>) -> Answer {
    let store = sim.lock();
    let now = Utc::now();
    ok(store
        .configurations
        .values()
        .filter(|c| !c.is_deleted)
        .map(|c| store.configuration_view(c, now))
        .collect::<Vec<_>>())
}

async fn agent_configurations(
    State(sim): State<Sim>,
    Path((_, agent)): Path<(String, u64)>,
) -> Answer {
    let store = sim.lock();
    if !store.agents.contains_key(&agent) {
        return Err(not_found(&format!("Agent {agent}")));
    }
    let now = Utc::now();
    ok(store
        .configurations
        .values()
        .filter(|c| c.machine_agent_id == agent && !c.is_deleted)
        .map(|c| store.configuration_view(c, now))
        .collect::<Vec<_>>())
}

async fn enable_configuration(
    State(sim): State<Sim>,
    Path((_, id)): Path<(String, u64)>,
    bytes: Bytes,
) -> Answer {
    let input: Enable = body(&bytes)?;
    let mut store = sim.lock();
    let config = store
        .configurations
        .get_mut(&id)
        .filter(|c| !c.is_deleted)
        .ok_or_else(|| not_found(&format!("Backup configuration {id}")))?;
    config.is_active = input.enable;
    let config = config.clone();
    ok(store.configuration_view(&config, Utc::now()))
}

async fn delete_configuration(
    State(sim): State<Sim>,
    Path((_, id)): Path<(String, u64)>,
) -> Answer {
    let mut store = sim.lock();
    let config = store
        .configurations
        .get_mut(&id)
        .filter(|c| !c.is_deleted)
        .ok_or_else(|| not_found(&format!("Backup configuration {id}")))?;
    config.is_deleted = true;
    Ok(StatusCode::OK.into_response())
}

async fn backup_action(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: Action = body(&bytes)?;
    let mut store = sim.lock();
    let now = Utc::now();
    match input.action {
        ActionKind::StartManual => {
            let config = store
                .configurations
                .get(&input.id)
                .filter(|c| !c.is_deleted)
                .ok_or_else(|| not_found(&format!("Backup configuration {}", input.id)))?;
            let agent = store
                .agents
                .get(&config.machine_agent_id)
                .map(|a| store.agent_view(a, now));
            match agent {
                Some(a) if a.is_disabled => {
                    return Err(fault(StatusCode::BAD_REQUEST, "The agent is disabled."))
                }
                Some(a) if a.status != "Online" => {
                    return Err(fault(
                        StatusCode::BAD_REQUEST,
                        "The agent is offline: wake it up and try again in 10-20 seconds.",
                    ))
                }
                None => return Err(not_found("The agent")),
                _ => {}
            }
            let config_id = config.backup_configuration_id;
            let running = store.backups.values().any(|b| {
                b.configuration_id == config_id && !FINISHED.contains(&store.backup_state(b, now))
            });
            if running {
                return Err(fault(
                    StatusCode::CONFLICT,
                    "A backup of this configuration is already running.",
                ));
            }
            let id = store.id();
            store.backups.insert(id, BackupRun::new(id, config_id, now));
            text(id)
        }
        ActionKind::StopManual => {
            let state = store
                .backups
                .get(&input.id)
                .map(|b| store.backup_state(b, now))
                .ok_or_else(|| not_found(&format!("Backup {}", input.id)))?;
            if FINISHED.contains(&state) {
                return Err(fault(
                    StatusCode::BAD_REQUEST,
                    format!("Backup {} has already finished ({state}).", input.id),
                ));
            }
            store
                .backups
                .get_mut(&input.id)
                .expect("found above")
                .stop_requested = Some(now);
            no_content()
        }
    }
}

async fn backup(State(sim): State<Sim>, Path((_, id)): Path<(String, u64)>) -> Answer {
    let store = sim.lock();
    let run = store
        .backups
        .get(&id)
        .ok_or_else(|| not_found(&format!("Backup {id}")))?;
    ok(store
        .backup_view(run, Utc::now())
        .ok_or_else(|| not_found(&format!("Backup {id}")))?)
}

async fn completed(State(sim): State<Sim>, Path((_, config)): Path<(String, u64)>) -> Answer {
    let store = sim.lock();
    if !store.configurations.contains_key(&config) {
        return Err(not_found(&format!("Backup configuration {config}")));
    }
    ok(store.completed(config, Utc::now()))
}

async fn backup_report(State(sim): State<Sim>, Path((_, id)): Path<(String, u64)>) -> Answer {
    let store = sim.lock();
    let run = store
        .backups
        .get(&id)
        .ok_or_else(|| not_found(&format!("Backup {id}")))?;
    ok(store.report(run, Utc::now()).ok_or_else(|| {
        fault(
            StatusCode::BAD_REQUEST,
            format!("Backup {id} has not finished yet."),
        )
    })?)
}

async fn available(State(sim): State<Sim>) -> Answer {
    ok(sim.lock().available_for_restore(Utc::now()))
}

async fn create_restore(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: CreateRestore = body(&bytes)?;
    let mut store = sim.lock();
    let now = Utc::now();
    let run = store
        .backups
        .get(&input.backup_id)
        .ok_or_else(|| not_found(&format!("Backup {}", input.backup_id)))?;
    if !store.backup_state(run, now).starts_with("Completed") {
        return Err(fault(
            StatusCode::BAD_REQUEST,
            format!("Backup {} cannot be restored.", input.backup_id),
        ));
    }
    let config = store.configurations[&run.configuration_id].clone();
    let restore_point = run.started;
    let source = store.agents.get(&config.machine_agent_id).cloned();
    let dest = store
        .agents
        .get(&input.destination_machine_id)
        .cloned()
        .ok_or_else(|| not_found(&format!("Agent {}", input.destination_machine_id)))?;
    if input.destination_path.trim().is_empty() {
        return Err(fault(
            StatusCode::BAD_REQUEST,
            "DestinationPath is required.",
        ));
    }
    let id = store.id();
    let restore = Restore {
        restore_id: id,
        backup_id: input.backup_id,
        destination_machine_id: dest.machine_agent_id,
        overwrite_files: input.overwrite_files,
        backup_configuration_id: config.backup_configuration_id,
        backup_configuration_name: config.backup_configuration_name.clone(),
        backup_restore_point: Some(restore_point),
        backup_machine_id: config.machine_agent_id,
        backup_machine_name: config.machine_name.clone(),
        backup_flavor: "RaxCloudServer".into(),
        destination_machine_name: dest.machine_name.clone(),
        destination_path: input.destination_path.clone(),
        backup_data_center: input.backup_data_center.clone(),
        is_encrypted: source.as_ref().is_some_and(|s| s.is_encrypted),
        encrypted_password: None,
        public_key: source.map(|s| s.public_key),
        restore_state_id: 0,
    };
    store.restores.insert(
        id,
        RestoreRun {
            restore: restore.clone(),
            started: None,
            stop_requested: None,
        },
    );
    ok(restore)
}

async fn update_restore(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: UpdateRestore = body(&bytes)?;
    let mut store = sim.lock();
    let now = Utc::now();
    let state = store
        .restores
        .get(&input.restore_id)
        .map(|r| store.restore_state(r, now))
        .ok_or_else(|| not_found(&format!("Restore {}", input.restore_id)))?;
    if state != 0 {
        return Err(fault(
            StatusCode::BAD_REQUEST,
            "A restore can only be changed while it is being created.",
        ));
    }
    let dest_name = store
        .agents
        .get(&input.destination_machine_id)
        .map(|a| a.machine_name.clone())
        .ok_or_else(|| not_found(&format!("Agent {}", input.destination_machine_id)))?;
    let run = store
        .restores
        .get_mut(&input.restore_id)
        .expect("found above");
    run.restore.destination_machine_id = input.destination_machine_id;
    run.restore.destination_machine_name = dest_name;
    run.restore.destination_path = input.destination_path;
    run.restore.overwrite_files = input.overwrite_files;
    run.restore.backup_data_center = input.backup_data_center;
    no_content()
}

async fn add_restore_file(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: RestoreFileInput = body(&bytes)?;
    let mut store = sim.lock();
    if !store.restores.contains_key(&input.parent_id) {
        return Err(not_found(&format!("Restore {}", input.parent_id)));
    }
    let filter = input
        .filter
        .parse()
        .ok()
        .filter(|f| [1, 2].contains(f))
        .ok_or_else(|| {
            fault(
                StatusCode::BAD_REQUEST,
                "Filter is 1 (include) or 2 (exclude).",
            )
        })?;
    let kind = input
        .file_item_type
        .parse()
        .ok()
        .filter(|k| *k <= 2)
        .ok_or_else(|| {
            fault(
                StatusCode::BAD_REQUEST,
                "FileItemType is 0 (file), 1 (folder) or 2 (database).",
            )
        })?;
    store
        .restore_files
        .entry(input.parent_id)
        .or_default()
        .push(RestoreFile {
            file_path: input.file_path,
            filter,
            restore_id: input.parent_id,
            file_item_type: kind,
        });
    Ok(StatusCode::OK.into_response())
}

async fn restore_files(State(sim): State<Sim>, Path((_, id)): Path<(String, u64)>) -> Answer {
    let store = sim.lock();
    if !store.restores.contains_key(&id) {
        return Err(not_found(&format!("Restore {id}")));
    }
    ok(store.restore_files.get(&id).cloned().unwrap_or_default())
}

async fn delete_restore_files(
    State(sim): State<Sim>,
    Path((_, id)): Path<(String, u64)>,
) -> Answer {
    let mut store = sim.lock();
    if !store.restores.contains_key(&id) {
        return Err(not_found(&format!("Restore {id}")));
    }
    store.restore_files.remove(&id);
    no_content()
}

async fn restore_action(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let input: Action = body(&bytes)?;
    let mut store = sim.lock();
    let now = Utc::now();
    let state = store
        .restores
        .get(&input.id)
        .map(|r| store.restore_state(r, now))
        .ok_or_else(|| not_found(&format!("Restore {}", input.id)))?;
    let passphrases = store.passphrases.clone();
    let run = store.restores.get_mut(&input.id).expect("found above");
    match input.action {
        ActionKind::StartManual => {
            if state != 0 {
                return Err(fault(
                    StatusCode::BAD_REQUEST,
                    "This restore has already been started.",
                ));
            }
            if run.restore.is_encrypted {
                let sent = input.encrypted_password.as_deref().unwrap_or("");
                if sent.trim().is_empty() {
                    return Err(fault(
                        StatusCode::BAD_REQUEST,
                        "This backup is encrypted: the encrypted passphrase is required.",
                    ));
                }
                if passphrases.get(&run.restore.backup_machine_id) != Some(&check_hex(sent)?) {
                    return Err(fault(
                        StatusCode::FORBIDDEN,
                        "The passphrase does not open this backup.",
                    ));
                }
            }
            run.started = Some(now);
        }
        ActionKind::StopManual => {
            if !matches!(state, 1 | 2 | 6 | 9) {
                return Err(fault(
                    StatusCode::BAD_REQUEST,
                    "Only a running restore can be stopped.",
                ));
            }
            run.stop_requested = Some(now);
        }
    }
    no_content()
}

async fn restore(State(sim): State<Sim>, Path((_, id)): Path<(String, u64)>) -> Answer {
    let store = sim.lock();
    let run = store
        .restores
        .get(&id)
        .ok_or_else(|| not_found(&format!("Restore {id}")))?;
    ok(store.restore_view(run, Utc::now()))
}

async fn restore_report(State(sim): State<Sim>, Path((_, id)): Path<(String, u64)>) -> Answer {
    let store = sim.lock();
    let run = store
        .restores
        .get(&id)
        .ok_or_else(|| not_found(&format!("Restore {id}")))?;
    ok(store.restore_report(run, Utc::now()).ok_or_else(|| {
        fault(
            StatusCode::BAD_REQUEST,
            format!("Restore {id} has not finished yet."),
        )
    })?)
}

async fn agent_activity(State(sim): State<Sim>, Path((_, agent)): Path<(String, u64)>) -> Answer {
    let store = sim.lock();
    if !store.agents.contains_key(&agent) {
        return Err(not_found(&format!("Agent {agent}")));
    }
    ok(store.activity(Some(agent), Utc::now()))
}

async fn activity(State(sim): State<Sim>) -> Answer {
    ok(sim.lock().activity(None, Utc::now()))
}
