//! Schedules known only by name: Cloudback's definitions name a schedule of the account's
//! dashboard ("Daily at 9 pm") and the API says nothing more. Names in the dashboard's usual
//! forms are read as a cron expression; any other name stays a name, without runs.
//!
//! Read: "Daily at 9 pm", "Daily at 21:30", "Every 12 hours", "Every hour", "Hourly",
//! "Weekly on Sunday at 3 am". "Weekly on Sunday" names no time and is not guessed.

use crate::schedule::cron::WEEKDAY_NAMES;
use crate::schedule::{CronExpr, Dialect};

/// The cron expression (standard dialect) a schedule name stands for, or why there is none.
pub fn read(name: &str) -> Result<CronExpr, String> {
    let words: Vec<String> = name.split_whitespace().map(|w| w.to_lowercase()).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let expr = match words.as_slice() {
        ["hourly"] | ["every", "hour"] => "0 * * * *".to_owned(),
        ["every", n, "hours"] => {
            let n: u32 = n
                .parse()
                .ok()
                .filter(|n| (1..24).contains(n))
                .ok_or_else(|| {
                    format!("\"{name}\": every {n} hours is not a whole number of hours under 24.")
                })?;
            format!("0 */{n} * * *")
        }
        ["daily", "at", time @ ..] => {
            let (hour, minute) = time_of(time).ok_or_else(|| unread(name))?;
            format!("{minute} {hour} * * *")
        }
        ["weekly", "on", day] => {
            return Err(format!(
                "\"{name}\" names a day but no time; the console does not guess one. {}",
                day_hint(day)
            ))
        }
        ["weekly", "on", day, "at", time @ ..] => {
            let day = weekday(day).ok_or_else(|| unread(name))?;
            let (hour, minute) = time_of(time).ok_or_else(|| unread(name))?;
            format!("{minute} {hour} * * {day}")
        }
        _ => return Err(unread(name)),
    };
    CronExpr::parse(&expr, Dialect::Standard).map_err(|e| e.to_string())
}

fn unread(name: &str) -> String {
    format!("\"{name}\" is a schedule name the console cannot read as times.")
}

fn day_hint(day: &str) -> &'static str {
    if weekday(day).is_some() {
        ""
    } else {
        "(Nor is it a day of the week.)"
    }
}

fn weekday(word: &str) -> Option<usize> {
    let word = word.trim_end_matches('s');
    WEEKDAY_NAMES
        .iter()
        .position(|d| d.eq_ignore_ascii_case(word))
}

/// "9 pm", "9pm", "21:30", "12 am" as (hour, minute).
fn time_of(words: &[&str]) -> Option<(u32, u32)> {
    let text = words.concat();
    let (clock, half) = if let Some(t) = text.strip_suffix("am") {
        (t, Some(false))
    } else if let Some(t) = text.strip_suffix("pm") {
        (t, Some(true))
    } else {
        (text.as_str(), None)
    };
    let (hour, minute) = match clock.split_once(':') {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (clock.parse::<u32>().ok()?, 0),
    };
    let hour = match half {
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => hour,
    };
    (hour < 24 && minute < 60).then_some((hour, minute))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(name: &str) -> String {
        read(name).map(|e| e.canonical()).unwrap_or_else(|e| e)
    }

    #[test]
    fn the_dashboards_names_read_as_cron() {
        assert_eq!(canonical("Daily at 9 pm"), "0 21 * * *");
        assert_eq!(canonical("Daily at 3 am"), "0 3 * * *");
        assert_eq!(canonical("daily at 12 am"), "0 0 * * *");
        assert_eq!(canonical("Daily at 21:30"), "30 21 * * *");
        assert_eq!(canonical("Every 12 hours"), "0 */12 * * *");
        assert_eq!(canonical("Every hour"), "0 * * * *");
        assert_eq!(canonical("Weekly on Sunday at 3 am"), "0 3 * * 0");
        assert_eq!(canonical("Weekly on Fridays at 18:00"), "0 18 * * 5");
    }

    #[test]
    fn other_names_say_why_they_have_no_runs() {
        assert!(read("Weekly on Sunday").unwrap_err().contains("no time"));
        assert!(read("Daily at 13 pm").is_err());
        assert!(read("Every 30 hours").unwrap_err().contains("under 24"));
        assert_eq!(
            read("Fortnightly").unwrap_err(),
            "\"Fortnightly\" is a schedule name the console cannot read as times."
        );
    }
}
