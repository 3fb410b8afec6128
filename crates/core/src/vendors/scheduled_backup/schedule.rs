//! A plan's schedule: `schedule_pattern` is a standard 5-field cron expression for both
//! schedule types; `calendar` is the one the vendor's panel edits as weekdays and times.
//!
//! A calendar stands for the pattern `M1,M2 H1,H2 * * D1,D2`, so its times must form a grid —
//! every chosen hour with every chosen minute (09:00 and 21:00, or 09:00, 09:30, 21:00 and
//! 21:30). Times that do not (09:00 and 21:30) cannot be one pattern and are refused with that
//! explanation; a `crontab` schedule is the way to write anything else.

use std::collections::BTreeSet;

use crate::schedule::zone::Zone;
use chrono::{DateTime, Utc};

use super::models::ScheduleType;
use crate::schedule::cron::{FieldKind, WEEKDAY_NAMES};
use crate::schedule::{CronExpr, Dialect};

/// The pattern a new plan starts with (the vendor's default).
pub const DEFAULT_PATTERN: &str = "0 0 * * *";

/// Weekdays (0 = Sunday .. 6 = Saturday, cron's numbering) and times of day (hour, minute).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    pub weekdays: BTreeSet<u8>,
    pub times: BTreeSet<(u8, u8)>,
}

impl Calendar {
    /// The cron pattern this calendar stands for, or why there is none.
    pub fn to_cron(&self) -> Result<String, String> {
        if self.weekdays.is_empty() {
            return Err("Choose at least one weekday.".into());
        }
        if self.times.is_empty() {
            return Err("Choose at least one time.".into());
        }
        if let Some(day) = self.weekdays.iter().find(|d| **d > 6) {
            return Err(format!(
                "{day} is not a weekday (0 = Sunday to 6 = Saturday)."
            ));
        }
        if let Some((h, m)) = self.times.iter().find(|(h, m)| *h > 23 || *m > 59) {
            return Err(format!("{h:02}:{m:02} is not a time of day."));
        }
        let hours: BTreeSet<u8> = self.times.iter().map(|(h, _)| *h).collect();
        let minutes: BTreeSet<u8> = self.times.iter().map(|(_, m)| *m).collect();
        if hours.len() * minutes.len() != self.times.len() {
            return Err(format!(
                "{} cannot be one schedule: every chosen hour must have the same minutes \
                 (e.g. 09:00 and 21:00). Use a crontab schedule for other combinations.",
                self.times_text()
            ));
        }
        let list = |values: &BTreeSet<u8>| {
            values
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        let days = if self.weekdays.len() == 7 {
            "*".to_owned()
        } else {
            list(&self.weekdays)
        };
        Ok(format!("{} {} * * {days}", list(&minutes), list(&hours)))
    }

    /// The calendar a pattern stands for, when it is one: any day of the month, any month.
    pub fn from_cron(pattern: &str) -> Result<Calendar, String> {
        let expr = CronExpr::parse(pattern, Dialect::Standard).map_err(|e| e.to_string())?;
        if !expr.is_unrestricted(FieldKind::DayOfMonth) || !expr.is_unrestricted(FieldKind::Month) {
            return Err(
                "This pattern picks days of the month or months; only a crontab schedule can show it."
                    .into(),
            );
        }
        let small = |kind| -> BTreeSet<u8> {
            expr.values(kind)
                .into_iter()
                .filter_map(|v| u8::try_from(v).ok())
                .collect()
        };
        let (minutes, hours) = (small(FieldKind::Minute), small(FieldKind::Hour));
        Ok(Calendar {
            weekdays: small(FieldKind::DayOfWeek),
            times: hours
                .iter()
                .flat_map(|h| minutes.iter().map(move |m| (*h, *m)))
                .collect(),
        })
    }

    /// "Monday, Friday at 09:00, 21:00"; every day reads "Every day".
    pub fn describe(&self) -> String {
        let days = if self.weekdays.len() == 7 {
            "Every day".to_owned()
        } else {
            self.weekdays
                .iter()
                .filter_map(|d| WEEKDAY_NAMES.get(usize::from(*d)).copied())
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!("{days} at {}", self.times_text())
    }

    fn times_text(&self) -> String {
        self.times
            .iter()
            .map(|(h, m)| format!("{h:02}:{m:02}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Check a plan's pattern for its type: a standard 5-field cron expression (macros such as
/// `@daily` are refused: the service's cron reader is not known to take them), and for
/// `calendar` one that weekdays and times can show. Errors name the field and the problem.
pub fn validate_pattern(schedule_type: &ScheduleType, pattern: &str) -> Result<CronExpr, String> {
    if pattern.trim().starts_with('@') {
        return Err("Write the five cron fields, e.g. 0 0 * * * rather than @daily.".into());
    }
    let expr = CronExpr::parse(pattern, Dialect::Standard).map_err(|e| e.to_string())?;
    if *schedule_type == ScheduleType::Calendar {
        Calendar::from_cron(pattern)?.to_cron()?;
    }
    Ok(expr)
}

/// The pattern in words: the calendar's own words, or the cron engine's.
pub fn describe_pattern(schedule_type: &ScheduleType, pattern: &str) -> String {
    match (schedule_type, Calendar::from_cron(pattern)) {
        (ScheduleType::Calendar, Ok(calendar)) => calendar.describe(),
        _ => CronExpr::parse(pattern, Dialect::Standard)
            .map(|e| e.describe())
            .unwrap_or_else(|e| e.to_string()),
    }
}

/// The next `count` runs of a valid pattern in `zone` (the preview beside the editor).
pub fn next_runs(
    pattern: &str,
    zone: Zone,
    after: DateTime<Utc>,
    count: usize,
) -> Vec<DateTime<Zone>> {
    CronExpr::parse(pattern, Dialect::Standard)
        .map(|e| e.next_runs_in(zone, after, count))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::zone::zone;
    use proptest::prelude::*;

    fn calendar(days: &[u8], times: &[(u8, u8)]) -> Calendar {
        Calendar {
            weekdays: days.iter().copied().collect(),
            times: times.iter().copied().collect(),
        }
    }

    #[test]
    fn calendars_and_patterns() {
        let c = calendar(&[1, 5], &[(9, 0), (21, 0)]);
        assert_eq!(c.to_cron().unwrap(), "0 9,21 * * 1,5");
        assert_eq!(c.describe(), "Monday, Friday at 09:00, 21:00");
        assert_eq!(
            calendar(&[0, 1, 2, 3, 4, 5, 6], &[(0, 0)])
                .to_cron()
                .unwrap(),
            DEFAULT_PATTERN
        );
        assert_eq!(
            Calendar::from_cron("30 2 * * MON-WED").unwrap(),
            calendar(&[1, 2, 3], &[(2, 30)])
        );
        assert_eq!(
            Calendar::from_cron("@daily").unwrap().describe(),
            "Every day at 00:00"
        );
        assert!(calendar(&[1], &[(9, 0), (21, 30)])
            .to_cron()
            .unwrap_err()
            .contains("09:00, 21:30"));
        assert!(calendar(&[], &[(9, 0)]).to_cron().is_err());
        assert!(calendar(&[1], &[]).to_cron().is_err());
        assert!(calendar(&[7], &[(1, 0)]).to_cron().is_err());
        assert!(calendar(&[1], &[(24, 0)]).to_cron().is_err());
        assert!(Calendar::from_cron("0 0 1 * *").is_err());
        assert!(Calendar::from_cron("0 0 * * * *").is_err());
    }

    #[test]
    fn patterns_are_checked_for_their_type() {
        assert!(validate_pattern(&ScheduleType::Crontab, "*/15 1-5 1 * *").is_ok());
        assert!(validate_pattern(&ScheduleType::Calendar, "*/15 1-5 1 * *").is_err());
        assert!(validate_pattern(&ScheduleType::Crontab, "@daily").is_err());
        let bad = validate_pattern(&ScheduleType::Crontab, "61 * * * *").unwrap_err();
        assert!(bad.contains("minute"), "{bad}");
        assert_eq!(
            describe_pattern(&ScheduleType::Calendar, "0 9 * * 1"),
            "Monday at 09:00"
        );
        assert_eq!(
            describe_pattern(&ScheduleType::Crontab, "0 9 * * 1"),
            "At 09:00 on Monday"
        );
        let after = "2025-03-01T00:00:00Z".parse().unwrap();
        let runs = next_runs("0 9 * * 1", zone("Europe/Moscow"), after, 2);
        assert_eq!(runs[0].to_rfc3339(), "2025-03-03T09:00:00+03:00");
        assert!(next_runs("nonsense", Zone::UTC, after, 2).is_empty());
    }

    fn grid() -> impl Strategy<Value = Calendar> {
        (
            proptest::collection::btree_set(0u8..7, 1..=7),
            proptest::collection::btree_set(0u8..24, 1..4),
            proptest::collection::btree_set(0u8..60, 1..4),
        )
            .prop_map(|(weekdays, hours, minutes)| Calendar {
                weekdays,
                times: hours
                    .iter()
                    .flat_map(|h| minutes.iter().map(move |m| (*h, *m)))
                    .collect(),
            })
    }

    proptest! {
        #[test]
        fn a_calendar_survives_its_pattern(c in grid()) {
            let pattern = c.to_cron().unwrap();
            prop_assert!(validate_pattern(&ScheduleType::Calendar, &pattern).is_ok());
            prop_assert_eq!(Calendar::from_cron(&pattern).unwrap(), c);
        }

        #[test]
        fn a_pattern_survives_its_calendar(
            minutes in proptest::collection::btree_set(0u32..60, 1..4),
            hours in proptest::collection::btree_set(0u32..24, 1..4),
            days in proptest::collection::btree_set(0u32..8, 1..8),
        ) {
            let join = |s: &BTreeSet<u32>| s.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
            let pattern = format!("{} {} * * {}", join(&minutes), join(&hours), join(&days));
            let written = Calendar::from_cron(&pattern).unwrap().to_cron().unwrap();
            // Compared by when they fire: "0-6" and "*" differ in text, not in runs.
            let after = "2025-01-01T00:00:00Z".parse().unwrap();
            let runs = |p: &str| CronExpr::parse(p, Dialect::Standard).unwrap().next_runs(after, 60);
            prop_assert_eq!(runs(&pattern), runs(&written), "{} -> {}", pattern, written);
        }
    }
}
