//! Next-run times against an independent reference: cronsim, given zone-aware start instants,
//! applying its own day rule and its own daylight-saving handling, over generated expressions
//! (every kind of day field, `*/n` included), 16 time zones and starts clustered around
//! offset changes. `scripts/reference/cron_reference.py` made the fixture.
//!
//! Every case must agree, except the ones listed in `cron_differential/known.rs`, where
//! cronsim follows Debian cron's daylight-saving rule and the console its own documented one
//! (skip a wall-clock time that does not exist; run a repeated one once, at its first
//! occurrence), or where cronsim errs around an offset change. A listed case must really
//! differ, and only in the way its reason says.

#[path = "cron_differential/known.rs"]
mod known;

use std::collections::BTreeSet;

use backup_console_core::schedule::Zone;
use backup_console_core::schedule::{CronExpr, Dialect};
use chrono::{DateTime, Duration, LocalResult, NaiveDate, Offset, TimeZone, Timelike, Utc};
use known::{Why, KNOWN};
use serde::Deserialize;

/// Runs the reference lists per case (fewer only when it found no more).
const RUNS: usize = 5;

#[derive(Deserialize)]
struct Case {
    expr: String,
    tz: String,
    after: DateTime<Utc>,
    runs: Vec<DateTime<Utc>>,
}

fn cases() -> Vec<Case> {
    include_str!("fixtures/cron-reference.jsonl")
        .lines()
        .map(|line| serde_json::from_str(line).expect("fixture line"))
        .collect()
}

fn zone(case: &Case) -> Zone {
    case.tz.parse().expect("known zone")
}

fn ours(case: &Case) -> Vec<DateTime<Utc>> {
    CronExpr::parse(&case.expr, Dialect::Standard)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", case.expr))
        .next_runs_in(zone(case), case.after, RUNS)
        .into_iter()
        .map(|t| t.with_timezone(&Utc))
        .collect()
}

fn offset_at(tz: Zone, t: DateTime<Utc>) -> i32 {
    t.with_timezone(&tz).offset().fix().local_minus_utc()
}

/// Whether the zone's offset changed by half an hour in the day before `t` (Lord Howe).
fn after_a_half_hour_change(tz: Zone, t: DateTime<Utc>) -> bool {
    (offset_at(tz, t) - offset_at(tz, t - Duration::hours(24))).abs() == 1800
}

/// Whether a local wall-clock time does not exist.
fn skipped(tz: Zone, date: NaiveDate, hour: u32) -> bool {
    let wall = date.and_hms_opt(hour, 0, 0).expect("valid hour");
    matches!(tz.from_local_datetime(&wall), LocalResult::None)
}

/// Why the console may run at `run` inside the reference's window when the reference does
/// not: the hours cronsim's real-time stepping misses (see [`Why::ReferenceHourStepping`]).
fn explain_ours(case: &Case, run: DateTime<Utc>) -> Option<Why> {
    let tz = zone(case);
    let local = run.with_timezone(&tz);
    let half_hour_drift = after_a_half_hour_change(tz, run) && local.minute() < 30;
    let hour_begins_in_a_gap = skipped(tz, local.date_naive(), local.hour());
    let day_begins_in_a_gap = skipped(tz, local.date_naive(), 0);
    (half_hour_drift || hour_begins_in_a_gap || day_begins_in_a_gap)
        .then_some(Why::ReferenceHourStepping)
}

/// Why the reference may run at `run` when the console does not (`again`: the reference
/// lists it after a later or equal run).
fn explain(case: &Case, run: DateTime<Utc>, again: bool) -> Option<Why> {
    let tz = zone(case);
    let local = run.with_timezone(&tz);
    match tz.from_local_datetime(&local.naive_local()) {
        // The same wall-clock time again, in the second copy of a repeated hour (or, from
        // cronsim on a change that is not on the hour, at the first copy's instant again).
        LocalResult::Ambiguous(_, second) if second == run || again => Some(Why::RepeatedHour),
        // The first copy of a repeated wall-clock time, before a start in the second copy.
        LocalResult::Ambiguous(first, second)
            if first == run && run <= case.after && case.after < second =>
        {
            Some(Why::StartInRepeatedHour)
        }
        // The instant the clock jumps forward: where Debian cron runs the skipped jobs.
        _ if offset_at(tz, run) > offset_at(tz, run - Duration::seconds(1)) => {
            Some(Why::SkippedTime)
        }
        _ if after_a_half_hour_change(tz, run) && local.minute() >= 30 => {
            Some(Why::ReferenceHourStepping)
        }
        _ => None,
    }
}

/// `Ok(None)` when both agree, `Ok(Some(why))` when they differ for one listed reason only,
/// `Err` when the difference is not one of those.
fn compare(case: &Case, ours: &[DateTime<Utc>]) -> Result<Option<Why>, String> {
    if ours == case.runs {
        return Ok(None);
    }
    // A full list ends a window: runs of the other side after it were only pushed out.
    let window_end = |runs: &[DateTime<Utc>]| (runs.len() == RUNS).then(|| runs[RUNS - 1]);
    let (ours_end, reference_end) = (window_end(ours), window_end(&case.runs));
    let mut whys = BTreeSet::new();
    for (index, run) in case.runs.iter().enumerate() {
        let again = index > 0 && *run <= case.runs[index - 1];
        let beyond = ours_end.is_some_and(|end| *run > end);
        if !again && (ours.contains(run) || beyond) {
            continue;
        }
        whys.insert(explain(case, *run, again).ok_or(format!("the reference runs at {run}"))?);
    }
    for run in ours {
        if case.runs.contains(run) || reference_end.is_some_and(|end| *run > end) {
            continue;
        }
        whys.insert(
            explain_ours(case, *run)
                .ok_or(format!("the console runs at {run}, the reference does not"))?,
        );
    }
    if case.runs.len() == RUNS && ours.len() < RUNS {
        return Err("the console stops early".into());
    }
    match whys.into_iter().collect::<Vec<_>>().as_slice() {
        [why] => Ok(Some(*why)),
        other => Err(format!("reasons {other:?}")),
    }
}

#[test]
fn next_runs_match_cronsim_except_the_listed_daylight_saving_cases() {
    let cases = cases();
    let mut failures = Vec::new();
    let mut unlisted = Vec::new();
    let mut listed_seen = BTreeSet::new();
    for case in &cases {
        let ours = ours(case);
        let key = (
            case.expr.as_str(),
            case.tz.as_str(),
            case.after.to_rfc3339(),
        );
        let listed = KNOWN
            .iter()
            .position(|(e, z, a, _)| (*e, *z, a.to_string()) == (key.0, key.1, key.2.clone()));
        if let Some(index) = listed {
            listed_seen.insert(index);
        }
        let describe = |what: &str| {
            format!(
                "{:?} in {} after {}: {what}\n  ours      {:?}\n  reference {:?}",
                case.expr, case.tz, case.after, ours, case.runs
            )
        };
        match (compare(case, &ours), listed.map(|i| KNOWN[i].3)) {
            (Ok(None), None) => {}
            (Ok(Some(why)), Some(listed)) if why == listed => {}
            (Ok(Some(why)), None) => {
                failures.push(describe(&format!("differs ({why:?}) but is not listed")));
                unlisted.push(format!(
                    "    ({:?}, {:?}, {:?}, Why::{why:?}),",
                    case.expr,
                    case.tz,
                    case.after.to_rfc3339()
                ));
            }
            (Ok(Some(why)), Some(listed)) => failures.push(describe(&format!(
                "listed as {listed:?}, differs as {why:?}"
            ))),
            (Ok(None), Some(listed)) => {
                failures.push(describe(&format!("listed as {listed:?} but agrees")))
            }
            (Err(problem), _) => failures.push(describe(&problem)),
        }
    }
    for (index, (expr, tz, after, _)) in KNOWN.iter().enumerate() {
        if !listed_seen.contains(&index) {
            failures.push(format!(
                "listed {expr:?} in {tz} after {after} is not in the fixture"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}\n\nunlisted differences, in the list's form:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n"),
        unlisted.join("\n")
    );
}

/// The fixture must keep testing what the console got wrong before: stepped-star day fields,
/// both day rules, many zones, and starts close to daylight-saving changes.
#[test]
fn the_fixture_covers_the_day_rule_and_daylight_saving() {
    let cases = cases();
    assert!(cases.len() >= 1200, "only {} cases", cases.len());
    let zones: BTreeSet<&str> = cases.iter().map(|c| c.tz.as_str()).collect();
    assert!(zones.len() >= 5, "only {} zones", zones.len());
    let days = |c: &Case| {
        let fields: Vec<&str> = c.expr.split_whitespace().collect();
        (fields[2].to_owned(), fields[4].to_owned())
    };
    let stepped_star_with_other_restricted = cases
        .iter()
        .filter(|c| {
            let (dom, dow) = days(c);
            (dom.starts_with("*/") && dow != "*") || (dow.starts_with("*/") && dom != "*")
        })
        .count();
    let both_restricted_without_star = cases
        .iter()
        .filter(|c| {
            let (dom, dow) = days(c);
            !dom.starts_with('*') && !dow.starts_with('*')
        })
        .count();
    assert!(stepped_star_with_other_restricted >= 50);
    assert!(both_restricted_without_star >= 150);
    let near_a_change = cases
        .iter()
        .filter(|c| {
            let tz = zone(c);
            offset_at(tz, c.after - Duration::hours(2))
                != offset_at(tz, c.after + Duration::hours(36))
        })
        .count();
    assert!(
        near_a_change * 3 >= cases.len(),
        "only {near_a_change} cases start near an offset change"
    );
    assert!(
        KNOWN.len() * 10 <= cases.len(),
        "{} listed differences: more than a tenth of the cases",
        KNOWN.len()
    );
}
