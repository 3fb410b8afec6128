//! Fault injection for tests: the next N matching requests get a chosen status, body or delay.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
pub struct Fault {
    /// Applies to request paths starting with this, e.g. `/cyborgbackup/api/v1/users/`.
    pub path: String,
    /// Only this method, if given.
    #[serde(default)]
    pub method: Option<String>,
    /// Answer with this status instead of the simulation's; `None` only delays.
    #[serde(default)]
    pub status: Option<u16>,
    /// The body sent with `status`, verbatim (it may be malformed on purpose).
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub delay_ms: u64,
    /// How many requests it applies to.
    #[serde(default = "one")]
    pub times: u32,
    /// A `Retry-After` header sent with `status` (503, 429).
    #[serde(default)]
    pub retry_after: Option<String>,
    /// Drop the connection instead of answering: the browser sees a network error.
    #[serde(default)]
    pub drop: bool,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Default)]
pub struct Faults(Arc<Mutex<Vec<Fault>>>);

impl Faults {
    pub fn push(&self, fault: Fault) {
        self.0.lock().expect("faults lock").push(fault);
    }

    pub fn clear(&self) {
        self.0.lock().expect("faults lock").clear();
    }

    fn take(&self, method: &Method, path: &str) -> Option<Fault> {
        let mut faults = self.0.lock().expect("faults lock");
        let index = faults.iter().position(|f| {
            path.starts_with(&f.path)
                && f.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()))
        })?;
        let fault = faults[index].clone();
        if faults[index].times <= 1 {
            faults.remove(index);
        } else {
            faults[index].times -= 1;
        }
        Some(fault)
    }
}

pub async fn add(
    State(sandbox): State<crate::Sandbox>,
    Json(fault): Json<Fault>,
) -> impl IntoResponse {
    sandbox.faults.push(fault);
    StatusCode::NO_CONTENT
}

pub async fn clear(State(sandbox): State<crate::Sandbox>) -> impl IntoResponse {
    sandbox.faults.clear();
    StatusCode::NO_CONTENT
}

pub async fn inject(State(faults): State<Faults>, request: Request, next: Next) -> Response {
    // Preflights are the browser's business, never a test's target.
    if request.method() == Method::OPTIONS {
        return next.run(request).await;
    }
    let Some(fault) = faults.take(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    if fault.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
    }
    if fault.drop {
        return dropped();
    }
    match fault.status.and_then(|s| StatusCode::from_u16(s).ok()) {
        Some(status) => {
            let mut answer = Response::builder()
                .status(status)
                .header(header::CONTENT_TYPE, "application/json");
            if let Some(after) = &fault.retry_after {
                answer = answer.header(header::RETRY_AFTER, after.as_str());
            }
            answer
                .body(Body::from(fault.body.unwrap_or_default()))
                .expect("valid fault response")
        }
        None => next.run(request).await,
    }
}

/// An answer cut off: its start is sent, then the connection closes. (Closed before any byte,
/// browsers would quietly send an idempotent request again on a new connection.) The page sees
/// a network error.
pub fn dropped() -> Response {
    use futures::StreamExt;
    // A pause between the start and the failure, so the start is on the wire first.
    let failing = futures::stream::iter([
        Ok(axum::body::Bytes::from_static(b"{\"count\": ")),
        Err(std::io::Error::other("dropped by the sandbox")),
    ])
    .then(|part| async move {
        if part.is_err() {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        part
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(failing))
        .expect("valid dropped response")
}
