//! What the Xopero management API sends, read tolerantly (see [`super::loose`]). Every object
//! keeps the fields the document does not show in `extra`, so what is read can be written back
//! whole; ids are opaque text (the document's own examples are not well-formed GUIDs).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::loose;

pub use super::answers::{IdError, IdOutcome, LicenceAnswer, RemoveAnswer};

/// Fields beyond the document's, kept as sent.
pub type Extra = Map<String, Value>;

/// The body of `account/login`. The password is sent once and never kept.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Login {
    pub email: String,
    pub password: String,
    /// "Remember me" in the vendor's sign-in form.
    pub remember_me: bool,
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Login")
            .field("email", &self.email)
            .field("password", &"••••")
            .field("remember_me", &self.remember_me)
            .finish()
    }
}

/// The answer to `account/login`: the token for `Authorization: Bearer`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginAnswer {
    #[serde(default, deserialize_with = "loose::string")]
    pub user_id: String,
    pub access_token: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl fmt::Debug for LoginAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginAnswer")
            .field("user_id", &self.user_id)
            .field("access_token", &"••••")
            .finish()
    }
}

/// A page of a list: `organizations/getmany` (`result` is a list), `repositories/getmany`
/// (`result` is a [`RepositoryList`]) and `plans/listassignedtoorganization`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Paged<T> {
    #[serde(default, deserialize_with = "loose::u64")]
    pub current_page: u64,
    #[serde(default, deserialize_with = "loose::u64")]
    pub page_count: u64,
    #[serde(default, deserialize_with = "loose::u64")]
    pub total_entries: u64,
    pub result: T,
    #[serde(flatten)]
    pub extra: Extra,
}

impl<T> Paged<T> {
    /// At least one page, so a pager never reads "page 1 of 0".
    pub fn pages(&self) -> u64 {
        self.page_count.max(1)
    }

    pub fn has_previous(&self) -> bool {
        self.current_page > 1
    }

    pub fn has_next(&self) -> bool {
        self.current_page < self.page_count
    }
}

/// Successes, warnings and errors of a plan's last run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LastStatus {
    #[serde(deserialize_with = "loose::u64")]
    pub successes: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub warnings: u64,
    #[serde(deserialize_with = "loose::u64")]
    pub errors: u64,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A plan as `organizations/getmany` lists it inside its organization.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    #[serde(deserialize_with = "loose::string")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub name: String,
    #[serde(default, deserialize_with = "loose::u64")]
    pub backup_type: u64,
    #[serde(default, deserialize_with = "loose::bool")]
    pub include_metadata: bool,
    #[serde(default, deserialize_with = "loose::u64")]
    pub repo_count: u64,
    #[serde(default)]
    pub last_status: Option<LastStatus>,
    /// Epoch milliseconds, 0 when the plan never finished a run.
    #[serde(default, deserialize_with = "loose::epoch_ms")]
    pub plan_finished_time: u64,
    #[serde(default, deserialize_with = "loose::bool")]
    pub is_running: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

impl PlanSummary {
    pub fn finished_at(&self) -> Option<DateTime<Utc>> {
        loose::time(self.plan_finished_time)
    }
}

/// A git organization (GitHub, GitLab, Bitbucket...) with its licence counts and plans.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    #[serde(deserialize_with = "loose::string")]
    pub id: String,
    /// The git service, by number: see [`super::views::driver_name`].
    #[serde(default, deserialize_with = "loose::u64")]
    pub driver: u64,
    #[serde(default, deserialize_with = "loose::string")]
    pub name: String,
    #[serde(default)]
    pub api_url: Option<String>,
    #[serde(default, deserialize_with = "loose::bool")]
    pub is_read_only: bool,
    #[serde(default, deserialize_with = "loose::u64")]
    pub protected_repositories: u64,
    #[serde(default, deserialize_with = "loose::u64")]
    pub total_repositories: u64,
    #[serde(default, deserialize_with = "loose::u64")]
    pub missing_licences: u64,
    #[serde(default, deserialize_with = "loose::u64")]
    pub removed_repositories: u64,
    #[serde(default)]
    pub default_worker_id: Option<String>,
    #[serde(default, deserialize_with = "loose::bool")]
    pub is_created_by_marketplace: bool,
    #[serde(default, deserialize_with = "loose::bool")]
    pub synchronization_in_progress: bool,
    #[serde(default)]
    pub plans: Vec<PlanSummary>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Organization {
    pub fn driver_name(&self) -> String {
        super::views::driver_name(self.driver)
    }
}

/// A repository of an organization, with its licence and backup times.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Repository {
    #[serde(deserialize_with = "loose::string")]
    pub id: String,
    #[serde(default)]
    pub server_id: Option<String>,
    /// `owner/name`.
    #[serde(default, deserialize_with = "loose::string")]
    pub name: String,
    /// Epoch milliseconds, 0 = never (all three times).
    #[serde(default, deserialize_with = "loose::epoch_ms")]
    pub last_backup: u64,
    #[serde(default, deserialize_with = "loose::epoch_ms")]
    pub last_successful_backup: u64,
    #[serde(default, deserialize_with = "loose::epoch_ms")]
    pub next_backup: u64,
    /// Holds a licence (activated).
    #[serde(default, deserialize_with = "loose::bool")]
    pub is_protected: bool,
    /// Gone from the git service; its backups remain until removed.
    #[serde(default, deserialize_with = "loose::bool")]
    pub is_removed: bool,
    /// Numbers the document does not explain; shown as sent.
    #[serde(default, deserialize_with = "loose::u64")]
    pub status: u64,
    #[serde(default, deserialize_with = "loose::u64")]
    pub last_backup_task_status: u64,
    #[serde(default, deserialize_with = "loose::bool")]
    pub is_public: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Repository {
    pub fn last_backup_at(&self) -> Option<DateTime<Utc>> {
        loose::time(self.last_backup)
    }

    pub fn last_successful_backup_at(&self) -> Option<DateTime<Utc>> {
        loose::time(self.last_successful_backup)
    }

    pub fn next_backup_at(&self) -> Option<DateTime<Utc>> {
        loose::time(self.next_backup)
    }
}

/// The `result` of `repositories/getmany`: one page of repositories plus the organization's
/// synchronization state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositoryList {
    #[serde(default, deserialize_with = "loose::bool")]
    pub synchronization_in_progress: bool,
    /// Epoch milliseconds of the last synchronization's start, 0 = never.
    #[serde(default, deserialize_with = "loose::epoch_ms")]
    pub last_synchronization_repositories_start_time: u64,
    #[serde(default)]
    pub repositories: Vec<Repository>,
    #[serde(default, deserialize_with = "loose::u64")]
    pub removed_repositories: u64,
    #[serde(flatten)]
    pub extra: Extra,
}

impl RepositoryList {
    pub fn last_synchronization_at(&self) -> Option<DateTime<Utc>> {
        loose::time(self.last_synchronization_repositories_start_time)
    }
}

pub type OrganizationPage = Paged<Vec<Organization>>;
pub type RepositoryPage = Paged<RepositoryList>;
pub type PlanPage = Paged<Vec<AssignedPlan>>;

/// A plan as `plans/listassignedtoorganization` lists it. The document shows four fields; a
/// server that sends the whole plan leaves the rest in `extra`, and the plan editor starts from
/// it (see [`super::plan`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignedPlan {
    #[serde(deserialize_with = "loose::string")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub name: String,
    #[serde(default, deserialize_with = "loose::bool")]
    pub include_all_repositories: bool,
    #[serde(default, deserialize_with = "loose::ids")]
    pub repository_ids: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl AssignedPlan {
    /// The plan as the server sent it (with every extra field), for [`super::plan::PlanSources`].
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}
