//! Organizations and their repositories: lists, licences, removal and synchronization.

use axum::body::Bytes;
use axum::extract::State;
use backup_console_core::vendors::xopero::models::{Organization, Repository};
use chrono::Utc;
use serde_json::{json, Value};

use super::request::{done, matches, not_found, ok, page, sort, Answer, Body};
use super::store::{millis, Store};
use super::Sim;

/// `activate`: no licence left (the document's activate example shows it).
pub const NO_LICENCE: &str = "LI5020";
/// `deactivate`: the repository holds no licence (the document's deactivate example).
pub const NOT_LICENSED: &str = "GT1001";
/// An id the service does not know. The document shows no such code: this one is the
/// sandbox's own, so the console shows it raw.
pub const UNKNOWN_REPOSITORY: &str = "GT4040";

fn schema<T: Default + serde::Serialize>() -> Value {
    serde_json::to_value(T::default()).unwrap_or(Value::Null)
}

pub async fn organizations(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let body = Body::parse(&bytes)?;
    let (paging, order) = (body.paging()?, body.order()?);
    let store = sim.lock();
    let now = Utc::now();
    let mut items: Vec<Value> = store
        .organizations
        .iter()
        .map(|o| json!(store.organization_view(o, now)))
        .collect();
    sort(&mut items, &order, &schema::<Organization>())?;
    ok(page(items, paging, |rows| json!(rows)))
}

pub async fn repositories(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let body = Body::parse(&bytes)?;
    let id = body.text("id")?;
    let (paging, order) = (body.paging()?, body.order()?);
    let filters = body.filters(&schema::<Repository>())?;
    let store = sim.lock();
    let org = store
        .organization(&id)
        .ok_or_else(|| not_found(&format!("Organization {id}")))?;
    let all = store.repositories_view(&id);
    let removed = all.iter().filter(|r| r.is_removed).count();
    let mut items: Vec<Value> = all
        .iter()
        .map(|r| json!(r))
        .filter(|r| matches(r, &filters))
        .collect();
    sort(&mut items, &order, &schema::<Repository>())?;
    let syncing = Store::syncing(org, Utc::now());
    let last_sync = org.last_sync;
    ok(page(items, paging, |rows| {
        json!({
            "synchronizationInProgress": syncing,
            "lastSynchronizationRepositoriesStartTime": last_sync,
            "repositories": rows,
            "removedRepositories": removed,
        })
    }))
}

/// Activate or deactivate each id; the answer reports each one.
fn licences(sim: &Sim, bytes: &Bytes, activate: bool) -> Answer {
    let ids = Body::parse(bytes)?.ids("Ids")?;
    let mut store = sim.lock();
    let mut success = Vec::new();
    let mut error = Vec::new();
    for id in ids {
        let free = store.free_licences();
        let refusal = match store.repository_mut(&id) {
            None => Some(UNKNOWN_REPOSITORY),
            Some(repo) if activate && !repo.repository.is_protected && free == 0 => {
                Some(NO_LICENCE)
            }
            Some(repo) if !activate && !repo.repository.is_protected => Some(NOT_LICENSED),
            Some(repo) => {
                repo.repository.is_protected = activate;
                None
            }
        };
        match refusal {
            Some(code) => error.push(json!({"id": id, "errorCode": code})),
            None => success.push(json!(id)),
        }
    }
    ok(json!({"success": success, "error": error}))
}

pub async fn activate(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    licences(&sim, &bytes, true)
}

pub async fn deactivate(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    licences(&sim, &bytes, false)
}

/// Removes the repository (and, with `removedata`, its backed-up data, which the sandbox does
/// not hold) and takes it out of every plan; its licence goes back to the pool.
pub async fn remove(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let body = Body::parse(&bytes)?;
    let id = body.text("id")?;
    body.flag("removedata")?;
    let mut store = sim.lock();
    let index = store
        .repositories
        .iter()
        .position(|r| r.repository.id == id)
        .ok_or_else(|| not_found(&format!("Repository {id}")))?;
    store.repositories.remove(index);
    for plan in &mut store.plans {
        let ids = plan
            .repository_ids()
            .into_iter()
            .filter(|r| *r != id)
            .collect();
        plan.set_repository_ids(ids);
    }
    ok(json!({"succeededIds": [id], "failedIds": [], "errors": []}))
}

/// Starts a synchronization of [`super::SYNC_SECONDS`] unless one is running.
pub async fn sync(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let id = Body::parse(&bytes)?.text("id")?;
    let now = Utc::now();
    let mut store = sim.lock();
    let org = store
        .organizations
        .iter_mut()
        .find(|o| o.organization.id == id)
        .ok_or_else(|| not_found(&format!("Organization {id}")))?;
    if !Store::syncing(org, now) {
        org.sync_started = Some(now);
        org.last_sync = millis(now);
    }
    done()
}
