//! How the console shows Rackspace objects: table columns, and the configuration form turned
//! into a request body with every problem named beside its field.

use super::models::{BackupConfiguration, FileItem};
use super::requests::inputs::BackupConfigurationInput;
use crate::api::FieldErrors;
use crate::schedule::rackspace::{AmPm, Frequency, RackspaceSchedule};
use crate::schedule::windows_zones::WINDOWS_ZONES;
use crate::spec::form::is_email;

pub const DATA_CENTERS: [&str; 6] = ["DFW", "ORD", "IAD", "LON", "HKG", "SYD"];
pub const RETENTIONS: [(&str, &str); 3] =
    [("30", "30 days"), ("60", "60 days"), ("0", "Indefinitely")];
pub const LOG_LEVELS: [(&str, &str); 6] = [
    ("1", "Fatal"),
    ("2", "Error"),
    ("3", "Warning"),
    ("4", "Info"),
    ("5", "Debug"),
    ("6", "Trace (all)"),
];

pub use crate::spec::FormValues;

fn paths_text(items: &[FileItem]) -> String {
    items
        .iter()
        .map(|i| i.file_path.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A path list from one-path-per-line text; a last segment with an extension is a file.
pub fn paths_from_text(text: &str) -> Vec<FileItem> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|path| {
            let last = path
                .trim_end_matches(['/', '\\'])
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or("");
            let is_file =
                !path.ends_with(['/', '\\']) && last.contains('.') && !last.starts_with('.');
            FileItem {
                file_path: path.to_owned(),
                file_item_type: if is_file { "File" } else { "Folder" }.into(),
                parent_id: None,
                file_id: None,
            }
        })
        .collect()
}

pub fn defaults(agent: Option<u64>) -> FormValues {
    [
        ("agent", agent.map(|a| a.to_string()).unwrap_or_default()),
        ("name", String::new()),
        ("active", "true".into()),
        ("retention", "30".into()),
        ("frequency", "Daily".into()),
        ("hour", "1".into()),
        ("minute", "0".into()),
        ("ampm", "AM".into()),
        ("day", "0".into()),
        ("interval", "6".into()),
        ("timezone", "Eastern Standard Time".into()),
        ("recipients", String::new()),
        ("notify_success", "false".into()),
        ("notify_failure", "true".into()),
        ("inclusions", String::new()),
        ("exclusions", String::new()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

pub fn values_from(config: &BackupConfiguration) -> FormValues {
    let s = &config.schedule;
    let mut values = defaults(Some(config.machine_agent_id));
    let mut set = |k: &str, v: String| {
        values.insert(k.to_owned(), v);
    };
    set("name", config.backup_configuration_name.clone());
    set("active", config.is_active.to_string());
    set("retention", config.version_retention.to_string());
    set("frequency", format!("{:?}", s.frequency));
    if let Some(h) = s.start_time_hour {
        set("hour", h.to_string());
    }
    if let Some(m) = s.start_time_minute {
        set("minute", m.to_string());
    }
    if let Some(p) = s.start_time_am_pm {
        set("ampm", if p == AmPm::Am { "AM" } else { "PM" }.into());
    }
    if let Some(d) = s.day_of_week_id {
        set("day", d.to_string());
    }
    if let Some(i) = s.hour_interval {
        set("interval", i.to_string());
    }
    set("timezone", s.time_zone_id.clone());
    set("recipients", config.notify_recipients.clone());
    set("notify_success", config.notify_success.to_string());
    set("notify_failure", config.notify_failure.to_string());
    set("inclusions", paths_text(&config.inclusions));
    set("exclusions", paths_text(&config.exclusions));
    values
}

/// The choices for the time zone field: every Windows zone as "name (IANA zone)", and first
/// the configuration's own value when the console does not know it, so that it is kept.
pub fn time_zone_options(current: &str) -> Vec<(String, String)> {
    let current = current.trim();
    let known = WINDOWS_ZONES
        .iter()
        .any(|(windows, _)| windows.eq_ignore_ascii_case(current));
    let kept = (!known && !current.is_empty()).then(|| {
        (
            current.to_owned(),
            format!("{current} (not known to the console; kept as it is)"),
        )
    });
    kept.into_iter()
        .chain(
            WINDOWS_ZONES
                .iter()
                .map(|(windows, iana)| (windows.to_string(), format!("{windows} ({iana})"))),
        )
        .collect()
}

/// The schedule the form describes, with only the fields its frequency uses.
pub fn schedule_from(values: &FormValues) -> Result<RackspaceSchedule, FieldErrors> {
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = FieldErrors::new();
    let frequency = match get("frequency").as_str() {
        "Manually" => Frequency::Manually,
        "Hourly" => Frequency::Hourly,
        "Daily" => Frequency::Daily,
        "Weekly" => Frequency::Weekly,
        other => {
            errors.insert(
                "frequency".into(),
                vec![format!("\"{other}\" is not a frequency.")],
            );
            Frequency::Manually
        }
    };
    let mut number = |key: &str, low: u32, high: u32, what: &str| -> Option<u32> {
        match get(key).parse::<u32>() {
            Ok(n) if (low..=high).contains(&n) => Some(n),
            _ => {
                errors.insert(
                    key.into(),
                    vec![format!("Enter {what} from {low} to {high}.")],
                );
                None
            }
        }
    };
    let timed = matches!(frequency, Frequency::Daily | Frequency::Weekly);
    let schedule = RackspaceSchedule {
        frequency,
        start_time_hour: if timed {
            number("hour", 1, 12, "an hour")
        } else {
            None
        },
        start_time_minute: if timed {
            number("minute", 0, 59, "a minute")
        } else {
            None
        },
        start_time_am_pm: if timed {
            Some(if get("ampm") == "PM" {
                AmPm::Pm
            } else {
                AmPm::Am
            })
        } else {
            None
        },
        day_of_week_id: if frequency == Frequency::Weekly {
            number("day", 0, 6, "a day")
        } else {
            None
        },
        hour_interval: if frequency == Frequency::Hourly {
            number("interval", 1, 23, "an interval")
        } else {
            None
        },
        time_zone_id: get("timezone"),
    };
    for (field, messages) in schedule.validate() {
        let key = match field.as_str() {
            "TimeZoneId" => "timezone",
            "HourInterval" => "interval",
            "DayOfWeekId" => "day",
            "StartTimeHour" => "hour",
            "StartTimeMinute" => "minute",
            _ => "frequency",
        };
        errors.entry(key.into()).or_insert(messages);
    }
    if errors.is_empty() {
        Ok(schedule)
    } else {
        Err(errors)
    }
}

/// The request body for a create (`schedule_id` None) or an update.
pub fn configuration_input(
    values: &FormValues,
    schedule_id: Option<u64>,
) -> Result<BackupConfigurationInput, FieldErrors> {
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = schedule_from(values).err().unwrap_or_default();
    let agent = get("agent").parse::<u64>().ok();
    if agent.is_none() {
        errors.insert("agent".into(), vec!["Choose the agent to back up.".into()]);
    }
    if get("name").is_empty() {
        errors.insert("name".into(), vec!["Give the configuration a name.".into()]);
    }
    let retention = get("retention")
        .parse::<u64>()
        .ok()
        .filter(|r| [0, 30, 60].contains(r));
    if retention.is_none() {
        errors.insert(
            "retention".into(),
            vec!["Keep versions 30 or 60 days, or indefinitely.".into()],
        );
    }
    let recipients = get("recipients");
    let bad: Vec<&str> = recipients
        .split([',', ';'])
        .map(str::trim)
        .filter(|r| !r.is_empty() && !is_email(r))
        .collect();
    if !bad.is_empty() {
        errors.insert(
            "recipients".into(),
            vec![format!("Not an email address: {}.", bad.join(", "))],
        );
    }
    let notify = get("notify_success") == "true" || get("notify_failure") == "true";
    if notify && recipients.is_empty() {
        errors.insert(
            "recipients".into(),
            vec!["Who should the notifications go to?".into()],
        );
    }
    let inclusions = paths_from_text(&get("inclusions"));
    if inclusions.is_empty() {
        errors.insert(
            "inclusions".into(),
            vec!["List at least one file or folder to back up.".into()],
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(BackupConfigurationInput {
        machine_agent_id: agent.unwrap_or_default(),
        backup_configuration_name: get("name"),
        is_active: get("active") == "true",
        version_retention: retention.unwrap_or(30),
        backup_configuration_schedule_id: schedule_id,
        missed_backup_action_id: Some(1),
        schedule: schedule_from(values).expect("checked above"),
        notify_recipients: recipients,
        notify_success: get("notify_success") == "true",
        notify_failure: get("notify_failure") == "true",
        inclusions,
        exclusions: paths_from_text(&get("exclusions")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_files_when_they_have_an_extension() {
        let items = paths_from_text("/var/www/\nC:\\backup_up_file.txt\n\n/etc/.config\n/srv/data");
        let kinds: Vec<&str> = items.iter().map(|i| i.file_item_type.as_str()).collect();
        assert_eq!(kinds, ["Folder", "File", "Folder", "Folder"]);
    }

    #[test]
    fn the_form_needs_what_its_frequency_needs() {
        let mut values = defaults(Some(213564));
        values.insert("name".into(), "Nightly".into());
        values.insert("inclusions".into(), "/var/www".into());
        values.insert("recipients".into(), "ops@example.com".into());
        let input = configuration_input(&values, None).unwrap();
        assert_eq!(
            (
                input.schedule.start_time_hour,
                input.schedule.day_of_week_id
            ),
            (Some(1), None)
        );
        let json = serde_json::to_value(&input).unwrap();
        assert_eq!(json["StartTimeAmPm"], "AM");
        assert_eq!(json["HourInterval"], serde_json::Value::Null);

        values.insert("frequency".into(), "Hourly".into());
        values.insert("interval".into(), "30".into());
        values.insert("recipients".into(), "not-mail".into());
        values.insert("inclusions".into(), String::new());
        let errors = configuration_input(&values, None).unwrap_err();
        let keys: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(keys, ["inclusions", "interval", "recipients"]);

        values.insert("frequency".into(), "Weekly".into());
        values.insert("timezone".into(), " ".into());
        assert!(configuration_input(&values, None)
            .unwrap_err()
            .contains_key("timezone"));
    }

    #[test]
    fn a_zone_the_console_does_not_know_never_blocks_saving() {
        let mut values = defaults(Some(213564));
        values.insert("name".into(), "Nightly".into());
        values.insert("inclusions".into(), "/var/www".into());
        values.insert("recipients".into(), "ops@example.com".into());
        for zone in ["Taipei Standard Time", "Mars Standard Time"] {
            values.insert("timezone".into(), zone.into());
            let input = configuration_input(&values, Some(7)).unwrap();
            assert_eq!(input.schedule.time_zone_id, zone);
        }
        // The form's zone list keeps a value it does not know, first, saying so.
        let options = time_zone_options("Mars Standard Time");
        assert_eq!(
            options[0],
            (
                "Mars Standard Time".to_owned(),
                "Mars Standard Time (not known to the console; kept as it is)".to_owned()
            )
        );
        assert_eq!(options.len(), WINDOWS_ZONES.len() + 1);
        let known = time_zone_options("taipei standard time");
        assert_eq!(known.len(), WINDOWS_ZONES.len());
        assert!(known.contains(&(
            "Taipei Standard Time".to_owned(),
            "Taipei Standard Time (Asia/Taipei)".to_owned()
        )));
    }

    #[test]
    fn an_existing_configuration_round_trips_through_the_form() {
        let config: BackupConfiguration = serde_json::from_value(serde_json::json!({
            "BackupConfigurationId": 1, "MachineAgentId": 7, "BackupConfigurationName": "Weekly", "IsActive": true,
            "VersionRetention": 60, "Frequency": "Weekly", "StartTimeHour": 7, "StartTimeMinute": 30, "StartTimeAmPm": "PM",
            "DayOfWeekId": 5, "HourInterval": null, "TimeZoneId": "Eastern Standard Time", "NotifyRecipients": "a@b.co",
            "NotifySuccess": true, "NotifyFailure": true,
            "Inclusions": [{"FilePath": "/var/www", "FileItemType": "Folder"}], "Exclusions": []}))
        .unwrap();
        let input = configuration_input(&values_from(&config), Some(99)).unwrap();
        assert_eq!(input.schedule, config.schedule);
        assert_eq!(input.version_retention, 60);
        assert_eq!(input.backup_configuration_schedule_id, Some(99));
        assert_eq!(input.inclusions[0].file_path, "/var/www");
    }
}
