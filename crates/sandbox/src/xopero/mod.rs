//! Xopero management API, simulated at `/xopero/...`: sign-in with 30-day tokens, organizations,
//! repositories with a licence pool, synchronization, and plans stored whole.
//!
//! Like the vendor's ASP.NET service it reads body field names case-insensitively (the document
//! itself sends `Page` to one operation and `page` to another), answers 401 and 403 with empty
//! bodies, and 400 and 404 with `{"message": ...}` (400 for a plan's fields with `errors`).
//! `POST /xopero/__expire` is the test hook that makes every current token expire.

mod plans;
mod repositories;
mod request;
mod seed;
mod store;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{Duration, Utc};
use serde_json::{json, Value};

pub use seed::{guid, ORG, PLAN, REPO};
pub use store::{Store, SYNC_SECONDS, TOKEN_DAYS};

use request::{bad, Answer, Body};

pub const MOUNT: &str = "/xopero";
/// The demo administrator (System Administrator role).
pub const ADMIN_EMAIL: &str = "admin@example.com";
/// A user without the System Administrator role: every management call answers 403.
pub const VIEWER_EMAIL: &str = "viewer@example.com";
pub const PASSWORD: &str = "demo-password";

/// This vendor's state, shared by its handlers.
pub type Sim = crate::shared::Shared<Store>;

pub fn seeded() -> Sim {
    Sim::seeded(seed::seeded)
}

/// The zone the demo agents' clocks keep: plan schedules are read in it.
pub const DEMO_TIME_ZONE: &str = "Europe/Warsaw";

pub fn demo_connection(origin: &str) -> Value {
    json!({
        "id": "xopero",
        "vendor": "xopero",
        "label": "Xopero demo",
        "base_url": format!("{origin}{MOUNT}"),
        "token": crate::DEMO_TOKEN,
        "email": ADMIN_EMAIL,
        "time_zone": DEMO_TIME_ZONE,
    })
}

pub fn router(sim: Sim) -> Router {
    let api = Router::new()
        .route(
            "/git/organizations/getmany",
            post(repositories::organizations),
        )
        .route(
            "/git/repositories/getmany",
            post(repositories::repositories),
        )
        .route("/git/repositories/activate", post(repositories::activate))
        .route(
            "/git/repositories/deactivate",
            post(repositories::deactivate),
        )
        .route("/git/repositories/remove", post(repositories::remove))
        .route("/git/repositories/sync", post(repositories::sync))
        .route("/plans/listassignedtoorganization", post(plans::list))
        .route("/plans/attachgitrepository", post(plans::attach))
        .route("/plans/detachgitrepository", post(plans::detach))
        .route("/plans/modifygitplan", post(plans::modify))
        .route_layer(axum::middleware::from_fn_with_state(
            sim.clone(),
            authenticate,
        ));
    Router::new()
        .merge(api)
        .route("/account/login", post(login))
        .route("/__expire", post(expire))
        .fallback(|| async { request::not_found("This address") })
        .with_state(sim)
}

/// A valid bearer token of a System Administrator; 401 (empty, as ASP.NET's JWT handler
/// answers) for anything else, 403 (empty) for a user without the role.
async fn authenticate(State(sim): State<Sim>, request: Request, next: Next) -> Response {
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim().to_owned())
        .unwrap_or_default();
    let now = Utc::now();
    let verdict = sim
        .lock()
        .tokens
        .get(&token)
        .map(|t| (t.expires > now, t.administrator));
    match verdict {
        Some((true, true)) => next.run(request).await,
        Some((true, false)) => StatusCode::FORBIDDEN.into_response(),
        Some((false, _)) => unauthorized("The token expired"),
        None => unauthorized("The token is not valid"),
    }
}

fn unauthorized(why: &str) -> Response {
    let challenge = format!("Bearer error=\"invalid_token\", error_description=\"{why}\"");
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, challenge)],
    )
        .into_response()
}

async fn login(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let body = Body::parse(&bytes)?;
    let field = |name: &str| {
        body.get(name)
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let (email, password) = (field("email"), field("password"));
    if email.is_empty() || password.is_empty() {
        return Err(bad("Enter the email and the password."));
    }
    let mut store = sim.lock();
    let user = store
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(&email) && u.password == password)
        .map(|u| (u.user_id.clone(), u.administrator));
    let Some((user_id, administrator)) = user else {
        return Err(bad("Invalid email or password."));
    };
    let token = store.token(administrator, Utc::now());
    request::ok(json!({"userId": user_id, "accessToken": token}))
}

/// Test hook: every token issued so far (the demo token too) is expired from now on.
async fn expire(State(sim): State<Sim>) -> Json<Value> {
    let mut store = sim.lock();
    let past = Utc::now() - Duration::seconds(1);
    for token in store.tokens.values_mut() {
        token.expires = past;
    }
    Json(json!({"expired": store.tokens.len()}))
}
