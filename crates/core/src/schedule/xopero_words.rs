//! Xopero schedule options in words, and the choices the option editor offers.
//!
//! The numbers are read as [`super::xopero`] reads them (from the document's one example);
//! a number the console does not know is named as such and kept.

use super::cron::WEEKDAY_NAMES;
use super::xopero::{ScheduleOption, TimeOfDay, DAILY, INTERVAL, MONTHLY, WEEKLY};

/// `frequency` values the console edits, as (value, label).
pub const FREQUENCIES: [(u32, &str); 4] = [
    (MONTHLY, "Monthly"),
    (DAILY, "Daily"),
    (WEEKLY, "Weekly"),
    (INTERVAL, "Every few minutes"),
];

/// The option's backup `type`: the document's example runs type 1 monthly and type 3 on
/// weekdays, a full backup and incrementals. Other numbers are shown as numbers.
pub const BACKUP_TYPES: [(u32, &str); 2] = [(1, "Full backup"), (3, "Incremental backup")];

/// `nthDayOfWeek` of a monthly option: 0 means the `days` are days of the month.
pub const NTH_CHOICES: [(u32, &str); 6] = [
    (0, "Days of the month"),
    (1, "First"),
    (2, "Second"),
    (3, "Third"),
    (4, "Fourth"),
    (5, "Last"),
];

fn label_of(choices: &[(u32, &'static str)], value: u32) -> Option<&'static str> {
    choices.iter().find(|(v, _)| *v == value).map(|(_, l)| *l)
}

/// "Full backup", or "Backup of type 7" for a number the console does not know.
pub fn backup_type_name(kind: u32) -> String {
    label_of(&BACKUP_TYPES, kind).map_or_else(|| format!("Backup of type {kind}"), str::to_owned)
}

/// "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "17:25".
pub fn time_text(t: &TimeOfDay) -> String {
    format!("{:02}:{:02}", t.hour, t.minute)
}

/// "17:25", several sorted, or a warning when there is none.
fn times(option: &ScheduleOption) -> String {
    let mut times = option.start_at.clone();
    times.sort_by_key(|t| (t.hour, t.minute));
    times.dedup();
    if times.is_empty() {
        return "with no start time yet".to_owned();
    }
    format!(
        "at {}",
        and_list(&times.iter().map(time_text).collect::<Vec<_>>())
    )
}

fn weekday_names(days: &[u32]) -> Vec<String> {
    let mut days = days.to_vec();
    days.sort_unstable();
    days.dedup();
    // Monday first, as people read a week.
    days.sort_by_key(|d| (*d + 6) % 7);
    days.iter()
        .map(|d| {
            WEEKDAY_NAMES
                .get(*d as usize)
                .map_or_else(|| format!("day {d}"), |n| (*n).to_owned())
        })
        .collect()
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The option as a sentence: "Incremental backup every Monday, Tuesday and Friday at 01:30."
pub fn describe(option: &ScheduleOption) -> String {
    let what = backup_type_name(option.kind);
    let when = match option.frequency {
        DAILY => format!("every day {}", times(option)),
        WEEKLY if option.days.is_empty() => "weekly, on no day yet".to_owned(),
        WEEKLY => format!(
            "every {} {}",
            and_list(&weekday_names(&option.days)),
            times(option)
        ),
        MONTHLY if option.days.is_empty() => "monthly, on no day yet".to_owned(),
        MONTHLY if option.nth_day_of_week > 0 => {
            let nth = label_of(&NTH_CHOICES, option.nth_day_of_week)
                .map_or_else(|| ordinal(option.nth_day_of_week), str::to_lowercase);
            format!(
                "on the {nth} {} of every month {}",
                and_list(&weekday_names(&option.days)),
                times(option)
            )
        }
        MONTHLY => {
            let mut days = option.days.clone();
            days.sort_unstable();
            days.dedup();
            let days: Vec<String> = days.iter().map(|d| ordinal(*d)).collect();
            format!(
                "on the {} of every month {}",
                and_list(&days),
                times(option)
            )
        }
        INTERVAL if option.interval == 0 => "every few minutes, with no interval yet".to_owned(),
        INTERVAL => format!(
            "every {} minute{}, all day",
            option.interval,
            if option.interval == 1 { "" } else { "s" }
        ),
        other => {
            format!("with frequency {other}, which the console cannot read (it is kept as it is)")
        }
    };
    format!("{what} {when}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(kind: u32, frequency: u32, days: &[u32], times: &[(u32, u32)]) -> ScheduleOption {
        ScheduleOption {
            kind,
            trigger: 1,
            frequency,
            days: days.to_vec(),
            start_at: times
                .iter()
                .map(|&(hour, minute)| TimeOfDay { hour, minute })
                .collect(),
            interval: 0,
            nth_day_of_week: 0,
        }
    }

    #[test]
    fn each_frequency_reads_as_a_sentence() {
        assert_eq!(
            describe(&option(3, WEEKLY, &[5, 1, 2], &[(1, 30)])),
            "Incremental backup every Monday, Tuesday and Friday at 01:30."
        );
        assert_eq!(
            describe(&option(3, WEEKLY, &[0, 6], &[(13, 0), (1, 5)])),
            "Incremental backup every Saturday and Sunday at 01:05 and 13:00."
        );
        assert_eq!(
            describe(&option(1, MONTHLY, &[1, 22], &[(17, 25)])),
            "Full backup on the 1st and 22nd of every month at 17:25."
        );
        let mut last_friday = option(1, MONTHLY, &[5], &[(18, 0)]);
        last_friday.nth_day_of_week = 5;
        assert_eq!(
            describe(&last_friday),
            "Full backup on the last Friday of every month at 18:00."
        );
        assert_eq!(
            describe(&option(2, DAILY, &[], &[(23, 0)])),
            "Backup of type 2 every day at 23:00."
        );
        let mut interval = option(3, INTERVAL, &[], &[]);
        interval.interval = 90;
        assert_eq!(
            describe(&interval),
            "Incremental backup every 90 minutes, all day."
        );
        assert!(describe(&option(1, 9, &[], &[])).contains("frequency 9"));
        assert!(describe(&option(1, DAILY, &[], &[])).contains("no start time"));
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(23), "23rd");
    }
}
