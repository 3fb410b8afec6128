//! The 7x24 backup window: in which hours of the week backups may run.
//!
//! Xopero serialization (`schedule.backupWindow` of a plan): an array of 7 rows, one per day,
//! indexed like .NET's `DayOfWeek` (row 0 Sunday ... row 6 Saturday, the numbering its
//! schedule `days` use too); each row has 24 numbers, one per local hour starting at 00:00.
//! `0` means backups are allowed in that hour and `1` that they are blocked. The document does
//! not say so; we read it from its own example, an active plan with weekday schedules and an
//! all-zero window, which under the opposite reading could never run.

use std::fmt;

use chrono::{DateTime, Datelike, TimeZone, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub const DAYS: usize = 7;
pub const HOURS: usize = 24;
const FULL_DAY: u32 = (1 << HOURS) - 1;
/// Day names by row (Sunday first, as Xopero numbers them).
pub const DAY_NAMES: [&str; DAYS] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/// Rows in the order people read a week.
pub const MONDAY_FIRST: [usize; DAYS] = [1, 2, 3, 4, 5, 6, 0];

/// Allowed hours, one 24-bit mask per day (bit `h` set = hour `h` allowed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BackupWindow {
    allowed: [u32; DAYS],
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WindowError(pub String);

impl fmt::Display for WindowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WindowError {}

impl Default for BackupWindow {
    fn default() -> Self {
        Self::always()
    }
}

impl BackupWindow {
    pub fn always() -> Self {
        Self {
            allowed: [FULL_DAY; DAYS],
        }
    }

    pub fn never() -> Self {
        Self { allowed: [0; DAYS] }
    }

    /// Allowed from `start` to `end` hours every day in `days` (rows), wrapping past midnight
    /// into the next day when `end <= start`.
    pub fn nightly(days: &[usize], start: usize, end: usize) -> Self {
        let mut window = Self::never();
        for &day in days {
            let mut hour = start;
            let mut current = day;
            loop {
                window.set(current, hour, true);
                hour += 1;
                if hour == HOURS {
                    hour = 0;
                    current = (current + 1) % DAYS;
                }
                if hour == end {
                    break;
                }
            }
        }
        window
    }

    pub fn is_allowed(&self, day: usize, hour: usize) -> bool {
        day < DAYS && hour < HOURS && self.allowed[day] & (1 << hour) != 0
    }

    pub fn set(&mut self, day: usize, hour: usize, allowed: bool) {
        if day < DAYS && hour < HOURS {
            if allowed {
                self.allowed[day] |= 1 << hour;
            } else {
                self.allowed[day] &= !(1 << hour);
            }
        }
    }

    /// Set every cell of the rectangle between two corners (any order).
    pub fn fill(&mut self, from: (usize, usize), to: (usize, usize), allowed: bool) {
        let (d0, d1) = (from.0.min(to.0), from.0.max(to.0));
        let (h0, h1) = (from.1.min(to.1), from.1.max(to.1));
        for day in d0..=d1.min(DAYS - 1) {
            for hour in h0..=h1.min(HOURS - 1) {
                self.set(day, hour, allowed);
            }
        }
    }

    pub fn day_is_full(&self, day: usize) -> bool {
        self.allowed[day] == FULL_DAY
    }

    pub fn hour_is_full(&self, hour: usize) -> bool {
        (0..DAYS).all(|day| self.is_allowed(day, hour))
    }

    pub fn allowed_hours(&self) -> u32 {
        self.allowed.iter().map(|m| m.count_ones()).sum()
    }

    /// The Xopero rows: `0` allowed, `1` blocked.
    pub fn to_xopero(&self) -> Vec<Vec<u8>> {
        (0..DAYS)
            .map(|day| {
                (0..HOURS)
                    .map(|hour| u8::from(!self.is_allowed(day, hour)))
                    .collect()
            })
            .collect()
    }

    /// Read Xopero rows, tolerating booleans and numeric strings for the cells.
    pub fn from_xopero(rows: &serde_json::Value) -> Result<Self, WindowError> {
        let rows = rows
            .as_array()
            .ok_or_else(|| WindowError("The backup window is not a list of days.".into()))?;
        if rows.len() != DAYS {
            return Err(WindowError(format!(
                "The backup window has {} days; it needs 7.",
                rows.len()
            )));
        }
        let mut window = Self::never();
        for (day, row) in rows.iter().enumerate() {
            let cells = row.as_array().filter(|c| c.len() == HOURS).ok_or_else(|| {
                WindowError(format!(
                    "{} of the backup window needs 24 hours.",
                    DAY_NAMES[day]
                ))
            })?;
            for (hour, cell) in cells.iter().enumerate() {
                let blocked = match cell {
                    serde_json::Value::Number(n) => n.as_f64() != Some(0.0),
                    serde_json::Value::Bool(b) => *b,
                    serde_json::Value::String(s) => s.trim() != "0",
                    _ => {
                        return Err(WindowError(format!(
                            "{} {hour:02}:00 of the backup window is not 0 or 1.",
                            DAY_NAMES[day]
                        )))
                    }
                };
                window.set(day, hour, !blocked);
            }
        }
        Ok(window)
    }

    /// A short form for links: seven groups of six hex digits (allowed-hour masks, Sunday
    /// first), `.`-separated; `all` and `none` for the two extremes.
    pub fn to_compact(&self) -> String {
        if *self == Self::always() {
            return "all".into();
        }
        if *self == Self::never() {
            return "none".into();
        }
        self.allowed
            .iter()
            .map(|mask| format!("{mask:06x}"))
            .collect::<Vec<_>>()
            .join(".")
    }

    pub fn from_compact(text: &str) -> Result<Self, WindowError> {
        match text.trim() {
            "all" | "" => return Ok(Self::always()),
            "none" => return Ok(Self::never()),
            _ => {}
        }
        let groups: Vec<&str> = text.trim().split('.').collect();
        if groups.len() != DAYS {
            return Err(WindowError(
                "A window link has seven groups of six hex digits.".into(),
            ));
        }
        let mut allowed = [0u32; DAYS];
        for (day, group) in groups.iter().enumerate() {
            allowed[day] = u32::from_str_radix(group, 16)
                .ok()
                .filter(|m| group.len() == 6 && *m <= FULL_DAY)
                .ok_or_else(|| {
                    WindowError(format!(
                        "\"{group}\" ({}) is not six hex digits.",
                        DAY_NAMES[day]
                    ))
                })?;
        }
        Ok(Self { allowed })
    }

    /// In words, Monday first: "Mon-Fri 22:00-06:00", "Sat-Sun all day", "Always", "Never".
    pub fn summary(&self) -> String {
        if *self == Self::always() {
            return "Always".into();
        }
        if *self == Self::never() {
            return "Never".into();
        }
        let mut runs: Vec<Vec<(usize, usize)>> =
            (0..DAYS).map(|d| day_runs(self.allowed[d])).collect();
        // A run that reaches midnight continues into the next day's run from 00:00.
        for day in 0..DAYS {
            let next = (day + 1) % DAYS;
            let reaches_midnight = runs[day].last().is_some_and(|&(s, e)| e == HOURS && s > 0);
            let continues = runs[next]
                .first()
                .is_some_and(|&(s, e)| s == 0 && e < HOURS);
            if reaches_midnight && continues && next != day {
                let (_, extra) = runs[next].remove(0);
                if let Some(last) = runs[day].last_mut() {
                    last.1 = HOURS + extra;
                }
            }
        }
        let signature = |day: usize| -> String {
            runs[day]
                .iter()
                .map(|&(s, e)| {
                    if s == 0 && e == HOURS {
                        "all day".to_owned()
                    } else {
                        format!("{s:02}:00-{:02}:00", e % HOURS)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts: Vec<String> = Vec::new();
        let mut i = 0;
        while i < DAYS {
            let day = MONDAY_FIRST[i];
            let sig = signature(day);
            let mut j = i;
            while j + 1 < DAYS && signature(MONDAY_FIRST[j + 1]) == sig {
                j += 1;
            }
            if !sig.is_empty() {
                let days = if i == j {
                    DAY_NAMES[day].to_owned()
                } else {
                    format!("{}-{}", DAY_NAMES[day], DAY_NAMES[MONDAY_FIRST[j]])
                };
                parts.push(format!("{days} {sig}"));
            }
            i = j + 1;
        }
        parts.join("; ")
    }

    /// Named windows operators start from.
    pub fn presets() -> Vec<(&'static str, BackupWindow)> {
        let weekdays = [1, 2, 3, 4, 5];
        let mut outside_office = Self::always();
        for day in weekdays {
            outside_office.fill((day, 8), (day, 17), false);
        }
        let mut weekends = Self::never();
        weekends.fill((0, 0), (0, 23), true);
        weekends.fill((6, 0), (6, 23), true);
        vec![
            ("Always", Self::always()),
            (
                "Nights 22:00-06:00",
                Self::nightly(&[0, 1, 2, 3, 4, 5, 6], 22, 6),
            ),
            ("Weeknights 22:00-06:00", Self::nightly(&weekdays, 22, 6)),
            ("Outside office hours", outside_office),
            ("Weekends", weekends),
        ]
    }

    /// The runs that fall in blocked hours, read in each run's own time zone.
    pub fn runs_outside<Tz: TimeZone>(&self, runs: &[DateTime<Tz>]) -> Vec<DateTime<Tz>> {
        runs.iter()
            .filter(|t| {
                let day = t.weekday().num_days_from_sunday() as usize;
                !self.is_allowed(day, t.hour() as usize)
            })
            .cloned()
            .collect()
    }
}

/// Maximal allowed runs of a day's mask, as [start, end) hours.
fn day_runs(mask: u32) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut hour = 0;
    while hour < HOURS {
        if mask & (1 << hour) != 0 {
            let start = hour;
            while hour < HOURS && mask & (1 << hour) != 0 {
                hour += 1;
            }
            runs.push((start, hour));
        } else {
            hour += 1;
        }
    }
    runs
}

impl Serialize for BackupWindow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_xopero().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for BackupWindow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Self::from_xopero(&value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use proptest::prelude::*;

    #[test]
    fn the_documented_all_zero_window_allows_everything() {
        let rows = serde_json::json!(vec![vec![0; 24]; 7]);
        let window: BackupWindow = serde_json::from_value(rows.clone()).unwrap();
        assert_eq!(window, BackupWindow::always());
        assert_eq!(serde_json::to_value(window).unwrap(), rows);
    }

    #[test]
    fn rows_are_days_sunday_first_and_one_means_blocked() {
        let mut window = BackupWindow::always();
        window.set(1, 9, false); // Monday 09:00
        let rows = window.to_xopero();
        assert_eq!(rows[1][9], 1);
        assert_eq!(rows.iter().flatten().filter(|c| **c == 1).count(), 1);
        let back = BackupWindow::from_xopero(&serde_json::json!(rows)).unwrap();
        assert_eq!(back, window);
        assert!(BackupWindow::from_xopero(&serde_json::json!(vec![vec![0; 24]; 6])).is_err());
        let err = BackupWindow::from_xopero(&serde_json::json!(vec![vec![0; 23]; 7])).unwrap_err();
        assert_eq!(err.0, "Sun of the backup window needs 24 hours.");
        let tolerant = serde_json::json!(vec![vec![serde_json::json!(false); 24]; 7]);
        assert_eq!(
            BackupWindow::from_xopero(&tolerant).unwrap(),
            BackupWindow::always()
        );
    }

    #[test]
    fn summaries_read_like_people_write_them() {
        assert_eq!(BackupWindow::always().summary(), "Always");
        assert_eq!(BackupWindow::never().summary(), "Never");
        assert_eq!(
            BackupWindow::nightly(&[1, 2, 3, 4, 5], 22, 6).summary(),
            "Mon-Fri 22:00-06:00"
        );
        let presets = BackupWindow::presets();
        assert_eq!(presets[1].1.summary(), "Mon-Sun 22:00-06:00");
        assert_eq!(
            presets[3].1.summary(),
            "Mon 00:00-08:00, 18:00-08:00; Tue-Thu 18:00-08:00; Fri 18:00-00:00; Sat-Sun all day"
        );
        assert_eq!(presets[4].1.summary(), "Sat-Sun all day");
        let mut w = BackupWindow::never();
        w.fill((3, 12), (3, 13), true);
        assert_eq!(w.summary(), "Wed 12:00-14:00");
    }

    #[test]
    fn compact_form_round_trips_and_rejects_junk() {
        for (_, preset) in BackupWindow::presets() {
            assert_eq!(
                BackupWindow::from_compact(&preset.to_compact()).unwrap(),
                preset
            );
        }
        assert_eq!(BackupWindow::always().to_compact(), "all");
        assert!(BackupWindow::from_compact("ffffff.ffffff").is_err());
        assert!(
            BackupWindow::from_compact("gggggg.ffffff.ffffff.ffffff.ffffff.ffffff.ffffff").is_err()
        );
        assert!(
            BackupWindow::from_compact("1ffffff.ffffff.ffffff.ffffff.ffffff.ffffff.ffffff")
                .is_err()
        );
    }

    #[test]
    fn runs_in_blocked_hours_are_listed() {
        let window = BackupWindow::nightly(&[1, 2, 3, 4, 5], 22, 6);
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        // Friday 2026-11-27.
        let runs = [
            at("2026-11-27T23:00:00Z"),
            at("2026-11-27T12:00:00Z"),
            at("2026-11-28T05:00:00Z"),
            at("2026-11-28T23:00:00Z"),
        ];
        assert_eq!(window.runs_outside(&runs), vec![runs[1], runs[3]]);
    }

    proptest! {
        #[test]
        fn any_window_survives_both_serializations(masks in proptest::array::uniform7(0u32..=FULL_DAY)) {
            let window = BackupWindow { allowed: masks };
            prop_assert_eq!(BackupWindow::from_compact(&window.to_compact()).unwrap(), window);
            let json = serde_json::to_value(window).unwrap();
            prop_assert_eq!(serde_json::from_value::<BackupWindow>(json).unwrap(), window);
            prop_assert_eq!(window.summary().is_empty(), false);
        }
    }
}
