//! A week of runs on one timeline, in the viewer's zone: seven local days from a first day's
//! midnight, every job's runs placed on it (each flagged when its backup window blocks it),
//! the window's allowed hours as spans, how many jobs start in each hour, and the zone's
//! daylight-saving changes where they happen.
//!
//! The timeline is linear in real time, so a day with a daylight-saving change is an hour
//! shorter or longer than the others, as it is.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Utc,
};

use super::Job;
use crate::schedule::{BackupWindow, Zone};
use crate::vendors::Vendor;

/// Seven local days in a zone.
#[derive(Clone, Debug, PartialEq)]
pub struct Week {
    pub zone: Zone,
    pub first_day: NaiveDate,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Each day's first instant and how many hours it has (23, 24 or 25).
    pub days: Vec<Day>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Day {
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub hours: i64,
}

/// The first instant of a local date: midnight, or the first time that exists after it.
pub fn start_of(zone: Zone, date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    (0..=180)
        .step_by(15)
        .find_map(|m| {
            zone.from_local_datetime(&(midnight + Duration::minutes(m)))
                .earliest()
        })
        .map_or_else(
            || Utc.from_utc_datetime(&midnight),
            |t| t.with_timezone(&Utc),
        )
}

impl Week {
    pub fn new(zone: Zone, first_day: NaiveDate) -> Self {
        let days: Vec<Day> = (0..7)
            .map(|i| {
                let date = first_day + Duration::days(i);
                let start = start_of(zone, date);
                let end = start_of(zone, date + Duration::days(1));
                Day {
                    date,
                    start,
                    hours: (end - start).num_minutes().div_euclid(60),
                }
            })
            .collect();
        Self {
            zone,
            first_day,
            from: days[0].start,
            to: start_of(zone, first_day + Duration::days(7)),
            days,
        }
    }

    /// The week starting today in `zone`.
    pub fn starting_on_the_day_of(zone: Zone, now: DateTime<Utc>) -> Self {
        Self::new(zone, now.with_timezone(&zone).date_naive())
    }

    /// Where an instant falls, from 0 (the first midnight) to 1 (the end of the seventh day).
    pub fn position(&self, t: DateTime<Utc>) -> f64 {
        let span = (self.to - self.from).num_seconds() as f64;
        ((t - self.from).num_seconds() as f64 / span).clamp(0.0, 1.0)
    }

    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.from <= t && t < self.to
    }

    /// The start of every hour of the week: 168 of them, one fewer or more across a
    /// daylight-saving change.
    pub fn hours(&self) -> Vec<DateTime<Utc>> {
        let count = (self.to - self.from).num_hours();
        (0..count).map(|h| self.from + Duration::hours(h)).collect()
    }
}

/// One run on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub at: DateTime<Utc>,
    pub position: f64,
    /// The job's backup window blocks this hour: it will not start then.
    pub outside_window: bool,
}

/// A job's row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub key: String,
    pub name: String,
    pub vendor: Vendor,
    pub connection_label: String,
    pub route: String,
    pub schedule: String,
    pub zone: Option<Zone>,
    pub runs: Vec<Run>,
    /// The schedule fires more often than the timeline shows.
    pub cut: bool,
    /// Allowed spans of the backup window as (start, end) positions; empty without a window.
    pub window: Vec<(f64, f64)>,
    pub window_summary: Option<String>,
}

/// A job the week has no runs of, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Left {
    pub key: String,
    pub name: String,
    pub route: String,
    pub why: String,
}

/// Rows for jobs with runs the console can compute, and the others with the reason.
pub fn rows(jobs: &[Job], week: &Week) -> (Vec<Row>, Vec<Left>) {
    let mut rows = Vec::new();
    let mut left = Vec::new();
    for job in jobs {
        let why = if !job.enabled {
            Some("Suspended: it does not run until it is enabled.".to_owned())
        } else if !job.schedule.is_computable() {
            Some(job.schedule.problem().unwrap_or_else(|| {
                format!("{}: it runs only when started.", job.schedule.describe())
            }))
        } else {
            None
        };
        if let Some(why) = why {
            left.push(Left {
                key: job.key(),
                name: job.name.clone(),
                route: job.route.clone(),
                why,
            });
            continue;
        }
        let (times, cut) = job.schedule.runs_between(week.from, week.to);
        let zone = job.schedule.zone();
        let window = job.window.zip(zone);
        let runs = times
            .into_iter()
            .map(|at| Run {
                at,
                position: week.position(at),
                outside_window: window.is_some_and(|(w, z)| !allowed(&w, z, at)),
            })
            .collect();
        rows.push(Row {
            key: job.key(),
            name: job.name.clone(),
            vendor: job.vendor,
            connection_label: job.connection_label.clone(),
            route: job.route.clone(),
            schedule: job.schedule.describe(),
            zone,
            runs,
            cut,
            window: window.map(|(w, z)| spans(&w, z, week)).unwrap_or_default(),
            window_summary: job.window.map(|w| w.summary()),
        });
    }
    (rows, left)
}

fn allowed(window: &BackupWindow, zone: Zone, t: DateTime<Utc>) -> bool {
    let local = t.with_timezone(&zone);
    window.is_allowed(
        local.weekday().num_days_from_sunday() as usize,
        local.hour() as usize,
    )
}

/// The window's allowed spans over the week, to a quarter of an hour (zones offset by 30 or 45
/// minutes start their hours there).
fn spans(window: &BackupWindow, zone: Zone, week: &Week) -> Vec<(f64, f64)> {
    let step = Duration::minutes(15);
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut t = week.from;
    let mut open: Option<DateTime<Utc>> = None;
    while t < week.to {
        match (allowed(window, zone, t), open) {
            (true, None) => open = Some(t),
            (false, Some(start)) => {
                out.push((week.position(start), week.position(t)));
                open = None;
            }
            _ => {}
        }
        t += step;
    }
    if let Some(start) = open {
        out.push((week.position(start), 1.0));
    }
    out
}

/// How many runs start in each hour of the week.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub position: f64,
    pub count: usize,
    /// The jobs starting then, by name.
    pub jobs: Vec<String>,
}

pub fn density(rows: &[Row], week: &Week) -> Vec<Slot> {
    week.hours()
        .into_iter()
        .map(|start| {
            let end = start + Duration::hours(1);
            let mut jobs: Vec<String> = Vec::new();
            let mut count = 0;
            for row in rows {
                let n = row
                    .runs
                    .iter()
                    .filter(|r| start <= r.at && r.at < end)
                    .count();
                if n > 0 {
                    count += n;
                    jobs.push(row.name.clone());
                }
            }
            Slot {
                start,
                position: week.position(start),
                count,
                jobs,
            }
        })
        .collect()
}

/// A change of the zone's offset inside the week.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub at: DateTime<Utc>,
    pub position: f64,
    /// "Clocks go forward 1 h: 02:00 CET becomes 03:00 CEST".
    pub text: String,
}

pub fn changes(week: &Week) -> Vec<Change> {
    let zone = week.zone;
    let offset = |t: DateTime<Utc>| t.with_timezone(&zone).offset().fix().local_minus_utc();
    let mut out = Vec::new();
    let mut t = week.from;
    while t < week.to {
        let next = (t + Duration::minutes(15)).min(week.to);
        if offset(t) != offset(next) {
            // The change is in (t, next]: find its second.
            let (mut low, mut high) = (t, next);
            while high - low > Duration::seconds(1) {
                let mid = low + (high - low) / 2;
                if offset(mid) == offset(low) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            let (before, after) = (low.with_timezone(&zone), high.with_timezone(&zone));
            let shift = offset(high) - offset(low);
            let way = if shift > 0 { "forward" } else { "back" };
            let wall_before: NaiveDateTime =
                high.naive_utc() + Duration::seconds(i64::from(offset(low)));
            out.push(Change {
                at: high,
                position: week.position(high),
                text: format!(
                    "Clocks go {way} {}: {} {} becomes {} {}",
                    crate::format::span(Duration::seconds(i64::from(shift.abs()))),
                    wall_before.format("%H:%M"),
                    before.format("%Z"),
                    after.format("%H:%M"),
                    after.format("%Z"),
                ),
            });
        }
        t = next;
    }
    out
}

/// Runs per job in a week, by job key, as RFC 3339 instants: what the week view shows, for
/// tests that compare a rendered week with this computation.
pub fn expected_runs(jobs: &[Job], week: &Week) -> std::collections::BTreeMap<String, Vec<String>> {
    rows(jobs, week)
        .0
        .into_iter()
        .map(|row| {
            let runs = row.runs.iter().map(|r| crate::format::iso(r.at)).collect();
            (row.key, runs)
        })
        .collect()
}

/// A job with a schedule only, for tests of this module.
#[cfg(test)]
fn job(schedule: super::JobSchedule, window: Option<BackupWindow>) -> Job {
    let mut job = Job::new(
        &super::Source::new("c", ""),
        Vendor::Xopero,
        "1",
        "Nightly",
        "/c/c/x".into(),
    );
    job.schedule = schedule;
    job.window = window;
    job
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{at, JobSchedule};
    use crate::schedule::{CronExpr, Dialect};

    fn zone(name: &str) -> Zone {
        name.parse().unwrap()
    }

    fn cron(expr: &str, z: &str) -> JobSchedule {
        JobSchedule::Cron {
            expr: CronExpr::parse(expr, Dialect::Standard).unwrap(),
            zone: zone(z),
        }
    }

    #[test]
    fn a_week_across_the_autumn_change_has_a_25_hour_day() {
        // Europe/Berlin leaves summer time on Sunday 2026-10-25.
        let week = Week::new(
            zone("Europe/Berlin"),
            NaiveDate::from_ymd_opt(2026, 10, 19).unwrap(),
        );
        assert_eq!(week.from, at("2026-10-18T22:00:00Z"));
        assert_eq!(week.to, at("2026-10-25T23:00:00Z"));
        let hours: Vec<i64> = week.days.iter().map(|d| d.hours).collect();
        assert_eq!(hours, [24, 24, 24, 24, 24, 24, 25]);
        assert_eq!(week.hours().len(), 169);
        let found = changes(&week);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, at("2026-10-25T01:00:00Z"));
        assert_eq!(
            found[0].text,
            "Clocks go back 1 h: 03:00 CEST becomes 02:00 CET"
        );
        // Spring in New York: a 23-hour Sunday.
        let spring = Week::new(
            zone("America/New_York"),
            NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
        );
        assert_eq!(spring.days[0].hours, 23);
        assert_eq!(
            changes(&spring)[0].text,
            "Clocks go forward 1 h: 02:00 EST becomes 03:00 EDT"
        );
        assert!(changes(&Week::new(
            Zone::UTC,
            NaiveDate::from_ymd_opt(2026, 10, 19).unwrap()
        ))
        .is_empty());
    }

    #[test]
    fn runs_are_placed_and_flagged_against_the_window_in_the_jobs_zone() {
        let week = Week::new(Zone::UTC, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        // Nightly at 01:30 and 23:00 Tokyo time; the window allows 22:00-06:00 Tokyo.
        let window = BackupWindow::nightly(&[0, 1, 2, 3, 4, 5, 6], 22, 6);
        let tokyo = job(cron("30 1,12 * * *", "Asia/Tokyo"), Some(window));
        let (rows, left) = rows(&[tokyo], &week);
        assert!(left.is_empty());
        let row = &rows[0];
        assert_eq!(row.runs.len(), 14);
        // 01:30 Tokyo is 16:30 UTC the day before: inside; 12:30 Tokyo is 03:30 UTC: outside.
        assert_eq!(row.runs[0].at, at("2026-11-23T03:30:00Z"));
        assert!(row.runs[0].outside_window);
        assert_eq!(row.runs[1].at, at("2026-11-23T16:30:00Z"));
        assert!(!row.runs[1].outside_window);
        // Allowed 13:00-21:00 UTC each day (22:00-06:00 Tokyo); the week starts at 09:00 Tokyo.
        assert_eq!(row.window.len(), 7);
        assert!((row.window[0].0 - week.position(at("2026-11-23T13:00:00Z"))).abs() < 1e-9);
        assert!((row.window[0].1 - week.position(at("2026-11-23T21:00:00Z"))).abs() < 1e-9);
        let slots = density(&rows, &week);
        assert_eq!(slots.len(), 168);
        assert_eq!(slots[3].count, 1);
        assert_eq!(slots[3].jobs, ["Nightly"]);
        assert_eq!(slots.iter().map(|s| s.count).sum::<usize>(), 14);
        let expected = expected_runs(&[job(cron("0 0 * * 1", "UTC"), None)], &week);
        assert_eq!(expected["c/1"], ["2026-11-23T00:00:00Z"]);
    }

    #[test]
    fn jobs_without_runs_say_why() {
        let week = Week::new(Zone::UTC, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let mut off = job(cron("0 0 * * *", "UTC"), None);
        off.enabled = false;
        let manual = job(JobSchedule::Manual, None);
        let (rows, left) = rows(&[off, manual], &week);
        assert!(rows.is_empty());
        assert_eq!(
            left[0].why,
            "Suspended: it does not run until it is enabled."
        );
        assert_eq!(left[1].why, "Manually: it runs only when started.");
    }
}
