//! Keystone v3 password authentication for the demo project: user `demo`, password
//! `demo-password`, domain `demo`, project `demo-project` (by id, or by name in the domain).
//! The token comes back in `X-Subject-Token`; errors are worded OpenStack's way.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Duration, Utc};
use serde_json::{json, Value};

use super::store::{iso, PROJECT_ID};

pub const USER: &str = "demo";
pub const PASSWORD: &str = "demo-password";
pub const DOMAIN: &str = "demo";

fn error(status: StatusCode, message: &str) -> Response {
    let body = json!({"error": {
        "code": status.as_u16(),
        "title": status.canonical_reason().unwrap_or_default(),
        "message": message,
    }});
    (status, Json(body)).into_response()
}

pub async fn tokens(bytes: Bytes) -> Response {
    let Ok(request) = serde_json::from_slice::<Value>(&bytes) else {
        return error(
            StatusCode::BAD_REQUEST,
            "The request body is not valid JSON.",
        );
    };
    let auth = &request["auth"];
    let methods = &auth["identity"]["methods"];
    if !methods
        .as_array()
        .is_some_and(|m| m.contains(&json!("password")))
    {
        return error(
            StatusCode::BAD_REQUEST,
            "Expecting to find identity.methods with \"password\" in the request.",
        );
    }
    let user = &auth["identity"]["password"]["user"];
    let project = &auth["scope"]["project"];
    let in_domain = |v: &Value| v["domain"]["name"] == DOMAIN || v["domain"]["id"] == DOMAIN;
    let user_ok = user["name"] == USER && user["password"] == PASSWORD && in_domain(user);
    let project_ok =
        project["id"] == PROJECT_ID || (project["name"] == PROJECT_ID && in_domain(project));
    if !user_ok || !project_ok {
        return error(
            StatusCode::UNAUTHORIZED,
            "The request you have made requires authentication.",
        );
    }
    let now = Utc::now();
    let body = json!({"token": {
        "methods": ["password"],
        "user": {"id": "demo-user", "name": USER, "domain": {"id": DOMAIN, "name": DOMAIN}},
        "project": {"id": PROJECT_ID, "name": PROJECT_ID, "domain": {"id": DOMAIN, "name": DOMAIN}},
        "issued_at": iso(now),
        "expires_at": iso(now + Duration::hours(24)),
    }});
    (
        StatusCode::CREATED,
        [("X-Subject-Token", crate::DEMO_TOKEN)],
        Json(body),
    )
        .into_response()
}
