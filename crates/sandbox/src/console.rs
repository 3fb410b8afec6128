//! Serves the built console with its `console.json`, falling back to `index.html` for the
//! console's own routes so deep links survive a reload. `--console-path /some/base` serves it
//! below that path instead of at the root (build it with `--public-url /some/base/`).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::get;
use axum::{Json, Router};
use tower_http::services::{ServeDir, ServeFile};

use crate::Sandbox;

pub fn router(sandbox: Sandbox) -> Router {
    let router = Router::new()
        .route("/console.json", get(console_json))
        .with_state(sandbox.clone());
    let router = match sandbox.dist.as_deref() {
        Some(dist) => router.fallback_service(
            ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html"))),
        ),
        None => router,
    };
    match sandbox.console_path.trim_end_matches('/') {
        "" => router,
        base => Router::new().nest(base, router),
    }
}

async fn console_json(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
) -> Json<serde_json::Value> {
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    let origin = format!("http://{host}");
    Json(serde_json::json!({ "connections": sandbox.demo_connections(&origin) }))
}
