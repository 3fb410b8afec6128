//! The service's checks of a plan body, field by field, as a 422 with one message per field.

use backup_console_core::schedule::{CronExpr, Dialect};
use backup_console_core::vendors::scheduled_backup::models::{
    BackupMode, Plan, PlanStatus, Resource, ScheduleType, VOLUME_TYPE,
};
use serde_json::{Map, Value};

use super::fault::{invalid, Fault};

/// The fields of a create (all required) or an update (`partial`: any, `null` meaning unset),
/// applied to `plan`.
pub fn apply(plan: &mut Plan, body: &Map<String, Value>, partial: bool) -> Result<(), Fault> {
    // The vendor's SDK names the count full_backups_amount.
    let mut body = body.clone();
    if !body.contains_key("max_backups") {
        if let Some(count) = body.remove("full_backups_amount") {
            body.insert("max_backups".into(), count);
        }
    }
    let mut details = Map::new();
    let mut refuse = |field: &str, message: &str| {
        details.insert(field.to_owned(), Value::from(vec![message.to_owned()]));
    };
    let mut fields = vec![
        "description",
        "max_backups",
        "name",
        "resources",
        "schedule_pattern",
        "schedule_type",
    ];
    fields.push(if partial { "status" } else { "backup_mode" });
    for field in fields {
        let value = match body.get(field) {
            None | Some(Value::Null) if partial => continue,
            None | Some(Value::Null) => {
                refuse(field, "field required");
                continue;
            }
            Some(value) => value,
        };
        match (field, value) {
            ("name", Value::String(s)) if !s.trim().is_empty() => plan.name = s.trim().into(),
            ("name", _) => refuse(field, "must be a non-empty string"),
            ("description", Value::String(s)) => plan.description = s.clone(),
            ("description", _) => refuse(field, "must be a string"),
            ("max_backups", Value::Number(n)) if n.as_u64().is_some_and(|n| n >= 1) => {
                plan.max_backups = n.as_u64().unwrap_or(1)
            }
            ("max_backups", _) => refuse(field, "must be an integer of at least 1"),
            ("backup_mode", Value::String(s)) if BackupMode::parse(s).is_known() => {
                plan.backup_mode = BackupMode::parse(s)
            }
            ("backup_mode", _) => refuse(field, "must be one of: full, frequency"),
            ("schedule_type", Value::String(s)) if ScheduleType::parse(s).is_known() => {
                plan.schedule_type = ScheduleType::parse(s)
            }
            ("schedule_type", _) => refuse(field, "must be one of: calendar, crontab"),
            ("status", Value::String(s)) if PlanStatus::parse(s).is_known() => {
                plan.status = PlanStatus::parse(s)
            }
            ("status", _) => refuse(field, "must be one of: started, suspended"),
            ("schedule_pattern", Value::String(s)) if !s.trim().starts_with('@') => {
                match CronExpr::parse(s, Dialect::Standard) {
                    Ok(_) => plan.schedule_pattern = s.trim().into(),
                    Err(e) => refuse(field, &format!("is not a valid cron expression: {e}")),
                }
            }
            ("schedule_pattern", _) => refuse(field, "must be a 5-field cron expression"),
            ("resources", value) => match resources(value) {
                Ok(list) => plan.resources = list,
                Err(message) => refuse(field, &message),
            },
            _ => {}
        }
    }
    if details.is_empty() {
        Ok(())
    } else {
        Err(invalid(details))
    }
}

fn resources(value: &Value) -> Result<Vec<Resource>, String> {
    let Value::Array(items) = value else {
        return Err("must be a list of volumes".into());
    };
    if items.is_empty() {
        return Err("must name at least one volume".into());
    }
    let mut list: Vec<Resource> = Vec::new();
    for item in items {
        let text = |key: &str| {
            item.get(key)
                .and_then(Value::as_str)
                .map(str::trim)
                .unwrap_or("")
        };
        let (id, name, kind) = (text("id"), text("name"), text("type"));
        if id.is_empty() || name.is_empty() {
            return Err("every volume needs an id and a name".into());
        }
        if kind != VOLUME_TYPE {
            return Err(format!("type must be {VOLUME_TYPE}"));
        }
        if list.iter().any(|r| r.id == id) {
            return Err(format!("volume {id} is listed twice"));
        }
        list.push(Resource::volume(id, name));
    }
    Ok(list)
}
