//! The plan editor's form: read from a base body ([`super::plan`]), edited, validated, and
//! written back over that base by [`plan_body`] (see [`super::plan_write`]).

use std::collections::BTreeMap;

use serde_json::{json, Value};

pub use super::plan_write::plan_body;
use crate::api::FieldErrors;
use crate::schedule::window::BackupWindow;
use crate::schedule::xopero::XoperoSchedule;

/// The plan settings the console edits; every other field of the body passes through.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanForm {
    pub name: String,
    pub is_active: bool,
    /// `backupType`, a number the document does not explain (5 in all its examples).
    pub backup_type: String,
    /// Back up every repository of the organization, ignoring `repository_ids`.
    pub include_all_repositories: bool,
    /// `repositoriesIds`.
    pub repository_ids: Vec<String>,
    /// Back up metadata (issues, pull requests...) too.
    pub include_metadata: bool,
    pub storage_id: String,
    /// The worker (agent) that runs the plan.
    pub worker_id: String,
    pub compression_codec: String,
    pub compression_level: String,
    /// `advancedOptions` as text, every key the plan has (see [`ADVANCED_OPTIONS`]).
    pub advanced_options: BTreeMap<String, String>,
    /// `schedule.retention.rule`.
    pub retention_rule: String,
    /// Options, backup window, scheme, delay, preventSystemSleep. Its `id` and `retention` are
    /// ignored when writing: the base's id stays and the retention is `retention_rule`.
    pub schedule: XoperoSchedule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    /// `"True"` or `"False"`, as .NET writes booleans.
    Flag,
    /// A whole number written as text, at least `min`.
    Whole { min: u64 },
}

/// An `advancedOptions` key the console knows: the document's example keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdvancedOption {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: OptionKind,
    pub help: &'static str,
}

const fn option(
    key: &'static str,
    label: &'static str,
    kind: OptionKind,
    help: &'static str,
) -> AdvancedOption {
    AdvancedOption {
        key,
        label,
        kind,
        help,
    }
}

pub const ADVANCED_OPTIONS: [AdvancedOption; 5] = [
    option(
        "useVss",
        "Use VSS snapshots",
        OptionKind::Flag,
        "True or False.",
    ),
    option(
        "maxTaskRetriesCount",
        "Retries of a failed task",
        OptionKind::Whole { min: 0 },
        "How many times a failed task is tried again.",
    ),
    option(
        "taskRetriesFrequency",
        "Wait before a retry (ms)",
        OptionKind::Whole { min: 0 },
        "Milliseconds; 60000 is one minute.",
    ),
    option(
        "maxConcurrentTasks",
        "Tasks at once",
        OptionKind::Whole { min: 1 },
        "How many repositories are backed up at the same time.",
    ),
    option(
        "processorProperties_PartSize",
        "Part size (bytes)",
        OptionKind::Whole { min: 1 },
        "1048576 is 1 MiB.",
    ),
];

/// A JSON value as the text a form field shows.
pub(super) fn text_of(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

pub(super) fn bool_of(value: Option<&Value>) -> Option<bool> {
    match value? {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => Some(n.as_f64() != Some(0.0)),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

pub(super) fn ids_of(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| items.iter().map(|v| text_of(Some(v))).collect())
        .unwrap_or_default()
}

pub(super) fn whole(text: &str) -> Option<u64> {
    let text = text.trim();
    (!text.is_empty() && text.chars().all(|c| c.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `advancedOptions` as the form's text fields.
pub(super) fn advanced_options_of(body: &Value) -> BTreeMap<String, String> {
    body.get("advancedOptions")
        .and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), text_of(Some(v))))
                .collect()
        })
        .unwrap_or_default()
}

/// The schedule of a body, or what is wrong with it, keyed by field.
pub(super) fn schedule_of(body: &Value) -> Result<XoperoSchedule, FieldErrors> {
    let fail = |key: &str, message: String| Err(FieldErrors::from([(key.into(), vec![message])]));
    let Some(schedule) = body.get("schedule").filter(|s| s.is_object()) else {
        return fail("schedule", "The plan has no schedule.".into());
    };
    if let Some(window) = schedule.get("backupWindow").filter(|w| !w.is_null()) {
        if let Err(e) = BackupWindow::from_xopero(window) {
            return fail("schedule.backupWindow", e.0);
        }
    }
    // Read from its text, so a failure can name the place (`schedule.options[0].frequency`)
    // without a path-tracking reader (code size).
    let text = schedule.to_string();
    serde_json::from_str(&text).map_err(|e| {
        let key = match crate::json_path::path_at(&text, e.line(), e.column()) {
            Some(place) => format!("schedule.{place}"),
            None => "schedule".to_owned(),
        };
        let message = e.to_string();
        let plain = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        FieldErrors::from([(key, vec![format!("This does not read: {plain}.")])])
    })
}

impl PlanForm {
    /// The form for a base body, or the fields that cannot be read (`schedule.backupWindow`...).
    pub fn from_body(body: &Value) -> Result<Self, FieldErrors> {
        let schedule = schedule_of(body)?;
        let text = |pointer: &str| text_of(body.pointer(pointer));
        let flag = |key: &str| bool_of(body.get(key)).unwrap_or(false);
        let advanced_options = advanced_options_of(body);
        Ok(Self {
            name: text("/name"),
            is_active: flag("isActive"),
            backup_type: text("/backupType"),
            include_all_repositories: flag("includeAllRepositories"),
            repository_ids: ids_of(body.get("repositoriesIds")),
            include_metadata: flag("includeMetadata"),
            storage_id: text("/storageId"),
            worker_id: text("/workerId"),
            compression_codec: text("/compressionSettings/codec"),
            compression_level: text("/compressionSettings/level"),
            advanced_options,
            retention_rule: text("/schedule/retention/rule"),
            schedule,
        })
    }

    /// Problems, keyed by the body's field path (`name`, `advancedOptions.maxConcurrentTasks`,
    /// `schedule.options[1].days`...), each message naming the field.
    pub fn validate(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        let mut add = |key: &str, message: String| {
            errors.entry(key.to_owned()).or_default().push(message);
        };
        if self.name.trim().is_empty() {
            add("name", "Give the plan a name.".into());
        }
        if self.storage_id.trim().is_empty() {
            add(
                "storageId",
                "Enter the id of the storage the plan writes to.".into(),
            );
        }
        if self.worker_id.trim().is_empty() {
            add(
                "workerId",
                "Enter the id of the worker that runs the plan.".into(),
            );
        }
        let numbers = [
            ("backupType", "Backup type", &self.backup_type),
            (
                "compressionSettings.codec",
                "Compression codec",
                &self.compression_codec,
            ),
            (
                "compressionSettings.level",
                "Compression level",
                &self.compression_level,
            ),
            (
                "schedule.retention.rule",
                "Retention rule",
                &self.retention_rule,
            ),
        ];
        for (key, label, value) in numbers {
            if whole(value).is_none() {
                add(key, format!("{label} must be a whole number."));
            }
        }
        for known in ADVANCED_OPTIONS {
            let Some(value) = self.advanced_options.get(known.key) else {
                continue;
            };
            let key = format!("advancedOptions.{}", known.key);
            match known.kind {
                OptionKind::Flag if bool_of(Some(&json!(value))).is_none() => {
                    add(&key, format!("{} must be True or False.", known.label))
                }
                OptionKind::Whole { min } => match whole(value) {
                    None => add(&key, format!("{} must be a whole number.", known.label)),
                    Some(n) if n < min => {
                        add(&key, format!("{} must be at least {min}.", known.label))
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        for (key, messages) in self.schedule.validate() {
            for message in messages {
                add(&format!("schedule.{key}"), message);
            }
        }
        errors
    }
}

/// Everything wrong with a whole body, e.g. a pasted one, as the form would report it.
pub fn check_body(body: &Value) -> FieldErrors {
    match PlanForm::from_body(body) {
        Ok(form) => form.validate(),
        Err(errors) => errors,
    }
}
