//! Rackspace Cloud Backup's schedule: a frequency with the fields it depends on.
//!
//! The API sends numbers as JSON numbers in some answers and as strings in others; every
//! numeric field here reads both (with the Rackspace module's loose readers). Hourly schedules run every `HourInterval` hours counted from
//! local midnight (the document does not say where the count starts; midnight is what the
//! Rackspace control panel shows).

use std::fmt;

use super::zone::Zone;
use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use super::cron::WEEKDAY_NAMES;
use super::windows_zones;
use crate::api::FieldErrors;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    Manually,
    Hourly,
    Daily,
    Weekly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AmPm {
    #[serde(rename = "AM")]
    Am,
    #[serde(rename = "PM")]
    Pm,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RackspaceSchedule {
    pub frequency: Frequency,
    #[serde(
        default,
        deserialize_with = "crate::vendors::rackspace::loose::opt_u32"
    )]
    pub start_time_hour: Option<u32>,
    #[serde(
        default,
        deserialize_with = "crate::vendors::rackspace::loose::opt_u32"
    )]
    pub start_time_minute: Option<u32>,
    #[serde(default, deserialize_with = "loose_am_pm")]
    pub start_time_am_pm: Option<AmPm>,
    #[serde(
        default,
        deserialize_with = "crate::vendors::rackspace::loose::opt_u32"
    )]
    pub day_of_week_id: Option<u32>,
    #[serde(
        default,
        deserialize_with = "crate::vendors::rackspace::loose::opt_u32"
    )]
    pub hour_interval: Option<u32>,
    #[serde(default)]
    pub time_zone_id: String,
}

/// "AM", "pm", "" (sent for manual schedules) and null read; a placeholder like "AM|PM" does not.
fn loose_am_pm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<AmPm>, D::Error> {
    match Option::<String>::deserialize(deserializer)?
        .as_deref()
        .map(str::trim)
    {
        None | Some("") => Ok(None),
        Some(s) if s.eq_ignore_ascii_case("AM") => Ok(Some(AmPm::Am)),
        Some(s) if s.eq_ignore_ascii_case("PM") => Ok(Some(AmPm::Pm)),
        Some(other) => Err(serde::de::Error::custom(format!(
            "\"{other}\" is not AM or PM"
        ))),
    }
}

impl RackspaceSchedule {
    /// The documented combinations: which fields each frequency needs and which must be null.
    pub fn validate(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        let mut add = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message);
        };
        let needs_time = matches!(self.frequency, Frequency::Daily | Frequency::Weekly);
        let name = format!("{:?}", self.frequency);
        let mut require = |field: &str, present: bool, wanted: bool, what: &str| {
            if wanted && !present {
                add(field, format!("{name} schedules need {what}."));
            } else if !wanted && present {
                add(field, format!("{name} schedules leave {what} empty."));
            }
        };
        require(
            "StartTimeHour",
            self.start_time_hour.is_some(),
            needs_time,
            "a start hour",
        );
        require(
            "StartTimeMinute",
            self.start_time_minute.is_some(),
            needs_time,
            "a start minute",
        );
        require(
            "StartTimeAmPm",
            self.start_time_am_pm.is_some(),
            needs_time,
            "AM or PM",
        );
        require(
            "DayOfWeekId",
            self.day_of_week_id.is_some(),
            self.frequency == Frequency::Weekly,
            "a day of the week",
        );
        require(
            "HourInterval",
            self.hour_interval.is_some(),
            self.frequency == Frequency::Hourly,
            "an hour interval",
        );
        let mut range = |field: &str, value: Option<u32>, low: u32, high: u32| {
            if let Some(v) = value.filter(|v| !(low..=high).contains(v)) {
                errors
                    .entry(field.to_owned())
                    .or_default()
                    .push(format!("{v} is out of range: use {low} to {high}."));
            }
        };
        range("StartTimeHour", self.start_time_hour, 1, 12);
        range("StartTimeMinute", self.start_time_minute, 0, 59);
        range("DayOfWeekId", self.day_of_week_id, 0, 6);
        range("HourInterval", self.hour_interval, 1, 23);
        // The document requires a zone. One the console does not know is kept as it is:
        // Rackspace may know it, and refusing it would block even renaming the configuration.
        if self.frequency != Frequency::Manually && self.time_zone_id.trim().is_empty() {
            errors
                .entry("TimeZoneId".into())
                .or_default()
                .push("Choose a time zone (e.g. \"Eastern Standard Time\").".into());
        }
        errors
    }

    /// Why next runs cannot be shown for this schedule's zone, when the console does not know
    /// it (the schedule itself stays valid).
    pub fn unknown_zone_message(&self) -> Option<String> {
        let id = self.time_zone_id.trim();
        (self.frequency != Frequency::Manually && !id.is_empty() && self.time_zone().is_none())
            .then(|| {
                format!(
                    "Next runs cannot be previewed: the console does not know the time zone \
                     \"{id}\" (it is kept as it is)."
                )
            })
    }

    /// The next `count` runs for a preview, or why there is none to show: an invalid schedule
    /// (its problems) or a zone the console does not know. Manual schedules have no runs.
    pub fn preview(
        &self,
        after: DateTime<Utc>,
        count: usize,
    ) -> Result<Vec<DateTime<Zone>>, String> {
        let problems: Vec<String> = self.validate().into_values().flatten().collect();
        if !problems.is_empty() {
            return Err(problems.join(" "));
        }
        match self.unknown_zone_message() {
            Some(message) => Err(message),
            None => Ok(self.next_runs(after, count)),
        }
    }

    pub fn time_zone(&self) -> Option<Zone> {
        windows_zones::to_iana(&self.time_zone_id)
    }

    /// The start time on a 24-hour clock.
    fn start_time(&self) -> Option<NaiveTime> {
        let hour12 = self.start_time_hour?;
        let hour = match (hour12 % 12, self.start_time_am_pm?) {
            (h, AmPm::Am) => h,
            (h, AmPm::Pm) => h + 12,
        };
        NaiveTime::from_hms_opt(hour, self.start_time_minute?, 0)
    }

    /// The next `count` runs after `after`, in the schedule's own zone (nothing for manual or
    /// invalid schedules, or a zone the console does not know: [`Self::preview`] says which).
    /// Times that do not exist on a daylight-saving day are skipped.
    pub fn next_runs(&self, after: DateTime<Utc>, count: usize) -> Vec<DateTime<Zone>> {
        let Some(tz) = self.time_zone() else {
            return Vec::new();
        };
        if !self.validate().is_empty() {
            return Vec::new();
        }
        let mut runs = Vec::with_capacity(count);
        let mut day = after.with_timezone(&tz).date_naive();
        // Enough days for weekly runs; hourly ones fill up on the first days.
        for _ in 0..(count * 7 + 14) {
            let times: Vec<NaiveTime> = match self.frequency {
                Frequency::Manually => return runs,
                Frequency::Hourly => {
                    let step = self.hour_interval.unwrap_or(1) as usize;
                    (0..24)
                        .step_by(step)
                        .filter_map(|h| NaiveTime::from_hms_opt(h, 0, 0))
                        .collect()
                }
                Frequency::Daily => self.start_time().into_iter().collect(),
                Frequency::Weekly => self
                    .start_time()
                    .filter(|_| Some(day.weekday().num_days_from_sunday()) == self.day_of_week_id)
                    .into_iter()
                    .collect(),
            };
            for time in times {
                if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) =
                    tz.from_local_datetime(&day.and_time(time))
                {
                    if t.with_timezone(&Utc) > after {
                        runs.push(t);
                        if runs.len() == count {
                            return runs;
                        }
                    }
                }
            }
            day += Duration::days(1);
        }
        runs
    }
}

impl fmt::Display for RackspaceSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let time = || {
            self.start_time()
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_else(|| "?".into())
        };
        match self.frequency {
            Frequency::Manually => write!(f, "Manually"),
            Frequency::Hourly => write!(f, "Every {} hours", self.hour_interval.unwrap_or(1)),
            Frequency::Daily => write!(f, "Daily at {} ({})", time(), self.time_zone_id),
            Frequency::Weekly => write!(
                f,
                "Every {} at {} ({})",
                self.day_of_week_id
                    .and_then(|d| WEEKDAY_NAMES.get(d as usize))
                    .unwrap_or(&"?"),
                time(),
                self.time_zone_id
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn documented() -> RackspaceSchedule {
        // The create-configuration example of the document.
        serde_json::from_value(json!({"Frequency": "Weekly", "StartTimeHour": 7, "StartTimeMinute": 30,
            "StartTimeAmPm": "PM", "DayOfWeekId": 5, "HourInterval": null, "TimeZoneId": "Eastern Standard Time"}))
        .unwrap()
    }

    #[test]
    fn reads_numbers_and_strings_alike() {
        let loose: RackspaceSchedule = serde_json::from_value(json!({"Frequency": "Weekly", "StartTimeHour": "7",
            "StartTimeMinute": "30", "StartTimeAmPm": "PM", "DayOfWeekId": "5", "HourInterval": null,
            "TimeZoneId": "Eastern Standard Time"}))
        .unwrap();
        assert_eq!(loose, documented());
        assert!(serde_json::from_value::<RackspaceSchedule>(
            json!({"Frequency": "Daily", "StartTimeHour": "seven"})
        )
        .is_err());
    }

    #[test]
    fn documented_combinations_are_enforced() {
        assert!(documented().validate().is_empty());
        let mut s = documented();
        s.frequency = Frequency::Hourly;
        let errors = s.validate();
        assert_eq!(
            errors["HourInterval"],
            ["Hourly schedules need an hour interval."]
        );
        assert_eq!(
            errors["StartTimeHour"],
            ["Hourly schedules leave a start hour empty."]
        );
        assert_eq!(
            errors["DayOfWeekId"],
            ["Hourly schedules leave a day of the week empty."]
        );
        let mut s = documented();
        s.start_time_hour = Some(13);
        let errors = s.validate();
        assert_eq!(
            errors["StartTimeHour"],
            ["13 is out of range: use 1 to 12."]
        );
        s.time_zone_id = " ".into();
        assert!(s.validate().contains_key("TimeZoneId"));
        let manual = RackspaceSchedule {
            frequency: Frequency::Manually,
            start_time_hour: None,
            start_time_minute: None,
            start_time_am_pm: None,
            day_of_week_id: None,
            hour_interval: None,
            time_zone_id: String::new(),
        };
        assert!(manual.validate().is_empty());
        assert!(manual.next_runs(Utc::now(), 3).is_empty());
    }

    #[test]
    fn next_runs_in_the_schedules_zone() {
        let after = DateTime::parse_from_rfc3339("2026-11-25T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let runs = documented().next_runs(after, 2);
        let iso: Vec<String> = runs.iter().map(|t| t.to_rfc3339()).collect();
        assert_eq!(
            iso,
            ["2026-11-27T19:30:00-05:00", "2026-12-04T19:30:00-05:00"]
        );
        assert_eq!(
            documented().to_string(),
            "Every Friday at 19:30 (Eastern Standard Time)"
        );

        let hourly = RackspaceSchedule {
            frequency: Frequency::Hourly,
            start_time_hour: None,
            start_time_minute: None,
            start_time_am_pm: None,
            day_of_week_id: None,
            hour_interval: Some(6),
            time_zone_id: "UTC".into(),
        };
        let runs: Vec<String> = hourly
            .next_runs(after, 5)
            .iter()
            .map(|t| t.format("%d %H:%M").to_string())
            .collect();
        assert_eq!(
            runs,
            ["25 06:00", "25 12:00", "25 18:00", "26 00:00", "26 06:00"]
        );

        // 12 AM is midnight; spring-forward skips 02:30 in New York on 2026-03-08.
        let mut daily = documented();
        daily.frequency = Frequency::Daily;
        daily.day_of_week_id = None;
        daily.start_time_hour = Some(2);
        daily.start_time_am_pm = Some(AmPm::Am);
        let march = DateTime::parse_from_rfc3339("2026-03-07T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let days: Vec<String> = daily
            .next_runs(march, 2)
            .iter()
            .map(|t| t.to_rfc3339())
            .collect();
        assert_eq!(
            days,
            ["2026-03-07T02:30:00-05:00", "2026-03-09T02:30:00-04:00"]
        );
    }

    #[test]
    fn a_zone_the_console_does_not_know_is_kept_and_explained() {
        let after = DateTime::parse_from_rfc3339("2026-11-25T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut s = documented();
        s.time_zone_id = "Taipei Standard Time".into();
        let runs = s.preview(after, 1).unwrap();
        assert_eq!(runs[0].to_rfc3339(), "2026-11-27T19:30:00+08:00");

        s.time_zone_id = "Mars Standard Time".into();
        assert!(s.validate().is_empty());
        assert_eq!(
            s.preview(after, 3).unwrap_err(),
            "Next runs cannot be previewed: the console does not know the time zone \
             \"Mars Standard Time\" (it is kept as it is)."
        );
        assert!(s.next_runs(after, 3).is_empty());

        s.start_time_hour = Some(13);
        assert_eq!(
            s.preview(after, 3).unwrap_err(),
            "13 is out of range: use 1 to 12."
        );
        s.frequency = Frequency::Manually;
        s.start_time_hour = None;
        s.start_time_minute = None;
        s.start_time_am_pm = None;
        s.day_of_week_id = None;
        assert_eq!(s.unknown_zone_message(), None);
        assert_eq!(s.preview(after, 3), Ok(Vec::new()));
    }
}
