//! Xopero plan schedules: options (when) plus the backup window (where runs may fall).
//!
//! The management API document shows the shape but not the meaning of its numbers. We read
//! them as its one example suggests (a full backup on the 1st of the month and incrementals
//! Monday to Friday, both at 17:25): `frequency` 1 monthly, 2 daily, 3 weekly, 4 every
//! `interval` minutes; `days` are days of the month for monthly options and .NET day-of-week
//! numbers (0 Sunday) otherwise; a monthly option with `nthDayOfWeek` 1-5 means "the nth
//! weekday of the month" (5 = last). Unknown numbers are kept and sent back unchanged.
//! Times are the agent's local wall clock; the console evaluates them in a zone the operator picks.

use super::zone::Zone;
use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::window::BackupWindow;
use crate::api::FieldErrors;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOfDay {
    pub hour: u32,
    pub minute: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleOption {
    /// Backup type of this option (full, incremental...), kept as sent.
    #[serde(rename = "type")]
    pub kind: u32,
    pub trigger: u32,
    pub frequency: u32,
    #[serde(default)]
    pub days: Vec<u32>,
    #[serde(default)]
    pub start_at: Vec<TimeOfDay>,
    #[serde(default)]
    pub interval: u32,
    #[serde(default)]
    pub nth_day_of_week: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XoperoSchedule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub scheme: u32,
    #[serde(default)]
    pub delay: u32,
    #[serde(default)]
    pub prevent_system_sleep: bool,
    #[serde(default)]
    pub options: Vec<ScheduleOption>,
    #[serde(default)]
    pub backup_window: BackupWindow,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<serde_json::Value>,
}

pub const MONTHLY: u32 = 1;
pub const DAILY: u32 = 2;
pub const WEEKLY: u32 = 3;
pub const INTERVAL: u32 = 4;

impl ScheduleOption {
    /// Problems, keyed `options[i].field`.
    fn validate(&self, index: usize, errors: &mut FieldErrors) {
        let mut add = |field: &str, message: &str| {
            errors
                .entry(format!("options[{index}].{field}"))
                .or_default()
                .push(message.to_owned());
        };
        let times_needed = matches!(self.frequency, MONTHLY | DAILY | WEEKLY);
        if times_needed && self.start_at.is_empty() {
            add("startAt", "Give at least one start time.");
        }
        if self.start_at.iter().any(|t| t.hour > 23 || t.minute > 59) {
            add("startAt", "Start times run from 00:00 to 23:59.");
        }
        match self.frequency {
            WEEKLY if self.days.is_empty() => add("days", "Choose at least one day of the week."),
            WEEKLY if self.days.iter().any(|d| *d > 6) => {
                add("days", "Days of the week run from 0 (Sunday) to 6.")
            }
            MONTHLY
                if self.nth_day_of_week == 0 && self.days.iter().any(|d| !(1..=31).contains(d)) =>
            {
                add("days", "Days of the month run from 1 to 31.")
            }
            MONTHLY if self.days.is_empty() => add("days", "Choose at least one day."),
            MONTHLY if self.nth_day_of_week > 5 => {
                add("nthDayOfWeek", "Use 1-4, or 5 for the last.")
            }
            INTERVAL if self.interval == 0 => add(
                "interval",
                "An interval schedule needs minutes between runs.",
            ),
            _ => {}
        }
    }

    fn runs_on(&self, date: NaiveDate) -> bool {
        let weekday = date.weekday().num_days_from_sunday();
        match self.frequency {
            DAILY | INTERVAL => true,
            WEEKLY => self.days.contains(&weekday),
            MONTHLY if self.nth_day_of_week > 0 => {
                let nth = (date.day() - 1) / 7 + 1;
                let is_last = (date + Duration::days(7)).month() != date.month();
                self.days.contains(&weekday)
                    && (nth == self.nth_day_of_week || (self.nth_day_of_week == 5 && is_last))
            }
            MONTHLY => self.days.contains(&date.day()),
            _ => false,
        }
    }

    fn times(&self) -> Vec<NaiveTime> {
        if self.frequency == INTERVAL {
            let step = self.interval.max(1);
            return (0..24 * 60)
                .step_by(step as usize)
                .filter_map(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0))
                .collect();
        }
        let mut times: Vec<NaiveTime> = self
            .start_at
            .iter()
            .filter_map(|t| NaiveTime::from_hms_opt(t.hour, t.minute, 0))
            .collect();
        times.sort();
        times
    }
}

impl XoperoSchedule {
    pub fn validate(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        for (index, option) in self.options.iter().enumerate() {
            option.validate(index, &mut errors);
        }
        errors
    }

    /// The next `count` runs of all options together, read in `tz`, each with its option's index.
    pub fn next_runs(
        &self,
        tz: Zone,
        after: DateTime<Utc>,
        count: usize,
    ) -> Vec<(DateTime<Zone>, usize)> {
        let mut runs = Vec::new();
        let mut day = after.with_timezone(&tz).date_naive();
        for _ in 0..400 {
            let mut today: Vec<(DateTime<Zone>, usize)> = Vec::new();
            for (index, option) in self
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.runs_on(day))
            {
                for time in option.times() {
                    if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) =
                        tz.from_local_datetime(&day.and_time(time))
                    {
                        if t.with_timezone(&Utc) > after {
                            today.push((t, index));
                        }
                    }
                }
            }
            today.sort_by_key(|(t, i)| (*t, *i));
            for run in today {
                runs.push(run);
                if runs.len() == count {
                    return runs;
                }
            }
            day += Duration::days(1);
        }
        runs
    }

    /// Runs that the backup window blocks.
    pub fn runs_outside_window(
        &self,
        tz: Zone,
        after: DateTime<Utc>,
        count: usize,
    ) -> Vec<DateTime<Zone>> {
        let runs: Vec<DateTime<Zone>> = self
            .next_runs(tz, after, count)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        self.backup_window.runs_outside(&runs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schedule of the document's ModifyGitPlan example.
    const DOCUMENTED: &str = r#"{"id":"a4ac21-6da6-4c8c-a4ac5-f2ffca4ac516","scheme":3,"delay":0,"preventSystemSleep":false,
        "options":[{"type":1,"trigger":1,"frequency":1,"days":[1],"startAt":[{"hour":17,"minute":25}],"interval":0,"nthDayOfWeek":0},
                   {"type":3,"trigger":1,"frequency":3,"days":[1,2,3,4,5],"startAt":[{"hour":17,"minute":25}],"interval":0,"nthDayOfWeek":0}],
        "backupWindow":[[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
            [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
            [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
            [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]],
        "retention":{"id":"00000000-0000-0000-0000-000000000000","rule":1,"options":null,"order":0}}"#;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_documented_schedule_round_trips_and_validates() {
        let schedule: XoperoSchedule = serde_json::from_str(DOCUMENTED).unwrap();
        assert!(schedule.validate().is_empty());
        assert_eq!(schedule.backup_window, BackupWindow::always());
        let back = serde_json::to_value(&schedule).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(DOCUMENTED).unwrap()
        );
    }

    #[test]
    fn next_runs_merge_options_and_window_flags_blocked_ones() {
        let mut schedule: XoperoSchedule = serde_json::from_str(DOCUMENTED).unwrap();
        // From Friday 2026-11-27: Fri (weekly), Tue 1 Dec is both monthly and weekly.
        let runs = schedule.next_runs(Zone::UTC, at("2026-11-27T00:00:00Z"), 4);
        let shown: Vec<(String, usize)> = runs
            .iter()
            .map(|(t, i)| (t.format("%a %d %H:%M").to_string(), *i))
            .collect();
        assert_eq!(
            shown,
            [
                ("Fri 27 17:25".into(), 1),
                ("Mon 30 17:25".into(), 1),
                ("Tue 01 17:25".into(), 0),
                ("Tue 01 17:25".into(), 1)
            ]
        );
        schedule.backup_window = BackupWindow::nightly(&[0, 1, 2, 3, 4, 5, 6], 18, 6);
        assert_eq!(
            schedule
                .runs_outside_window(Zone::UTC, at("2026-11-27T00:00:00Z"), 4)
                .len(),
            4
        );
    }

    #[test]
    fn invalid_combinations_are_named() {
        let mut schedule: XoperoSchedule = serde_json::from_str(DOCUMENTED).unwrap();
        schedule.options[1].days = vec![7];
        schedule.options[0].start_at.clear();
        schedule.options.push(ScheduleOption {
            kind: 1,
            trigger: 1,
            frequency: INTERVAL,
            days: vec![],
            start_at: vec![],
            interval: 0,
            nth_day_of_week: 0,
        });
        let errors = schedule.validate();
        let keys: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "options[0].startAt",
                "options[1].days",
                "options[2].interval"
            ]
        );
    }

    #[test]
    fn nth_weekday_of_the_month() {
        let option = ScheduleOption {
            kind: 1,
            trigger: 1,
            frequency: MONTHLY,
            days: vec![5],
            start_at: vec![TimeOfDay { hour: 1, minute: 0 }],
            interval: 0,
            nth_day_of_week: 5,
        };
        let schedule = XoperoSchedule {
            id: None,
            scheme: 3,
            delay: 0,
            prevent_system_sleep: false,
            options: vec![option],
            backup_window: BackupWindow::always(),
            retention: None,
        };
        let runs: Vec<String> = schedule
            .next_runs(Zone::UTC, at("2026-11-01T00:00:00Z"), 2)
            .iter()
            .map(|(t, _)| t.format("%Y-%m-%d").to_string())
            .collect();
        assert_eq!(runs, ["2026-11-27", "2026-12-25"], "last Fridays");
    }
}
