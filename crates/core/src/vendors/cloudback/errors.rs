//! The failures the document names (400, 401, 402, 404, 422), each in a Cloudback operator's
//! words.
//!
//! [`decode_error`] reads the body (see [`crate::vendors::problem`]: Cloudback is an ASP.NET
//! service, whose problem details carry `title`, `detail` and per-field `errors`) into the
//! [`ApiError`] every view understands; [`explain`] is the sentence to show, which for the
//! documented statuses says what to do about it in Cloudback's terms.

use crate::api::{suffix, ApiError, ApiResponse};
use crate::vendors::problem;

/// The statuses the document lists under "Error Responses".
pub const DOCUMENTED_ERRORS: [u16; 5] = [400, 401, 402, 404, 422];

/// The error for a failed answer about `subject` (e.g. "GitHub acme/api").
pub fn decode_error(response: &ApiResponse, subject: &str) -> ApiError {
    let read = problem::read(&response.body);
    match response.status {
        400 => ApiError::Validation {
            message: joined(
                "Cloudback could not read the request (invalid format or parameters).",
                &read.message,
            ),
            fields: read.fields,
        },
        422 => ApiError::Validation {
            message: joined("Cloudback refused the settings.", &read.message),
            fields: read.fields,
        },
        404 => ApiError::NotFound {
            subject: format!("the repository or backup definition {subject}"),
        },
        status => read.into_error(status, subject),
    }
}

/// What to show for `error` on a Cloudback page.
pub fn explain(error: &ApiError) -> String {
    match error {
        ApiError::Unauthorized { .. } => "Cloudback did not accept the API key: it is missing or \
            invalid. Create a key on the API Keys page of the Cloudback dashboard and enter it for \
            this connection."
            .to_owned(),
        ApiError::PlanLimit { detail } => format!(
            "Your Cloudback plan's limit is exceeded: disable another backup or upgrade the plan \
             in the Cloudback dashboard.{}",
            suffix(detail.trim())
        ),
        ApiError::NotFound { subject } => format!(
            "Cloudback does not know {subject}. Check the platform, account, type and name, and \
             that Cloudback is installed on that account."
        ),
        ApiError::Validation { message, fields } => {
            let problems: Vec<String> = fields
                .iter()
                .map(|(field, messages)| format!("{field}: {}", messages.join(" ")))
                .collect();
            format!("{message}{}", suffix(&problems.join("; ")))
        }
        other => other.to_string(),
    }
}

fn joined(ours: &str, theirs: &str) -> String {
    format!("{ours}{}", suffix(theirs.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(status: u16, body: &str) -> ApiError {
        decode_error(&ApiResponse::new(status, body), "GitHub acme/api")
    }

    #[test]
    fn each_documented_status_has_its_own_words() {
        let messages: Vec<String> = DOCUMENTED_ERRORS
            .iter()
            .map(|status| explain(&error(*status, "{}")))
            .collect();
        for (i, a) in messages.iter().enumerate() {
            for b in &messages[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert!(messages[1].contains("API key"));
        assert!(messages[2].contains("plan's limit"));
        assert!(messages[3].contains("GitHub acme/api"));
    }

    #[test]
    fn bodies_give_their_details() {
        let e = error(
            422,
            r#"{"title":"Schedule not found","status":422,"errors":{"schedule":["No schedule is named Hourly. Known: Daily at 9 pm"]}}"#,
        );
        assert_eq!(e.kind(), "validation");
        assert_eq!(e.field_errors().unwrap()["schedule"].len(), 1);
        let text = explain(&e);
        assert!(text.starts_with("Cloudback refused the settings. Schedule not found"));
        assert!(text.contains("schedule: No schedule is named Hourly"));
        let e = error(
            402,
            r#"{"message":"Plan limit exceeded: 4 of 4 repositories"}"#,
        );
        assert_eq!(e.kind(), "plan-limit");
        assert!(explain(&e).ends_with("Plan limit exceeded: 4 of 4 repositories"));
        let e = error(400, "not json at all");
        assert!(explain(&e).contains("invalid format"));
        assert!(explain(&e).ends_with("not json at all"));
        assert_eq!(error(401, "").kind(), "unauthorized");
        assert_eq!(error(503, "").kind(), "server");
    }
}
