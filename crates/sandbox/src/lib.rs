//! The sandbox: every vendor API simulated in memory, plus the built console, on one port.
//!
//! Each vendor lives in its own module with a `Sim` that owns its state and a router mounted
//! under `/{vendor}`; adding a vendor means adding a module and one line in [`app`].
//! `/__sandbox/*` is the test hook: reset the state, inject faults (status, body, delay), and
//! the demo connections' jobs as core computes them (`jobs`, `week`).

pub mod cloudback;
pub mod console;
pub mod csp;
pub mod cyborgbackup;
pub mod faults;
pub mod jobs;
pub mod rackspace;
pub mod scheduled_backup;
pub mod shared;
pub mod xopero;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use backup_console_core::vendors::Vendor;
use tower_http::cors::{Any, CorsLayer};

/// The token of every demo connection.
pub const DEMO_TOKEN: &str = "demo-token";

#[derive(Clone)]
pub struct Sandbox {
    pub cyborgbackup: cyborgbackup::Sim,
    pub rackspace: rackspace::Sim,
    pub xopero: xopero::Sim,
    pub cloudback: cloudback::Sim,
    pub scheduled_backup: scheduled_backup::Sim,
    pub faults: faults::Faults,
    /// Where the built console lives (Trunk's `dist/`), if it is served.
    pub dist: Option<Arc<PathBuf>>,
    /// The path the console is served under (`/` by default).
    pub console_path: Arc<str>,
    /// Answer with CORS headers (the default), or without any, as the real vendors do.
    pub cors: bool,
    /// Origins the console may call besides its own, added to its policy's `connect-src`.
    pub connect_src: Arc<[String]>,
    /// Origins whose pages may frame the console and drive it with messages: its
    /// `console.json` lists them in `embed.allowed_origins`, its policy in `frame-ancestors`.
    pub embed_origins: Arc<[String]>,
}

impl Sandbox {
    pub fn new(dist: Option<PathBuf>) -> Self {
        Self {
            cyborgbackup: cyborgbackup::seeded(),
            rackspace: rackspace::seeded(),
            xopero: xopero::seeded(),
            cloudback: cloudback::seeded(),
            scheduled_backup: scheduled_backup::seeded(),
            faults: faults::Faults::default(),
            dist: dist.map(Arc::new),
            console_path: Arc::from("/"),
            cors: true,
            connect_src: Arc::from([]),
            embed_origins: Arc::from([]),
        }
    }

    /// Let the console call these origins too (`connect-src`); the demo connections are
    /// addressed to the sandbox's own origin, which `'self'` covers.
    pub fn with_connect_src(mut self, sources: Vec<String>) -> Self {
        self.connect_src = Arc::from(sources);
        self
    }

    /// Let pages of these origins frame the console and send it connections by message.
    pub fn with_embed_origins(mut self, origins: Vec<String>) -> Self {
        self.embed_origins = Arc::from(origins);
        self
    }

    /// Send no CORS headers, as the real vendors do (for testing a reverse proxy in front).
    pub fn without_cors(mut self) -> Self {
        self.cors = false;
        self
    }

    /// Serve the console below `path` (e.g. `/admin/backups`) instead of at the root.
    pub fn with_console_path(mut self, path: &str) -> Self {
        self.console_path = Arc::from(path);
        self
    }

    fn reset(&self) {
        self.cyborgbackup.reset();
        self.rackspace.reset();
        self.xopero.reset();
        self.cloudback.reset();
        self.scheduled_backup.reset();
        self.faults.clear();
    }

    /// One demo connection per vendor the console has pages for, for `console.json`.
    pub fn demo_connections(&self, origin: &str) -> Vec<serde_json::Value> {
        [
            cyborgbackup::demo_connection(origin),
            rackspace::demo_connection(origin),
            xopero::demo_connection(origin),
            cloudback::demo_connection(origin),
            scheduled_backup::demo_connection(origin),
        ]
        .into_iter()
        .filter(|c| {
            c["vendor"]
                .as_str()
                .and_then(Vendor::from_name)
                .is_some_and(Vendor::implemented)
        })
        .collect()
    }
}

/// The whole server: vendor APIs, test hooks, console.
pub fn app(sandbox: Sandbox) -> Router {
    let vendors = Router::new()
        .nest(
            "/cyborgbackup",
            cyborgbackup::router(sandbox.cyborgbackup.clone()),
        )
        .nest(
            rackspace::MOUNT,
            rackspace::router(sandbox.rackspace.clone()),
        )
        .nest(xopero::MOUNT, xopero::router(sandbox.xopero.clone()))
        .nest(
            cloudback::MOUNT,
            cloudback::router(sandbox.cloudback.clone()),
        )
        .nest(
            scheduled_backup::MOUNT,
            scheduled_backup::router(sandbox.scheduled_backup.clone()),
        )
        .layer(axum::middleware::from_fn_with_state(
            sandbox.faults.clone(),
            faults::inject,
        ));
    let cors = sandbox.cors;
    let router = Router::new()
        .route("/__sandbox/reset", post(reset))
        .route("/__sandbox/faults", post(faults::add).delete(faults::clear))
        .route("/__sandbox/jobs", axum::routing::get(jobs::list))
        .route("/__sandbox/week", axum::routing::get(jobs::week))
        .with_state(sandbox.clone())
        .merge(vendors)
        .merge(console::router(sandbox));
    if !cors {
        return router;
    }
    // Outermost, so errors and injected faults carry CORS headers too.
    router.layer(
        CorsLayer::new()
            .allow_origin(Any)
            .allow_methods(Any)
            .allow_headers(Any)
            // Headers the browser hides unless they are exposed: Keystone's token, and
            // how long to wait before asking again.
            .expose_headers([
                axum::http::HeaderName::from_static("x-subject-token"),
                axum::http::header::RETRY_AFTER,
            ])
            .max_age(std::time::Duration::from_secs(600)),
    )
}

async fn reset(State(sandbox): State<Sandbox>) -> (StatusCode, Json<serde_json::Value>) {
    sandbox.reset();
    (StatusCode::OK, Json(serde_json::json!({"reset": true})))
}
