//! Refusals worded as the document's error body: `{code, details, error_key, message, title}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

#[derive(Debug)]
pub struct Fault {
    pub status: StatusCode,
    pub key: &'static str,
    pub message: String,
    /// Per-field messages, for 422.
    pub details: Map<String, Value>,
}

impl IntoResponse for Fault {
    fn into_response(self) -> Response {
        let body = json!({
            "code": self.status.as_u16().to_string(),
            "details": self.details,
            "error_key": self.key,
            "message": self.message,
            "title": self.status.canonical_reason().unwrap_or_default(),
        });
        (self.status, Json(body)).into_response()
    }
}

pub fn fault(status: StatusCode, key: &'static str, message: impl Into<String>) -> Fault {
    Fault {
        status,
        key,
        message: message.into(),
        details: Map::new(),
    }
}

pub fn not_found(what: &str) -> Fault {
    fault(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("{what} was not found."),
    )
}

pub fn conflict(key: &'static str, message: impl Into<String>) -> Fault {
    fault(StatusCode::CONFLICT, key, message)
}

pub fn bad_request(message: impl Into<String>) -> Fault {
    fault(StatusCode::BAD_REQUEST, "bad_request", message)
}

/// 422 with one message per field.
pub fn invalid(details: Map<String, Value>) -> Fault {
    let fields: Vec<&str> = details.keys().map(String::as_str).collect();
    Fault {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        key: "validation_error",
        message: format!("Invalid value for: {}.", fields.join(", ")),
        details,
    }
}

/// The body as a JSON object, or 400.
pub fn object(bytes: &[u8]) -> Result<Map<String, Value>, Fault> {
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(body)) => Ok(body),
        Ok(_) => Err(bad_request("The body must be a JSON object.")),
        Err(e) => Err(bad_request(format!("The body is not valid JSON: {e}."))),
    }
}
