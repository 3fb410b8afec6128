//! The simulated Xopero Management Service: users and their tokens, organizations with their
//! repositories and a shared licence pool, and plans stored as the whole bodies the console
//! saved. Counts, plan summaries and synchronization state are computed when asked, so every
//! change shows at once.

use std::collections::BTreeMap;

use backup_console_core::vendors::xopero::models::{
    LastStatus, Organization, PlanSummary, Repository,
};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

/// How long a synchronization runs.
pub const SYNC_SECONDS: i64 = 3;
/// How long a token is valid, as the vendor documents.
pub const TOKEN_DAYS: i64 = 30;

pub struct User {
    pub email: &'static str,
    pub password: &'static str,
    pub user_id: String,
    /// Holds the System Administrator role, which the management API requires.
    pub administrator: bool,
}

pub struct Token {
    pub administrator: bool,
    pub expires: DateTime<Utc>,
}

/// An organization's own settings; counts and plans are derived.
pub struct Org {
    pub organization: Organization,
    pub sync_started: Option<DateTime<Utc>>,
    /// `lastSynchronizationRepositoriesStartTime`, epoch milliseconds.
    pub last_sync: u64,
}

pub struct Repo {
    pub organization_id: String,
    pub repository: Repository,
}

pub struct Plan {
    pub organization_id: String,
    /// The whole plan, as `modifygitplan` last received it (or as seeded).
    pub body: Value,
    pub last_status: LastStatus,
    pub finished: u64,
    /// A run is under way (`isRunning`).
    pub running: bool,
}

#[derive(Default)]
pub struct Store {
    pub users: Vec<User>,
    pub tokens: BTreeMap<String, Token>,
    pub organizations: Vec<Org>,
    pub repositories: Vec<Repo>,
    pub plans: Vec<Plan>,
    /// Licences bought; every protected repository holds one.
    pub licences: u64,
    pub issued: u64,
}

pub fn millis(t: DateTime<Utc>) -> u64 {
    u64::try_from(t.timestamp_millis()).unwrap_or(0)
}

fn text(value: Option<&Value>) -> String {
    value.and_then(Value::as_str).unwrap_or_default().to_owned()
}

impl Plan {
    pub fn id(&self) -> String {
        text(self.body.get("id"))
    }

    pub fn repository_ids(&self) -> Vec<String> {
        self.body
            .get("repositoriesIds")
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn set_repository_ids(&mut self, ids: Vec<String>) {
        self.body["repositoriesIds"] = json!(ids);
    }

    fn includes_all(&self) -> bool {
        self.body.get("includeAllRepositories") == Some(&json!(true))
    }

    /// The plan in `listassignedtoorganization`: the whole stored plan (a real server may send
    /// more than the document's four fields), with the list's `repositoryIds`.
    pub fn listed(&self) -> Value {
        let mut listed = self.body.clone();
        listed["repositoryIds"] = json!(self.repository_ids());
        listed
    }
}

impl Store {
    pub fn token(&mut self, administrator: bool, now: DateTime<Utc>) -> String {
        self.issued += 1;
        let token = format!("xopero-{}-{:x}", self.issued, now.timestamp_micros());
        self.tokens.insert(
            token.clone(),
            Token {
                administrator,
                expires: now + Duration::days(TOKEN_DAYS),
            },
        );
        token
    }

    pub fn organization(&self, id: &str) -> Option<&Org> {
        self.organizations.iter().find(|o| o.organization.id == id)
    }

    pub fn repository(&self, id: &str) -> Option<&Repo> {
        self.repositories.iter().find(|r| r.repository.id == id)
    }

    pub fn repository_mut(&mut self, id: &str) -> Option<&mut Repo> {
        self.repositories.iter_mut().find(|r| r.repository.id == id)
    }

    pub fn plan_mut(&mut self, id: &str) -> Option<&mut Plan> {
        self.plans.iter_mut().find(|p| p.id() == id)
    }

    pub fn free_licences(&self) -> u64 {
        let used = self
            .repositories
            .iter()
            .filter(|r| r.repository.is_protected)
            .count() as u64;
        self.licences.saturating_sub(used)
    }

    pub fn syncing(org: &Org, now: DateTime<Utc>) -> bool {
        org.sync_started
            .is_some_and(|started| now - started < Duration::seconds(SYNC_SECONDS))
    }

    fn repositories_of<'a>(
        &'a self,
        organization_id: &'a str,
    ) -> impl Iterator<Item = &'a Repository> {
        self.repositories
            .iter()
            .filter(move |r| r.organization_id == organization_id)
            .map(|r| &r.repository)
    }

    fn summary(&self, plan: &Plan) -> PlanSummary {
        let count = if plan.includes_all() {
            self.repositories_of(&plan.organization_id).count()
        } else {
            plan.repository_ids().len()
        };
        PlanSummary {
            id: plan.id(),
            name: text(plan.body.get("name")),
            backup_type: plan
                .body
                .get("backupType")
                .and_then(Value::as_u64)
                .unwrap_or(5),
            include_metadata: plan.body.get("includeMetadata") == Some(&json!(true)),
            repo_count: count as u64,
            last_status: Some(plan.last_status.clone()),
            plan_finished_time: plan.finished,
            is_running: plan.running,
            extra: Default::default(),
        }
    }

    /// An organization as `organizations/getmany` shows it now.
    pub fn organization_view(&self, org: &Org, now: DateTime<Utc>) -> Organization {
        let id = org.organization.id.as_str();
        let count = |keep: fn(&Repository) -> bool| {
            self.repositories_of(id).filter(|r| keep(r)).count() as u64
        };
        Organization {
            protected_repositories: count(|r| r.is_protected),
            total_repositories: count(|_| true),
            missing_licences: count(|r| !r.is_protected && !r.is_removed),
            removed_repositories: count(|r| r.is_removed),
            synchronization_in_progress: Self::syncing(org, now),
            plans: self
                .plans
                .iter()
                .filter(|p| p.organization_id == id)
                .map(|p| self.summary(p))
                .collect(),
            ..org.organization.clone()
        }
    }

    pub fn repositories_view(&self, organization_id: &str) -> Vec<Repository> {
        self.repositories_of(organization_id).cloned().collect()
    }
}
