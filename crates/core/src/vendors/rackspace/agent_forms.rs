//! The small forms of an agent's page and of a restore, as field specs the UI renders.
//! Their test ids predate the specs and stay as they were.

use super::models::{Agent, BackupConfiguration};
use super::views::{DATA_CENTERS, LOG_LEVELS};
use crate::spec::{field, FieldKind::*, FieldSpec, FormValues};

fn encrypted(values: &FormValues) -> bool {
    values.get("encrypted").is_some_and(|v| v == "true")
}

fn not_encrypted(values: &FormValues) -> bool {
    !encrypted(values)
}

pub const BEHAVIOR_FIELDS: [FieldSpec; 2] = [
    field(
        "data_center",
        "Backup data center",
        Choice(&DATA_CENTERS),
        true,
        "",
    )
    .testid("data-center"),
    field(
        "service_net",
        "Use ServiceNet (no bandwidth charges)",
        Bool,
        false,
        "",
    )
    .testid("service-net"),
];

pub const LOG_LEVEL_FIELDS: [FieldSpec; 1] =
    [field("level", "Log level", Labeled(&LOG_LEVELS), true, "").testid("log-level")];

/// `encrypted` in the values says which passphrases are asked for.
pub const ENCRYPTION_FIELDS: [FieldSpec; 5] = [
    field("old", "Current passphrase", Secret, true, "")
        .testid("pass-old")
        .when(encrypted),
    field("new", "New passphrase", Secret, true, "")
        .testid("pass-new")
        .when(encrypted),
    field("new", "Passphrase", Secret, true, "")
        .testid("pass-new")
        .when(not_encrypted),
    field("again", "Repeat it", Secret, true, "").testid("pass-again"),
    field(
        "understood",
        "I understand encryption cannot be turned off and a lost passphrase means lost backups",
        Bool,
        false,
        "",
    )
    .testid("encryption-understood")
    .when(not_encrypted),
];

pub const MIGRATE_FIELDS: [FieldSpec; 1] = [field(
    "destination",
    "Receiving agent",
    Reference("agents"),
    true,
    "Neither agent may be encrypted, and this one must have no backup configurations.",
)
.testid("migrate-destination")];

pub const RESTORE_TARGET_FIELDS: [FieldSpec; 3] = [
    field(
        "destination",
        "Destination agent",
        Reference("agents"),
        true,
        "",
    )
    .testid("restore-destination"),
    field(
        "path",
        "Restore into folder",
        Text,
        true,
        "e.g. /srv/restore",
    )
    .testid("restore-path"),
    field(
        "overwrite",
        "Overwrite files that exist there",
        Bool,
        false,
        "",
    )
    .testid("restore-overwrite"),
];

pub const RESTORE_FILE_FIELDS: [FieldSpec; 3] = [
    field("path", "Path", Text, true, "e.g. /var/www/index.html").testid("restore-file-path"),
    field("exclude", "Exclude", Bool, false, "").testid("restore-file-exclude"),
    field("folder", "Folder", Bool, false, "").testid("restore-file-folder"),
];

pub const RESTORE_MOVE_FIELDS: [FieldSpec; 2] = [
    field("path", "New folder", Text, true, "").testid("restore-new-path"),
    field("overwrite", "Overwrite", Bool, false, "").testid("restore-new-overwrite"),
];

pub const RESTORE_PASSPHRASE_FIELDS: [FieldSpec; 1] = [field(
    "passphrase",
    "Encryption passphrase",
    Secret,
    true,
    "Encrypted in this browser with the agent's public key; never stored.",
)
.testid("restore-passphrase")];

/// Why a vault cannot move from `source` to `destination`, per the documented preconditions,
/// checked before anything is sent.
pub fn migration_problem(
    source: &Agent,
    destination: &Agent,
    destination_configs: &[BackupConfiguration],
) -> Option<String> {
    if source.is_encrypted {
        return Some(
            "This agent's backups are encrypted; encrypted vaults cannot be migrated.".into(),
        );
    }
    if destination.is_encrypted {
        return Some(format!(
            "{}'s backups are encrypted; encrypted vaults cannot be migrated.",
            destination.machine_name
        ));
    }
    if destination_configs.iter().any(|c| !c.is_deleted) {
        return Some(format!(
            "{} already has backup configurations; migrate only to an agent without any.",
            destination.machine_name
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_needs_two_unencrypted_agents_and_an_empty_destination() {
        let agent = |name: &str, encrypted: bool| Agent {
            machine_name: name.into(),
            is_encrypted: encrypted,
            ..Agent::default()
        };
        let config = |deleted: bool| -> BackupConfiguration {
            serde_json::from_value(
                serde_json::json!({"BackupConfigurationId": 1, "Frequency": "Manually", "IsDeleted": deleted}),
            )
            .unwrap()
        };
        let (web, db) = (agent("web-01", false), agent("db-01", false));
        assert_eq!(migration_problem(&web, &db, &[config(true)]), None);
        assert!(migration_problem(&web, &db, &[config(false)])
            .unwrap()
            .contains("db-01 already has backup configurations"));
        assert!(migration_problem(&agent("a", true), &db, &[])
            .unwrap()
            .starts_with("This agent's backups are encrypted"));
        assert!(migration_problem(&web, &agent("b", true), &[])
            .unwrap()
            .starts_with("b's backups"));
    }

    #[test]
    fn encryption_asks_for_the_current_passphrase_only_when_encrypted() {
        let shown = |encrypted: &str| -> Vec<&str> {
            let values: FormValues = [("encrypted".to_owned(), encrypted.to_owned())].into();
            ENCRYPTION_FIELDS
                .iter()
                .filter(|f| f.is_visible(&values))
                .map(|f| f.label)
                .collect()
        };
        assert_eq!(
            shown("true"),
            ["Current passphrase", "New passphrase", "Repeat it"]
        );
        assert_eq!(shown("false")[0], "Passphrase");
        assert!(shown("false").last().unwrap().starts_with("I understand"));
    }
}
