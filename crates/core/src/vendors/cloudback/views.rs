//! How the console shows Cloudback definitions: the subjects table and the settings form.

use serde_json::{json, Value};

use super::models::{platform_label, Definition, Settings};
use super::subject::Subject;
use crate::api::FieldErrors;
use crate::spec::{col, Column, ColumnKind};

/// The subjects table; each row is [`row`]'s object.
pub const DEFINITION_COLUMNS: [Column; 8] = [
    col("platform", "Platform", ColumnKind::Text, true),
    col("account", "Account", ColumnKind::Text, true),
    col("subjectType", "Type", ColumnKind::Text, true),
    col("subjectName", "Name", ColumnKind::Text, true),
    col("enabled", "Enabled", ColumnKind::Bool, true),
    col("schedule", "Schedule", ColumnKind::Text, true),
    col("storage", "Storage", ColumnKind::Text, true),
    col("retention", "Retention", ColumnKind::Text, true),
];

/// A table row: the subject, and its settings once its definition is loaded (`null` before).
pub fn row(subject: &Subject, definition: Option<&Definition>) -> Value {
    let settings = definition.map(|d| &d.settings);
    let pick = |f: fn(&Settings) -> Value| settings.map_or(Value::Null, f);
    json!({
        "platform": platform_label(&subject.platform),
        "account": subject.account,
        "subjectType": subject.subject_type.as_str(),
        "subjectName": subject.subject_name,
        "enabled": pick(|s| json!(s.enabled)),
        "schedule": pick(|s| json!(s.schedule)),
        "storage": pick(|s| json!(s.storage)),
        "retention": pick(|s| json!(s.retention)),
    })
}

/// Problems in the settings form, per field. Names are free text (the dashboard's own), so
/// only emptiness is checked here; Cloudback answers 422 for a name it does not know.
pub fn validate_settings(settings: &Settings) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for (field, value, message) in [
        (
            "schedule",
            &settings.schedule,
            "Enter a schedule's name, e.g. Daily at 9 pm.",
        ),
        ("storage", &settings.storage, "Enter a storage's name."),
        (
            "retention",
            &settings.retention,
            "Choose how long backups are kept.",
        ),
    ] {
        if value.trim().is_empty() {
            errors.insert(field.to_owned(), vec![message.to_owned()]);
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::cloudback::models::SubjectType;

    #[test]
    fn rows_show_settings_once_loaded() {
        let subject = Subject::new("AzureDevOps", "org", SubjectType::Project, "p");
        let empty = row(&subject, None);
        assert_eq!(empty["platform"], "Azure DevOps");
        assert!(empty["enabled"].is_null());
        let definition = Definition {
            settings: Settings {
                enabled: true,
                retention: "Last 90 days".into(),
                ..Settings::default()
            },
            ..Definition::default()
        };
        let loaded = row(&subject, Some(&definition));
        assert_eq!(loaded["enabled"], true);
        assert_eq!(loaded["retention"], "Last 90 days");
        for column in DEFINITION_COLUMNS {
            assert!(loaded.get(column.key).is_some(), "{}", column.key);
        }
    }

    #[test]
    fn settings_need_every_name() {
        let errors = validate_settings(&Settings::default());
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["retention", "schedule", "storage"]
        );
        let settings = Settings {
            schedule: "Daily at 9 pm".into(),
            storage: "Cloudback EU".into(),
            retention: "Last 30 days".into(),
            ..Settings::default()
        };
        assert!(validate_settings(&settings).is_empty());
    }
}
