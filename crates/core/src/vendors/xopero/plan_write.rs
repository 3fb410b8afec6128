//! Writing a [`PlanForm`] back over its base body for `modifygitplan`.
//!
//! A field changes only when the form's value differs from the base's (compared as values, so
//! `"3"` and `3` are equal), so what the operator did not touch goes back exactly as it came, in
//! the type it came in. Unknown fields, also inside the schedule and its options, are kept.
//! Numbers the document shows as text (`advancedOptions`, a `Dictionary<string, string>`) are
//! written as text; the backup window is written in the cell encoding the base used.

use serde_json::{json, Map, Value};

use super::plan::EMPTY_ID;
use super::plan_form::{
    advanced_options_of, bool_of, ids_of, schedule_of, text_of, whole, PlanForm,
};
use crate::api::FieldErrors;
use crate::schedule::window::BackupWindow;
use crate::schedule::xopero::XoperoSchedule;

/// The value at `path`, created (as objects) where the base had nothing or something else.
fn slot<'a>(body: &'a mut Value, path: &[&str]) -> &'a mut Value {
    let mut current = body;
    for key in path {
        if !current.is_object() {
            *current = Value::Object(Map::new());
        }
        current = match current {
            Value::Object(object) => object.entry(key.to_string()).or_insert(Value::Null),
            // Not reached: it was made an object just above.
            other => other,
        };
    }
    current
}

/// `text` is trimmed; what the base had is compared trimmed too, so untouched text stays as sent.
fn set_text(body: &mut Value, path: &[&str], text: &str) {
    let slot = slot(body, path);
    if text_of(Some(slot)).trim() != text {
        *slot = json!(text);
    }
}

/// Compared the way [`PlanForm::from_body`] read it (unreadable as false), so an unedited
/// field is never rewritten.
fn set_bool(body: &mut Value, path: &[&str], value: bool) {
    let slot = slot(body, path);
    if bool_of(Some(slot)).unwrap_or(false) != value {
        *slot = json!(value);
    }
}

fn set_number(body: &mut Value, path: &[&str], text: &str) {
    let slot = slot(body, path);
    if text_of(Some(slot)).trim() != text.trim() {
        *slot = whole(text).map_or(Value::Null, |n| json!(n));
    }
}

/// The backup window in the cell encoding the base used (numbers unless it used booleans or text).
fn window_value(window: &BackupWindow, base: Option<&Value>) -> Value {
    let first = base.and_then(|rows| rows.pointer("/0/0"));
    let rows = window.to_xopero();
    match first {
        Some(Value::Bool(_)) => json!(rows
            .iter()
            .map(|r| r.iter().map(|c| *c == 1).collect::<Vec<_>>())
            .collect::<Vec<_>>()),
        Some(Value::String(_)) => json!(rows
            .iter()
            .map(|r| r.iter().map(u8::to_string).collect::<Vec<_>>())
            .collect::<Vec<_>>()),
        _ => json!(rows),
    }
}

fn write_schedule(body: &mut Value, form: &PlanForm, base: Option<&XoperoSchedule>) {
    let schedule = &form.schedule;
    if base.map(|b| b.scheme) != Some(schedule.scheme) {
        *slot(body, &["schedule", "scheme"]) = json!(schedule.scheme);
    }
    if base.map(|b| b.delay) != Some(schedule.delay) {
        *slot(body, &["schedule", "delay"]) = json!(schedule.delay);
    }
    if base.map(|b| b.prevent_system_sleep) != Some(schedule.prevent_system_sleep) {
        *slot(body, &["schedule", "preventSystemSleep"]) = json!(schedule.prevent_system_sleep);
    }
    if base.map(|b| &b.options) != Some(&schedule.options) {
        let old = slot(body, &["schedule", "options"]).take();
        let options: Vec<Value> = schedule
            .options
            .iter()
            .enumerate()
            .map(|(i, option)| {
                // Fields of an option the console does not know stay with the option at that place.
                let mut merged = old
                    .get(i)
                    .filter(|o| o.is_object())
                    .cloned()
                    .unwrap_or(json!({}));
                let option = serde_json::to_value(option).unwrap_or(Value::Null);
                super::plan::deep_merge(&mut merged, &option);
                merged
            })
            .collect();
        *slot(body, &["schedule", "options"]) = json!(options);
    }
    if base.map(|b| b.backup_window) != Some(schedule.backup_window) {
        let window = slot(body, &["schedule", "backupWindow"]);
        *window = window_value(&schedule.backup_window, Some(window));
    }
    if !slot(body, &["schedule", "retention"]).is_object() {
        *slot(body, &["schedule", "retention"]) =
            json!({"id": EMPTY_ID, "rule": null, "options": null, "order": 0});
    }
    set_number(
        body,
        &["schedule", "retention", "rule"],
        &form.retention_rule,
    );
}

/// The `modifygitplan` body: `base` with the form's values written over it, or the form's
/// problems. Pass it to [`super::requests::modify_plan`].
pub fn plan_body(base: &Value, form: &PlanForm) -> Result<Value, FieldErrors> {
    let errors = form.validate();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut body = if base.is_object() {
        base.clone()
    } else {
        json!({})
    };
    let base_schedule = schedule_of(base).ok();
    set_text(&mut body, &["name"], form.name.trim());
    set_bool(&mut body, &["isActive"], form.is_active);
    set_number(&mut body, &["backupType"], &form.backup_type);
    set_bool(
        &mut body,
        &["includeAllRepositories"],
        form.include_all_repositories,
    );
    if ids_of(body.get("repositoriesIds")) != form.repository_ids {
        *slot(&mut body, &["repositoriesIds"]) = json!(form.repository_ids);
    }
    set_bool(&mut body, &["includeMetadata"], form.include_metadata);
    set_text(&mut body, &["storageId"], form.storage_id.trim());
    set_text(&mut body, &["workerId"], form.worker_id.trim());
    set_number(
        &mut body,
        &["compressionSettings", "codec"],
        &form.compression_codec,
    );
    set_number(
        &mut body,
        &["compressionSettings", "level"],
        &form.compression_level,
    );
    if advanced_options_of(&body) != form.advanced_options {
        write_advanced_options(&mut body, form);
    }
    write_schedule(&mut body, form, base_schedule.as_ref());
    Ok(body)
}

fn write_advanced_options(body: &mut Value, form: &PlanForm) {
    let advanced = slot(body, &["advancedOptions"]);
    if !advanced.is_object() {
        *advanced = json!({});
    }
    if let Value::Object(options) = advanced {
        options.retain(|key, _| form.advanced_options.contains_key(key));
        for (key, value) in &form.advanced_options {
            let slot = options.entry(key.clone()).or_insert(Value::Null);
            if text_of(Some(slot)) != *value {
                *slot = json!(value);
            }
        }
    }
}
