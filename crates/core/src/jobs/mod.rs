//! One view of every vendor's backup unit: a [`Job`].
//!
//! A CyBorgBackup policy, a Rackspace backup configuration, a Xopero plan, a Cloudback
//! definition and a Scheduled Backup plan each become a job with the same fields: where it
//! lives (connection, vendor, the console route of its page), whether it is enabled, its
//! schedule in the schedule module's terms with the zone it is read in, its backup window,
//! its last result and when it finished (and how long it took) where the vendor says, and its
//! next run, the vendor's when it says, else computed from the schedule.
//!
//! Each vendor's mapping is its own module, fed with the answers the console already reads
//! for the vendor's pages. Health ([`health`]), the overview table ([`table`]) and the week of
//! runs ([`week`]) work on jobs only, with the clock passed in, so they are tested natively.

pub mod cloudback;
pub mod cyborgbackup;
pub mod health;
pub mod named;
pub mod rackspace;
mod schedule;
pub mod scheduled_backup;
pub mod table;
pub mod week;
pub mod xopero;

use chrono::{DateTime, Utc};

pub use health::Health;
pub use schedule::JobSchedule;

use crate::schedule::BackupWindow;
use crate::spec::Tone;
use crate::vendors::Vendor;

/// The connection a job comes from, as the overview names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    pub label: String,
}

impl Source {
    pub fn new(id: &str, label: &str) -> Self {
        Self {
            id: id.to_owned(),
            label: if label.trim().is_empty() {
                id.to_owned()
            } else {
                label.to_owned()
            },
        }
    }

    /// A console route below this connection: `/c/{id}{rest}`.
    pub fn route(&self, rest: &str) -> String {
        format!("/c/{}{rest}", crate::api::path_segment(&self.id))
    }
}

/// How the last run ended, in the same words for every vendor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LastResult {
    Failure,
    Warning,
    Running,
    Success,
    /// The vendor does not say, or the job never ran.
    Unknown,
}

impl LastResult {
    pub const ALL: [LastResult; 5] = [
        LastResult::Failure,
        LastResult::Warning,
        LastResult::Running,
        LastResult::Success,
        LastResult::Unknown,
    ];

    /// A stable name for URLs, CSV and tests.
    pub fn name(self) -> &'static str {
        match self {
            LastResult::Failure => "failure",
            LastResult::Warning => "warning",
            LastResult::Running => "running",
            LastResult::Success => "success",
            LastResult::Unknown => "unknown",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LastResult::Failure => "Failed",
            LastResult::Warning => "Warnings",
            LastResult::Running => "Running",
            LastResult::Success => "Succeeded",
            LastResult::Unknown => "Unknown",
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            LastResult::Failure => Tone::Bad,
            LastResult::Warning => Tone::Warning,
            LastResult::Running => Tone::Busy,
            LastResult::Success => Tone::Good,
            LastResult::Unknown => Tone::Neutral,
        }
    }

    /// Whether a run that ended this way backed something up (warnings are partial successes).
    pub fn succeeded(self) -> bool {
        matches!(self, LastResult::Success | LastResult::Warning)
    }
}

/// The next run and who said so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextRun {
    pub at: DateTime<Utc>,
    /// The vendor sent it; otherwise the console computed it from the schedule.
    pub from_vendor: bool,
}

/// One backup unit of any vendor.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub connection: String,
    pub connection_label: String,
    pub vendor: Vendor,
    /// The vendor's id of the unit (unique within the connection).
    pub id: String,
    pub name: String,
    /// The console route of its page (`/c/{connection}/...`), without the base path.
    pub route: String,
    /// Enabled (started, active); `false` is suspended.
    pub enabled: bool,
    pub schedule: JobSchedule,
    /// Hours of the week runs may start in, read in the schedule's zone.
    pub window: Option<BackupWindow>,
    pub last: LastResult,
    pub last_started: Option<DateTime<Utc>>,
    pub last_finished: Option<DateTime<Utc>>,
    /// The last run that backed something up, when known.
    pub last_success: Option<DateTime<Utc>>,
    pub duration_seconds: Option<u64>,
    pub next_run: Option<NextRun>,
    /// What the console could not read about this job (shown beside it).
    pub note: Option<String>,
}

impl Job {
    /// A job with nothing known yet beyond where it lives; the vendor modules fill the rest.
    pub fn new(source: &Source, vendor: Vendor, id: &str, name: &str, route: String) -> Self {
        Self {
            connection: source.id.clone(),
            connection_label: source.label.clone(),
            vendor,
            id: id.to_owned(),
            name: name.to_owned(),
            route,
            enabled: true,
            schedule: JobSchedule::Manual,
            window: None,
            last: LastResult::Unknown,
            last_started: None,
            last_finished: None,
            last_success: None,
            duration_seconds: None,
            next_run: None,
            note: None,
        }
    }

    /// A key unique across connections.
    pub fn key(&self) -> String {
        format!("{}/{}", self.connection, self.id)
    }

    /// When the last run happened: its end if the vendor says, else its start.
    pub fn last_run(&self) -> Option<DateTime<Utc>> {
        self.last_finished.or(self.last_started)
    }

    /// The vendor's next run, or the first one the schedule gives after `now` for an enabled
    /// job; the vendor's wins when it says.
    pub fn with_next_run(mut self, vendor: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        self.next_run = match vendor {
            Some(at) => Some(NextRun {
                at,
                from_vendor: true,
            }),
            None if self.enabled => self.schedule.runs(now, 1).first().map(|at| NextRun {
                at: *at,
                from_vendor: false,
            }),
            None => None,
        };
        self
    }

    /// A successful last run counts as the last success unless the vendor said otherwise.
    pub fn with_success_from_last(mut self) -> Self {
        if self.last.succeeded() && self.last_success.is_none() {
            self.last_success = self.last_run();
        }
        self
    }
}

#[cfg(test)]
pub(crate) fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("an RFC 3339 instant")
        .with_timezone(&Utc)
}
