//! Cloudback Operations API, simulated: `POST /cloudback/api/ops/definition/{get,update}` (the
//! document's paths) and the same below `/cloudback/ops/` (the vendor's newest), with the key
//! in `X-API-Key`. Errors are ASP.NET problem details: `{title, status, detail, errors}`.

mod seed;
mod store;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use backup_console_core::format::capitalize;
use serde_json::{json, Map, Value};

pub use seed::{PLAN_LIMIT, SCHEDULES, STORAGES};
pub use store::Store;
use store::{subject_of, Refusal};

pub const MOUNT: &str = "/cloudback";
pub const API_KEY: &str = "demo-api-key";

/// This vendor's state, shared by its handlers.
pub type Sim = crate::shared::Shared<Store>;

pub fn seeded() -> Sim {
    Sim::seeded(seed::seeded)
}

pub fn demo_connection(origin: &str) -> Value {
    let subjects: Vec<Value> = seed::listed()
        .iter()
        .map(|d| serde_json::to_value(d.subject()).unwrap_or_default())
        .collect();
    json!({
        "id": "cloudback",
        "vendor": "cloudback",
        "label": "Cloudback demo",
        "base_url": format!("{origin}{MOUNT}"),
        "api_key": API_KEY,
        "api_path": "/api/ops",
        "subjects": subjects,
    })
}

fn problem(status: StatusCode, detail: &str, extra: Value) -> Response {
    let mut body = json!({
        "title": status.canonical_reason().unwrap_or_default(),
        "status": status.as_u16(),
        "detail": detail,
    });
    if let (Some(body), Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    (status, Json(body)).into_response()
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::BadRequest(detail) => problem(StatusCode::BAD_REQUEST, &detail, Value::Null),
            Refusal::NotFound(detail) => problem(StatusCode::NOT_FOUND, &detail, Value::Null),
            Refusal::PlanLimit(detail) => {
                problem(StatusCode::PAYMENT_REQUIRED, &detail, Value::Null)
            }
            Refusal::Unknown {
                field,
                value,
                known,
            } => {
                let detail = format!("{} \"{value}\" not found.", capitalize(field));
                let message = format!("{detail} Known: {}.", known.join(", "));
                problem(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &detail,
                    json!({"errors": {field: [message]}, format!("{field}s"): known}),
                )
            }
        }
    }
}

pub fn router(sim: Sim) -> Router {
    let mut api = Router::new();
    for prefix in ["/api/ops", "/ops"] {
        api = api
            .route(&format!("{prefix}/definition/get"), post(get_definition))
            .route(
                &format!("{prefix}/definition/update"),
                post(update_definition),
            );
    }
    api.route_layer(axum::middleware::from_fn(authenticate))
        .fallback(|| async { problem(StatusCode::NOT_FOUND, "No such operation.", Value::Null) })
        .with_state(sim)
}

/// `X-API-Key` must be the demo key (or the demo token, which every demo connection knows).
async fn authenticate(request: Request, next: Next) -> Response {
    let key = request
        .headers()
        .get("x-api-key")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if key != API_KEY && key != crate::DEMO_TOKEN {
        return problem(
            StatusCode::UNAUTHORIZED,
            "API key is missing or invalid.",
            Value::Null,
        );
    }
    next.run(request).await
}

fn object(bytes: &Bytes) -> Result<Map<String, Value>, Refusal> {
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(body)) => Ok(body),
        Ok(_) => Err(Refusal::BadRequest(
            "The body must be a JSON object.".into(),
        )),
        Err(e) => Err(Refusal::BadRequest(format!(
            "The body is not valid JSON: {e}."
        ))),
    }
}

async fn get_definition(State(sim): State<Sim>, bytes: Bytes) -> Result<Response, Refusal> {
    let subject = subject_of(&object(&bytes)?)?;
    let store = sim.lock();
    let index = store.find(&subject)?;
    Ok(Json(&store.definitions[index]).into_response())
}

async fn update_definition(State(sim): State<Sim>, bytes: Bytes) -> Result<Response, Refusal> {
    let body = object(&bytes)?;
    let subject = subject_of(&body)?;
    let Some(Value::Object(settings)) = body.get("settings") else {
        return Err(Refusal::BadRequest(
            "settings is required for an update.".into(),
        ));
    };
    let mut store = sim.lock();
    let index = store.find(&subject)?;
    let definition = store.update(index, settings)?;
    Ok(Json(definition).into_response())
}
