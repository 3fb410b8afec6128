//! What the service sends. Every field defaults, so a response missing a field (or carrying
//! new ones) still reads; the document's own examples omit fields here and there.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub type Related = BTreeMap<String, serde_json::Value>;

/// `GET /api/v1/`: submodule name to its path.
pub type ApiRoot = BTreeMap<String, String>;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ping {
    pub version: String,
    pub ping: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub version: String,
    pub debug: bool,
    pub allowed_hosts: Vec<String>,
}

/// Fields every object carries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    pub id: u64,
    #[serde(rename = "type")]
    pub kind: String,
    pub url: String,
    pub related: Related,
    pub summary_fields: Related,
    pub created: Option<String>,
    pub modified: Option<String>,
    pub created_by: Option<serde_json::Value>,
    pub modified_by: Option<serde_json::Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct User {
    #[serde(flatten)]
    pub meta: Meta,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub is_superuser: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Client {
    #[serde(flatten)]
    pub meta: Meta,
    pub hostname: String,
    pub ip: String,
    pub version: String,
    pub ready: bool,
    pub hypervisor_ready: bool,
    pub hypervisor_name: String,
    pub enabled: bool,
    pub uuid: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Schedule {
    #[serde(flatten)]
    pub meta: Meta,
    pub name: String,
    pub crontab: String,
    pub enabled: bool,
    pub uuid: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Repository {
    #[serde(flatten)]
    pub meta: Meta,
    pub name: String,
    pub path: String,
    pub repository_key: String,
    pub original_size: Option<u64>,
    pub compressed_size: Option<u64>,
    pub deduplicated_size: Option<u64>,
    pub ready: bool,
    pub enabled: bool,
    pub uuid: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Policy {
    #[serde(flatten)]
    pub meta: Meta,
    pub uuid: String,
    pub name: String,
    pub extra_vars: String,
    pub clients: Vec<u64>,
    pub repository: Option<u64>,
    pub schedule: Option<u64>,
    pub policy_type: String,
    pub keep_hourly: Option<u32>,
    pub keep_daily: Option<u32>,
    pub keep_weekly: Option<u32>,
    pub keep_monthly: Option<u32>,
    pub keep_yearly: Option<u32>,
    pub vmprovider: String,
    pub next_run: Option<String>,
    pub mode_pull: bool,
    pub enabled: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Catalog {
    pub id: u64,
    pub url: String,
    pub archive_name: String,
    pub path: String,
    pub job: Option<u64>,
    pub mode: String,
    pub mtime: Option<String>,
    pub owner: String,
    pub group: String,
    pub size: Option<u64>,
    pub healthy: bool,
}

/// The answer to `POST /policies/{id}/launch/`; the document leaves its body unspecified, so
/// the job id is optional and any other fields are kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LaunchResult {
    pub job: Option<u64>,
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `GET /policies/{id}/calendar/`: the run times of the current month.
pub type Calendar = Vec<String>;
