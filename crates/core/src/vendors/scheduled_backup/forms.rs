//! The plan form as data: its fields, the values of a plan, and the values read back into a
//! [`PlanInput`] (or every problem, per field). A calendar schedule lives in the values as
//! `weekdays` (`1,5`, cron's numbers) and `times` (`09:00,21:00`); a crontab schedule as
//! `schedule_pattern`. Switching between them carries the schedule over when it can be shown.

use std::collections::BTreeSet;

use super::inputs::{PlanInput, PlanPatch};
use super::models::{BackupMode, Plan, Resource, ScheduleType};
use super::schedule::Calendar;
use crate::api::FieldErrors;
use crate::spec::{field, FieldKind::*, FieldSpec, FormValues};

const MODES: [(&str, &str); 2] = [
    ("full", "Full: every backup is a full one"),
    (
        "frequency",
        "Frequency: full backups with incremental ones between",
    ),
];

const SCHEDULE_TYPES: [(&str, &str); 2] = [
    ("calendar", "Weekdays and times (calendar)"),
    ("crontab", "Cron expression (crontab)"),
];

/// Largest count the form accepts; the document gives no maximum.
pub const MOST_BACKUPS: i64 = 1000;

pub const PLAN_FIELDS: [FieldSpec; 3] = [
    field("name", "Name", Text, true, ""),
    field(
        "description",
        "Description",
        Text,
        false,
        "May be empty; it is always sent, as the service requires.",
    ),
    field(
        "max_backups",
        "Backups kept",
        Number {
            min: 1,
            max: MOST_BACKUPS,
        },
        true,
        "Full mode: the backups kept. Frequency mode: the full backups kept, each with its incremental ones.",
    ),
];

/// Only when creating: the document's update does not take the mode.
pub const MODE_FIELDS: [FieldSpec; 1] = [field(
    "backup_mode",
    "Backup mode",
    Labeled(&MODES),
    true,
    "It cannot be changed once the plan exists.",
)];

fn is_crontab(values: &FormValues) -> bool {
    values.get("schedule_type").is_some_and(|t| t == "crontab")
}

pub const SCHEDULE_FIELDS: [FieldSpec; 2] = [
    field(
        "schedule_type",
        "Schedule",
        Labeled(&SCHEDULE_TYPES),
        true,
        "",
    ),
    field(
        "schedule_pattern",
        "Cron expression",
        Crontab,
        true,
        "Five fields: minute, hour, day of month, month, day of week.",
    )
    .when(is_crontab),
];

/// One volume to add; `volumes` suggests the volumes seen in the project.
pub const VOLUME_FIELDS: [FieldSpec; 2] = [
    field(
        "volume_id",
        "Volume ID",
        Suggest("volumes"),
        false,
        "The Cinder volume's ID.",
    ),
    field(
        "volume_name",
        "Volume name",
        Text,
        false,
        "Filled in for a volume seen before.",
    ),
];

pub const VOLUME_PASTE_FIELDS: [FieldSpec; 1] = [field(
    "volume_lines",
    "Several volumes, one per line",
    Lines,
    false,
    "The ID, a space, then the name; an ID seen before needs no name.",
)];

pub const RESTORE_FIELDS: [FieldSpec; 2] = [
    field(
        "checkpoint_item_id",
        "Volume backup",
        Options("items"),
        true,
        "",
    ),
    field(
        "restore_name",
        "New volume name",
        Text,
        true,
        "The backup is restored to a new volume with this name.",
    ),
];

pub const PLAN_FILTER_FIELDS: [FieldSpec; 2] = [
    field("name", "Plan name", Text, false, ""),
    field("volume_name", "Volume name", Text, false, ""),
];

pub const CHECKPOINT_FILTER_FIELDS: [FieldSpec; 2] = [
    field("plan_name", "Plan name", Text, false, ""),
    field("volume_name", "Volume name", Text, false, ""),
];

/// The calendar the values hold (unreadable parts are left out).
pub fn calendar_of(values: &FormValues) -> Calendar {
    let text = |key: &str| values.get(key).map_or("", |v| v.as_str()).to_owned();
    let weekdays = text("weekdays")
        .split(',')
        .filter_map(|d| d.trim().parse::<u8>().ok())
        .collect();
    let times = text("times")
        .split(',')
        .filter_map(|t| parse_time(t.trim()))
        .collect();
    Calendar { weekdays, times }
}

/// `09:30` (or `9:30`) as (hour, minute).
pub fn parse_time(text: &str) -> Option<(u8, u8)> {
    let (h, m) = text.split_once(':')?;
    let (h, m) = (h.trim().parse::<u8>().ok()?, m.trim().parse::<u8>().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

/// Put `calendar` in the values.
pub fn set_calendar(values: &mut FormValues, calendar: &Calendar) {
    let days: Vec<String> = calendar.weekdays.iter().map(u8::to_string).collect();
    let times: Vec<String> = calendar
        .times
        .iter()
        .map(|(h, m)| format!("{h:02}:{m:02}"))
        .collect();
    values.insert("weekdays".into(), days.join(","));
    values.insert("times".into(), times.join(","));
}

/// After the schedule type changed: carry the schedule over to the representation now shown,
/// when it can be (a calendar is always a valid pattern; a pattern is a calendar only when it
/// picks weekdays and times alone).
pub fn carry_schedule(values: &mut FormValues) {
    if is_crontab(values) {
        if let Ok(pattern) = calendar_of(values).to_cron() {
            values.insert("schedule_pattern".into(), pattern);
        }
    } else if let Some(calendar) = values
        .get("schedule_pattern")
        .and_then(|p| Calendar::from_cron(p).ok())
        .filter(|c| c.to_cron().is_ok())
    {
        set_calendar(values, &calendar);
    }
}

/// A plan's (or a new plan's) values.
pub fn plan_values(input: &PlanInput) -> FormValues {
    let mut values = FormValues::from([
        ("name".to_owned(), input.name.clone()),
        ("description".to_owned(), input.description.clone()),
        (
            "backup_mode".to_owned(),
            input.backup_mode.as_str().to_owned(),
        ),
        ("max_backups".to_owned(), input.max_backups.to_string()),
        (
            "schedule_type".to_owned(),
            input.schedule_type.as_str().to_owned(),
        ),
        (
            "schedule_pattern".to_owned(),
            input.schedule_pattern.clone(),
        ),
    ]);
    if let Ok(calendar) = Calendar::from_cron(&input.schedule_pattern) {
        set_calendar(&mut values, &calendar);
    }
    values
}

/// The plan the values and `volumes` describe, or every problem per field (a calendar's under
/// `schedule_pattern`).
pub fn plan_input(values: &FormValues, volumes: &[Resource]) -> Result<PlanInput, FieldErrors> {
    let text = |key: &str| values.get(key).map_or("", |v| v.trim()).to_owned();
    let mut errors = FieldErrors::new();
    let max_backups = match text("max_backups").parse::<u64>() {
        Ok(n) if (1..=MOST_BACKUPS as u64).contains(&n) => n,
        _ => {
            errors.insert(
                "max_backups".into(),
                vec![format!("Enter a whole number from 1 to {MOST_BACKUPS}.")],
            );
            1
        }
    };
    let schedule_type = ScheduleType::parse(&text("schedule_type"));
    let schedule_pattern = if schedule_type == ScheduleType::Calendar {
        match calendar_of(values).to_cron() {
            Ok(pattern) => pattern,
            Err(problem) => {
                errors.insert("schedule_pattern".into(), vec![problem]);
                String::new()
            }
        }
    } else {
        text("schedule_pattern")
    };
    let input = PlanInput {
        backup_mode: BackupMode::parse(&text("backup_mode")),
        // Kept as typed (only trimmed): the service takes any text, empty included.
        description: text("description"),
        max_backups,
        name: text("name"),
        resources: volumes.to_vec(),
        schedule_pattern,
        schedule_type,
    };
    for (field, messages) in input.validate() {
        errors.entry(field).or_insert(messages);
    }
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors)
    }
}

/// What an edit sends: only the fields that differ from the plan as loaded.
pub fn patch_for(before: &Plan, input: &PlanInput) -> PlanPatch {
    let after = Plan {
        name: input.name.clone(),
        description: input.description.clone(),
        max_backups: input.max_backups,
        resources: input.resources.clone(),
        schedule_type: input.schedule_type.clone(),
        schedule_pattern: input.schedule_pattern.clone(),
        ..before.clone()
    };
    PlanPatch::diff(before, &after)
}

/// Volume choices for the ID field: (id, "name (id)").
pub fn volume_options(known: &[Resource]) -> Vec<(String, String)> {
    known
        .iter()
        .map(|v| (v.id.clone(), format!("{} ({})", v.name, v.id)))
        .collect()
}

/// The one volume the add fields name; a known ID brings its name.
pub fn volume_entry(values: &FormValues, known: &[Resource]) -> Result<Resource, FieldErrors> {
    let text = |key: &str| values.get(key).map_or("", |v| v.trim()).to_owned();
    let id = text("volume_id");
    let mut name = text("volume_name");
    if name.is_empty() {
        name = known
            .iter()
            .find(|v| v.id == id)
            .map(|v| v.name.clone())
            .unwrap_or_default();
    }
    let mut errors = FieldErrors::new();
    if id.is_empty() {
        errors.insert("volume_id".into(), vec!["Enter the volume's ID.".into()]);
    } else if id.contains(char::is_whitespace) {
        errors.insert("volume_id".into(), vec!["An ID has no spaces.".into()]);
    }
    if name.is_empty() && !id.is_empty() {
        errors.insert(
            "volume_name".into(),
            vec![format!("Enter the name of volume {id}.")],
        );
    }
    if errors.is_empty() {
        Ok(Resource::volume(&id, &name))
    } else {
        Err(errors)
    }
}

/// Add `new` volumes to `current`, each ID once (a volume already there keeps its place and
/// takes the newer name). Returns how many were new.
pub fn add_volumes(current: &mut Vec<Resource>, new: impl IntoIterator<Item = Resource>) -> usize {
    let mut added = 0;
    for volume in new {
        match current.iter_mut().find(|v| v.id == volume.id) {
            Some(existing) => *existing = volume,
            None => {
                current.push(volume);
                added += 1;
            }
        }
    }
    added
}

/// The IDs in `volumes`, to tell which suggestions are already chosen.
pub fn ids(volumes: &[Resource]) -> BTreeSet<String> {
    volumes.iter().map(|v| v.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan() -> Plan {
        serde_json::from_value(json!({"id": "p1", "name": "nightly", "description": "db", "backup_mode": "full",
            "max_backups": 7, "schedule_type": "calendar", "schedule_pattern": "0 9,21 * * 1,5", "status": "started",
            "resources": [{"id": "v1", "name": "db"}]}))
        .unwrap()
    }

    #[test]
    fn a_plan_reads_back_unchanged_and_an_edit_patches_only_changes() {
        let before = plan();
        let mut values = plan_values(&PlanInput::from(&before));
        assert_eq!(values["weekdays"], "1,5");
        assert_eq!(values["times"], "09:00,21:00");
        let input = plan_input(&values, &before.resources).unwrap();
        assert!(patch_for(&before, &input).is_empty());
        values.insert("times".into(), "09:00".into());
        values.insert("max_backups".into(), "3".into());
        let input = plan_input(&values, &before.resources).unwrap();
        assert_eq!(
            serde_json::to_value(patch_for(&before, &input)).unwrap(),
            json!({"max_backups": 3, "schedule_pattern": "0 9 * * 1,5"})
        );
    }

    #[test]
    fn every_problem_is_named_beside_its_field() {
        let mut values = plan_values(&PlanInput::default());
        values.insert("max_backups".into(), "0".into());
        values.insert("weekdays".into(), "".into());
        let errors = plan_input(&values, &[]).unwrap_err();
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["max_backups", "name", "resources", "schedule_pattern"]
        );
        assert_eq!(errors["schedule_pattern"], ["Choose at least one weekday."]);
        values.insert("schedule_type".into(), "crontab".into());
        values.insert("schedule_pattern".into(), "61 * * * *".into());
        let errors = plan_input(&values, &[]).unwrap_err();
        assert!(errors["schedule_pattern"][0].contains("minute"));
    }

    #[test]
    fn a_new_crontab_plan_sends_every_required_field() {
        let mut values = plan_values(&PlanInput::default());
        for (k, v) in [
            ("name", "hourly"),
            ("schedule_type", "crontab"),
            ("schedule_pattern", "*/30 * * * *"),
            ("backup_mode", "frequency"),
        ] {
            values.insert(k.into(), v.into());
        }
        let volumes = [Resource::volume("v1", "db"), Resource::volume("v2", "logs")];
        let input = plan_input(&values, &volumes).unwrap();
        let body = serde_json::to_value(&input).unwrap();
        assert_eq!(
            body,
            json!({"backup_mode": "frequency", "description": "", "max_backups": 7, "name": "hourly",
                   "resources": [{"id": "v1", "name": "db", "type": "OS::Cinder::Volume"},
                                 {"id": "v2", "name": "logs", "type": "OS::Cinder::Volume"}],
                   "schedule_pattern": "*/30 * * * *", "schedule_type": "crontab"})
        );
    }

    #[test]
    fn switching_the_schedule_type_carries_the_schedule_over() {
        let mut values = FormValues::new();
        set_calendar(
            &mut values,
            &Calendar {
                weekdays: [1, 2].into(),
                times: [(6, 15)].into(),
            },
        );
        values.insert("schedule_type".into(), "crontab".into());
        carry_schedule(&mut values);
        assert_eq!(values["schedule_pattern"], "15 6 * * 1,2");
        values.insert("schedule_pattern".into(), "0 3 * * 0".into());
        values.insert("schedule_type".into(), "calendar".into());
        carry_schedule(&mut values);
        assert_eq!(
            (values["weekdays"].as_str(), values["times"].as_str()),
            ("0", "03:00")
        );
        // A pattern no calendar can show leaves the calendar as it was.
        values.insert("schedule_pattern".into(), "0 3 1 * *".into());
        carry_schedule(&mut values);
        assert_eq!(values["weekdays"], "0");
        assert_eq!(parse_time("7:05"), Some((7, 5)));
        assert_eq!(parse_time("24:00"), None);
    }

    #[test]
    fn volumes_are_added_by_id_once() {
        let known = [Resource::volume("v9", "archive")];
        let entry = |id: &str, name: &str| {
            volume_entry(
                &FormValues::from([
                    ("volume_id".to_owned(), id.to_owned()),
                    ("volume_name".to_owned(), name.to_owned()),
                ]),
                &known,
            )
        };
        assert_eq!(entry("v9", ""), Ok(Resource::volume("v9", "archive")));
        assert_eq!(
            entry("v1", "").unwrap_err().keys().collect::<Vec<_>>(),
            ["volume_name"]
        );
        assert!(entry("", "x").unwrap_err().contains_key("volume_id"));
        let mut chosen = vec![Resource::volume("v1", "db")];
        let added = add_volumes(
            &mut chosen,
            [
                Resource::volume("v1", "db-new"),
                Resource::volume("v2", "logs"),
            ],
        );
        assert_eq!(added, 1);
        assert_eq!(chosen[0].name, "db-new");
        assert_eq!(ids(&chosen).len(), 2);
        assert_eq!(volume_options(&known)[0].1, "archive (v9)");
    }
}
