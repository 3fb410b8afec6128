//! Next-run times against an independent reference: croniter with Python's zoneinfo, over
//! 1,200 generated expressions, 14 time zones and start instants clustered around
//! daylight-saving changes (`scripts/reference/cron_reference.py` made the fixture).
//! Any difference fails, with the expression, zone and both answers.

use backup_console_core::schedule::{CronExpr, Dialect};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    expr: String,
    tz: String,
    after: DateTime<Utc>,
    runs: Vec<DateTime<Utc>>,
}

#[test]
fn next_runs_match_croniter_with_zoneinfo() {
    let fixture = include_str!("fixtures/cron-reference.jsonl");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut zones = std::collections::BTreeSet::new();
    for line in fixture.lines() {
        let case: Case = serde_json::from_str(line).expect("fixture line");
        let tz: Tz = case.tz.parse().expect("known zone");
        zones.insert(case.tz.clone());
        let cron = CronExpr::parse(&case.expr, Dialect::Standard)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", case.expr));
        let ours: Vec<DateTime<Utc>> = cron
            .next_runs_in(tz, case.after, case.runs.len())
            .into_iter()
            .map(|t| t.with_timezone(&Utc))
            .collect();
        if ours != case.runs {
            failures.push(format!(
                "{:?} in {} after {}:\n  ours      {:?}\n  reference {:?}",
                case.expr, case.tz, case.after, ours, case.runs
            ));
        }
        checked += 1;
    }
    assert!(checked >= 1000, "only {checked} cases");
    assert!(zones.len() >= 10);
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
