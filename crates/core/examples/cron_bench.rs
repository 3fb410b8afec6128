//! On-demand benchmark: next 100 runs for a mix of expressions and zones.
//!
//!     cargo run --release -p backup-console-core --example cron_bench
//!
//! Prints the median and worst time per expression over several rounds.

use std::hint::black_box;
use std::time::{Duration, Instant};

use backup_console_core::schedule::Zone;
use backup_console_core::schedule::{CronExpr, Dialect};
use chrono::{DateTime, Utc};

const MIX: [(&str, &str); 10] = [
    ("*/5 * * * *", "UTC"),
    ("0 5 * * MON *", "UTC"),
    ("30 2 * * *", "America/New_York"),
    ("15 1 * * *", "Europe/Berlin"),
    ("*/15 9-17 * * 1-5", "Asia/Kolkata"),
    ("0 0 1 * *", "Australia/Lord_Howe"),
    ("0 3 13 * 5", "Europe/London"),
    ("0 0 29 2 *", "UTC"),
    ("5 4 * * 0", "Pacific/Chatham"),
    ("0 22 * JAN,JUL * 2027", "America/Sao_Paulo"),
];
const ROUNDS: usize = 50;

fn main() {
    let start: DateTime<Utc> = "2026-11-27T00:00:00Z".parse().unwrap();
    let cases: Vec<(CronExpr, Zone, &str)> = MIX
        .iter()
        .map(|(e, z)| {
            (
                CronExpr::parse(
                    e,
                    if e.split_whitespace().count() == 6 {
                        Dialect::CyBorgBackup
                    } else {
                        Dialect::Standard
                    },
                )
                .unwrap(),
                z.parse().unwrap(),
                *e,
            )
        })
        .collect();
    println!(
        "{:<26} {:<22} {:>10} {:>10}",
        "expression", "zone", "median", "worst"
    );
    let mut total = Duration::ZERO;
    for (cron, tz, text) in &cases {
        let mut samples: Vec<Duration> = (0..ROUNDS)
            .map(|_| {
                let t = Instant::now();
                let runs = black_box(cron.next_runs_in(*tz, black_box(start), 100));
                assert!(!runs.is_empty());
                t.elapsed()
            })
            .collect();
        samples.sort();
        total += samples[ROUNDS / 2];
        println!(
            "{:<26} {:<22} {:>10.1?} {:>10.1?}",
            text,
            tz.name(),
            samples[ROUNDS / 2],
            samples[ROUNDS - 1]
        );
    }
    println!(
        "mean of medians: {:.1?} per next-100-runs",
        total / cases.len() as u32
    );
}
