//! CyBorgBackup API v1, simulated: `/cyborgbackup/api/v1/...` on the sandbox.

mod jwt;
mod seed;
mod store;

use std::cmp::Ordering;
use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use backup_console_core::vendors::cyborgbackup::Resource;
use chrono::Utc;
use serde_json::{json, Value};

use store::Failure;
pub use store::Store;

/// Where the API is mounted on the sandbox.
pub const MOUNT: &str = "/cyborgbackup";
const MAX_PAGE_SIZE: usize = 200;
const CALENDAR_LIMIT: usize = 2000;

/// This vendor's state, shared by its handlers.
pub type Sim = crate::shared::Shared<Store>;

/// The state with the demo data.
pub fn seeded() -> Sim {
    Sim::seeded(seed::seeded)
}

pub fn demo_connection(origin: &str) -> Value {
    json!({
        "id": "cyborg",
        "vendor": "cyborgbackup",
        "label": "CyBorgBackup demo",
        "base_url": format!("{origin}{MOUNT}"),
        "token": crate::DEMO_TOKEN,
    })
}

pub fn router(sim: Sim) -> Router {
    let authenticated = Router::new()
        .route("/api/v1/", get(api_root))
        .route("/api/v1", get(api_root))
        .route("/api/v1/config", get(config))
        .route("/api/v1/config/", get(config))
        .route("/api/v1/me", get(me))
        .route("/api/v1/me/", get(me))
        .route("/api/v1/policies/{id}/launch/", post(launch))
        .route("/api/v1/policies/{id}/calendar/", get(calendar))
        .route("/api/v1/{resource}/", get(list).post(create))
        .route(
            "/api/v1/{resource}/{id}/",
            get(retrieve).patch(update).delete(destroy),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            sim.clone(),
            authenticate,
        ));
    Router::new()
        .route("/api/v1/ping", get(ping))
        .route("/api/v1/ping/", get(ping))
        .route("/api/token/obtain/", post(jwt::obtain))
        .route("/api/token/refresh/", post(jwt::refresh))
        .route("/__jwt", post(jwt::set_lifetimes))
        .merge(authenticated)
        .fallback(|| async { error(StatusCode::NOT_FOUND, "Not found.") })
        .with_state(sim)
}

fn error(status: StatusCode, detail: &str) -> Response {
    (status, Json(json!({ "detail": detail }))).into_response()
}

/// A refusal in DRF's shape, `{"detail": ...}`; small, so handlers can use `?`.
struct Refusal(StatusCode, &'static str);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        error(self.0, self.1)
    }
}

const NOT_FOUND: Refusal = Refusal(StatusCode::NOT_FOUND, "Not found.");
const NOT_ALLOWED: Refusal = Refusal(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed.");

type Answer = Result<Response, Refusal>;

/// The user a request's credentials name: a DRF token, or a JWT access token still valid.
fn user_of(store: &Store, headers: &HeaderMap) -> Result<u64, &'static str> {
    let header = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if let Some(token) = header.strip_prefix("Bearer ") {
        return match store.jwt.check(token.trim(), Utc::now()) {
            jwt::Bearer::Valid(user) => Ok(user),
            jwt::Bearer::Expired | jwt::Bearer::Unknown => {
                Err("Given token not valid for any token type")
            }
        };
    }
    match header.strip_prefix("Token ") {
        Some(token) => store
            .tokens
            .get(token.trim())
            .copied()
            .ok_or("Invalid token."),
        None => Err("Authentication credentials were not provided."),
    }
}

/// DRF token authentication (`Authorization: Token <key>`) and simplejwt (`Bearer <access>`).
async fn authenticate(State(sim): State<Sim>, request: Request, next: Next) -> Response {
    let refused = user_of(&sim.lock(), request.headers()).err();
    if let Some(detail) = refused {
        let challenge = [(header::WWW_AUTHENTICATE, "Token")];
        return (challenge, error(StatusCode::UNAUTHORIZED, detail)).into_response();
    }
    next.run(request).await
}

async fn api_root() -> Json<Value> {
    Json(
        json!({"ping": "/api/v1/ping", "config": "/api/v1/config/", "me": "/api/v1/me/",
        "users": "/api/v1/users/", "clients": "/api/v1/clients/", "schedules": "/api/v1/schedules/",
        "repositories": "/api/v1/repositories/", "policies": "/api/v1/policies/", "catalogs": "/api/v1/catalogs/"}),
    )
}

async fn ping() -> Json<Value> {
    Json(json!({"version": "1.0", "ping": "pong"}))
}

async fn config() -> Json<Value> {
    Json(json!({"version": "1.0", "debug": false, "allowed_hosts": ["127.0.0.1", "localhost"]}))
}

async fn me(State(sim): State<Sim>, headers: HeaderMap) -> Response {
    let store = sim.lock();
    let user = user_of(&store, &headers)
        .ok()
        .and_then(|id| store.get(Resource::Users, id));
    let results: Vec<Value> = user
        .map(|u| store.present(Resource::Users, u))
        .into_iter()
        .collect();
    Json(json!({"count": results.len(), "next": null, "previous": null, "results": results}))
        .into_response()
}

fn resource_of(name: &str) -> Result<Resource, Refusal> {
    Resource::from_name(name).ok_or(NOT_FOUND)
}

fn writable(name: &str) -> Result<Resource, Refusal> {
    let resource = resource_of(name)?;
    if resource.writable() {
        Ok(resource)
    } else {
        Err(NOT_ALLOWED)
    }
}

fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => a.to_string().cmp(&b.to_string()),
    }
}

async fn list(
    State(sim): State<Sim>,
    Path(name): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let resource = match resource_of(&name) {
        Ok(r) => r,
        Err(refusal) => return refusal.into_response(),
    };
    let store = sim.lock();
    let search = query
        .get("search")
        .map(|s| s.to_lowercase())
        .filter(|s| !s.is_empty());
    let mut items: Vec<&Value> = store.objects[&resource]
        .values()
        .filter(|o| {
            search.as_ref().is_none_or(|needle| {
                o.as_object().is_some_and(|fields| {
                    fields.iter().any(|(key, v)| {
                        key != "url"
                            && v.as_str()
                                .is_some_and(|s| s.to_lowercase().contains(needle))
                    })
                })
            })
        })
        .collect();
    if let Some(order) = query.get("order_by").filter(|o| !o.is_empty()) {
        let (field, descending) = match order.strip_prefix('-') {
            Some(f) => (f, true),
            None => (order.as_str(), false),
        };
        if !resource.columns().iter().any(|c| c.key == field) {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"order_by": [format!("Cannot order by field \"{field}\".")]})),
            )
                .into_response();
        }
        items.sort_by(|a, b| {
            let ordering = compare(&a[field], &b[field]).then_with(|| compare(&a["id"], &b["id"]));
            if descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
    }
    let page_size = match query.get("page_size").map(|s| s.parse::<usize>()) {
        None => 25,
        Some(Ok(n)) if n > 0 => n.min(MAX_PAGE_SIZE),
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "page_size must be a positive whole number.",
            )
        }
    };
    let page = match query.get("page").map(|s| s.parse::<usize>()) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => return error(StatusCode::NOT_FOUND, "Invalid page."),
    };
    let count = items.len();
    let pages = count.div_ceil(page_size).max(1);
    if page > pages {
        return error(StatusCode::NOT_FOUND, "Invalid page.");
    }
    let link = |p: usize| {
        let mut params: Vec<(String, String)> = query
            .iter()
            .filter(|(k, _)| *k != "page")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        params.sort();
        params.push(("page".into(), p.to_string()));
        let qs: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{k}={}", v.replace(' ', "+")))
            .collect();
        json!(format!("{MOUNT}/api/v1/{name}/?{}", qs.join("&")))
    };
    let results: Vec<Value> = items
        .into_iter()
        .skip((page - 1) * page_size)
        .take(page_size)
        .map(|o| store.present(resource, o))
        .collect();
    Json(json!({
        "count": count,
        "next": if page < pages { link(page + 1) } else { Value::Null },
        "previous": if page > 1 { link(page - 1) } else { Value::Null },
        "results": results,
    }))
    .into_response()
}

fn parse_id(id: &str) -> Result<u64, Refusal> {
    id.parse().map_err(|_| NOT_FOUND)
}

async fn retrieve(State(sim): State<Sim>, Path((name, id)): Path<(String, String)>) -> Answer {
    let (resource, id) = (resource_of(&name)?, parse_id(&id)?);
    let store = sim.lock();
    let object = store.get(resource, id).ok_or(NOT_FOUND)?;
    Ok(Json(store.present(resource, object)).into_response())
}

fn save(sim: &Sim, resource: Resource, id: Option<u64>, body: &Bytes) -> Response {
    let body: Value = match serde_json::from_slice(body) {
        Ok(b) => b,
        Err(e) => return error(StatusCode::BAD_REQUEST, &format!("JSON parse error - {e}")),
    };
    let mut store = sim.lock();
    match store.save(resource, id, &body) {
        Ok(id) => {
            let object = store.get(resource, id).expect("just saved");
            Json(store.present(resource, object)).into_response()
        }
        Err(Failure::NotFound) => NOT_FOUND.into_response(),
        Err(Failure::Invalid(errors)) => {
            (StatusCode::BAD_REQUEST, Json(json!(errors))).into_response()
        }
    }
}

async fn create(State(sim): State<Sim>, Path(name): Path<String>, body: Bytes) -> Answer {
    Ok(save(&sim, writable(&name)?, None, &body))
}

async fn update(
    State(sim): State<Sim>,
    Path((name, id)): Path<(String, String)>,
    body: Bytes,
) -> Answer {
    Ok(save(&sim, writable(&name)?, Some(parse_id(&id)?), &body))
}

async fn destroy(State(sim): State<Sim>, Path((name, id)): Path<(String, String)>) -> Answer {
    let (resource, id) = (writable(&name)?, parse_id(&id)?);
    let mut store = sim.lock();
    store
        .objects
        .get_mut(&resource)
        .and_then(|c| c.remove(&id))
        .ok_or(NOT_FOUND)?;
    Ok(StatusCode::OK.into_response())
}

/// Launching runs the job at once: its archive appears in the catalog.
async fn launch(State(sim): State<Sim>, Path(id): Path<String>) -> Answer {
    let id = parse_id(&id)?;
    let mut store = sim.lock();
    let policy = store
        .get(Resource::Policies, id)
        .cloned()
        .ok_or(NOT_FOUND)?;
    let stamp = Utc::now();
    let job = store.record_job(id, "successful", stamp, Some(stamp));
    let hosts: Vec<String> = policy["clients"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_u64)
        .filter_map(|c| store.get(Resource::Clients, c))
        .filter_map(|c| c["hostname"].as_str().map(str::to_owned))
        .collect();
    for host in &hosts {
        let archive = format!(
            "{}-{host}-{}",
            policy["policy_type"].as_str().unwrap_or("job"),
            stamp.format("%Y-%m-%d_%H-%M")
        );
        store.insert_raw(
            Resource::Catalogs,
            json!({"archive_name": archive, "path": "etc/hostname", "job": job, "mode": "-rw-r--r--",
                   "mtime": stamp.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), "owner": "root",
                   "group": "root", "size": host.len() + 1, "healthy": true}),
        );
    }
    Ok(
        Json(json!({"job": job, "policy": id, "status": "successful", "archives": hosts.len()}))
            .into_response(),
    )
}

async fn calendar(State(sim): State<Sim>, Path(id): Path<String>) -> Answer {
    let id = parse_id(&id)?;
    let store = sim.lock();
    let policy = store.get(Resource::Policies, id).ok_or(NOT_FOUND)?;
    Ok(Json(json!(store.calendar(policy, CALENDAR_LIMIT))).into_response())
}
