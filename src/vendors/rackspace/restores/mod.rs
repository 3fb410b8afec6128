//! Restores, as a guided flow: pick a configuration with restorable backups, a restore point,
//! the destination and what to include, then start and watch it (stop if needed) to its report.

mod detail;
mod files;
mod wizard;

pub use detail::RestoreDetail;
pub use wizard::RestoreWizard;

/// States in which a restore is under way and worth polling.
const RUNNING: [&str; 5] = [
    "Queued",
    "InProgress",
    "StartRequested",
    "StopRequested",
    "Preparing",
];

fn when(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map_or("—".into(), crate::clock::time_label)
}
