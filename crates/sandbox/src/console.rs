//! Serves the built console with its `console.json`, falling back to `index.html` for the
//! console's own routes so deep links survive a reload. `--console-path /some/base` serves it
//! below that path instead of at the root (build it with `--public-url /some/base/`).
//!
//! Every answer carries the console's Content Security Policy ([`crate::csp`]), computed once
//! at start from the index.html served (the hash of Trunk's inline loader), and the other
//! security headers.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use tower_http::services::{ServeDir, ServeFile};

use crate::csp::Policy;
use crate::Sandbox;

pub fn router(sandbox: Sandbox) -> Router {
    let router = Router::new()
        .route("/console.json", get(console_json))
        .with_state(sandbox.clone());
    let Some(dist) = sandbox.dist.as_deref() else {
        return nest(&sandbox, router);
    };
    let index = dist.join("index.html");
    let router =
        router.fallback_service(ServeDir::new(dist).fallback(ServeFile::new(index.clone())));
    let mut router = nest(&sandbox, router);
    // `nest` leaves out the base path with a trailing slash: the console's first page too.
    let base = sandbox.console_path.trim_end_matches('/');
    if !base.is_empty() {
        router = router.route_service(&format!("{base}/"), ServeFile::new(index.clone()));
    }
    let policy = Policy::for_index(
        &std::fs::read_to_string(&index).unwrap_or_default(),
        sandbox.connect_src.to_vec(),
        sandbox.embed_origins.to_vec(),
    );
    let headers = Arc::new(headers_of(&policy));
    router.layer(axum::middleware::from_fn(move |request, next| {
        with_headers(headers.clone(), request, next)
    }))
}

fn nest(sandbox: &Sandbox, router: Router) -> Router {
    match sandbox.console_path.trim_end_matches('/') {
        "" => router,
        base => Router::new().nest(base, router),
    }
}

/// The policy and the other security headers, ready to send.
pub fn headers_of(policy: &Policy) -> Vec<(HeaderName, HeaderValue)> {
    let mut headers = vec![(
        HeaderName::from_static("content-security-policy"),
        HeaderValue::from_str(&policy.header()).expect("a policy is header text"),
    )];
    for (name, value) in policy.security_headers() {
        headers.push((
            HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
            HeaderValue::from_static(value),
        ));
    }
    headers
}

async fn with_headers(
    headers: Arc<Vec<(HeaderName, HeaderValue)>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    for (name, value) in headers.iter() {
        response.headers_mut().insert(name.clone(), value.clone());
    }
    response
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
    let mut config = serde_json::json!({ "connections": sandbox.demo_connections(&origin) });
    if !sandbox.embed_origins.is_empty() {
        config["embed"] = serde_json::json!({ "allowed_origins": sandbox.embed_origins.to_vec() });
    }
    Json(config)
}
