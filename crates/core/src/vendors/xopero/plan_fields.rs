//! The plan editor's fields as data, and the way between a [`PlanForm`] and the form's text
//! values. Keys are the body's field paths, the same keys [`PlanForm::validate`] and the
//! service's validation errors use, so every problem lands beside its field.
//!
//! The schedule (options and backup window) is edited by its own widgets, not through these
//! fields; [`form_from`] takes it separately.

use serde_json::{json, Value};

use super::plan_form::{bool_of, whole, OptionKind, PlanForm, ADVANCED_OPTIONS};
use super::plan_write::plan_body;
use crate::api::FieldErrors;
use crate::schedule::xopero::XoperoSchedule;
use crate::spec::{check_common, field, FieldKind, FieldSpec, FormValues};

const TRUE_FALSE: &[(&str, &str)] = &[("True", "Yes"), ("False", "No")];

fn not_all(values: &FormValues) -> bool {
    values.get("includeAllRepositories").map(String::as_str) != Some("true")
}

pub const GENERAL_FIELDS: [FieldSpec; 4] = [
    field("name", "Name", FieldKind::Text, true, ""),
    field(
        "isActive",
        "Active",
        FieldKind::Bool,
        false,
        "An inactive plan does not run on its schedule.",
    ),
    field(
        "backupType",
        "Backup type",
        FieldKind::Text,
        true,
        "A number, as the service numbers backup types (5 in every example of its document).",
    ),
    field(
        "includeMetadata",
        "Back up metadata",
        FieldKind::Bool,
        false,
        "Issues, pull requests, wikis and the like, besides the code.",
    ),
];

pub const REPOSITORY_FIELDS: [FieldSpec; 2] = [
    field(
        "includeAllRepositories",
        "All repositories of the organization",
        FieldKind::Bool,
        false,
        "Repositories added to the organization later join the plan too.",
    ),
    field(
        "repositoriesIds",
        "Repositories",
        FieldKind::References("repositories"),
        false,
        "",
    )
    .when(not_all),
];

pub const STORAGE_FIELDS: [FieldSpec; 5] = [
    field(
        "storageId",
        "Storage ID",
        FieldKind::Text,
        true,
        "The storage the plan writes its backups to.",
    ),
    field(
        "workerId",
        "Worker ID",
        FieldKind::Text,
        true,
        "The worker (agent) that runs the plan.",
    ),
    field(
        "compressionSettings.codec",
        "Compression codec",
        FieldKind::Text,
        true,
        "A number, as the service numbers its codecs (2 in the document's example).",
    ),
    field(
        "compressionSettings.level",
        "Compression level",
        FieldKind::Text,
        true,
        "A number (2 in the document's example).",
    ),
    field(
        "schedule.retention.rule",
        "Retention rule",
        FieldKind::Text,
        true,
        "A number, as the service numbers its retention rules (1 in the document's example).",
    ),
];

/// One field per known `advancedOptions` key, shown when the plan has that key. The values
/// stay text on the wire and are checked as numbers here.
pub const ADVANCED_FIELDS: [FieldSpec; 5] = [
    field(
        "advancedOptions.useVss",
        ADVANCED_OPTIONS[0].label,
        FieldKind::Labeled(TRUE_FALSE),
        false,
        "",
    )
    .when(|v| v.contains_key("advancedOptions.useVss")),
    field(
        "advancedOptions.maxTaskRetriesCount",
        ADVANCED_OPTIONS[1].label,
        FieldKind::Text,
        true,
        ADVANCED_OPTIONS[1].help,
    )
    .when(|v| v.contains_key("advancedOptions.maxTaskRetriesCount")),
    field(
        "advancedOptions.taskRetriesFrequency",
        ADVANCED_OPTIONS[2].label,
        FieldKind::Text,
        true,
        ADVANCED_OPTIONS[2].help,
    )
    .when(|v| v.contains_key("advancedOptions.taskRetriesFrequency")),
    field(
        "advancedOptions.maxConcurrentTasks",
        ADVANCED_OPTIONS[3].label,
        FieldKind::Text,
        true,
        ADVANCED_OPTIONS[3].help,
    )
    .when(|v| v.contains_key("advancedOptions.maxConcurrentTasks")),
    field(
        "advancedOptions.processorProperties_PartSize",
        ADVANCED_OPTIONS[4].label,
        FieldKind::Text,
        true,
        ADVANCED_OPTIONS[4].help,
    )
    .when(|v| v.contains_key("advancedOptions.processorProperties_PartSize")),
];

/// Fields whose text must be a whole number, with the label [`PlanForm::validate`] uses.
const WHOLE_FIELDS: [&str; 4] = [
    "backupType",
    "compressionSettings.codec",
    "compressionSettings.level",
    "schedule.retention.rule",
];

const ADVANCED_PREFIX: &str = "advancedOptions.";

/// One field's check, as the operator leaves it: the common checks, then numbers as numbers.
pub fn validate_field(spec: &FieldSpec, raw: &str) -> Result<Value, String> {
    let value = check_common(spec, raw)?;
    let text = raw.trim();
    if WHOLE_FIELDS.contains(&spec.key) && whole(text).is_none() {
        return Err(format!("{} must be a whole number.", spec.label));
    }
    if let Some(key) = spec.key.strip_prefix(ADVANCED_PREFIX) {
        let known = ADVANCED_OPTIONS.iter().find(|o| o.key == key);
        match known.map(|o| o.kind) {
            Some(OptionKind::Flag) if bool_of(Some(&json!(text))).is_none() => {
                return Err(format!("{} must be True or False.", spec.label))
            }
            Some(OptionKind::Whole { min }) => match whole(text) {
                None => return Err(format!("{} must be a whole number.", spec.label)),
                Some(n) if n < min => {
                    return Err(format!("{} must be at least {min}.", spec.label))
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(value)
}

fn flag_text(value: bool) -> String {
    value.to_string()
}

/// The form's text values for a plan (the schedule aside).
pub fn values_of(form: &PlanForm) -> FormValues {
    let mut values = FormValues::from([
        ("name".into(), form.name.clone()),
        ("isActive".into(), flag_text(form.is_active)),
        ("backupType".into(), form.backup_type.clone()),
        ("includeMetadata".into(), flag_text(form.include_metadata)),
        (
            "includeAllRepositories".into(),
            flag_text(form.include_all_repositories),
        ),
        ("repositoriesIds".into(), form.repository_ids.join(", ")),
        ("storageId".into(), form.storage_id.clone()),
        ("workerId".into(), form.worker_id.clone()),
        (
            "compressionSettings.codec".into(),
            form.compression_codec.clone(),
        ),
        (
            "compressionSettings.level".into(),
            form.compression_level.clone(),
        ),
        (
            "schedule.retention.rule".into(),
            form.retention_rule.clone(),
        ),
    ]);
    for option in ADVANCED_OPTIONS {
        let Some(text) = form.advanced_options.get(option.key) else {
            continue;
        };
        // A flag the plan spells "true" shows as the choice "True"; unread, it stays as sent.
        let shown = match (option.kind, bool_of(Some(&json!(text)))) {
            (OptionKind::Flag, Some(true)) => "True".to_owned(),
            (OptionKind::Flag, Some(false)) => "False".to_owned(),
            _ => text.clone(),
        };
        values.insert(format!("{ADVANCED_PREFIX}{}", option.key), shown);
    }
    values
}

fn ids(text: &str) -> Vec<String> {
    text.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `base` (the form read from the base body) with the form's values and the edited schedule.
/// Advanced options the form has no field for, and a flag chosen as it already was, stay as
/// the base spelled them.
pub fn form_from(base: &PlanForm, values: &FormValues, schedule: &XoperoSchedule) -> PlanForm {
    let text = |key: &str| values.get(key).map(|v| v.trim().to_owned());
    let flag = |key: &str, current: bool| text(key).map_or(current, |v| v == "true");
    let mut form = base.clone();
    form.name = text("name").unwrap_or(form.name);
    form.is_active = flag("isActive", form.is_active);
    form.backup_type = text("backupType").unwrap_or(form.backup_type);
    form.include_metadata = flag("includeMetadata", form.include_metadata);
    form.include_all_repositories = flag("includeAllRepositories", form.include_all_repositories);
    if let Some(list) = values.get("repositoriesIds") {
        form.repository_ids = ids(list);
    }
    form.storage_id = text("storageId").unwrap_or(form.storage_id);
    form.worker_id = text("workerId").unwrap_or(form.worker_id);
    form.compression_codec = text("compressionSettings.codec").unwrap_or(form.compression_codec);
    form.compression_level = text("compressionSettings.level").unwrap_or(form.compression_level);
    form.retention_rule = text("schedule.retention.rule").unwrap_or(form.retention_rule);
    for option in ADVANCED_OPTIONS {
        let Some(value) = text(&format!("{ADVANCED_PREFIX}{}", option.key)) else {
            continue;
        };
        let before = base.advanced_options.get(option.key);
        let unchanged = option.kind == OptionKind::Flag
            && before.is_some_and(|b| bool_of(Some(&json!(b))) == bool_of(Some(&json!(value))));
        if !unchanged {
            form.advanced_options.insert(option.key.to_owned(), value);
        }
    }
    form.schedule = schedule.clone();
    form
}

/// The `modifygitplan` body for the form's values and schedule over `base`, or the problems
/// keyed by field (a base whose schedule does not read is reported too).
pub fn body_to_send(
    base: &Value,
    values: &FormValues,
    schedule: &XoperoSchedule,
) -> Result<Value, FieldErrors> {
    let base_form = PlanForm::from_body(base)?;
    plan_body(base, &form_from(&base_form, values, schedule))
}

/// Values after the data under a form changed (a repository attached elsewhere on the page):
/// what the operator edited since `origin` stays, everything else follows `incoming`.
pub fn rebase(current: &FormValues, origin: &FormValues, incoming: &FormValues) -> FormValues {
    let mut merged = incoming.clone();
    for (key, value) in current {
        if origin.get(key) != Some(value) {
            merged.insert(key.clone(), value.clone());
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::xopero::plan::document_defaults;

    fn base() -> Value {
        let mut body = document_defaults("p1", "o1", Some("w1"));
        body["name"] = json!("Nightly");
        body["storageId"] = json!("s1");
        body["repositoriesIds"] = json!(["r1", "r2"]);
        body["advancedOptions"]["useVss"] = json!("true");
        body["advancedOptions"]["customKey"] = json!("kept");
        body["unknownTopLevel"] = json!({"x": 1});
        body
    }

    fn spec(key: &str) -> FieldSpec {
        GENERAL_FIELDS
            .iter()
            .chain(&STORAGE_FIELDS)
            .chain(&ADVANCED_FIELDS)
            .find(|f| f.key == key)
            .copied()
            .unwrap()
    }

    #[test]
    fn values_round_trip_without_changing_the_body() {
        let body = base();
        let form = PlanForm::from_body(&body).unwrap();
        let values = values_of(&form);
        assert_eq!(values["advancedOptions.useVss"], "True");
        assert_eq!(values["repositoriesIds"], "r1, r2");
        assert!(!values.contains_key("advancedOptions.customKey"));
        let sent = body_to_send(&body, &values, &form.schedule).unwrap();
        assert_eq!(sent, body, "an unedited form sends the base back as it was");
    }

    #[test]
    fn edits_change_only_their_fields_and_numbers_stay_text() {
        let body = base();
        let form = PlanForm::from_body(&body).unwrap();
        let mut values = values_of(&form);
        values.insert("name".into(), " Nightly 2 ".into());
        values.insert("advancedOptions.maxConcurrentTasks".into(), "8".into());
        values.insert("advancedOptions.useVss".into(), "False".into());
        values.insert("repositoriesIds".into(), "r2, r3".into());
        values.insert("includeAllRepositories".into(), "true".into());
        let mut schedule = form.schedule.clone();
        schedule.backup_window.set(1, 3, false);
        let sent = body_to_send(&body, &values, &schedule).unwrap();
        assert_eq!(sent["name"], "Nightly 2");
        assert_eq!(sent["advancedOptions"]["maxConcurrentTasks"], "8");
        assert_eq!(sent["advancedOptions"]["useVss"], "False");
        assert_eq!(sent["advancedOptions"]["customKey"], "kept");
        assert_eq!(sent["repositoriesIds"], json!(["r2", "r3"]));
        assert_eq!(sent["includeAllRepositories"], true);
        assert_eq!(sent["schedule"]["backupWindow"][1][3], 1);
        assert_eq!(sent["unknownTopLevel"], json!({"x": 1}));
    }

    #[test]
    fn numbers_are_checked_as_numbers_with_the_fields_keys() {
        assert_eq!(
            validate_field(&spec("advancedOptions.maxConcurrentTasks"), "0"),
            Err("Tasks at once must be at least 1.".into())
        );
        assert_eq!(
            validate_field(&spec("advancedOptions.taskRetriesFrequency"), "1 min"),
            Err("Wait before a retry (ms) must be a whole number.".into())
        );
        assert_eq!(
            validate_field(&spec("backupType"), "five"),
            Err("Backup type must be a whole number.".into())
        );
        assert_eq!(
            validate_field(&spec("name"), " "),
            Err("Name is required.".into())
        );
        assert!(validate_field(&spec("compressionSettings.level"), "3").is_ok());

        let body = base();
        let form = PlanForm::from_body(&body).unwrap();
        let mut values = values_of(&form);
        values.insert("advancedOptions.maxTaskRetriesCount".into(), "-1".into());
        values.insert("storageId".into(), "".into());
        let errors = body_to_send(&body, &values, &form.schedule).unwrap_err();
        let keys: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(keys, ["advancedOptions.maxTaskRetriesCount", "storageId"]);
        // Each key names a field of the form.
        for key in keys {
            spec(key);
        }
    }

    #[test]
    fn a_rebase_keeps_the_operators_edits_and_takes_the_rest() {
        let origin = FormValues::from([
            ("name".into(), "A".into()),
            ("repositoriesIds".into(), "r1".into()),
        ]);
        let mut current = origin.clone();
        current.insert("name".into(), "B".into());
        let incoming = FormValues::from([
            ("name".into(), "A".into()),
            ("repositoriesIds".into(), "r1, r9".into()),
        ]);
        let merged = rebase(&current, &origin, &incoming);
        assert_eq!(merged["name"], "B");
        assert_eq!(merged["repositoriesIds"], "r1, r9");
        assert!(!not_all(&FormValues::from([(
            "includeAllRepositories".into(),
            "true".into()
        )])));
    }
}
