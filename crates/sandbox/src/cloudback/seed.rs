//! Demo data: GitHub repositories of `acme` and an Azure DevOps repository and project of
//! `contoso`; three of four allowed definitions enabled, so one more can be enabled and a
//! second is refused (402). `acme/mobile` exists but is not in the demo connection's list,
//! for adding a subject. One definition keeps a retention the dashboard no longer offers.

use backup_console_core::vendors::cloudback::models::{Definition, Settings, SubjectType};

use super::store::Store;

/// Definitions that may be enabled at once on the demo plan.
pub const PLAN_LIMIT: usize = 4;

pub const SCHEDULES: [&str; 4] = [
    "Daily at 9 pm",
    "Daily at 3 am",
    "Every 12 hours",
    "Weekly on Sunday",
];
pub const STORAGES: [&str; 3] = ["Cloudback EU", "Cloudback US", "Acme S3 archive"];

/// (platform, account, type, name, enabled, schedule, storage, retention, listed in the demo
/// connection)
type Row = (
    &'static str,
    &'static str,
    SubjectType,
    &'static str,
    bool,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

#[rustfmt::skip]
fn rows() -> [Row; 7] {
    use SubjectType::{Project, Repository};
    [
        ("GitHub", "acme", Repository, "api", true, "Daily at 9 pm", "Cloudback EU", "Last 30 days", true),
        ("GitHub", "acme", Repository, "web", true, "Daily at 3 am", "Cloudback US", "Last 90 days", true),
        ("GitHub", "acme", Repository, "docs", false, "Daily at 9 pm", "Cloudback EU", "Last 30 days", true),
        ("GitHub", "acme", Repository, "legacy", false, "Weekly on Sunday", "Acme S3 archive", "Last 7 days", true),
        ("AzureDevOps", "contoso", Repository, "Platform/backend", true, "Every 12 hours", "Cloudback EU", "Last 180 days", true),
        ("AzureDevOps", "contoso", Project, "Platform", false, "Daily at 9 pm", "Cloudback EU", "Last 360 days", true),
        ("GitHub", "acme", Repository, "mobile", false, "Daily at 9 pm", "Cloudback EU", "Last 30 days", false),
    ]
}

fn definition(row: &Row) -> Definition {
    Definition {
        platform: row.0.into(),
        account: row.1.into(),
        subject_type: row.2.clone(),
        subject_name: row.3.into(),
        settings: Settings {
            enabled: row.4,
            schedule: row.5.into(),
            storage: row.6.into(),
            retention: row.7.into(),
            ..Settings::default()
        },
        ..Definition::default()
    }
}

pub fn seeded() -> Store {
    Store {
        definitions: rows().iter().map(definition).collect(),
    }
}

/// The subjects of the demo connection.
pub fn listed() -> Vec<Definition> {
    rows().iter().filter(|r| r.8).map(definition).collect()
}
