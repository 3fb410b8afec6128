//! Scheduled Backup API v2.0, simulated: `/scheduled-backup/data-protect/v2/...` (plans,
//! checkpoints, restores; token in `X-Auth-Token`) and Keystone v3 password sign-in at
//! `/scheduled-backup/identity/v3/auth/tokens`.

mod checkpoints;
mod fault;
mod identity;
mod seed;
mod store;
mod validate;

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{on, post, MethodFilter, MethodRouter};
use axum::{Json, Router};
use backup_console_core::api::Method;
use backup_console_core::vendors::scheduled_backup::models::{Plan, PlanStatus};
use backup_console_core::vendors::scheduled_backup::paths::{Operation, ROUTES};
use chrono::Utc;
use serde_json::{json, Value};

use fault::{conflict, fault, invalid, not_found, object, Fault};
pub use identity::{DOMAIN, PASSWORD, USER};
pub use seed::VOLUMES;
pub use store::{Store, PROJECT_ID};

pub const MOUNT: &str = "/scheduled-backup";
/// The base URL of the API below the mount, as the vendor's per-pool endpoints end.
pub const BASE: &str = "/data-protect/v2";

pub type Sim = crate::shared::Shared<Store>;

pub fn seeded() -> Sim {
    Sim::seeded(seed::seeded)
}

pub fn demo_connection(origin: &str) -> Value {
    json!({
        "id": "sbackup",
        "vendor": "scheduled-backup",
        "label": "Scheduled Backup demo",
        "base_url": format!("{origin}{MOUNT}{BASE}"),
        "token": crate::DEMO_TOKEN,
        "project_id": PROJECT_ID,
        "identity_url": format!("{origin}{MOUNT}/identity"),
    })
}

type Answer = Result<Response, Fault>;

/// The handler of `operation`, answering the method core's table gives it.
fn handler(operation: Operation) -> MethodRouter<Sim> {
    use Operation::*;
    let method = match operation.route().method {
        Method::Get => MethodFilter::GET,
        Method::Post => MethodFilter::POST,
        Method::Put => MethodFilter::PUT,
        Method::Patch => MethodFilter::PATCH,
        Method::Delete => MethodFilter::DELETE,
    };
    match operation {
        ListPlans => on(method, list_plans),
        CreatePlan => on(method, create_plan),
        GetPlan => on(method, get_plan),
        UpdatePlan => on(method, update_plan),
        DeletePlan => on(method, delete_plan),
        ListCheckpoints => on(method, checkpoints::list),
        GetCheckpoint => on(method, checkpoints::get),
        DeleteCheckpoint => on(method, checkpoints::delete),
        DeleteChain => on(method, checkpoints::delete_chain),
        CreateRestore => on(method, checkpoints::create_restore),
        GetRestore => on(method, checkpoints::get_restore),
    }
}

/// Every row of core's path table (`{plan_id}` is axum's syntax too), so the sandbox and the
/// console cannot disagree on a path.
pub fn router(sim: Sim) -> Router {
    let mut api = Router::new();
    for route in &ROUTES {
        api = api.route(&format!("{BASE}{}", route.path), handler(route.operation));
    }
    Router::new()
        .merge(api.route_layer(axum::middleware::from_fn(authenticate)))
        .route("/identity/v3/auth/tokens", post(identity::tokens))
        .fallback(|| async { not_found("The resource") })
        .with_state(sim)
}

/// `X-Auth-Token` must be the demo project's token.
async fn authenticate(request: Request, next: Next) -> Response {
    let token = request
        .headers()
        .get("x-auth-token")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if token != crate::DEMO_TOKEN {
        return fault(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "The token is missing, invalid or expired.",
        )
        .into_response();
    }
    next.run(request).await
}

/// `limit` (default 1000, at least 1) and `marker` (the last id of the previous page) applied
/// to `items`; the total counts every item.
pub fn page<T>(
    items: Vec<T>,
    id: impl Fn(&T) -> &str,
    query: &HashMap<String, String>,
    what: &str,
) -> Result<(Vec<T>, usize), Fault> {
    let limit = match query.get("limit").map(|l| l.trim().parse::<usize>()) {
        None => 1000,
        Some(Ok(limit)) if limit >= 1 => limit,
        Some(_) => {
            let mut details = serde_json::Map::new();
            details.insert("limit".into(), json!(["must be an integer of at least 1"]));
            return Err(invalid(details));
        }
    };
    let total = items.len();
    let start = match query.get("marker").filter(|m| !m.is_empty()) {
        None => 0,
        Some(marker) => {
            items.iter().position(|i| id(i) == marker).ok_or_else(|| {
                fault::bad_request(format!("The marker {marker} is not {what} of this list."))
            })? + 1
        }
    };
    Ok((items.into_iter().skip(start).take(limit).collect(), total))
}

fn filter<'a>(query: &'a HashMap<String, String>, key: &str) -> Option<&'a str> {
    query.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
}

async fn list_plans(
    State(sim): State<Sim>,
    Query(query): Query<HashMap<String, String>>,
) -> Answer {
    let mut store = sim.lock();
    store.advance(Utc::now());
    let name = filter(&query, "name");
    let volume = filter(&query, "volume_name");
    let plans: Vec<Plan> = store
        .plans
        .iter()
        .map(|r| r.plan.clone())
        .filter(|p| name.is_none_or(|n| p.name == n))
        .filter(|p| volume.is_none_or(|v| p.resources.iter().any(|r| r.name == v)))
        .collect();
    let (plans, total) = page(plans, |p| &p.id, &query, "a plan")?;
    Ok(Json(json!({"plans": plans, "total": total})).into_response())
}

fn find_plan(store: &Store, id: &str) -> Result<usize, Fault> {
    store
        .plan_index(id)
        .ok_or_else(|| not_found(&format!("Plan {id}")))
}

fn name_taken(store: &Store, name: &str, except: &str) -> Result<(), Fault> {
    if store
        .plans
        .iter()
        .any(|r| r.plan.name == name && r.plan.id != except)
    {
        return Err(conflict(
            "plan_name_taken",
            format!("A plan named {name} already exists."),
        ));
    }
    Ok(())
}

async fn create_plan(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let body = object(&bytes)?;
    let mut plan = Plan::default();
    validate::apply(&mut plan, &body, false)?;
    let mut store = sim.lock();
    name_taken(&store, &plan.name, "")?;
    plan.status = PlanStatus::Started;
    let plan = store.add_plan(plan, Utc::now());
    Ok((StatusCode::CREATED, Json(plan)).into_response())
}

async fn get_plan(State(sim): State<Sim>, Path(id): Path<String>) -> Answer {
    let mut store = sim.lock();
    store.advance(Utc::now());
    let index = find_plan(&store, &id)?;
    Ok(Json(&store.plans[index].plan).into_response())
}

async fn update_plan(State(sim): State<Sim>, Path(id): Path<String>, bytes: Bytes) -> Answer {
    let body = object(&bytes)?;
    let mut store = sim.lock();
    let now = Utc::now();
    store.advance(now);
    let index = find_plan(&store, &id)?;
    let mut plan = store.plans[index].plan.clone();
    validate::apply(&mut plan, &body, true)?;
    name_taken(&store, &plan.name, &id)?;
    let record = &mut store.plans[index];
    if plan.status == PlanStatus::Started && record.plan.status != PlanStatus::Started {
        // Resumed: no catching up on the runs missed while suspended.
        record.scheduled_until = now;
    }
    record.plan = plan.clone();
    // The document's answer: the patchable fields only.
    Ok(Json(json!({
        "description": plan.description, "max_backups": plan.max_backups, "name": plan.name,
        "resources": plan.resources, "schedule_pattern": plan.schedule_pattern,
        "schedule_type": plan.schedule_type, "status": plan.status,
    }))
    .into_response())
}

async fn delete_plan(State(sim): State<Sim>, Path(id): Path<String>) -> Answer {
    let mut store = sim.lock();
    let index = find_plan(&store, &id)?;
    // Its checkpoints stay, as the service keeps them.
    store.plans.remove(index);
    Ok(StatusCode::NO_CONTENT.into_response())
}
