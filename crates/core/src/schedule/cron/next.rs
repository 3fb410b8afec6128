//! Which days and times match, and the next runs in UTC or in an IANA zone.

use crate::schedule::zone::Zone;
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc,
};

use super::{CronExpr, FieldKind};

impl CronExpr {
    fn day_matches(&self, date: NaiveDate) -> bool {
        let dom = self.f(FieldKind::DayOfMonth);
        let dow = self.f(FieldKind::DayOfWeek);
        let dom_ok = dom.matches(date.day());
        let dow_ok = dow.matches(date.weekday().num_days_from_sunday());
        if self.days_match_either() {
            dom_ok || dow_ok
        } else {
            // A field written `*` matches every day, so this is also "the other field only".
            dom_ok && dow_ok
        }
    }

    fn date_matches(&self, date: NaiveDate) -> bool {
        self.field(FieldKind::Year)
            .is_none_or(|y| y.matches(date.year() as u32))
            && self.f(FieldKind::Month).matches(date.month())
            && self.day_matches(date)
    }

    /// The first wall-clock time at or after `start` that matches, up to the field's last year.
    pub fn next_match_from(&self, start: NaiveDateTime) -> Option<NaiveDateTime> {
        let mut date = start.date();
        let mut first_day = true;
        let last_year = self
            .field(FieldKind::Year)
            .map_or(start.year() + 30, |_| 2099);
        while date.year() <= last_year {
            if self.date_matches(date) {
                let (from_h, from_m) = if first_day {
                    (start.hour(), start.minute())
                } else {
                    (0, 0)
                };
                if let Some((h, m)) = self.first_time_from(from_h, from_m) {
                    return date.and_hms_opt(h, m, 0);
                }
            }
            first_day = false;
            date = date.succ_opt()?;
        }
        None
    }

    /// The first run strictly after `after`, evaluated in UTC.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let start = next_minute(after.naive_utc())?;
        self.next_match_from(start)
            .map(|naive| Utc.from_utc_datetime(&naive))
    }

    /// The next `count` runs after `after`, in UTC.
    pub fn next_runs(&self, after: DateTime<Utc>, count: usize) -> Vec<DateTime<Utc>> {
        self.next_runs_in(Zone::UTC, after, count)
            .into_iter()
            .map(|t| t.with_timezone(&Utc))
            .collect()
    }

    /// The next `count` runs after `after` when the schedule is read in the time zone `tz`.
    ///
    /// Daylight-saving rule (the one CyBorgBackup's scheduler applies, and cron's own
    /// wall-clock reading): a wall-clock time that does not exist (the hour skipped in spring)
    /// is skipped, and a wall-clock time that happens twice (the hour repeated in autumn) runs
    /// once, at its first occurrence.
    pub fn next_runs_in(
        &self,
        tz: Zone,
        after: DateTime<Utc>,
        count: usize,
    ) -> Vec<DateTime<Zone>> {
        let mut runs = Vec::with_capacity(count);
        let Some(mut cursor) = next_minute(after.with_timezone(&tz).naive_local()) else {
            return runs;
        };
        while runs.len() < count {
            let Some(naive) = self.next_match_from(cursor) else {
                break;
            };
            match tz.from_local_datetime(&naive) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _)
                    if t.with_timezone(&Utc) > after =>
                {
                    runs.push(t)
                }
                _ => {}
            }
            match next_minute(naive) {
                Some(next) => cursor = next,
                None => break,
            }
        }
        runs
    }

    fn first_time_from(&self, hour: u32, minute: u32) -> Option<(u32, u32)> {
        let hours = self.f(FieldKind::Hour);
        let minutes = self.f(FieldKind::Minute);
        (hour..24).filter(|h| hours.matches(*h)).find_map(|h| {
            let from = if h == hour { minute } else { 0 };
            (from..60).find(|m| minutes.matches(*m)).map(|m| (h, m))
        })
    }
}

/// The start of the minute after `t`.
fn next_minute(t: NaiveDateTime) -> Option<NaiveDateTime> {
    t.with_second(0)?
        .with_nanosecond(0)?
        .checked_add_signed(Duration::minutes(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Dialect;

    fn standard(expr: &str) -> CronExpr {
        CronExpr::parse(expr, Dialect::Standard).unwrap()
    }

    fn cyborg(expr: &str) -> CronExpr {
        CronExpr::parse(expr, Dialect::CyBorgBackup).unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn next_runs_follow_the_fields() {
        let runs = cyborg("0 5 * * MON *").next_runs(at("2018-11-23T20:54:51Z"), 2);
        assert_eq!(
            runs,
            vec![at("2018-11-26T05:00:00Z"), at("2018-12-03T05:00:00Z")]
        );

        let runs = cyborg("*/1 * * * * *").next_runs(at("2020-01-01T00:00:30Z"), 2);
        assert_eq!(
            runs,
            vec![at("2020-01-01T00:01:00Z"), at("2020-01-01T00:02:00Z")]
        );

        // Vixie OR: the 13th, or any Friday.
        let runs = standard("0 0 13 * 5").next_runs(at("2026-11-01T00:00:00Z"), 3);
        assert_eq!(
            runs,
            vec![
                at("2026-11-06T00:00:00Z"),
                at("2026-11-13T00:00:00Z"),
                at("2026-11-20T00:00:00Z")
            ]
        );
        // 7 is Sunday too.
        assert_eq!(
            standard("0 0 * * 7").next_after(at("2026-11-27T00:00:00Z")),
            Some(at("2026-11-29T00:00:00Z"))
        );
        // February 30th never comes.
        assert_eq!(
            standard("0 0 30 2 *").next_after(at("2026-01-01T00:00:00Z")),
            None
        );
        // A past year never comes again.
        assert_eq!(
            cyborg("0 0 * * * 2020").next_after(at("2026-01-01T00:00:00Z")),
            None
        );
    }

    fn days(runs: Vec<DateTime<Utc>>) -> Vec<String> {
        runs.iter()
            .map(|t| t.format("%Y-%m-%d").to_string())
            .collect()
    }

    #[test]
    fn a_day_field_starting_with_a_star_makes_both_day_fields_apply() {
        let after = at("2026-11-01T00:00:00Z");
        // Vixie cron and cronsim: `*/2` starts with `*`, so odd days that are Mondays.
        let runs = standard("0 0 */2 * 1").next_runs(after, 3);
        assert_eq!(days(runs), ["2026-11-09", "2026-11-23", "2026-12-07"]);
        // The same from the other side: the 1st, when it is a Sunday, Tuesday, Thursday or
        // Saturday (2026-11-01 is a Sunday, 2026-12-01 a Tuesday, 2027-01-01 a Friday).
        let runs = standard("0 0 1 * */2").next_runs(at("2026-10-01T00:00:00Z"), 2);
        assert_eq!(days(runs), ["2026-11-01", "2026-12-01"]);
        // A list that starts with a star counts too.
        let runs = standard("0 0 */2,2 * 1").next_runs(after, 2);
        assert_eq!(days(runs), ["2026-11-02", "2026-11-09"]);
        // Both restricted, neither starting with a star: either field (odd days or Mondays).
        let runs = standard("0 0 1-31/2 * 1").next_runs(after, 3);
        assert_eq!(days(runs), ["2026-11-02", "2026-11-03", "2026-11-05"]);
        // CyBorgBackup keeps tzcron's rule: both fields, whatever their spelling.
        let runs = cyborg("0 0 1-31/2 * 1 *").next_runs(after, 2);
        assert_eq!(days(runs), ["2026-11-09", "2026-11-23"]);
        // Same masks, different rule: not the same schedule.
        assert!(!standard("0 0 */2 * 1").same_schedule(&standard("0 0 1-31/2 * 1")));
    }
}
