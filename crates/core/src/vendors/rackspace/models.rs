//! What the Rackspace Cloud Backup API sends, read tolerantly (see [`super::loose`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::loose;
use crate::schedule::rackspace::RackspaceSchedule;

/// An RSA public key as hex; the document wraps long values with spaces, which are not part of it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PublicKey {
    #[serde(deserialize_with = "loose::string")]
    pub modulus_hex: String,
    #[serde(deserialize_with = "loose::string")]
    pub exponent_hex: String,
}

impl PublicKey {
    pub fn modulus(&self) -> String {
        self.modulus_hex.split_whitespace().collect()
    }

    pub fn exponent(&self) -> String {
        self.exponent_hex.split_whitespace().collect()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Agent {
    #[serde(deserialize_with = "loose::u64")]
    pub machine_agent_id: u64,
    pub machine_name: String,
    pub agent_version: String,
    pub architecture: String,
    pub flavor: String,
    /// As sent: "35.3 MB".
    pub backup_vault_size: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_container: Option<String>,
    #[serde(deserialize_with = "loose::bool")]
    pub cleanup_allowed: bool,
    pub datacenter: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_data_center: Option<String>,
    #[serde(rename = "IPAddress")]
    pub ip_address: String,
    #[serde(deserialize_with = "loose::bool")]
    pub is_disabled: bool,
    #[serde(deserialize_with = "loose::bool")]
    pub is_encrypted: bool,
    pub operating_system: String,
    pub operating_system_version: String,
    pub public_key: PublicKey,
    /// "Online" or "Offline" (always "Offline" in the per-user list).
    pub status: String,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub time_of_last_successful_backup: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "loose::bool")]
    pub use_service_net: bool,
    #[serde(
        deserialize_with = "loose::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub use_failover_uri: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_server_id: Option<String>,
}

/// A path in a configuration's inclusions or exclusions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct FileItem {
    pub file_path: String,
    /// "File" or "Folder".
    pub file_item_type: String,
    #[serde(
        deserialize_with = "loose::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub parent_id: Option<u64>,
    #[serde(
        deserialize_with = "loose::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub file_id: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BackupConfiguration {
    #[serde(deserialize_with = "loose::u64")]
    pub backup_configuration_id: u64,
    #[serde(default, deserialize_with = "loose::u64")]
    pub machine_agent_id: u64,
    #[serde(default)]
    pub machine_name: String,
    #[serde(default)]
    pub backup_configuration_name: String,
    #[serde(default, deserialize_with = "loose::bool")]
    pub is_active: bool,
    #[serde(default, deserialize_with = "loose::bool")]
    pub is_deleted: bool,
    #[serde(default, deserialize_with = "loose::bool")]
    pub is_encrypted: bool,
    #[serde(default, deserialize_with = "loose::u64")]
    pub version_retention: u64,
    #[serde(default, deserialize_with = "loose::opt_u64")]
    pub backup_configuration_schedule_id: Option<u64>,
    #[serde(default, deserialize_with = "loose::opt_u64")]
    pub missed_backup_action_id: Option<u64>,
    #[serde(flatten)]
    pub schedule: RackspaceSchedule,
    #[serde(
        default,
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub next_scheduled_run_time: Option<DateTime<Utc>>,
    #[serde(
        default,
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub last_run_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "loose::opt_u64")]
    pub last_run_backup_report_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_state: Option<String>,
    #[serde(default)]
    pub notify_recipients: String,
    #[serde(default, deserialize_with = "loose::bool")]
    pub notify_success: bool,
    #[serde(default, deserialize_with = "loose::bool")]
    pub notify_failure: bool,
    #[serde(default)]
    pub inclusions: Vec<FileItem>,
    #[serde(default)]
    pub exclusions: Vec<FileItem>,
    /// Fields some answers add (Flavor, Datacenter, EncryptionKey, pre/postscripts).
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Backup {
    #[serde(deserialize_with = "loose::u64")]
    pub backup_id: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub backup_configuration_id: u64,
    pub backup_configuration_name: String,
    /// Queued, InProgress, Skipped, Missed, Stopped, Completed, Failed, Preparing,
    /// StartRequested, StartScheduled, StopRequested, CompletedWithErrors.
    pub current_state: String,
    #[serde(deserialize_with = "loose::u64")]
    pub machine_agent_id: u64,
    pub machine_name: String,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub state_change_time: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "loose::bool")]
    pub is_encrypted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption_key: Option<PublicKey>,
}

impl Backup {
    pub fn is_running(&self) -> bool {
        matches!(
            self.current_state.as_str(),
            "Queued"
                | "InProgress"
                | "Preparing"
                | "StartRequested"
                | "StartScheduled"
                | "StopRequested"
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CompletedBackup {
    #[serde(deserialize_with = "loose::u64")]
    pub backup_id: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub backup_configuration_id: u64,
    pub backup_configuration_name: String,
    pub machine_name: String,
    #[serde(deserialize_with = "loose::u64")]
    pub machine_agent_id: u64,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub completed_time: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "loose::u64")]
    pub bytes_searched: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub num_errors: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ReportError {
    #[serde(rename = "BackupReportID", deserialize_with = "loose::u64")]
    pub backup_report_id: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub list_index: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub error_type: u64,
    pub error_desc: String,
    pub exception_desc: String,
    pub exception_details: String,
    #[serde(deserialize_with = "loose::u64")]
    pub exception_code: u64,
    pub path: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct BackupReport {
    #[serde(deserialize_with = "loose::u64")]
    pub backup_id: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub backup_configuration_id: u64,
    pub backup_configuration_name: String,
    #[serde(deserialize_with = "loose::bool")]
    pub backup_configuration_is_deleted: bool,
    pub computer_name: String,
    #[serde(deserialize_with = "loose::u64")]
    pub machine_agent_id: u64,
    pub state: String,
    #[serde(deserialize_with = "loose::bool")]
    pub can_restore: bool,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub start_time: Option<DateTime<Utc>>,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub completed_time: Option<DateTime<Utc>>,
    pub duration: String,
    #[serde(deserialize_with = "loose::u64")]
    pub files_searched: u64,
    /// As sent: "3.7 GB".
    #[serde(deserialize_with = "loose::string")]
    pub bytes_searched: String,
    #[serde(deserialize_with = "loose::u64")]
    pub files_backed_up: u64,
    #[serde(deserialize_with = "loose::string")]
    pub bytes_backed_up: String,
    #[serde(deserialize_with = "loose::u64")]
    pub num_errors: u64,
    pub reason: String,
    pub diagnostics: String,
    pub error_list: Vec<ReportError>,
}

/// A restore (configuration and state); `RestoreStateId` numbers the states of
/// [`RESTORE_STATES`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Restore {
    #[serde(deserialize_with = "loose::u64")]
    pub restore_id: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub backup_id: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub destination_machine_id: u64,
    #[serde(deserialize_with = "loose::bool")]
    pub overwrite_files: bool,
    #[serde(deserialize_with = "loose::u64")]
    pub backup_configuration_id: u64,
    pub backup_configuration_name: String,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub backup_restore_point: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "loose::u64")]
    pub backup_machine_id: u64,
    pub backup_machine_name: String,
    pub backup_flavor: String,
    pub destination_machine_name: String,
    pub destination_path: String,
    pub backup_data_center: String,
    #[serde(deserialize_with = "loose::bool")]
    pub is_encrypted: bool,
    pub encrypted_password: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_key: Option<PublicKey>,
    #[serde(deserialize_with = "loose::u64")]
    pub restore_state_id: u64,
}

/// Restore states by `RestoreStateId`. The document names the states (activity `CurrentState`)
/// but not their numbers; this order is the lifecycle it describes (Creating first).
pub const RESTORE_STATES: [&str; 10] = [
    "Creating",
    "Queued",
    "InProgress",
    "Completed",
    "Stopped",
    "Failed",
    "StartRequested",
    "StopRequested",
    "CompletedWithErrors",
    "Preparing",
];

impl Restore {
    pub fn state(&self) -> &'static str {
        RESTORE_STATES
            .get(self.restore_state_id as usize)
            .copied()
            .unwrap_or("Unknown")
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RestoreFile {
    pub file_path: String,
    /// 1 include, 2 exclude.
    #[serde(deserialize_with = "loose::u64")]
    pub filter: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub restore_id: u64,
    /// 0 file, 1 folder (2 database).
    #[serde(deserialize_with = "loose::u64")]
    pub file_item_type: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AvailableBackup {
    #[serde(deserialize_with = "loose::u64")]
    pub backup_configuration_id: u64,
    pub backup_configuration_name: String,
    pub machine_name: String,
    #[serde(deserialize_with = "loose::u64")]
    pub machine_agent_id: u64,
    #[serde(deserialize_with = "loose::bool")]
    pub is_encrypted: bool,
    #[serde(deserialize_with = "loose::string")]
    pub public_key_hex: String,
    #[serde(deserialize_with = "loose::string")]
    pub public_key_mod: String,
    pub flavor: String,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub last_successful_backup_time: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RestoreReport {
    #[serde(deserialize_with = "loose::u64")]
    pub backup_configuration_id: u64,
    pub backup_configuration_name: String,
    #[serde(deserialize_with = "loose::u64")]
    pub backup_report_id: u64,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub restore_point: Option<DateTime<Utc>>,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub start_time: Option<DateTime<Utc>>,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub completed_time: Option<DateTime<Utc>>,
    pub duration: String,
    pub originating_computer_name: String,
    pub state: String,
    #[serde(deserialize_with = "loose::u64")]
    pub num_files_restored: u64,
    #[serde(deserialize_with = "loose::string")]
    pub num_bytes_restored: String,
    pub restore_destination: String,
    #[serde(deserialize_with = "loose::u64")]
    pub restore_destination_machine_id: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub num_errors: u64,
    pub reason: String,
    pub diagnostics: String,
    pub error_list: Vec<Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Activity {
    #[serde(rename = "ID", deserialize_with = "loose::u64")]
    pub id: u64,
    /// Backup, Restore or Cleanup.
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(deserialize_with = "loose::u64")]
    pub parent_id: u64,
    pub display_name: String,
    #[serde(deserialize_with = "loose::bool")]
    pub is_backup_configuration_deleted: bool,
    #[serde(deserialize_with = "loose::u64")]
    pub source_machine_agent_id: u64,
    pub source_machine_name: String,
    #[serde(deserialize_with = "loose::u64")]
    pub destination_machine_agent_id: u64,
    pub destination_machine_name: String,
    pub current_state: String,
    #[serde(
        deserialize_with = "loose::opt_date",
        serialize_with = "loose::ser_opt_date"
    )]
    pub time_of_activity: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "loose::opt_u64")]
    pub backup_id: Option<u64>,
}

/// The identity service's answer to a token request (the parts the console uses).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct TokenResponse {
    pub access: TokenAccess,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct TokenAccess {
    pub token: Token,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Token {
    pub id: String,
    #[serde(default)]
    pub expires: Option<String>,
    #[serde(default)]
    pub tenant: Option<Tenant>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Tenant {
    pub id: String,
    #[serde(default)]
    pub name: String,
}
