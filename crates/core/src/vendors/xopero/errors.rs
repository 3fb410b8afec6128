//! Answers to [`ApiError`] in the operator's words, and the error codes of bulk licence calls.
//!
//! The service is ASP.NET: a refusal may carry `{"message": ...}` (or `Message`), an RFC 7807
//! problem (`title`, `detail`, and `errors: {field: [messages]}` for validation), plain text, or
//! nothing at all (401 and 403 usually come empty).

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::api::{ApiError, ApiResponse, FieldErrors};

/// Why a 403 happened: the management API serves System Administrators only.
pub const ROLE_NEEDED: &str = "The Xopero management API needs an account with the System \
     Administrator role: ask an administrator to grant it, or sign in with such an account.";

const TOKEN_REFUSED: &str = "The access token is missing, invalid or expired (Xopero tokens \
     last 30 days and cannot be refreshed).";

/// What the server said, from whichever field it used.
fn message_of(body: &str) -> String {
    let trimmed = body.trim();
    match serde_json::from_str::<Value>(trimmed) {
        Ok(Value::String(text)) => text,
        Ok(Value::Object(object)) => ["message", "Message", "detail", "title", "error"]
            .iter()
            .find_map(|key| match object.get(*key) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                _ => None,
            })
            .unwrap_or_default(),
        Ok(_) => String::new(),
        // An HTML error page says nothing useful in a banner.
        Err(_) if trimmed.starts_with('<') => String::new(),
        Err(_) => trimmed.chars().take(300).collect(),
    }
}

/// ASP.NET's `errors: {"Field": ["message"]}`.
fn fields_of(body: &str) -> FieldErrors {
    let Ok(Value::Object(object)) = serde_json::from_str::<Value>(body.trim()) else {
        return FieldErrors::new();
    };
    let Some(Value::Object(errors)) = object.get("errors").or_else(|| object.get("Errors")) else {
        return FieldErrors::new();
    };
    errors
        .iter()
        .map(|(field, messages)| {
            let messages = match messages {
                Value::Array(items) => items
                    .iter()
                    .map(|m| m.as_str().map_or_else(|| m.to_string(), str::to_owned))
                    .collect(),
                Value::String(s) => vec![s.clone()],
                other => vec![other.to_string()],
            };
            (field.clone(), messages)
        })
        .collect()
}

/// The failure a non-success answer means; `subject` names what the call was about.
pub fn error_of(response: &ApiResponse, subject: &str) -> ApiError {
    let message = message_of(&response.body);
    match response.status {
        401 => ApiError::Unauthorized {
            detail: if message.is_empty() {
                TOKEN_REFUSED.to_owned()
            } else {
                message
            },
        },
        403 => ApiError::Forbidden {
            detail: if message.is_empty() {
                ROLE_NEEDED.to_owned()
            } else {
                format!("{ROLE_NEEDED} ({message})")
            },
        },
        400 | 422 => ApiError::Validation {
            message,
            fields: fields_of(&response.body),
        },
        status => match ApiError::from_status(status, &response.body, subject) {
            ApiError::Server { status, .. } => ApiError::Server {
                status,
                detail: message,
            },
            ApiError::Conflict { .. } => ApiError::Conflict { detail: message },
            ApiError::Unexpected { status, .. } => ApiError::Unexpected {
                status,
                detail: message,
            },
            other => other,
        },
    }
}

/// The sentence an error banner shows on Xopero's pages: a refused token says why tokens are
/// refused here (they expire after 30 days) and how to get a new one.
pub fn explain(error: &ApiError) -> String {
    match error {
        ApiError::Unauthorized { detail } => format!(
            "Xopero did not accept the access token. {} Sign in again with the account's email \
             and password, or paste a new token.",
            detail.trim()
        ),
        other => other.to_string(),
    }
}

/// Any success, the body unread: attach, detach, modify and sync answer with nothing.
pub fn check(response: &ApiResponse, subject: &str) -> Result<(), ApiError> {
    if response.is_success() {
        Ok(())
    } else {
        Err(error_of(response, subject))
    }
}

/// A success decoded into `T`, or the failure in the operator's words. A body that does not
/// read names the field at fault (`result[1].driver: invalid type...`).
pub fn decode<T: DeserializeOwned>(response: &ApiResponse, subject: &str) -> Result<T, ApiError> {
    check(response, subject)?;
    if response.body.trim().is_empty() {
        return Err(ApiError::Malformed {
            detail: format!("The answer about {subject} was empty."),
        });
    }
    // Named by the field at fault, without a path-tracking reader per model (code size).
    serde_json::from_str(&response.body).map_err(|err| ApiError::Malformed {
        detail: format!(
            "The answer about {subject} does not read: {}",
            crate::json_path::describe(&response.body, &err)
        ),
    })
}

/// The licence error codes of `activate` and `deactivate` the console can put in words. The
/// document gives no list; each entry says what it is read from. Other codes are shown raw.
pub fn error_code_words(code: &str) -> Option<&'static str> {
    match code.trim().to_ascii_uppercase().as_str() {
        // "LI" codes come from licensing; the document's activate example refuses all eight
        // repositories with it, for an organization short of licences (missingLicences > 0).
        "LI5020" => Some("No free licence is left to activate this repository."),
        // "GT" codes come from the git module; the document's deactivate example refuses with it
        // exactly the repositories its activate example had just failed to license.
        "GT1001" => Some("This repository holds no licence to deactivate."),
        _ => None,
    }
}

/// A code for a result list: in words when known, always with the code itself.
pub fn describe_error_code(code: &str) -> String {
    match (error_code_words(code), code.trim()) {
        (_, "") => "Refused (the service gave no error code).".to_owned(),
        (Some(words), code) => format!("{words} ({code})"),
        (None, code) => format!("Refused with error code {code}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::xopero::models::OrganizationPage;

    fn answer(status: u16, body: &str) -> ApiResponse {
        ApiResponse::new(status, body)
    }

    #[test]
    fn refusals_read_in_the_operators_words() {
        let e = error_of(&answer(403, ""), "the organizations");
        assert_eq!(e.kind(), "forbidden");
        assert!(e.to_string().contains("System Administrator role"), "{e}");
        let e = error_of(&answer(401, ""), "x");
        assert!(e.needs_sign_in());
        assert!(explain(&e).contains("last 30 days"), "{}", explain(&e));
        assert_eq!(
            explain(&ApiError::RateLimited),
            ApiError::RateLimited.to_string()
        );
        let e = error_of(
            &answer(400, r#"{"message":"Limit must be positive."}"#),
            "x",
        );
        assert!(e.to_string().ends_with("Limit must be positive."), "{e}");
        let problem = r#"{"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","title":"One or more validation errors occurred.","status":400,"traceId":"00-1","errors":{"Ids":["The Ids field is required."]}}"#;
        let e = error_of(&answer(400, problem), "x");
        let fields = e.field_errors().unwrap();
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["Ids"]);
        assert!(e.to_string().contains("check Ids"), "{e}");
        let e = error_of(
            &answer(404, r#"{"Message":"Organization not found"}"#),
            "org 7",
        );
        assert_eq!(
            e.to_string(),
            "Not found: org 7 does not exist (it may have been deleted)."
        );
        let e = error_of(&answer(500, "<html>oops</html>"), "x");
        assert_eq!(
            e.to_string(),
            "The service failed (HTTP 500). Try again later."
        );
        assert_eq!(
            error_of(&answer(400, "Bad limit"), "x").to_string(),
            "The service rejected the input. Bad limit"
        );
    }

    #[test]
    fn bad_answers_are_malformed_and_name_the_field() {
        let body = r#"{"currentPage":1,"pageCount":1,"totalEntries":1,"result":[{"id":"o","driver":"GitHub"}]}"#;
        let err = decode::<OrganizationPage>(&answer(200, body), "the organizations").unwrap_err();
        let ApiError::Malformed { detail } = &err else {
            panic!("{err:?}")
        };
        assert!(detail.contains("result[0]"), "{detail}");
        assert!(detail.contains("GitHub"), "{detail}");
        for body in ["", "{", "[]", r#"{"result": 3}"#] {
            let err = decode::<OrganizationPage>(&answer(200, body), "x").unwrap_err();
            assert_eq!(err.kind(), "malformed", "{body}");
        }
        assert!(check(&answer(204, ""), "x").is_ok());
        assert_eq!(
            check(&answer(403, ""), "x").unwrap_err().kind(),
            "forbidden"
        );
    }

    #[test]
    fn error_codes_in_words_or_raw() {
        assert!(error_code_words("LI5020").is_some());
        assert!(error_code_words("gt1001").is_some());
        assert_eq!(error_code_words("XX1"), None);
        assert_eq!(describe_error_code("ZZ9"), "Refused with error code ZZ9.");
        assert!(describe_error_code("LI5020").ends_with("(LI5020)"));
        assert!(describe_error_code(" ").contains("no error code"));
    }
}
