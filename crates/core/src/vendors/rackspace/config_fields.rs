//! The backup configuration form's fields, grouped as the page shows them. The values are read
//! into a request by [`super::views::configuration_input`].

use super::views::RETENTIONS;
use crate::spec::{field, FieldKind::*, FieldSpec, FormValues};

pub const FREQUENCIES: [&str; 4] = ["Manually", "Hourly", "Daily", "Weekly"];
const INTERVALS: [&str; 23] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17",
    "18", "19", "20", "21", "22", "23",
];
const HOURS: [&str; 12] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
];
/// `DayOfWeekId` values, Sunday first as the API numbers them.
const DAYS: [(&str, &str); 7] = [
    ("0", "Sunday"),
    ("1", "Monday"),
    ("2", "Tuesday"),
    ("3", "Wednesday"),
    ("4", "Thursday"),
    ("5", "Friday"),
    ("6", "Saturday"),
];

fn frequency_is(values: &FormValues, wanted: &[&str]) -> bool {
    values
        .get("frequency")
        .is_some_and(|f| wanted.contains(&f.as_str()))
}

pub const GENERAL_FIELDS: [FieldSpec; 4] = [
    field("agent", "Agent", Reference("agents"), true, ""),
    field("name", "Name", Text, true, ""),
    field("active", "Active (runs on its schedule)", Bool, false, ""),
    field("retention", "Keep versions", Labeled(&RETENTIONS), true, ""),
];

pub const FREQUENCY_FIELDS: [FieldSpec; 3] = [
    field("frequency", "Frequency", Choice(&FREQUENCIES), true, ""),
    field("interval", "Every (hours)", Choice(&INTERVALS), true, "")
        .when(|v| frequency_is(v, &["Hourly"])),
    field("day", "Day", Labeled(&DAYS), true, "").when(|v| frequency_is(v, &["Weekly"])),
];

/// Shown side by side.
pub const TIME_FIELDS: [FieldSpec; 3] = [
    field("hour", "Hour", Choice(&HOURS), true, "").when(|v| frequency_is(v, &["Daily", "Weekly"])),
    field("minute", "Minute", Number { min: 0, max: 59 }, true, "")
        .when(|v| frequency_is(v, &["Daily", "Weekly"])),
    field("ampm", "AM/PM", Choice(&["AM", "PM"]), true, "")
        .when(|v| frequency_is(v, &["Daily", "Weekly"])),
];

/// The zone choices are Windows zone names, supplied under `zones`.
pub const ZONE_FIELDS: [FieldSpec; 1] =
    [field("timezone", "Time zone", Options("zones"), true, "")];

const PATHS_HELP: &str =
    "One path per line; a name with an extension is a file, anything else a folder.";

pub const PATH_FIELDS: [FieldSpec; 5] = [
    field("inclusions", "Back up", Lines, true, PATHS_HELP),
    field("exclusions", "Leave out", Lines, false, PATHS_HELP),
    field(
        "recipients",
        "Notify (email addresses)",
        Text,
        true,
        "Comma-separated.",
    ),
    field(
        "notify_success",
        "Email after a successful backup",
        Bool,
        false,
        "",
    ),
    field(
        "notify_failure",
        "Email after a failed backup",
        Bool,
        false,
        "",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_fields_follow_the_frequency() {
        let shown = |frequency: &str| -> Vec<&str> {
            let values: FormValues = [("frequency".to_owned(), frequency.to_owned())].into();
            FREQUENCY_FIELDS
                .iter()
                .chain(&TIME_FIELDS)
                .filter(|f| f.is_visible(&values))
                .map(|f| f.key)
                .collect()
        };
        assert_eq!(shown("Manually"), ["frequency"]);
        assert_eq!(shown("Hourly"), ["frequency", "interval"]);
        assert_eq!(shown("Daily"), ["frequency", "hour", "minute", "ampm"]);
        assert_eq!(
            shown("Weekly"),
            ["frequency", "day", "hour", "minute", "ampm"]
        );
    }
}
