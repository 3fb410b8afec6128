//! Failures of the Scheduled Backup API in the operator's words.
//!
//! The document's error body is `{code, details, error_key, message, title}`; its 422s are a
//! FastAPI service's validation answers, and Keystone words its own errors OpenStack's way.
//! [`crate::vendors::problem`] reads all three, so a `title` is never taken for a field.

use crate::api::{suffix, ApiError, ApiResponse};
use crate::vendors::problem;

/// The error for a failed answer about `subject` (e.g. "plan nightly").
pub fn decode_error(response: &ApiResponse, subject: &str) -> ApiError {
    problem::read(&response.body).into_error(response.status, subject)
}

/// What to show for `error` on a Scheduled Backup page.
pub fn explain(error: &ApiError) -> String {
    match error {
        ApiError::Unauthorized { .. } => "The token was refused: Keystone tokens expire after \
            24 hours. Sign in again, or paste a new token scoped to the project."
            .to_owned(),
        ApiError::Forbidden { detail } => format!(
            "The token's project may not do this here: check that the token is scoped to the \
             right project and that the base URL is the pool's Scheduled Backup endpoint.{}",
            suffix(detail.trim())
        ),
        ApiError::Conflict { detail } => format!(
            "Scheduled Backup refused because of the current state (a name already used, or a \
             checkpoint still being made or needed by others).{}",
            suffix(detail.trim())
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_error_body_and_its_statuses() {
        let body = r#"{"code":"409","details":{},"error_key":"plan_name_taken","message":"A plan named nightly exists.","title":"Conflict"}"#;
        let conflict = decode_error(&ApiResponse::new(409, body), "plan nightly");
        assert_eq!(
            conflict,
            ApiError::Conflict {
                detail: "A plan named nightly exists.".into()
            }
        );
        assert!(explain(&conflict).ends_with("A plan named nightly exists."));
        let invalid = decode_error(
            &ApiResponse::new(
                422,
                r#"{"code":"422","details":{"max_backups":["must be at least 1"]},"message":"Invalid plan","title":"Unprocessable"}"#,
            ),
            "the new plan",
        );
        assert_eq!(
            invalid.field_errors().unwrap().keys().collect::<Vec<_>>(),
            ["max_backups"]
        );
        assert!(explain(&decode_error(&ApiResponse::new(401, ""), "x")).contains("Sign in again"));
        assert!(explain(&decode_error(&ApiResponse::new(403, "{}"), "x")).contains("project"));
        assert_eq!(
            decode_error(&ApiResponse::new(404, body), "plan 7"),
            ApiError::NotFound {
                subject: "plan 7".into()
            }
        );
    }
}
