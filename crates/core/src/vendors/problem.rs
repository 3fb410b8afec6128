//! Error bodies the way services other than Django REST framework word them.
//!
//! [`crate::api::ApiError::from_status`] reads DRF's `{"field": ["message"]}`, where every key
//! but `detail` is a field. Other services put words beside the message that are not fields
//! (`title`, `status`, `code`, `error_key`), so reading them the DRF way would blame fields that
//! do not exist. [`read`] understands:
//!
//! - a message in `message`, `detail`, `error` or `title` (the first of these present, so a
//!   specific message wins over a generic title);
//! - OpenStack's nesting, `{"error": {"code": 401, "title": "Unauthorized", "message": ...}}`;
//! - per-field messages under `errors` or `details` (ASP.NET's problem details, the Scheduled
//!   Backup API's error body), as a string or a list of strings per field;
//! - FastAPI's validation answer, `{"detail": [{"loc": ["body", "name"], "msg": ...}]}`;
//! - a body that is not JSON (its start, or nothing for an HTML page).

use serde_json::{Map, Value};

use crate::api::{short, ApiError, FieldErrors};

/// What an error body says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problem {
    pub message: String,
    pub fields: FieldErrors,
}

impl Problem {
    /// The [`ApiError`] for `status` with these words.
    pub fn into_error(self, status: u16, subject: &str) -> ApiError {
        ApiError::from_parts(status, self.message, self.fields, subject)
    }
}

/// Read an error body; never fails (an unreadable body is an empty problem).
pub fn read(body: &str) -> Problem {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(object)) => read_object(&object),
        Ok(Value::String(text)) => Problem {
            message: text,
            fields: FieldErrors::new(),
        },
        Ok(_) => Problem::default(),
        Err(_) => Problem {
            message: short(body),
            fields: FieldErrors::new(),
        },
    }
}

fn read_object(object: &Map<String, Value>) -> Problem {
    if let Some(Value::Object(inner)) = object.get("error") {
        return read_object(inner);
    }
    let mut fields = FieldErrors::new();
    if let Some(Value::Array(items)) = object.get("detail") {
        for item in items {
            let (field, message) = fastapi_item(item);
            fields.entry(field).or_default().push(message);
        }
    }
    for key in ["errors", "details"] {
        if let Some(Value::Object(per_field)) = object.get(key) {
            for (field, value) in per_field {
                let messages = messages_of(value);
                if !messages.is_empty() {
                    fields.entry(field.clone()).or_default().extend(messages);
                }
            }
        }
    }
    let message = ["message", "detail", "error", "title"]
        .iter()
        .find_map(|key| object.get(*key).and_then(Value::as_str))
        .unwrap_or_default()
        .to_owned();
    Problem { message, fields }
}

/// One FastAPI validation item: the field is the location without its `body`/`query`/`path`
/// prefix (`["body", "resources", 0, "id"]` is `resources.0.id`).
fn fastapi_item(item: &Value) -> (String, String) {
    let location: Vec<String> = item
        .get("loc")
        .and_then(Value::as_array)
        .map(|parts| {
            parts
                .iter()
                .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let skip = usize::from(
        location.len() > 1 && matches!(location[0].as_str(), "body" | "query" | "path"),
    );
    let field = location[skip..].join(".");
    let message = item
        .get("msg")
        .or_else(|| item.get("message"))
        .and_then(Value::as_str)
        .map_or_else(|| item.to_string(), str::to_owned);
    (field, message)
}

fn messages_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => vec![text.clone()],
        Value::Array(items) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map_or_else(|| item.to_string(), str::to_owned)
            })
            .collect(),
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_error_body_gives_its_message_not_fake_fields() {
        let body = r#"{"code":"string","details":{},"error_key":"plan_exists","message":"A plan named nightly exists","title":"Conflict"}"#;
        let problem = read(body);
        assert_eq!(problem.message, "A plan named nightly exists");
        assert!(problem.fields.is_empty());
        let error = problem.into_error(409, "plan nightly");
        assert_eq!(error.kind(), "conflict");
    }

    #[test]
    fn per_field_messages_in_every_shape() {
        let asp = read(
            r#"{"title":"One or more validation errors occurred.","status":422,"errors":{"schedule":["Schedule not found"]}}"#,
        );
        assert_eq!(asp.message, "One or more validation errors occurred.");
        assert_eq!(asp.fields["schedule"], ["Schedule not found"]);
        let vendor =
            read(r#"{"message":"Invalid plan","details":{"max_backups":"must be at least 1"}}"#);
        assert_eq!(vendor.fields["max_backups"], ["must be at least 1"]);
        let fastapi = read(
            r#"{"detail":[{"loc":["body","name"],"msg":"field required","type":"value_error.missing"},{"loc":["query","limit"],"msg":"ensure this value is greater than or equal to 1"}]}"#,
        );
        assert_eq!(fastapi.fields["name"], ["field required"]);
        assert!(fastapi.fields.contains_key("limit"));
        assert_eq!(fastapi.message, "");
    }

    #[test]
    fn openstack_nesting_and_non_json_bodies() {
        let keystone = read(
            r#"{"error":{"code":401,"title":"Unauthorized","message":"The request you have made requires authentication."}}"#,
        );
        assert_eq!(
            keystone.message,
            "The request you have made requires authentication."
        );
        assert_eq!(read("<html>502</html>"), Problem::default());
        assert_eq!(read("plain words").message, "plain words");
        assert_eq!(read("[1]"), Problem::default());
        assert_eq!(read(r#"{"detail":[{}]}"#).fields[""], ["{}"]);
    }
}
