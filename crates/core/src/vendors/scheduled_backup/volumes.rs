//! Volumes for a plan's form. The document has no call that lists volumes, so the form takes
//! them as id and name, suggests the ones already seen in the project's plans and checkpoints,
//! and reads many at once from pasted lines.

use std::collections::BTreeMap;

use super::models::{Checkpoint, Plan, Resource};

/// The volumes named in `plans` and `checkpoints`, one per id, sorted by name then id. Plans are
/// newer than old checkpoints, so a volume's name in a plan wins.
pub fn known_volumes(plans: &[Plan], checkpoints: &[Checkpoint]) -> Vec<Resource> {
    let mut by_id: BTreeMap<String, Resource> = BTreeMap::new();
    let from_checkpoints = checkpoints
        .iter()
        .flat_map(|c| &c.checkpoint_items)
        .map(|i| &i.resource);
    let from_plans = plans.iter().flat_map(|p| &p.resources);
    for volume in from_checkpoints.chain(from_plans) {
        if !volume.id.trim().is_empty() {
            by_id.insert(volume.id.clone(), volume.clone());
        }
    }
    let mut volumes: Vec<Resource> = by_id.into_values().collect();
    volumes.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    volumes
}

/// A pasted line that is not a volume, 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VolumeLineError {
    pub line: usize,
    pub text: String,
    pub message: String,
}

/// Volumes pasted one per line as `id name` (the name may contain spaces; a tab or a comma
/// may separate them too). An id alone takes its name from `known`. Blank lines and lines
/// starting with `#` are skipped; a volume listed twice is kept once.
pub fn parse_volume_lines(text: &str, known: &[Resource]) -> (Vec<Resource>, Vec<VolumeLineError>) {
    let mut volumes: Vec<Resource> = Vec::new();
    let mut errors = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (id, name) = match line.split_once(|c: char| c.is_whitespace() || c == ',') {
            Some((id, name)) => (id.trim(), name.trim().trim_start_matches(',').trim()),
            None => (line, ""),
        };
        let name = if name.is_empty() {
            known
                .iter()
                .find(|v| v.id == id)
                .map(|v| v.name.as_str())
                .unwrap_or_default()
        } else {
            name
        };
        if name.is_empty() {
            errors.push(VolumeLineError {
                line: index + 1,
                text: line.to_owned(),
                message: format!("Write the name of volume {id} after its id."),
            });
        } else if !volumes.iter().any(|v| v.id == id) {
            volumes.push(Resource::volume(id, name));
        }
    }
    (volumes, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::scheduled_backup::models::CheckpointItem;

    #[test]
    fn volumes_seen_in_plans_and_checkpoints() {
        let plan = Plan {
            resources: vec![
                Resource::volume("v1", "db-new"),
                Resource::volume("v2", "app"),
            ],
            ..Plan::default()
        };
        let item = |id: &str, name: &str| CheckpointItem {
            resource: Resource::volume(id, name),
            ..CheckpointItem::default()
        };
        let checkpoint = Checkpoint {
            checkpoint_items: vec![item("v1", "db-old"), item("v3", "logs"), item("", "ghost")],
            ..Checkpoint::default()
        };
        let names: Vec<(String, String)> = known_volumes(&[plan], &[checkpoint])
            .into_iter()
            .map(|v| (v.id, v.name))
            .collect();
        assert_eq!(
            names,
            [
                ("v2".to_owned(), "app".to_owned()),
                ("v1".to_owned(), "db-new".to_owned()),
                ("v3".to_owned(), "logs".to_owned())
            ]
        );
    }

    #[test]
    fn pasted_lines_give_volumes_or_errors() {
        let known = [Resource::volume("v9", "archive")];
        let text = "v1 db data\n\n# comment\nv2\tlogs\nv3,web\nv1 again\nv9\nv4\n";
        let (volumes, errors) = parse_volume_lines(text, &known);
        assert_eq!(
            volumes,
            [
                Resource::volume("v1", "db data"),
                Resource::volume("v2", "logs"),
                Resource::volume("v3", "web"),
                Resource::volume("v9", "archive"),
            ]
        );
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].text.as_str()), (8, "v4"));
    }
}
