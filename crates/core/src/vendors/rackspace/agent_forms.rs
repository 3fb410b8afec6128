//! The small forms of an agent's page and of a restore, as field specs the UI renders.
//! Their test ids predate the specs and stay as they were.

use super::crypto::encrypt_passphrase;
use super::models::{Agent, AvailableBackup, BackupConfiguration, Restore};
use super::requests::{
    self,
    inputs::{ChangeEncryption, CreateRestore, EncryptAgent, RestoreFileInput, UpdateRestore},
};
use super::views::{DATA_CENTERS, LOG_LEVELS};
use crate::api::ApiRequest;
use crate::spec::{field, flag_of, text_of, FieldKind::*, FieldSpec, FormValues};

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

/// A path to include in (or leave out of) restore `restore_id`; `None` without a path.
pub fn restore_file_input(restore_id: u64, values: &FormValues) -> Option<RestoreFileInput> {
    let path = text_of(values, "path");
    (!path.is_empty()).then(|| RestoreFileInput {
        file_path: path,
        filter: if flag_of(values, "exclude") { "2" } else { "1" }.into(),
        parent_id: restore_id,
        file_item_type: if flag_of(values, "folder") { "1" } else { "0" }.into(),
    })
}

/// The restore with a new destination folder (only while it is being created); `None` without
/// a folder. Everything else is sent as the service has it.
pub fn moved_restore(restore: &Restore, values: &FormValues) -> Option<UpdateRestore> {
    let path = text_of(values, "path");
    (!path.is_empty()).then(|| UpdateRestore {
        restore_id: restore.restore_id,
        backup_configuration_id: restore.backup_configuration_id,
        restore_state_id: restore.restore_state_id,
        backup_machine_id: restore.backup_machine_id,
        destination_machine_id: restore.destination_machine_id,
        destination_path: path,
        backup_data_center: restore.backup_data_center.clone(),
        backup_id: restore.backup_id,
        overwrite_files: flag_of(values, "overwrite"),
    })
}

/// The restore the wizard asks for (from a configuration, a restore point and the target form), or the problem to fix first.
pub fn restore_input(
    config: &AvailableBackup,
    backup: &str,
    values: &FormValues,
    agents: &[Agent],
) -> Result<CreateRestore, String> {
    let text = |k: &str| text_of(values, k);
    let (Ok(backup_id), Ok(dest)) = (backup.parse::<u64>(), text("destination").parse::<u64>())
    else {
        return Err("Choose a restore point and the agent to restore to.".into());
    };
    if text("path").is_empty() {
        return Err("Enter the folder to restore into.".into());
    }
    let data_center = agents
        .iter()
        .find(|a| a.machine_agent_id == config.machine_agent_id)
        .map(|a| a.backup_data_center.clone().unwrap_or(a.datacenter.clone()))
        .unwrap_or_default();
    Ok(CreateRestore {
        backup_id,
        backup_machine_id: config.machine_agent_id,
        destination_machine_id: dest,
        destination_path: text("path"),
        backup_data_center: data_center,
        overwrite_files: flag_of(values, "overwrite"),
    })
}

/// The encryption request the form asks for (turn on, or change the passphrase), or the problem to fix first. Passphrases are RSA-encrypted with the agent's public key here.
pub fn encryption_request(
    tenant: &str,
    agent: &Agent,
    values: &FormValues,
) -> Result<ApiRequest, String> {
    let text = |k: &str| values.get(k).cloned().unwrap_or_default();
    let (new, again) = (text("new"), text("again"));
    if new.chars().count() < 8 {
        return Err("Use a passphrase of at least 8 characters.".into());
    }
    if new != again {
        return Err("The two passphrases differ.".into());
    }
    if !agent.is_encrypted && text("understood") != "true" {
        return Err("Confirm that you understand encryption cannot be turned off.".into());
    }
    let seal =
        |p: &str| encrypt_passphrase(&agent.public_key.modulus(), &agent.public_key.exponent(), p);
    let id = agent.machine_agent_id;
    if agent.is_encrypted {
        let input = ChangeEncryption {
            machine_agent_id: id,
            old_encrypted_password_hex: seal(&text("old"))?,
            new_encrypted_password_hex: seal(&new)?,
        };
        Ok(requests::change_encryption(tenant, &input))
    } else {
        let input = EncryptAgent {
            machine_agent_id: id,
            encrypted_password_hex: seal(&new)?,
        };
        Ok(requests::encrypt_agent(tenant, &input))
    }
}

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
    fn restore_forms_become_requests() {
        let values: FormValues = [
            ("path", " /var/www "),
            ("exclude", "true"),
            ("folder", "false"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
        let file = restore_file_input(7, &values).unwrap();
        assert_eq!(
            (
                file.file_path.as_str(),
                file.filter.as_str(),
                file.file_item_type.as_str(),
                file.parent_id
            ),
            ("/var/www", "2", "0", 7)
        );
        assert!(restore_file_input(7, &FormValues::new()).is_none());
        let restore = Restore {
            restore_id: 7,
            destination_path: "/old".into(),
            ..Restore::default()
        };
        let moved = moved_restore(&restore, &values).unwrap();
        assert_eq!(
            (
                moved.restore_id,
                moved.destination_path.as_str(),
                moved.overwrite_files
            ),
            (7, "/var/www", false)
        );
    }

    #[test]
    fn encryption_checks_the_passphrases_before_anything_is_encrypted() {
        let values = |pairs: &[(&str, &str)]| -> FormValues {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let agent = Agent::default();
        let problem = |v: &FormValues| encryption_request("1", &agent, v).unwrap_err();
        assert!(problem(&values(&[("new", "short"), ("again", "short")])).contains("at least 8"));
        assert!(
            problem(&values(&[("new", "long enough"), ("again", "long enouhg")]))
                .contains("differ")
        );
        assert!(
            problem(&values(&[("new", "long enough"), ("again", "long enough")]))
                .contains("cannot be turned off")
        );
    }

    #[test]
    fn a_restore_needs_a_point_a_destination_and_a_folder() {
        let config = AvailableBackup {
            machine_agent_id: 5,
            ..AvailableBackup::default()
        };
        let agents = [Agent {
            machine_agent_id: 5,
            datacenter: "DFW".into(),
            backup_data_center: Some("ORD".into()),
            ..Agent::default()
        }];
        let mut values: FormValues = [
            ("destination", "6"),
            ("path", " /srv/r "),
            ("overwrite", "true"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
        let input = restore_input(&config, "134332", &values, &agents).unwrap();
        assert_eq!(
            (
                input.backup_id,
                input.backup_machine_id,
                input.destination_machine_id
            ),
            (134332, 5, 6)
        );
        assert_eq!(
            (
                input.destination_path.as_str(),
                input.backup_data_center.as_str()
            ),
            ("/srv/r", "ORD")
        );
        assert!(input.overwrite_files);
        assert!(restore_input(&config, "", &values, &agents)
            .unwrap_err()
            .contains("restore point"));
        values.remove("path");
        assert!(restore_input(&config, "1", &values, &agents)
            .unwrap_err()
            .contains("folder"));
    }

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
