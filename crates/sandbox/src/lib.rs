//! The sandbox: every vendor API simulated in memory, plus the built console, on one port.
//!
//! Each vendor lives in its own module with a `Sim` that owns its state and a router mounted
//! under `/{vendor}`; adding a vendor means adding a module and one line in [`app`].
//! `/__sandbox/*` is the test hook: reset the state and inject faults (status, body, delay).

pub mod console;
pub mod cyborgbackup;
pub mod faults;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use tower_http::cors::{Any, CorsLayer};

/// The token of every demo connection.
pub const DEMO_TOKEN: &str = "demo-token";

#[derive(Clone)]
pub struct Sandbox {
    pub cyborgbackup: cyborgbackup::Sim,
    pub faults: faults::Faults,
    /// Where the built console lives (Trunk's `dist/`), if it is served.
    pub dist: Option<Arc<PathBuf>>,
}

impl Sandbox {
    pub fn new(dist: Option<PathBuf>) -> Self {
        Self {
            cyborgbackup: cyborgbackup::Sim::seeded(),
            faults: faults::Faults::default(),
            dist: dist.map(Arc::new),
        }
    }

    fn reset(&self) {
        self.cyborgbackup.reset();
        self.faults.clear();
    }

    /// One demo connection per implemented vendor, for `console.json`.
    pub fn demo_connections(&self, origin: &str) -> Vec<serde_json::Value> {
        vec![cyborgbackup::demo_connection(origin)]
    }
}

/// The whole server: vendor APIs, test hooks, console.
pub fn app(sandbox: Sandbox) -> Router {
    let vendors = Router::new()
        .nest(
            "/cyborgbackup",
            cyborgbackup::router(sandbox.cyborgbackup.clone()),
        )
        .layer(axum::middleware::from_fn_with_state(
            sandbox.faults.clone(),
            faults::inject,
        ));
    Router::new()
        .route("/__sandbox/reset", post(reset))
        .route("/__sandbox/faults", post(faults::add).delete(faults::clear))
        .with_state(sandbox.clone())
        .merge(vendors)
        .merge(console::router(sandbox))
        // Outermost, so errors and injected faults carry CORS headers too.
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods(Any)
                .allow_headers(Any)
                .max_age(std::time::Duration::from_secs(600)),
        )
}

async fn reset(State(sandbox): State<Sandbox>) -> (StatusCode, Json<serde_json::Value>) {
    sandbox.reset();
    (StatusCode::OK, Json(serde_json::json!({"reset": true})))
}
