//! The tables of the Rackspace pages: agents, configurations, completed backups, activity.

use super::models::{Activity, Agent, BackupConfiguration, CompletedBackup};
use crate::schedule::rackspace::Frequency;
use crate::spec::{Cell, Column, Tone};

/// How good a backup, restore or cleanup state is. The document's states, in any spelling it uses.
pub fn state_tone(state: &str) -> Tone {
    match state.to_ascii_lowercase().replace(' ', "").as_str() {
        "completed" => Tone::Good,
        "completedwitherrors" => Tone::Warning,
        "failed" | "missed" => Tone::Bad,
        "creating" | "queued" | "inprogress" | "startrequested" | "stoprequested" | "preparing" => {
            Tone::Busy
        }
        _ => Tone::Neutral,
    }
}

/// An agent's status as the service reports it; "…" while its own record is still loading.
pub fn agent_status(status: &str) -> Cell {
    let tone = match status {
        "Online" => Tone::Good,
        "Offline" => Tone::Warning,
        _ => Tone::Neutral,
    };
    Cell::status(status, tone)
}

/// The console route an activity row opens: its backup or its restore (the row's `ID` names
/// either, by its type); cleanups have no page.
pub fn activity_route(activity: &Activity) -> Option<String> {
    match (activity.kind.as_str(), activity.id) {
        (_, 0) => None,
        ("Backup", id) => Some(format!("/backups/{id}")),
        ("Restore", id) => Some(format!("/restores/{id}")),
        _ => None,
    }
}

fn frequency_name(f: Frequency) -> &'static str {
    match f {
        Frequency::Manually => "Manually",
        Frequency::Hourly => "Hourly",
        Frequency::Daily => "Daily",
        Frequency::Weekly => "Weekly",
    }
}

fn flag(b: bool) -> Cell {
    Cell::Flag(Some(b))
}

pub const AGENT_COLUMNS: [Column<Agent>; 7] = [
    Column::new("MachineName", "Name", |a: &Agent, _| {
        Cell::text(&a.machine_name)
    })
    .sorted()
    .link(|a| Some(format!("/agents/{}", a.machine_agent_id))),
    Column::new("Status", "Status", |a: &Agent, _| agent_status(&a.status)).sorted(),
    Column::new("OperatingSystem", "Operating system", |a: &Agent, _| {
        Cell::text(&a.operating_system)
    })
    .sorted(),
    Column::new("BackupVaultSize", "Vault size", |a: &Agent, _| {
        Cell::text(&a.backup_vault_size)
    }),
    Column::new(
        "TimeOfLastSuccessfulBackup",
        "Last successful backup",
        |a: &Agent, _| Cell::Time(a.time_of_last_successful_backup),
    )
    .sorted(),
    Column::new("IsEncrypted", "Encrypted", |a: &Agent, _| {
        flag(a.is_encrypted)
    }),
    Column::new("IsDisabled", "Disabled", |a: &Agent, _| flag(a.is_disabled)),
];

pub const CONFIGURATION_COLUMNS: [Column<BackupConfiguration>; 6] = [
    Column::new(
        "BackupConfigurationName",
        "Name",
        |c: &BackupConfiguration, _| Cell::text(&c.backup_configuration_name),
    )
    .sorted()
    .link(|c| Some(format!("/configurations/{}", c.backup_configuration_id))),
    Column::new("MachineName", "Agent", |c: &BackupConfiguration, _| {
        Cell::text(&c.machine_name)
    })
    .sorted(),
    Column::new("Frequency", "Frequency", |c: &BackupConfiguration, _| {
        Cell::text(frequency_name(c.schedule.frequency))
    })
    .sorted(),
    Column::new(
        "NextScheduledRunTime",
        "Next run",
        |c: &BackupConfiguration, _| Cell::Time(c.next_scheduled_run_time),
    )
    .sorted(),
    Column::new("LastRunTime", "Last run", |c: &BackupConfiguration, _| {
        Cell::Time(c.last_run_time)
    })
    .sorted(),
    Column::new("IsActive", "Active", |c: &BackupConfiguration, _| {
        flag(c.is_active)
    }),
];

pub const COMPLETED_COLUMNS: [Column<CompletedBackup>; 4] = [
    Column::new("BackupId", "Backup", |b: &CompletedBackup, _| {
        Cell::text(b.backup_id.to_string())
    })
    .sorted()
    .link(|b| Some(format!("/backups/{}", b.backup_id))),
    Column::new("CompletedTime", "Completed", |b: &CompletedBackup, _| {
        Cell::Time(b.completed_time)
    })
    .sorted(),
    Column::new("BytesSearched", "Searched", |b: &CompletedBackup, _| {
        Cell::Bytes(Some(b.bytes_searched))
    })
    .sorted(),
    Column::new("NumErrors", "Errors", |b: &CompletedBackup, _| {
        Cell::Number(Some(b.num_errors as f64))
    })
    .sorted(),
];

pub const ACTIVITY_COLUMNS: [Column<Activity>; 6] = [
    Column::new("DisplayName", "Name", |a: &Activity, _| {
        Cell::text(&a.display_name)
    })
    .sorted()
    .link(activity_route),
    Column::new("Type", "Type", |a: &Activity, _| Cell::text(&a.kind)).sorted(),
    Column::new("CurrentState", "State", |a: &Activity, _| {
        Cell::status(&a.current_state, state_tone(&a.current_state))
    })
    .sorted(),
    Column::new("SourceMachineName", "Source", |a: &Activity, _| {
        Cell::text(&a.source_machine_name)
    })
    .sorted(),
    Column::new(
        "DestinationMachineName",
        "Destination",
        |a: &Activity, _| Cell::text(&a.destination_machine_name),
    )
    .sorted(),
    Column::new("TimeOfActivity", "When", |a: &Activity, _| {
        Cell::Time(a.time_of_activity)
    })
    .sorted(),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_rows_open_their_backup_or_restore() {
        let row = |kind: &str, id: u64| Activity {
            kind: kind.into(),
            id,
            backup_id: Some(134332),
            ..Activity::default()
        };
        assert_eq!(
            activity_route(&row("Backup", 137987)).as_deref(),
            Some("/backups/137987")
        );
        assert_eq!(
            activity_route(&row("Restore", 55)).as_deref(),
            Some("/restores/55")
        );
        assert_eq!(activity_route(&row("Cleanup", 9)), None);
        assert_eq!(activity_route(&row("Backup", 0)), None);
    }

    #[test]
    fn states_have_tones_in_every_documented_spelling() {
        assert_eq!(state_tone("Completed WithErrors"), Tone::Warning);
        assert_eq!(state_tone("startRequested"), Tone::Busy);
        assert_eq!(state_tone("Failed"), Tone::Bad);
        assert_eq!(state_tone("Stopped"), Tone::Neutral);
    }
}
