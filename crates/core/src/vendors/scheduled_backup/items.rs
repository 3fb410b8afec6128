//! One checkpoint's items (a backup of each volume): their table, the chains they belong to,
//! and the restore form's choices.

use super::inputs::RestoreInput;
use super::models::{Checkpoint, CheckpointItem, Status};
use crate::api::{path_segment, FieldErrors};
use crate::spec::{Cell, Column, FormValues};

fn volume_label(item: &CheckpointItem) -> String {
    if item.resource.name.is_empty() {
        item.resource.id.clone()
    } else {
        item.resource.name.clone()
    }
}

/// The items of a checkpoint; a volume links to its checkpoints.
pub const ITEM_COLUMNS: [Column<CheckpointItem>; 6] = [
    Column::new("volume", "Volume", |i: &CheckpointItem, _| {
        Cell::text(volume_label(i))
    })
    .sorted()
    .link(|i| {
        Some(format!(
            "/checkpoints?volume_name={}",
            path_segment(&i.resource.name)
        ))
    }),
    Column::new("volume_id", "Volume ID", |i: &CheckpointItem, _| {
        Cell::Mono(i.resource.id.clone())
    }),
    Column::new("incremental", "Backup", |i: &CheckpointItem, _| {
        Cell::text(if i.is_incremental {
            "incremental"
        } else {
            "full"
        })
    })
    .sorted(),
    Column::new("chain", "Chain", |i: &CheckpointItem, _| {
        Cell::Mono(i.chain_id.clone())
    })
    .sorted(),
    Column::new("status", "Status", |i: &CheckpointItem, _| {
        Cell::status(i.status.as_str(), i.status.tone())
    })
    .sorted(),
    Column::new("created_at", "Made", |i: &CheckpointItem, _| {
        let text = if i.backup_created_at.is_empty() {
            &i.created_at
        } else {
            &i.backup_created_at
        };
        Cell::Time(crate::format::parse_instant(text))
    })
    .sorted(),
];

/// The chains a checkpoint's items belong to, each once: (chain id, volume).
pub fn chains(checkpoint: &Checkpoint) -> Vec<(String, String)> {
    let mut chains: Vec<(String, String)> = Vec::new();
    for item in &checkpoint.checkpoint_items {
        if !item.chain_id.is_empty() && !chains.iter().any(|(c, _)| *c == item.chain_id) {
            chains.push((item.chain_id.clone(), volume_label(item)));
        }
    }
    chains
}

/// The items that can be restored, as (item id, label) choices: only available backups.
pub fn restore_options(checkpoint: &Checkpoint) -> Vec<(String, String)> {
    checkpoint
        .checkpoint_items
        .iter()
        .filter(|i| i.status == Status::Available)
        .map(|i| {
            let kind = if i.is_incremental {
                "incremental"
            } else {
                "full"
            };
            (i.id.clone(), format!("{} ({kind} backup)", volume_label(i)))
        })
        .collect()
}

/// The restore form's first values: the first restorable item, and a name beside its volume's.
pub fn restore_defaults(checkpoint: &Checkpoint) -> FormValues {
    let first = checkpoint
        .checkpoint_items
        .iter()
        .find(|i| i.status == Status::Available);
    first
        .map(|i| {
            FormValues::from([
                ("checkpoint_item_id".to_owned(), i.id.clone()),
                (
                    "restore_name".to_owned(),
                    format!("{}-restored", volume_label(i)),
                ),
            ])
        })
        .unwrap_or_default()
}

pub fn restore_input(values: &FormValues) -> Result<RestoreInput, FieldErrors> {
    let text = |key: &str| values.get(key).map_or("", |v| v.trim()).to_owned();
    let input = RestoreInput {
        checkpoint_item_id: text("checkpoint_item_id"),
        restore_name: text("restore_name"),
    };
    let errors = input.validate();
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::scheduled_backup::models::Resource;

    fn item(
        id: &str,
        chain: &str,
        volume: &str,
        status: Status,
        incremental: bool,
    ) -> CheckpointItem {
        CheckpointItem {
            id: id.into(),
            chain_id: chain.into(),
            resource: Resource::volume(&format!("id-{volume}"), volume),
            status,
            is_incremental: incremental,
            backup_created_at: "2025-03-01T02:00:00Z".into(),
            ..CheckpointItem::default()
        }
    }

    #[test]
    fn items_chains_and_restore_choices() {
        let checkpoint = Checkpoint {
            checkpoint_items: vec![
                item("i1", "a", "db data", Status::Available, false),
                item("i2", "b", "logs", Status::Protecting, true),
                item("i3", "a", "db data", Status::Available, true),
            ],
            ..Checkpoint::default()
        };
        assert_eq!(
            chains(&checkpoint),
            [("a".into(), "db data".into()), ("b".into(), "logs".into())]
        );
        let options = restore_options(&checkpoint);
        assert_eq!(options.len(), 2);
        assert_eq!(options[0], ("i1".into(), "db data (full backup)".into()));
        let defaults = restore_defaults(&checkpoint);
        assert_eq!(defaults["restore_name"], "db data-restored");
        assert_eq!(restore_input(&defaults).unwrap().checkpoint_item_id, "i1");
        assert!(restore_input(&FormValues::new()).is_err());
        assert!(restore_defaults(&Checkpoint::default()).is_empty());
        let cell = |key: &str| {
            let column = ITEM_COLUMNS.iter().find(|c| c.key == key).unwrap();
            (
                column.cell_of(&checkpoint.checkpoint_items[1]).display(),
                column.link_of(&checkpoint.checkpoint_items[0]),
            )
        };
        assert_eq!(cell("incremental").0, "incremental");
        assert_eq!(cell("status").0, "protecting");
        assert_eq!(
            cell("volume").1.as_deref(),
            Some("/checkpoints?volume_name=db%20data")
        );
    }
}
