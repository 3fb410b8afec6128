//! The schedule editor: cron expressions with their meaning and next runs in a time zone, and
//! the 7x24 backup-window grid. Used by the standalone `/schedule` page and vendor forms.

pub mod cron_editor;
pub mod page;
pub mod window_grid;

use backup_console_core::schedule::Zone;
use chrono::{DateTime, Utc};

/// `<time datetime>` wants the instant with its offset.
pub fn iso_with_offset(t: &DateTime<Zone>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// How a run reads in a list: "Mon 2026-11-30 05:00 EST".
pub fn run_label(t: &DateTime<Zone>) -> String {
    t.format("%a %Y-%m-%d %H:%M %Z").to_string()
}

pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
