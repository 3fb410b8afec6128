//! A job's schedule in the schedule module's terms, whichever vendor it comes from, with the
//! zone it is read in: runs between two instants, the longest gap between runs (what "overdue"
//! is measured against), and a sentence for tables.

use chrono::{DateTime, Duration, Utc};

use crate::schedule::rackspace::{Frequency, RackspaceSchedule};
use crate::schedule::xopero::XoperoSchedule;
use crate::schedule::xopero_words;
use crate::schedule::{CronExpr, Zone};

/// Runs a week may hold for one job; a schedule that fires more often is cut here (and says so).
pub const MAX_RUNS: usize = 2016;

#[derive(Clone, Debug, PartialEq)]
pub enum JobSchedule {
    /// A cron expression (either dialect) read in a zone.
    Cron { expr: CronExpr, zone: Zone },
    /// Rackspace's frequency, in its Windows time zone (a zone the console does not know gives
    /// no runs).
    Rackspace(RackspaceSchedule),
    /// Xopero's options, read in the zone of the agents' clocks.
    Xopero {
        schedule: XoperoSchedule,
        zone: Zone,
    },
    /// Runs only when someone starts it.
    Manual,
    /// A schedule the console cannot compute runs for: what it is, and why.
    Unread { text: String, why: String },
}

impl JobSchedule {
    /// The zone the schedule's wall-clock times are read in.
    pub fn zone(&self) -> Option<Zone> {
        match self {
            JobSchedule::Cron { zone, .. } | JobSchedule::Xopero { zone, .. } => Some(*zone),
            JobSchedule::Rackspace(s) => s.time_zone(),
            JobSchedule::Manual | JobSchedule::Unread { .. } => None,
        }
    }

    /// Whether the schedule has runs the console can compute.
    pub fn is_computable(&self) -> bool {
        match self {
            JobSchedule::Cron { .. } | JobSchedule::Xopero { .. } => true,
            JobSchedule::Rackspace(s) => {
                s.frequency != Frequency::Manually && s.time_zone().is_some()
            }
            JobSchedule::Manual | JobSchedule::Unread { .. } => false,
        }
    }

    /// "At 05:00 on Monday (UTC)".
    pub fn describe(&self) -> String {
        match self {
            JobSchedule::Cron { expr, zone } => format!("{} ({zone})", expr.describe()),
            JobSchedule::Rackspace(s) => match s.frequency {
                Frequency::Manually => "Manually".to_owned(),
                Frequency::Hourly => format!("{s} ({})", s.time_zone_id),
                _ => s.to_string(),
            },
            JobSchedule::Xopero { schedule, zone } => {
                let options: Vec<String> = schedule
                    .options
                    .iter()
                    .map(|o| xopero_words::describe(o).trim_end_matches('.').to_owned())
                    .collect();
                if options.is_empty() {
                    format!("No schedule options ({zone})")
                } else {
                    format!("{} ({zone})", options.join("; "))
                }
            }
            JobSchedule::Manual => "Manually".to_owned(),
            JobSchedule::Unread { text, .. } => text.clone(),
        }
    }

    /// Why runs cannot be computed, when they cannot.
    pub fn problem(&self) -> Option<String> {
        match self {
            JobSchedule::Unread { why, .. } => Some(why.clone()),
            JobSchedule::Rackspace(s) => s.unknown_zone_message(),
            _ => None,
        }
    }

    /// The first `count` runs after `after`.
    pub fn runs(&self, after: DateTime<Utc>, count: usize) -> Vec<DateTime<Utc>> {
        let utc = |t: DateTime<Zone>| t.with_timezone(&Utc);
        match self {
            JobSchedule::Cron { expr, zone } => expr
                .next_runs_in(*zone, after, count)
                .into_iter()
                .map(utc)
                .collect(),
            JobSchedule::Rackspace(s) => s.next_runs(after, count).into_iter().map(utc).collect(),
            JobSchedule::Xopero { schedule, zone } => {
                let mut runs: Vec<DateTime<Utc>> = schedule
                    .next_runs(*zone, after, count)
                    .into_iter()
                    .map(|(t, _)| utc(t))
                    .collect();
                // Two options starting at once are one run.
                runs.dedup();
                runs
            }
            JobSchedule::Manual | JobSchedule::Unread { .. } => Vec::new(),
        }
    }

    /// The runs in `[from, to)`, at most [`MAX_RUNS`] (the flag says whether more were left out).
    pub fn runs_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> (Vec<DateTime<Utc>>, bool) {
        let mut runs = Vec::new();
        let mut after = from - Duration::seconds(1);
        // In batches, so a sparse schedule does not compute thousands of runs past `to`.
        loop {
            let batch = self.runs(after, 64);
            let done = batch.len() < 64;
            for t in batch {
                if t >= to {
                    return (runs, false);
                }
                if t >= from {
                    if runs.len() == MAX_RUNS {
                        return (runs, true);
                    }
                    runs.push(t);
                }
                after = t;
            }
            if done {
                return (runs, false);
            }
        }
    }

    /// The longest gap between consecutive runs around `now`: a job is overdue when nothing
    /// succeeded for twice this long. The longest, not the usual: a weekday schedule's gap over
    /// the weekend is not a missed run. `None` when there is no regular schedule.
    pub fn interval(&self, now: DateTime<Utc>) -> Option<Duration> {
        let runs = self.runs(now - Duration::days(62), 16);
        runs.windows(2).map(|pair| pair[1] - pair[0]).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::at;
    use crate::schedule::Dialect;

    fn cron(expr: &str, zone: &str) -> JobSchedule {
        JobSchedule::Cron {
            expr: CronExpr::parse(expr, Dialect::Standard).unwrap(),
            zone: zone.parse().unwrap(),
        }
    }

    #[test]
    fn runs_between_two_instants_in_the_schedules_zone() {
        let nightly = cron("30 1 * * *", "Europe/Berlin");
        let (runs, cut) =
            nightly.runs_between(at("2026-03-27T00:00:00Z"), at("2026-03-31T00:00:00Z"));
        let iso: Vec<String> = runs.iter().map(|t| crate::format::iso(*t)).collect();
        // Summer time starts at 02:00 on the 29th: 01:30 is an hour earlier in UTC after it.
        assert_eq!(
            iso,
            [
                "2026-03-27T00:30:00Z",
                "2026-03-28T00:30:00Z",
                "2026-03-29T00:30:00Z",
                "2026-03-29T23:30:00Z",
                "2026-03-30T23:30:00Z"
            ]
        );
        assert!(!cut);
        assert_eq!(nightly.describe(), "At 01:30 (Europe/Berlin)");
        let every_minute = cron("* * * * *", "UTC");
        let (runs, cut) =
            every_minute.runs_between(at("2026-03-27T00:00:00Z"), at("2026-04-03T00:00:00Z"));
        assert_eq!((runs.len(), cut), (MAX_RUNS, true));
        // `from` itself counts.
        let (runs, _) = cron("0 0 * * *", "UTC")
            .runs_between(at("2026-03-27T00:00:00Z"), at("2026-03-28T00:00:00Z"));
        assert_eq!(runs, [at("2026-03-27T00:00:00Z")]);
    }

    #[test]
    fn the_interval_is_the_longest_gap() {
        let now = at("2026-11-25T12:00:00Z");
        assert_eq!(
            cron("0 */6 * * *", "UTC").interval(now),
            Some(Duration::hours(6))
        );
        // Weekdays: Friday to Monday is three days.
        assert_eq!(
            cron("0 9 * * 1-5", "UTC").interval(now),
            Some(Duration::days(3))
        );
        assert_eq!(JobSchedule::Manual.interval(now), None);
        let unread = JobSchedule::Unread {
            text: "Fortnightly".into(),
            why: "not a schedule the console reads".into(),
        };
        assert_eq!(unread.interval(now), None);
        assert_eq!(
            unread.problem().as_deref(),
            Some("not a schedule the console reads")
        );
        assert!(!unread.is_computable());
    }
}
