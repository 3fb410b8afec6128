//! How the console shows Cloudback definitions: the subjects table and the settings form.

use super::errors::explain;
use super::models::{platform_label, Definition, Settings};
use super::subject::Subject;
use crate::api::{ApiError, FieldErrors};
use crate::spec::{Cell, Column, Tone};

/// A managed subject and what the console knows of its definition so far.
#[derive(Clone, Debug, PartialEq)]
pub struct SubjectRow {
    pub subject: Subject,
    pub state: RowState,
}

/// Each row loads its definition on its own.
#[derive(Clone, Debug, PartialEq)]
pub enum RowState {
    Loading,
    Loaded(Definition),
    /// The failure in the operator's words, and its kind.
    Failed {
        message: String,
        kind: &'static str,
    },
}

impl RowState {
    /// The state of a row whose definition was asked for: no answer yet, or the answer.
    pub fn of(answer: Option<&Result<Definition, ApiError>>) -> Self {
        match answer {
            None => RowState::Loading,
            Some(Ok(definition)) => RowState::Loaded(definition.clone()),
            Some(Err(error)) => RowState::Failed {
                message: explain(error),
                kind: error.kind(),
            },
        }
    }
}

impl SubjectRow {
    pub fn settings(&self) -> Option<&Settings> {
        match &self.state {
            RowState::Loaded(d) => Some(&d.settings),
            _ => None,
        }
    }

    fn setting(&self, pick: fn(&Settings) -> &str) -> Cell {
        Cell::text(self.settings().map(pick).unwrap_or_default())
    }
}

fn state_cell(row: &SubjectRow) -> Cell {
    match &row.state {
        RowState::Loading => Cell::status("Loading…", Tone::Busy),
        RowState::Failed { message, .. } => Cell::status(message.clone(), Tone::Bad),
        RowState::Loaded(d) if d.settings.enabled => Cell::status("Enabled", Tone::Good),
        RowState::Loaded(_) => Cell::status("Disabled", Tone::Neutral),
    }
}

/// The subjects table; the name links to the definition's form.
pub const DEFINITION_COLUMNS: [Column<SubjectRow>; 8] = [
    Column::new("platform", "Platform", |r: &SubjectRow, _| {
        Cell::text(platform_label(&r.subject.platform))
    })
    .sorted(),
    Column::new("account", "Account", |r: &SubjectRow, _| {
        Cell::text(&r.subject.account)
    })
    .sorted(),
    Column::new("subjectType", "Type", |r: &SubjectRow, _| {
        Cell::text(r.subject.subject_type.as_str())
    })
    .sorted(),
    Column::new("subjectName", "Name", |r: &SubjectRow, _| {
        Cell::Mono(r.subject.subject_name.clone())
    })
    .sorted()
    .link(|r| Some(r.subject.route())),
    Column::new("enabled", "State", |r: &SubjectRow, _| state_cell(r)).sorted(),
    Column::new("schedule", "Schedule", |r: &SubjectRow, _| {
        r.setting(|s| &s.schedule)
    })
    .sorted(),
    Column::new("storage", "Storage", |r: &SubjectRow, _| {
        r.setting(|s| &s.storage)
    })
    .sorted(),
    Column::new("retention", "Retention", |r: &SubjectRow, _| {
        r.setting(|s| &s.retention)
    })
    .sorted(),
];

/// Problems in the settings form, per field. Names are free text (the dashboard's own), so
/// only emptiness is checked here; Cloudback answers 422 for a name it does not know.
pub fn validate_settings(settings: &Settings) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for (field, value, message) in [
        (
            "schedule",
            &settings.schedule,
            "Enter a schedule's name, e.g. Daily at 9 pm.",
        ),
        ("storage", &settings.storage, "Enter a storage's name."),
        (
            "retention",
            &settings.retention,
            "Choose how long backups are kept.",
        ),
    ] {
        if value.trim().is_empty() {
            errors.insert(field.to_owned(), vec![message.to_owned()]);
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::cloudback::models::SubjectType;

    #[test]
    fn rows_show_their_own_state_and_settings_once_loaded() {
        let subject = Subject::new("AzureDevOps", "org", SubjectType::Project, "p");
        let cell = |row: &SubjectRow, key: &str| {
            DEFINITION_COLUMNS
                .iter()
                .find(|c| c.key == key)
                .unwrap()
                .cell_of(row)
                .display()
        };
        let mut row = SubjectRow {
            subject,
            state: RowState::Loading,
        };
        assert_eq!(cell(&row, "platform"), "Azure DevOps");
        assert_eq!(cell(&row, "enabled"), "Loading…");
        assert_eq!(cell(&row, "retention"), "—");
        row.state = RowState::Loaded(Definition {
            settings: Settings {
                enabled: true,
                retention: "Last 90 days".into(),
                ..Settings::default()
            },
            ..Definition::default()
        });
        assert_eq!(cell(&row, "enabled"), "Enabled");
        assert_eq!(cell(&row, "retention"), "Last 90 days");
        row.state = RowState::of(Some(&Err(ApiError::NotFound {
            subject: "GitHub acme/x".into(),
        })));
        assert!(cell(&row, "enabled").starts_with("Cloudback does not know GitHub acme/x."));
        assert_eq!(RowState::of(None), RowState::Loading);
    }

    #[test]
    fn settings_need_every_name() {
        let errors = validate_settings(&Settings::default());
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["retention", "schedule", "storage"]
        );
        let settings = Settings {
            schedule: "Daily at 9 pm".into(),
            storage: "Cloudback EU".into(),
            retention: "Last 30 days".into(),
            ..Settings::default()
        };
        assert!(validate_settings(&settings).is_empty());
    }
}
