//! What the Cloudback Operations API sends and takes: a backup definition and its settings.
//!
//! Read tolerantly: unknown fields are kept (and sent back on update, so an update made by the
//! console does not reset settings it does not know), the subject's name is read from
//! `backupSubjectName`, `subjectName` or the older `repository`, and a missing type is the
//! document's default, `Repository`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::subject::Subject;
use crate::vendors::loose;
use crate::vendors::open_enum::open_enum;

/// Platforms offered in forms; any other name the operator types is sent as typed.
pub const PLATFORMS: [&str; 3] = ["GitHub", "AzureDevOps", "GitLab"];

open_enum! {
    /// What is backed up: a repository (the default) or, on Azure DevOps, a whole project.
    #[derive(Default)]
    pub enum SubjectType {
        #[default]
        Repository = "Repository",
        Project = "Project",
    }
}

/// The retention choices of Cloudback's dashboard, with the most backups each keeps.
pub const RETENTIONS: [(&str, u32); 4] = [
    ("Last 30 days", 200),
    ("Last 90 days", 270),
    ("Last 180 days", 540),
    ("Last 360 days", 1080),
];

/// The schedule of the document's examples; schedules are named in the dashboard, so this is
/// only a first suggestion.
pub const DEFAULT_SCHEDULE: &str = "Daily at 9 pm";

/// The documented choices for a form's retention field, with `current` first when the server
/// returned a value the document does not name (it is kept, not replaced).
pub fn retention_choices(current: &str) -> Vec<String> {
    let mut choices: Vec<String> = RETENTIONS
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    let current = current.trim();
    if !current.is_empty() && !choices.iter().any(|c| c == current) {
        choices.insert(0, current.to_owned());
    }
    choices
}

/// "keeps at most 200 backups" for a documented retention.
pub fn retention_note(retention: &str) -> Option<String> {
    RETENTIONS
        .iter()
        .find(|(name, _)| *name == retention.trim())
        .map(|(_, most)| format!("keeps at most {most} backups"))
}

/// The platform as Cloudback spells it (`github` -> `GitHub`, `Azure DevOps` ->
/// `AzureDevOps`); any other name trimmed and kept.
pub fn canonical_platform(text: &str) -> String {
    let squashed: String = text.split_whitespace().collect();
    PLATFORMS
        .iter()
        .find(|p| p.eq_ignore_ascii_case(&squashed))
        .map_or_else(|| text.trim().to_owned(), |p| (*p).to_owned())
}

/// How a platform reads in a table ("Azure DevOps").
pub fn platform_label(platform: &str) -> &str {
    match platform {
        "AzureDevOps" => "Azure DevOps",
        other => other,
    }
}

/// A definition's settings: the update form, and what the table shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default, deserialize_with = "loose::bool")]
    pub enabled: bool,
    /// A schedule's name in the dashboard, e.g. "Daily at 9 pm".
    #[serde(default, deserialize_with = "loose::string")]
    pub schedule: String,
    /// A storage's name, e.g. "Cloudback EU".
    #[serde(default, deserialize_with = "loose::string")]
    pub storage: String,
    /// One of [`RETENTIONS`] or whatever else the server returned.
    #[serde(default, deserialize_with = "loose::string")]
    pub retention: String,
    /// Settings the document does not name, kept and sent back as read.
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

/// The answer of both operations.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Definition {
    pub platform: String,
    pub account: String,
    #[serde(rename = "backupSubjectName")]
    pub subject_name: String,
    #[serde(rename = "backupSubjectType")]
    pub subject_type: SubjectType,
    pub settings: Settings,
    /// Fields the document does not name, kept as read.
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

impl Definition {
    /// The subject this definition is about, to build the next call with.
    pub fn subject(&self) -> Subject {
        Subject {
            platform: self.platform.clone(),
            account: self.account.clone(),
            subject_type: self.subject_type.clone(),
            subject_name: self.subject_name.clone(),
        }
    }

    /// Read an answer; the error names what is missing or wrong.
    pub fn from_value(value: Value) -> Result<Self, String> {
        let Value::Object(mut object) = value else {
            return Err("the answer is not a JSON object".into());
        };
        let text = |object: &mut Map<String, Value>, key: &str| match object.remove(key) {
            Some(Value::String(s)) => Some(s),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        };
        // The first name present wins; the others are aliases and are not kept twice.
        let names: Vec<Option<String>> = ["backupSubjectName", "subjectName", "repository"]
            .iter()
            .map(|key| text(&mut object, key))
            .collect();
        let subject_name = names
            .into_iter()
            .flatten()
            .find(|n| !n.is_empty())
            .ok_or("the answer names no backup subject (backupSubjectName)")?;
        let types: Vec<Option<String>> = ["backupSubjectType", "subjectType"]
            .iter()
            .map(|key| text(&mut object, key))
            .collect();
        let subject_type = types
            .into_iter()
            .flatten()
            .find(|t| !t.is_empty())
            .map_or_else(SubjectType::default, |t| SubjectType::parse(&t));
        let settings = match object.remove("settings") {
            Some(settings @ Value::Object(_)) => serde_json::from_value(settings)
                .map_err(|e| format!("the settings cannot be read: {e}"))?,
            Some(Value::Null) | None => return Err("the answer has no settings".into()),
            Some(other) => return Err(format!("the settings are not an object: {other}")),
        };
        Ok(Definition {
            platform: text(&mut object, "platform").unwrap_or_default(),
            account: text(&mut object, "account").unwrap_or_default(),
            subject_name,
            subject_type,
            settings,
            other: object.into_iter().collect(),
        })
    }
}

impl<'de> Deserialize<'de> for Definition {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Definition::from_value(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Schedule and storage names to suggest in the form: the ones seen in the loaded definitions
/// (names are the operator's own, so there is no fixed list), sorted, without duplicates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suggestions {
    pub schedules: Vec<String>,
    pub storages: Vec<String>,
}

pub fn suggestions<'a>(definitions: impl IntoIterator<Item = &'a Definition>) -> Suggestions {
    let mut schedules = BTreeSet::from([DEFAULT_SCHEDULE.to_owned()]);
    let mut storages = BTreeSet::new();
    for definition in definitions {
        let settings = &definition.settings;
        for (set, value) in [
            (&mut schedules, &settings.schedule),
            (&mut storages, &settings.storage),
        ] {
            if !value.trim().is_empty() {
                set.insert(value.trim().to_owned());
            }
        }
    }
    Suggestions {
        schedules: schedules.into_iter().collect(),
        storages: storages.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_read_with_aliases_defaults_and_unknown_fields() {
        let old = json!({"platform": "GitHub", "account": "cloudback", "repository": "demo-repository",
            "settings": {"enabled": "true", "schedule": "Daily at 9 pm", "storage": "Cloudback EU",
                         "retention": "Last 7 days", "notify": true}, "lastBackup": "2024-01-01"});
        let d = Definition::from_value(old).unwrap();
        assert_eq!(d.subject_name, "demo-repository");
        assert_eq!(d.subject_type, SubjectType::Repository);
        assert!(d.settings.enabled);
        assert_eq!(d.settings.other["notify"], json!(true));
        assert_eq!(d.other["lastBackup"], "2024-01-01");
        assert_eq!(retention_choices(&d.settings.retention)[0], "Last 7 days");
        // Written back the document's way, and read again the same.
        let again: Definition = serde_json::from_value(serde_json::to_value(&d).unwrap()).unwrap();
        assert_eq!(again, d);
        let both = json!({"backupSubjectName": "a", "repository": "b", "settings": {}});
        assert_eq!(Definition::from_value(both).unwrap().subject_name, "a");
    }

    #[test]
    fn broken_answers_name_their_problem() {
        let no_name = json!({"platform": "GitHub", "settings": {}});
        assert!(Definition::from_value(no_name)
            .unwrap_err()
            .contains("backupSubjectName"));
        let no_settings = json!({"backupSubjectName": "x"});
        assert_eq!(
            Definition::from_value(no_settings).unwrap_err(),
            "the answer has no settings"
        );
        let bad = json!({"backupSubjectName": "x", "settings": {"enabled": "perhaps"}});
        assert!(Definition::from_value(bad).unwrap_err().contains("perhaps"));
        assert!(Definition::from_value(json!([])).is_err());
    }

    #[test]
    fn platforms_retentions_and_suggestions() {
        assert_eq!(canonical_platform("github"), "GitHub");
        assert_eq!(canonical_platform("Azure DevOps"), "AzureDevOps");
        assert_eq!(canonical_platform(" Bitbucket "), "Bitbucket");
        assert_eq!(platform_label("AzureDevOps"), "Azure DevOps");
        assert_eq!(retention_choices("Last 90 days").len(), 4);
        assert_eq!(
            retention_note("Last 30 days").as_deref(),
            Some("keeps at most 200 backups")
        );
        assert_eq!(retention_note("Forever"), None);
        let mut d = Definition::default();
        d.settings.schedule = "Every 12 hours".into();
        d.settings.storage = "Cloudback US".into();
        let s = suggestions([&d, &d]);
        assert_eq!(s.schedules, ["Daily at 9 pm", "Every 12 hours"]);
        assert_eq!(s.storages, ["Cloudback US"]);
    }
}
