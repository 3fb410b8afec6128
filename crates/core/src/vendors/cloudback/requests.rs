//! The two operations of `cloudback-operations-api.txt`, below the connection's API path.

use serde::{Deserialize, Serialize};

use super::errors::decode_error;
use super::models::{Definition, Settings};
use super::subject::Subject;
use crate::api::{ApiError, ApiRequest, ApiResponse, Method};
use crate::connection::Connection;

/// The document's path prefix.
pub const DEFAULT_API_PATH: &str = "/api/ops";

/// The choices of the connection's "API path" setting: the document's, and the one of the
/// vendor's newest docs and Terraform provider.
pub const API_PATHS: [&str; 2] = [DEFAULT_API_PATH, "/ops"];

/// Every documented operation: (method, path after the API path, the document's title).
pub const OPERATIONS: [(&str, &str, &str); 2] = [
    ("POST", "/definition/get", "Get Backup Definition"),
    ("POST", "/definition/update", "Update Backup Definition"),
];

/// The API path as a prefix: one leading `/`, no trailing one; empty means the default. Other
/// prefixes are kept, for a reverse proxy that moves the API.
pub fn api_path(setting: &str) -> String {
    let trimmed = setting.trim().trim_matches('/');
    if trimmed.is_empty() {
        DEFAULT_API_PATH.to_owned()
    } else {
        format!("/{trimmed}")
    }
}

/// The connection's `api_path` setting, normalized.
pub fn api_path_of(connection: &Connection) -> String {
    api_path(&connection.extra_text("api_path"))
}

/// The body of an update: the subject and the settings to apply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateDefinition {
    #[serde(flatten)]
    pub subject: Subject,
    pub settings: Settings,
}

fn post(api_path_setting: &str, operation: usize, subject: &Subject) -> ApiRequest {
    let (_, path, _) = OPERATIONS[operation];
    ApiRequest::new(
        Method::Post,
        format!("{}{path}", api_path(api_path_setting)),
    )
    // Cloudback's errors name the subject in their own words ("the repository or backup
    // definition GitHub acme/api"), so the subject is the subject alone.
    .about(subject.to_line())
}

/// Get Backup Definition.
pub fn get_definition(api_path_setting: &str, subject: &Subject) -> ApiRequest {
    post(api_path_setting, 0, subject).json(serde_json::to_value(subject).unwrap_or_default())
}

/// Update Backup Definition: the whole settings object, as the document's example sends it.
pub fn update_definition(
    api_path_setting: &str,
    subject: &Subject,
    settings: &Settings,
) -> ApiRequest {
    let body = UpdateDefinition {
        subject: subject.clone(),
        settings: settings.clone(),
    };
    post(api_path_setting, 1, subject).json(serde_json::to_value(body).unwrap_or_default())
}

/// Enable or disable a definition, leaving its other settings as they are (the bulk action;
/// Cloudback's Terraform provider also "deletes" a definition by disabling it).
pub fn set_enabled(api_path_setting: &str, definition: &Definition, enabled: bool) -> ApiRequest {
    let settings = Settings {
        enabled,
        ..definition.settings.clone()
    };
    update_definition(api_path_setting, &definition.subject(), &settings)
}

/// The answer of either operation: the definition, or the failure in Cloudback's terms. A
/// success whose body cannot be read is [`ApiError::Malformed`], naming what is wrong.
pub fn decode_definition(
    response: &ApiResponse,
    subject: &Subject,
) -> Result<Definition, ApiError> {
    if !response.is_success() {
        return Err(decode_error(response, &subject.to_line()));
    }
    let value: serde_json::Value =
        serde_json::from_str(&response.body).map_err(|e| ApiError::Malformed {
            detail: format!("the answer is not JSON: {e}"),
        })?;
    Definition::from_value(value).map_err(|detail| ApiError::Malformed { detail })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::cloudback::models::SubjectType;
    use crate::vendors::Vendor;
    use serde_json::json;

    fn subject() -> Subject {
        Subject::new("GitHub", "acme", SubjectType::Repository, "api")
    }

    #[test]
    fn the_api_path_is_a_setting() {
        assert_eq!(api_path(""), "/api/ops");
        assert_eq!(api_path("ops/"), "/ops");
        assert_eq!(
            api_path(" /proxy/cloudback/api/ops "),
            "/proxy/cloudback/api/ops"
        );
        let mut connection = Connection::new("cb", Vendor::Cloudback, "https://app.cloudback.it");
        assert_eq!(
            get_definition(&api_path_of(&connection), &subject()).path,
            "/api/ops/definition/get"
        );
        connection.extra.insert("api_path".into(), json!("/ops"));
        let request =
            update_definition(&api_path_of(&connection), &subject(), &Settings::default());
        assert_eq!(request.path, "/ops/definition/update");
        assert_eq!(request.subject, "GitHub acme/api");
    }

    #[test]
    fn enabling_keeps_the_other_settings() {
        let mut definition =
            Definition::from_value(json!({"platform": "GitHub", "account": "acme",
            "backupSubjectName": "api", "backupSubjectType": "Repository",
            "settings": {"enabled": false, "schedule": "Daily at 9 pm", "storage": "Cloudback EU",
                         "retention": "Last 30 days", "legalHold": true}}))
            .unwrap();
        let request = set_enabled("", &definition, true);
        let body = request.body.unwrap().as_json().cloned().unwrap();
        assert_eq!(
            body,
            json!({"platform": "GitHub", "account": "acme", "subjectName": "api", "subjectType": "Repository",
                   "settings": {"enabled": true, "schedule": "Daily at 9 pm", "storage": "Cloudback EU",
                                "retention": "Last 30 days", "legalHold": true}})
        );
        definition.settings.enabled = true;
        assert_eq!(
            serde_json::from_value::<UpdateDefinition>(body)
                .unwrap()
                .settings,
            definition.settings
        );
    }

    #[test]
    fn answers_decode_or_name_their_problem() {
        let ok = ApiResponse::new(
            200,
            r#"{"platform":"GitHub","account":"acme","backupSubjectName":"api","backupSubjectType":"Repository","settings":{"enabled":true,"schedule":"s","storage":"t","retention":"Last 90 days"}}"#,
        );
        assert!(decode_definition(&ok, &subject()).unwrap().settings.enabled);
        let cut = ApiResponse::new(200, r#"{"platform":"GitHub""#);
        let err = decode_definition(&cut, &subject()).unwrap_err();
        assert_eq!(err.kind(), "malformed");
        let empty = ApiResponse::new(200, r#"{"backupSubjectName":"api"}"#);
        assert_eq!(
            decode_definition(&empty, &subject()).unwrap_err(),
            ApiError::Malformed {
                detail: "the answer has no settings".into()
            }
        );
        let missing = ApiResponse::new(404, r#"{"message":"Repository not found"}"#);
        assert_eq!(
            decode_definition(&missing, &subject()).unwrap_err(),
            ApiError::NotFound {
                subject: "the repository or backup definition GitHub acme/api".into()
            }
        );
    }
}
