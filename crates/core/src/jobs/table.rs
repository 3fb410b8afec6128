//! The overview's table of jobs: rows with their health, the columns, the filters and order
//! kept in the URL (`vendor`, `connection`, `health`, `order`), and the CSV export.

use chrono::{DateTime, Utc};

use super::health::{classify, Health};
use super::{Job, LastResult};
use crate::format::{duration, iso};
use crate::spec::{field, Cell, Column, FieldKind, FieldSpec, FormValues};
use crate::vendors::Vendor;

/// A job with its health at the time the rows were made.
#[derive(Clone, Debug, PartialEq)]
pub struct JobRow {
    pub job: Job,
    pub health: Health,
    /// Why it has that health, in a sentence.
    pub why: String,
}

impl JobRow {
    pub fn of(job: Job, now: DateTime<Utc>) -> Self {
        let (health, why) = classify(&job, now);
        Self { job, health, why }
    }
}

/// The order shown when the URL names none: what needs a look first.
pub const DEFAULT_ORDER: &str = "health";

/// Columns the operator may order by (the table shows `-key` as descending).
pub const ORDERS: [&str; 7] = [
    "name",
    "vendor",
    "connection",
    "health",
    "last_result",
    "last_run",
    "next_run",
];

/// The console orders the rows itself (`Page::order`), so sortable columns are marked as
/// ordered elsewhere: the page keeps the order in its URL.
pub const COLUMNS: [Column<JobRow>; 9] = [
    Column::new("name", "Job", |r: &JobRow, _| Cell::text(&r.job.name))
        .server_sorted()
        .link(|r| Some(r.job.route.clone()))
        .wide(),
    Column::new("vendor", "Vendor", |r: &JobRow, _| {
        Cell::text(r.job.vendor.title())
    })
    .server_sorted(),
    Column::new("connection", "Connection", |r: &JobRow, _| {
        Cell::text(&r.job.connection_label)
    })
    .server_sorted(),
    Column::new("health", "Health", |r: &JobRow, _| {
        Cell::status(r.health.label(), r.health.tone())
    })
    .server_sorted(),
    Column::new("last_result", "Last result", |r: &JobRow, _| {
        Cell::status(r.job.last.label(), r.job.last.tone())
    })
    .server_sorted(),
    Column::new("last_run", "Last run", |r: &JobRow, _| {
        Cell::Time(r.job.last_run())
    })
    .server_sorted(),
    Column::new("duration", "Took", |r: &JobRow, _| {
        Cell::text(r.job.duration_seconds.map(duration).unwrap_or_default())
    })
    .narrow(),
    Column::new("next_run", "Next run", |r: &JobRow, _| {
        Cell::Time(r.job.next_run.map(|n| n.at))
    })
    .server_sorted(),
    Column::new("schedule", "Schedule", |r: &JobRow, _| {
        if r.job.enabled {
            Cell::text(r.job.schedule.describe())
        } else {
            Cell::text(format!("{} (suspended)", r.job.schedule.describe()))
        }
    }),
];

/// The overview's filters and order, as its URL holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobQuery {
    pub vendor: Option<Vendor>,
    pub connection: Option<String>,
    pub health: Option<Health>,
    /// A column of [`ORDERS`], `-` first for descending.
    pub order: Option<String>,
}

pub const FILTER_FIELDS: [FieldSpec; 3] = [
    field(
        "vendor",
        "Vendor",
        FieldKind::Labeled(&[
            ("", "Every vendor"),
            ("cyborgbackup", "CyBorgBackup"),
            ("rackspace", "Rackspace Cloud Backup"),
            ("xopero", "Xopero"),
            ("cloudback", "Cloudback"),
            ("scheduled-backup", "Scheduled Backup"),
        ]),
        false,
        "",
    ),
    // The page supplies the connections, "Every connection" first.
    field(
        "connection",
        "Connection",
        FieldKind::Options("connections"),
        false,
        "",
    ),
    field(
        "health",
        "Health",
        FieldKind::Labeled(&[
            ("", "Any health"),
            ("failed", "Failed (24 h)"),
            ("overdue", "Overdue"),
            ("running", "Running"),
            ("healthy", "Healthy"),
            ("suspended", "Suspended"),
            ("unknown", "Unknown"),
        ]),
        false,
        "",
    ),
];

fn valid_order(order: &str) -> bool {
    ORDERS.contains(&order.strip_prefix('-').unwrap_or(order))
}

impl JobQuery {
    /// Read from the URL's pairs; what does not read is left out.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> Self {
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k.as_ref() == key)
                .map(|(_, v)| v.as_ref().trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Self {
            vendor: get("vendor").and_then(|v| Vendor::from_name(&v)),
            connection: get("connection"),
            health: get("health").and_then(|h| Health::from_name(&h)),
            order: get("order").filter(|o| valid_order(o)),
        }
    }

    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if let Some(v) = self.vendor {
            pairs.push(("vendor".into(), v.name().into()));
        }
        if let Some(c) = &self.connection {
            pairs.push(("connection".into(), c.clone()));
        }
        if let Some(h) = self.health {
            pairs.push(("health".into(), h.name().into()));
        }
        if let Some(o) = &self.order {
            pairs.push(("order".into(), o.clone()));
        }
        pairs
    }

    /// The filters as the controls' values.
    pub fn filter_values(&self) -> FormValues {
        FormValues::from([
            (
                "vendor".into(),
                self.vendor.map(|v| v.name().to_owned()).unwrap_or_default(),
            ),
            (
                "connection".into(),
                self.connection.clone().unwrap_or_default(),
            ),
            (
                "health".into(),
                self.health.map(|h| h.name().to_owned()).unwrap_or_default(),
            ),
        ])
    }

    /// This query with the filters the controls hold (the order stays).
    pub fn with_filters(&self, values: &FormValues) -> Self {
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Self {
            order: self.order.clone(),
            ..Self::from_pairs(&pairs)
        }
    }

    pub fn matches(&self, row: &JobRow) -> bool {
        self.vendor.is_none_or(|v| row.job.vendor == v)
            && self
                .connection
                .as_ref()
                .is_none_or(|c| row.job.connection == *c)
            && self.health.is_none_or(|h| row.health == h)
    }

    pub fn order_or_default(&self) -> &str {
        self.order.as_deref().unwrap_or(DEFAULT_ORDER)
    }

    /// The rows this query shows, in its order.
    pub fn apply(&self, rows: &[JobRow]) -> Vec<JobRow> {
        let mut shown: Vec<JobRow> = rows.iter().filter(|r| self.matches(r)).cloned().collect();
        order(&mut shown, self.order_or_default());
        shown
    }
}

/// What a row is ordered by in a column; `None` sorts last either way.
#[derive(Clone, Debug, PartialEq, PartialOrd)]
enum Key {
    Text(String),
    Rank(u8),
    Time(i64),
}

fn key(row: &JobRow, column: &str) -> Option<Key> {
    let rank = |i: usize| Some(Key::Rank(i as u8));
    match column {
        "name" => Some(Key::Text(row.job.name.to_lowercase())),
        "vendor" => Some(Key::Text(row.job.vendor.title().to_lowercase())),
        "connection" => Some(Key::Text(row.job.connection_label.to_lowercase())),
        "health" => rank(Health::ALL.iter().position(|h| *h == row.health)?),
        "last_result" => rank(LastResult::ALL.iter().position(|r| *r == row.job.last)?),
        "last_run" => row.job.last_run().map(|t| Key::Time(t.timestamp())),
        "next_run" => row.job.next_run.map(|n| Key::Time(n.at.timestamp())),
        _ => None,
    }
}

/// Order rows by a column (`key` or `-key`); ties keep connection and name order. Health and
/// last result order worst first.
pub fn order(rows: &mut [JobRow], order: &str) {
    let (column, descending) = match order.strip_prefix('-') {
        Some(c) => (c, true),
        None => (order, false),
    };
    rows.sort_by(|a, b| {
        let tie = (a.job.connection.as_str(), a.job.name.to_lowercase())
            .cmp(&(b.job.connection.as_str(), b.job.name.to_lowercase()));
        let by = match (key(a, column), key(b, column)) {
            (Some(x), Some(y)) if descending => y.partial_cmp(&x),
            (Some(x), Some(y)) => x.partial_cmp(&y),
            (Some(_), None) => Some(std::cmp::Ordering::Less),
            (None, Some(_)) => Some(std::cmp::Ordering::Greater),
            (None, None) => None,
        };
        by.unwrap_or(std::cmp::Ordering::Equal).then(tie)
    });
}

/// The CSV header: stable names, one column per fact, instants in UTC (RFC 3339).
pub const CSV_HEADER: [&str; 14] = [
    "connection",
    "vendor",
    "job",
    "health",
    "last_result",
    "last_run",
    "duration_seconds",
    "next_run",
    "next_run_from",
    "enabled",
    "schedule",
    "zone",
    "window",
    "route",
];

/// The rows as CSV (RFC 4180: CRLF line ends, fields quoted when they need it).
pub fn csv(rows: &[JobRow]) -> String {
    let mut out = String::new();
    let mut line = |fields: Vec<String>| {
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    line(CSV_HEADER.iter().map(|h| (*h).to_owned()).collect());
    for row in rows {
        let job = &row.job;
        line(vec![
            job.connection.clone(),
            job.vendor.name().to_owned(),
            job.name.clone(),
            row.health.name().to_owned(),
            job.last.name().to_owned(),
            job.last_run().map(iso).unwrap_or_default(),
            job.duration_seconds
                .map(|s| s.to_string())
                .unwrap_or_default(),
            job.next_run.map(|n| iso(n.at)).unwrap_or_default(),
            job.next_run
                .map(|n| if n.from_vendor { "vendor" } else { "computed" })
                .unwrap_or_default()
                .to_owned(),
            job.enabled.to_string(),
            job.schedule.describe(),
            job.schedule
                .zone()
                .map(|z| z.name().to_owned())
                .unwrap_or_default(),
            job.window.map(|w| w.summary()).unwrap_or_default(),
            job.route.clone(),
        ]);
    }
    out
}

fn csv_field(text: &str) -> String {
    // A leading =, +, - or @ would be read as a formula by spreadsheets.
    let guarded = match text.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{text}"),
        _ => text.to_owned(),
    };
    if guarded.contains([',', '"', '\n', '\r']) || guarded != text {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{at, NextRun, Source};

    fn row(
        conn: &str,
        name: &str,
        last: LastResult,
        last_run: Option<&str>,
        next: Option<&str>,
    ) -> JobRow {
        let mut job = Job::new(
            &Source::new(conn, ""),
            Vendor::CyBorgBackup,
            name,
            name,
            format!("/c/{conn}/policies/{name}"),
        );
        job.last = last;
        job.last_finished = last_run.map(at);
        job.next_run = next.map(|t| NextRun {
            at: at(t),
            from_vendor: true,
        });
        JobRow::of(job.with_success_from_last(), at("2026-11-25T12:00:00Z"))
    }

    fn names(rows: &[JobRow]) -> Vec<&str> {
        rows.iter().map(|r| r.job.name.as_str()).collect()
    }

    #[test]
    fn orders_put_missing_values_last_and_worst_results_first() {
        let rows = vec![
            row(
                "a",
                "ok",
                LastResult::Success,
                Some("2026-11-25T01:00:00Z"),
                Some("2026-11-26T01:00:00Z"),
            ),
            row(
                "a",
                "bad",
                LastResult::Failure,
                Some("2026-11-25T03:00:00Z"),
                None,
            ),
            row(
                "b",
                "never",
                LastResult::Unknown,
                None,
                Some("2026-11-25T13:00:00Z"),
            ),
        ];
        let by = |o: &str| {
            let mut r = rows.clone();
            order(&mut r, o);
            names(&r).join(" ")
        };
        assert_eq!(by("last_result"), "bad ok never");
        assert_eq!(by("-last_result"), "never ok bad");
        assert_eq!(by("last_run"), "ok bad never");
        assert_eq!(by("-last_run"), "bad ok never");
        assert_eq!(by("next_run"), "never ok bad");
        assert_eq!(by("-next_run"), "ok never bad");
    }

    #[test]
    fn the_query_round_trips_through_the_url_and_filters() {
        let pairs = [
            ("vendor", "cyborgbackup"),
            ("health", "failed"),
            ("order", "-last_run"),
            ("x", "y"),
        ];
        let query = JobQuery::from_pairs(&pairs);
        assert_eq!(query.vendor, Some(Vendor::CyBorgBackup));
        assert_eq!(query.health, Some(Health::Failed));
        assert_eq!(JobQuery::from_pairs(&query.to_pairs()), query);
        assert_eq!(
            JobQuery::from_pairs(&[("order", "drop table"), ("health", "meh")]),
            JobQuery::default()
        );
        let rows = vec![
            row(
                "a",
                "ok",
                LastResult::Success,
                Some("2026-11-25T01:00:00Z"),
                None,
            ),
            row(
                "a",
                "bad",
                LastResult::Failure,
                Some("2026-11-25T03:00:00Z"),
                None,
            ),
        ];
        assert_eq!(names(&query.apply(&rows)), ["bad"]);
        let values = FormValues::from([
            ("vendor".into(), "".into()),
            ("connection".into(), "a".into()),
            ("health".into(), "".into()),
        ]);
        let changed = query.with_filters(&values);
        assert_eq!(
            (
                changed.vendor,
                changed.connection.as_deref(),
                changed.order.as_deref()
            ),
            (None, Some("a"), Some("-last_run"))
        );
        assert_eq!(changed.filter_values(), values);
    }

    #[test]
    fn csv_quotes_what_needs_it_and_guards_formulas() {
        let mut r = row(
            "a",
            "=cmd, \"x\"",
            LastResult::Failure,
            Some("2026-11-25T03:00:00Z"),
            None,
        );
        r.job.duration_seconds = Some(61);
        let text = csv(&[r]);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert!(lines[1].starts_with("a,cyborgbackup,\"'=cmd, \"\"x\"\"\",failed,failure,2026-11-25T03:00:00Z,61,,,true,Manually,,,"), "{}", lines[1]);
        assert_eq!(lines[2], "");
    }
}
