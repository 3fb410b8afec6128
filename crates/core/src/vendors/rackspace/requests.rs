//! Request builders for all 33 operations of `rackspace-cloud-backup-api-v1.txt`, plus the
//! identity v2.0 token request used to sign in with a username and API key.

use serde::{Deserialize, Serialize};

use super::models::FileItem;
use crate::api::{path_segment, ApiRequest, Body, Method};
use crate::schedule::rackspace::RackspaceSchedule;

/// Request bodies, named as the document names the operations.
pub mod inputs {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct EnableAgent {
        pub machine_agent_id: u64,
        pub enable: bool,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct EncryptAgent {
        pub machine_agent_id: u64,
        pub encrypted_password_hex: String,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct ChangeEncryption {
        pub machine_agent_id: u64,
        pub old_encrypted_password_hex: String,
        pub new_encrypted_password_hex: String,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct AgentId {
        pub machine_agent_id: u64,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct MigrateVault {
        pub source_machine_agent_id: u64,
        /// The document's table spells it `...AgentID`, its example `...AgentId`; we send the latter.
        #[serde(alias = "DestinationMachineAgentID")]
        pub destination_machine_agent_id: u64,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct AgentBehavior {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub backup_data_center: Option<String>,
        pub use_service_net: bool,
    }

    /// Create (without schedule id) and update (with it) of a backup configuration.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct BackupConfigurationInput {
        pub machine_agent_id: u64,
        pub backup_configuration_name: String,
        pub is_active: bool,
        pub version_retention: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub backup_configuration_schedule_id: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub missed_backup_action_id: Option<u64>,
        #[serde(flatten)]
        pub schedule: RackspaceSchedule,
        pub notify_recipients: String,
        pub notify_success: bool,
        pub notify_failure: bool,
        #[serde(default)]
        pub inclusions: Vec<FileItem>,
        #[serde(default)]
        pub exclusions: Vec<FileItem>,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct Enable {
        pub enable: bool,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ActionKind {
        StartManual,
        StopManual,
    }

    /// Start (configuration id) or stop (backup id) a backup; start or stop a restore.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct Action {
        pub action: ActionKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub encrypted_password: Option<String>,
        pub id: u64,
    }

    impl Action {
        /// Start a backup (configuration id) or a restore (restore id, with its passphrase
        /// encrypted for the agent when the backup is encrypted).
        pub fn start(id: u64, encrypted_password: Option<String>) -> Self {
            Self {
                action: ActionKind::StartManual,
                encrypted_password,
                id,
            }
        }

        /// Stop a running backup (backup id) or restore (restore id).
        pub fn stop(id: u64) -> Self {
            Self {
                action: ActionKind::StopManual,
                encrypted_password: None,
                id,
            }
        }
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct CreateRestore {
        pub backup_id: u64,
        pub backup_machine_id: u64,
        pub destination_machine_id: u64,
        pub destination_path: String,
        pub backup_data_center: String,
        pub overwrite_files: bool,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct UpdateRestore {
        pub restore_id: u64,
        pub backup_configuration_id: u64,
        pub restore_state_id: u64,
        pub backup_machine_id: u64,
        pub destination_machine_id: u64,
        pub destination_path: String,
        pub backup_data_center: String,
        pub backup_id: u64,
        pub overwrite_files: bool,
    }

    /// Include (`Filter` "1") or exclude ("2") a path; `FileItemType` "0" file, "1" folder.
    /// The document sends these two as strings.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct RestoreFileInput {
        pub file_path: String,
        pub filter: String,
        pub parent_id: u64,
        pub file_item_type: String,
    }
}

use inputs::*;

/// The tenant comes from the connection (operator input or the identity token), so it is
/// encoded; `rest` is built by this module from fixed names, numeric ids and encoded text.
fn path(tenant: &str, rest: &str) -> String {
    format!("/v1.0/{}/{rest}", path_segment(tenant))
}

fn json_body(input: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(input).expect("inputs serialize to JSON")
}

fn get(tenant: &str, rest: &str, subject: String) -> ApiRequest {
    ApiRequest::get(path(tenant, rest)).about(subject)
}

fn send(
    method: Method,
    tenant: &str,
    rest: &str,
    body: &impl Serialize,
    subject: String,
) -> ApiRequest {
    ApiRequest::new(method, path(tenant, rest))
        .about(subject)
        .json(json_body(body))
}

// Agents
pub fn agent(tenant: &str, agent_id: u64) -> ApiRequest {
    get(
        tenant,
        &format!("agent/{agent_id}"),
        format!("agent {agent_id}"),
    )
}
pub fn enable_agent(tenant: &str, input: &EnableAgent) -> ApiRequest {
    send(
        Method::Post,
        tenant,
        "agent/enable",
        input,
        format!("agent {}", input.machine_agent_id),
    )
}
pub fn encrypt_agent(tenant: &str, input: &EncryptAgent) -> ApiRequest {
    send(
        Method::Post,
        tenant,
        "agent/encrypt",
        input,
        format!("agent {}", input.machine_agent_id),
    )
}
pub fn change_encryption(tenant: &str, input: &ChangeEncryption) -> ApiRequest {
    send(
        Method::Post,
        tenant,
        "agent/changeencryption",
        input,
        format!("agent {}", input.machine_agent_id),
    )
}
pub fn delete_agent(tenant: &str, input: &AgentId) -> ApiRequest {
    send(
        Method::Post,
        tenant,
        "agent/delete",
        input,
        format!("agent {}", input.machine_agent_id),
    )
}
pub fn migrate_vault(tenant: &str, input: &MigrateVault) -> ApiRequest {
    send(
        Method::Put,
        tenant,
        "agent/migratevault",
        input,
        format!("agent {}", input.source_machine_agent_id),
    )
}
pub fn update_agent_behavior(tenant: &str, agent_id: u64, input: &AgentBehavior) -> ApiRequest {
    send(
        Method::Post,
        tenant,
        &format!("agent/{agent_id}"),
        input,
        format!("agent {agent_id}"),
    )
}
pub fn agent_by_host_server(tenant: &str, host_server_id: &str) -> ApiRequest {
    get(
        tenant,
        &format!("agent/server/{}", path_segment(host_server_id)),
        format!("the agent of server {host_server_id}"),
    )
}
/// The one form-encoded body of the API.
pub fn change_log_level(tenant: &str, agent_id: u64, level: u8) -> ApiRequest {
    let mut request = ApiRequest::new(Method::Put, path(tenant, "agent/logging"))
        .about(format!("agent {agent_id}"));
    request.body = Some(Body::Form(vec![
        ("MachineAgentId".into(), agent_id.to_string()),
        ("LoggingLevelId".into(), level.to_string()),
    ]));
    request
}

// User
pub fn user_agents(tenant: &str) -> ApiRequest {
    get(tenant, "user/agents", "the agents".into())
}
pub fn wake_up_agents(tenant: &str) -> ApiRequest {
    ApiRequest::new(Method::Post, path(tenant, "user/wakeupagents")).about("the agents")
}

// Backup configurations
pub fn create_configuration(tenant: &str, input: &BackupConfigurationInput) -> ApiRequest {
    send(
        Method::Post,
        tenant,
        "backup-configuration",
        input,
        "the new backup configuration".into(),
    )
}
pub fn update_configuration(tenant: &str, id: u64, input: &BackupConfigurationInput) -> ApiRequest {
    send(
        Method::Put,
        tenant,
        &format!("backup-configuration/{id}"),
        input,
        format!("backup configuration {id}"),
    )
}
pub fn configuration(tenant: &str, id: u64) -> ApiRequest {
    get(
        tenant,
        &format!("backup-configuration/{id}"),
        format!("backup configuration {id}"),
    )
}
pub fn configurations(tenant: &str) -> ApiRequest {
    get(
        tenant,
        "backup-configuration",
        "the backup configurations".into(),
    )
}
pub fn agent_configurations(tenant: &str, agent_id: u64) -> ApiRequest {
    get(
        tenant,
        &format!("backup-configuration/system/{agent_id}"),
        format!("agent {agent_id}"),
    )
}
pub fn enable_configuration(tenant: &str, id: u64, enable: bool) -> ApiRequest {
    send(
        Method::Post,
        tenant,
        &format!("backup-configuration/enable/{id}"),
        &Enable { enable },
        format!("backup configuration {id}"),
    )
}
pub fn delete_configuration(tenant: &str, id: u64) -> ApiRequest {
    ApiRequest::new(
        Method::Delete,
        path(tenant, &format!("backup-configuration/{id}")),
    )
    .about(format!("backup configuration {id}"))
}

// Backups
pub fn backup_action(tenant: &str, input: &Action) -> ApiRequest {
    send(
        Method::Post,
        tenant,
        "backup/action-requested",
        input,
        format!("backup {}", input.id),
    )
}
pub fn backup(tenant: &str, id: u64) -> ApiRequest {
    get(tenant, &format!("backup/{id}"), format!("backup {id}"))
}
pub fn completed_backups(tenant: &str, configuration_id: u64) -> ApiRequest {
    get(
        tenant,
        &format!("backup/completed/{configuration_id}"),
        format!("backup configuration {configuration_id}"),
    )
}
pub fn backup_report(tenant: &str, id: u64) -> ApiRequest {
    get(
        tenant,
        &format!("backup/report/{id}"),
        format!("the report of backup {id}"),
    )
}

// Restore configurations
pub fn create_restore(tenant: &str, input: &CreateRestore) -> ApiRequest {
    send(
        Method::Put,
        tenant,
        "restore",
        input,
        "the new restore".into(),
    )
}
pub fn update_restore(tenant: &str, input: &UpdateRestore) -> ApiRequest {
    send(
        Method::Post,
        tenant,
        "restore",
        input,
        format!("restore {}", input.restore_id),
    )
}
pub fn add_restore_file(tenant: &str, input: &RestoreFileInput) -> ApiRequest {
    send(
        Method::Put,
        tenant,
        "restore/files",
        input,
        format!("restore {}", input.parent_id),
    )
}
pub fn restore_files(tenant: &str, restore_id: u64) -> ApiRequest {
    get(
        tenant,
        &format!("restore/files/{restore_id}"),
        format!("restore {restore_id}"),
    )
}
pub fn delete_restore_files(tenant: &str, restore_id: u64) -> ApiRequest {
    ApiRequest::new(
        Method::Delete,
        path(tenant, &format!("restore/files/{restore_id}")),
    )
    .about(format!("restore {restore_id}"))
}

// Restores
pub fn available_for_restore(tenant: &str) -> ApiRequest {
    get(
        tenant,
        "backup/availableforrestore",
        "the backups available for restore".into(),
    )
}
pub fn restore_action(tenant: &str, input: &Action) -> ApiRequest {
    send(
        Method::Post,
        tenant,
        "restore/action-requested",
        input,
        format!("restore {}", input.id),
    )
}
pub fn restore(tenant: &str, id: u64) -> ApiRequest {
    get(tenant, &format!("restore/{id}"), format!("restore {id}"))
}
pub fn restore_report(tenant: &str, id: u64) -> ApiRequest {
    get(
        tenant,
        &format!("restore/report/{id}"),
        format!("the report of restore {id}"),
    )
}

// Activity
pub fn agent_activity(tenant: &str, agent_id: u64) -> ApiRequest {
    get(
        tenant,
        &format!("system/activity/{agent_id}"),
        format!("agent {agent_id}"),
    )
}
pub fn activity(tenant: &str) -> ApiRequest {
    get(tenant, "activity", "the activity".into())
}

/// Identity v2.0: exchange a username and API key for a token. Send it to
/// [`super::identity::base_url`] of the connection's `identity_url` (with or without `/v2.0`);
/// the key is sent once and never stored.
pub fn identity_token(username: &str, api_key: &str) -> ApiRequest {
    ApiRequest::new(Method::Post, "/v2.0/tokens")
        .about("the identity service")
        .json(serde_json::json!({
            "auth": {"RAX-KSKEY:apiKeyCredentials": {"username": username, "apiKey": api_key}}
        }))
}

/// Start-backup and enable-encryption answer with a bare id, sometimes quoted.
pub fn plain_id(body: &str) -> Option<String> {
    let id = body.trim().trim_matches('"').trim();
    (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then(|| id.to_owned())
}

/// Every operation of the document: (method, path template after `/v1.0/{tenant_id}/`).
pub const OPERATIONS: [(&str, &str); 33] = [
    ("GET", "agent/{machineAgentId}"),
    ("POST", "agent/enable"),
    ("POST", "agent/encrypt"),
    ("POST", "agent/changeencryption"),
    ("POST", "agent/delete"),
    ("PUT", "agent/migratevault"),
    ("POST", "agent/{machineAgentId}"),
    ("GET", "agent/server/{hostServerId}"),
    ("PUT", "agent/logging"),
    ("GET", "user/agents"),
    ("POST", "user/wakeupagents"),
    ("POST", "backup-configuration"),
    ("PUT", "backup-configuration/{backupConfigurationId}"),
    ("GET", "backup-configuration/{backupConfigurationId}"),
    ("GET", "backup-configuration"),
    ("GET", "backup-configuration/system/{machineAgentId}"),
    (
        "POST",
        "backup-configuration/enable/{backupConfigurationId}",
    ),
    ("DELETE", "backup-configuration/{backupConfigurationId}"),
    ("POST", "backup/action-requested"),
    ("GET", "backup/{backupId}"),
    ("GET", "backup/completed/{backupConfigurationId}"),
    ("GET", "backup/report/{backupId}"),
    ("PUT", "restore"),
    ("POST", "restore"),
    ("PUT", "restore/files"),
    ("GET", "restore/files/{restoreId}"),
    ("DELETE", "restore/files/{restoreId}"),
    ("GET", "backup/availableforrestore"),
    ("POST", "restore/action-requested"),
    ("GET", "restore/{restoreId}"),
    ("GET", "restore/report/{restoreId}"),
    ("GET", "system/activity/{agentId}"),
    ("GET", "activity"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_input_stays_one_path_segment() {
        let request = agent_by_host_server("123456", "web 01/a?b#c");
        assert_eq!(
            request.path,
            "/v1.0/123456/agent/server/web%2001%2Fa%3Fb%23c"
        );
        assert_eq!(request.subject, "the agent of server web 01/a?b#c");
        assert_eq!(
            request.url("https://dfw.backup.api.rackspacecloud.com"),
            "https://dfw.backup.api.rackspacecloud.com/v1.0/123456/agent/server/web%2001%2Fa%3Fb%23c"
        );
        assert_eq!(user_agents("12/34?x").path, "/v1.0/12%2F34%3Fx/user/agents");
    }
}
