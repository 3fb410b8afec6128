//! From what an operator typed to a request, with every problem named beside its field.

use std::net::IpAddr;

use serde_json::{json, Map, Value};

use super::requests::{self, inputs::*};
use super::resources::Resource;
use crate::api::{ApiRequest, FieldErrors};
use crate::schedule::{CronExpr, Dialect};
use crate::spec::{check_common, FieldKind, FieldSpec};

pub use crate::spec::FormValues;

/// What a new object's form starts with.
pub fn defaults(resource: Resource) -> FormValues {
    resource
        .fields()
        .iter()
        .map(|f| {
            let value = match (f.key, f.kind) {
                ("enabled", _) => "true",
                (_, FieldKind::Bool) => "false",
                (_, FieldKind::Choice(options)) => options.first().copied().unwrap_or(""),
                (_, FieldKind::Crontab) => "0 5 * * * *",
                _ => "",
            };
            (f.key.to_owned(), value.to_owned())
        })
        .collect()
}

/// The form's starting values for an existing object.
pub fn values_from_record(resource: Resource, record: &Value) -> FormValues {
    resource
        .fields()
        .iter()
        .map(|f| {
            let value = match record.get(f.key) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                Some(other) => other.to_string(),
            };
            (f.key.to_owned(), value)
        })
        .collect()
}

/// Check one field; `Ok` carries its JSON value.
pub fn validate_field(spec: &FieldSpec, raw: &str) -> Result<Value, String> {
    let text = raw.trim();
    if spec.required && text.is_empty() && spec.kind != FieldKind::Bool {
        return Err(format!("{} is required.", spec.label));
    }
    match spec.kind {
        FieldKind::Text | FieldKind::Secret => Ok(json!(text)),
        FieldKind::Email => {
            if text.is_empty() || is_email(text) {
                Ok(json!(text))
            } else {
                Err("Enter an email address like name@example.com.".into())
            }
        }
        FieldKind::Hostname => {
            if text.is_empty() || is_hostname(text) {
                Ok(json!(text))
            } else {
                Err("Use letters, digits, '-' and '.' only, like lab.example.com.".into())
            }
        }
        FieldKind::IpList => {
            let bad: Vec<&str> = split_list(text)
                .filter(|item| item.parse::<IpAddr>().is_err())
                .collect();
            if bad.is_empty() {
                Ok(json!(text))
            } else {
                Err(format!("Not an IP address: {}.", bad.join(", ")))
            }
        }
        FieldKind::Bool => Ok(json!(text == "true")),
        FieldKind::Count => {
            if text.is_empty() {
                Ok(Value::Null)
            } else {
                text.parse::<u32>()
                    .map(|n| json!(n))
                    .map_err(|_| "Enter a whole number, 0 or more, or leave it empty.".into())
            }
        }
        FieldKind::Reference(_) => {
            if text.is_empty() {
                Ok(Value::Null)
            } else {
                text.parse::<u64>()
                    .map(|n| json!(n))
                    .map_err(|_| format!("Choose a {}.", spec.label.to_lowercase()))
            }
        }
        FieldKind::References(_) => split_list(text)
            .map(|item| {
                item.parse::<u64>()
                    .map_err(|_| format!("\"{item}\" is not an id."))
            })
            .collect::<Result<Vec<u64>, String>>()
            .map(|ids| json!(ids)),
        FieldKind::Crontab => CronExpr::parse(text, Dialect::CyBorgBackup)
            .map(|_| json!(text))
            .map_err(|e| e.to_string()),
        FieldKind::Choice(options) => {
            if options.contains(&text) {
                Ok(json!(text))
            } else {
                Err(format!("Choose one of: {}.", options.join(", ")))
            }
        }
        FieldKind::JsonText => {
            if text.is_empty() {
                return Ok(json!(""));
            }
            match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(_)) => Ok(json!(text)),
                Ok(_) => Err("Enter a JSON object, like {\"key\": \"value\"}.".into()),
                Err(e) => Err(format!("Not valid JSON: {e}.")),
            }
        }
        FieldKind::Number { .. }
        | FieldKind::Labeled(_)
        | FieldKind::Options(_)
        | FieldKind::Suggest(_)
        | FieldKind::Lines => check_common(spec, raw),
    }
}

/// Validate a whole form into the request body, or every field's problem at once.
pub fn validate(resource: Resource, values: &FormValues) -> Result<Value, FieldErrors> {
    let mut body = Map::new();
    let mut errors = FieldErrors::new();
    for spec in resource.fields() {
        let raw = values.get(spec.key).map(String::as_str).unwrap_or("");
        match validate_field(spec, raw) {
            Ok(value) => {
                body.insert(spec.key.to_owned(), value);
            }
            Err(message) => {
                errors.insert(spec.key.to_owned(), vec![message]);
            }
        }
    }
    if errors.is_empty() {
        Ok(Value::Object(body))
    } else {
        Err(errors)
    }
}

/// The create (`id` is `None`) or update request for a validated form.
pub fn save_request(
    resource: Resource,
    id: Option<u64>,
    values: &FormValues,
) -> Result<ApiRequest, FieldErrors> {
    let body = validate(resource, values)?;
    fn typed<T: serde::de::DeserializeOwned + serde::Serialize>(
        resource: Resource,
        id: Option<u64>,
        body: Value,
    ) -> Result<ApiRequest, FieldErrors> {
        // Going through the typed input guarantees the body has the documented shape.
        let input: T = serde_json::from_value(body)
            .map_err(|e| FieldErrors::from([("form".to_owned(), vec![e.to_string()])]))?;
        Ok(match id {
            None => requests::create(resource, &input),
            Some(id) => requests::update(resource, id, &input),
        })
    }
    match resource {
        Resource::Users => typed::<UserInput>(resource, id, body),
        Resource::Clients => typed::<ClientInput>(resource, id, body),
        Resource::Schedules => typed::<ScheduleInput>(resource, id, body),
        Resource::Repositories => typed::<RepositoryInput>(resource, id, body),
        Resource::Policies => typed::<PolicyInput>(resource, id, body),
        Resource::Catalogs => Err(FieldErrors::from([(
            "form".to_owned(),
            vec!["Catalog entries are written by backup jobs and cannot be edited.".to_owned()],
        )])),
    }
}

fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

pub use crate::spec::form::is_email;

pub fn is_hostname(text: &str) -> bool {
    text.len() <= 253
        && text.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Method;

    fn values(pairs: &[(&str, &str)]) -> FormValues {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_problem_is_reported_beside_its_field() {
        let errors = validate(
            Resource::Policies,
            &values(&[
                ("name", ""),
                ("policy_type", "tape"),
                ("clients", "1, x"),
                ("repository", ""),
                ("schedule", "1"),
                ("keep_daily", "-1"),
                ("extra_vars", "[1]"),
            ]),
        )
        .unwrap_err();
        let keys: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "clients",
                "extra_vars",
                "keep_daily",
                "name",
                "policy_type",
                "repository"
            ]
        );
        assert_eq!(errors["name"], ["Name is required."]);
    }

    #[test]
    fn crontab_errors_come_from_the_cron_parser() {
        let errors = validate(
            Resource::Schedules,
            &values(&[
                ("name", "n"),
                ("crontab", "0 24 * * * *"),
                ("enabled", "true"),
            ]),
        )
        .unwrap_err();
        assert!(errors["crontab"][0].starts_with("Hour field"));
    }

    #[test]
    fn a_valid_form_becomes_the_documented_request() {
        let req = save_request(
            Resource::Schedules,
            None,
            &values(&[
                ("name", "Every Minutes"),
                ("crontab", "*/1 * * * * *"),
                ("enabled", "true"),
            ]),
        )
        .unwrap();
        assert_eq!(req.method, Method::Post);
        assert_eq!(req.path, "/api/v1/schedules/");
        assert_eq!(
            req.body.unwrap().as_json().unwrap(),
            &json!({"name": "Every Minutes", "crontab": "*/1 * * * * *", "enabled": true})
        );

        let record = json!({"id": 1, "name": "Full", "clients": [1, 2], "repository": 1, "schedule": 1,
            "policy_type": "vm", "keep_hourly": 1, "keep_daily": null, "extra_vars": "", "enabled": true});
        let form = values_from_record(Resource::Policies, &record);
        assert_eq!(form["clients"], "1, 2");
        assert_eq!(form["keep_daily"], "");
        let req = save_request(Resource::Policies, Some(1), &form).unwrap();
        assert_eq!(req.method, Method::Patch);
        let body = req.body.unwrap();
        let body = body.as_json().unwrap();
        assert_eq!(body["clients"], json!([1, 2]));
        assert_eq!(body["keep_daily"], Value::Null);
        assert_eq!(body["keep_hourly"], json!(1));
    }

    #[test]
    fn defaults_are_valid_except_for_required_text() {
        for resource in Resource::ALL.into_iter().filter(|r| r.writable()) {
            let errors = validate(resource, &defaults(resource))
                .err()
                .unwrap_or_default();
            for key in errors.keys() {
                let spec = resource.fields().iter().find(|f| f.key == key).unwrap();
                assert!(
                    spec.required,
                    "{resource:?}.{key} default is invalid: {errors:?}"
                );
            }
        }
    }

    #[test]
    fn email_and_hostname_rules() {
        assert!(is_email("cyborg@agent.local"));
        for bad in ["", "a", "a@", "@b.c", "a@b", "a b@c.d", "a@b@c.d", "a@.b"] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_hostname("lab.example.com"));
        for bad in ["", "a..b", "-a.b", "a_b", "a b"] {
            assert!(!is_hostname(bad), "{bad}");
        }
    }
}
