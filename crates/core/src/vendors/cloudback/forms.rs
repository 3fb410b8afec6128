//! The Cloudback forms as data: a definition's settings, a subject to add, subjects to paste,
//! and what enabling or disabling several definitions at once sends.

use std::collections::BTreeSet;

use super::models::{
    canonical_platform, retention_choices, retention_note, Definition, Settings, SubjectType,
    PLATFORMS,
};
use super::subject::Subject;
use super::views::{validate_settings, RowState, SubjectRow};
use crate::api::FieldErrors;
use crate::spec::{field, FieldKind::*, FieldSpec, FormValues};

/// The settings form. Schedule and storage are the dashboard's own names: free text, with the
/// names seen so far suggested (`schedules`, `storages`); retention is one of the dashboard's
/// four or the value the definition already has (`retentions`).
pub const SETTINGS_FIELDS: [FieldSpec; 4] = [
    field(
        "enabled",
        "Enabled (backs up on its schedule)",
        Bool,
        false,
        "",
    ),
    field(
        "schedule",
        "Schedule",
        Suggest("schedules"),
        true,
        "The name of a schedule in the Cloudback dashboard, e.g. Daily at 9 pm.",
    ),
    field(
        "storage",
        "Storage",
        Suggest("storages"),
        true,
        "The name of a storage in the Cloudback dashboard.",
    ),
    field(
        "retention",
        "Retention",
        Options("retentions"),
        true,
        "How long backups are kept.",
    ),
];

const TYPES: [&str; 2] = ["Repository", "Project"];

/// A subject to add; `platforms` suggests the three known platforms, any other is sent as typed.
pub const SUBJECT_FIELDS: [FieldSpec; 4] = [
    field(
        "platform",
        "Platform",
        Suggest("platforms"),
        true,
        "GitHub, AzureDevOps or GitLab.",
    ),
    field(
        "account",
        "Account",
        Text,
        true,
        "The account or organization.",
    ),
    field(
        "subjectType",
        "Type",
        Choice(&TYPES),
        true,
        "Project: a whole Azure DevOps project.",
    ),
    field(
        "subjectName",
        "Name",
        Text,
        true,
        "GitHub: repository · Azure DevOps: project/repository, or the project alone.",
    ),
];

pub const PASTE_FIELDS: [FieldSpec; 1] = [field(
    "lines",
    "Subjects, one per line",
    Lines,
    true,
    "Platform then account/name, e.g. GitHub acme/api or AzureDevOps contoso/Platform/backend; a repository's address works too.",
)];

/// The settings as the form's values.
pub fn settings_values(settings: &Settings) -> FormValues {
    FormValues::from([
        ("enabled".to_owned(), settings.enabled.to_string()),
        ("schedule".to_owned(), settings.schedule.clone()),
        ("storage".to_owned(), settings.storage.clone()),
        ("retention".to_owned(), settings.retention.clone()),
    ])
}

/// The form's values laid over `base` (settings the document does not name stay as read), or
/// the problems per field.
pub fn settings_from(values: &FormValues, base: &Settings) -> Result<Settings, FieldErrors> {
    let text = |key: &str| values.get(key).map_or("", |v| v.trim()).to_owned();
    let settings = Settings {
        enabled: text("enabled") == "true",
        schedule: text("schedule"),
        storage: text("storage"),
        retention: text("retention"),
        other: base.other.clone(),
    };
    let errors = validate_settings(&settings);
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(errors)
    }
}

/// The retention choices as (value, label): what each keeps, and a value the dashboard no
/// longer offers kept first, saying so.
pub fn retention_options(current: &str) -> Vec<(String, String)> {
    retention_choices(current)
        .into_iter()
        .map(|choice| {
            let label = match retention_note(&choice) {
                Some(note) => format!("{choice} ({note})"),
                None => format!("{choice} (as set; not one of the dashboard's choices)"),
            };
            (choice, label)
        })
        .collect()
}

pub fn platform_options() -> Vec<(String, String)> {
    PLATFORMS
        .iter()
        .map(|p| ((*p).to_owned(), super::models::platform_label(p).to_owned()))
        .collect()
}

/// A new subject's form starts as a GitHub repository.
pub fn subject_defaults() -> FormValues {
    FormValues::from([
        ("platform".to_owned(), "GitHub".to_owned()),
        ("subjectType".to_owned(), "Repository".to_owned()),
    ])
}

/// The subject the form names, checked against the document's name formats and the list the
/// connection already has.
pub fn subject_from(values: &FormValues, existing: &[Subject]) -> Result<Subject, FieldErrors> {
    let text = |key: &str| values.get(key).map_or("", |v| v.as_str());
    let subject = Subject::new(
        &canonical_platform(text("platform")),
        text("account"),
        SubjectType::parse(text("subjectType").trim()),
        text("subjectName"),
    );
    let mut errors = subject.validate();
    if errors.is_empty() && existing.iter().any(|s| s.same_as(&subject)) {
        errors.insert(
            "subjectName".into(),
            vec![format!("{} is already in the list.", subject.to_line())],
        );
    }
    if errors.is_empty() {
        Ok(subject)
    } else {
        Err(errors)
    }
}

/// A pasted line the console will not check, and why (unreadable, or already listed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteNote {
    pub line: String,
    pub message: String,
}

/// What pasting does: the new subjects to check by fetching their definitions, and a note for
/// every other line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PastePlan {
    pub to_check: Vec<Subject>,
    pub notes: Vec<PasteNote>,
}

pub fn paste_plan(text: &str, existing: &[Subject]) -> PastePlan {
    let parsed = super::paste::parse_lines(text);
    let mut plan = PastePlan::default();
    for error in parsed.errors {
        plan.notes.push(PasteNote {
            line: format!("Line {}: {}", error.line, error.text),
            message: error.message,
        });
    }
    for subject in parsed.subjects {
        if existing.iter().any(|s| s.same_as(&subject)) {
            plan.notes.push(PasteNote {
                line: subject.to_line(),
                message: "Already in the list.".into(),
            });
        } else {
            plan.to_check.push(subject);
        }
    }
    plan
}

/// What enabling or disabling one selected subject does.
#[derive(Clone, Debug, PartialEq)]
pub enum BulkStep {
    /// Send the update for this definition.
    Send(Definition),
    /// Nothing to send, and why.
    Skip(String),
}

/// For each selected row (by [`Subject::to_line`]), in the table's order: the update to send,
/// or why there is none (already so, or its definition did not load).
pub fn bulk_steps(
    rows: &[SubjectRow],
    selected: &BTreeSet<String>,
    enabled: bool,
) -> Vec<(Subject, BulkStep)> {
    let word = if enabled { "enabled" } else { "disabled" };
    rows.iter()
        .filter(|row| selected.contains(&row.subject.to_line()))
        .map(|row| {
            let step = match &row.state {
                RowState::Loaded(d) if d.settings.enabled == enabled => {
                    BulkStep::Skip(format!("Already {word}."))
                }
                RowState::Loaded(d) => BulkStep::Send(d.clone()),
                RowState::Loading => BulkStep::Skip("Still loading; try again.".into()),
                RowState::Failed { .. } => {
                    BulkStep::Skip("Its definition could not be read, so it was left alone.".into())
                }
            };
            (row.subject.clone(), step)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn values(pairs: &[(&str, &str)]) -> FormValues {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn settings_round_trip_and_keep_what_the_form_does_not_show() {
        let base = Settings {
            enabled: false,
            schedule: "Daily at 9 pm".into(),
            storage: "Cloudback EU".into(),
            retention: "Last 7 days".into(),
            other: BTreeMap::from([("legalHold".into(), serde_json::json!(true))]),
        };
        let mut form = settings_values(&base);
        assert_eq!(settings_from(&form, &base), Ok(base.clone()));
        form.insert("retention".into(), "Last 90 days".into());
        form.insert("enabled".into(), "true".into());
        form.insert("schedule".into(), "  Every 12 hours ".into());
        let saved = settings_from(&form, &base).unwrap();
        assert!(saved.enabled);
        assert_eq!(saved.schedule, "Every 12 hours");
        assert_eq!(saved.retention, "Last 90 days");
        assert_eq!(saved.other, base.other);
        form.insert("storage".into(), " ".into());
        assert_eq!(
            settings_from(&form, &base)
                .unwrap_err()
                .keys()
                .collect::<Vec<_>>(),
            ["storage"]
        );
    }

    #[test]
    fn retention_keeps_an_unknown_value_first_and_says_so() {
        let options = retention_options("Last 7 days");
        assert_eq!(options.len(), 5);
        assert_eq!(options[0].0, "Last 7 days");
        assert!(options[0].1.contains("not one of the dashboard's choices"));
        assert_eq!(
            options[1],
            (
                "Last 30 days".to_owned(),
                "Last 30 days (keeps at most 200 backups)".to_owned()
            )
        );
        assert_eq!(retention_options("Last 90 days").len(), 4);
    }

    #[test]
    fn a_subject_to_add_is_checked_and_not_added_twice() {
        let existing = [Subject::new(
            "GitHub",
            "acme",
            SubjectType::Repository,
            "api",
        )];
        let ok = subject_from(
            &values(&[
                ("platform", "github"),
                ("account", "acme"),
                ("subjectType", "Repository"),
                ("subjectName", "mobile"),
            ]),
            &existing,
        )
        .unwrap();
        assert_eq!(ok.platform, "GitHub");
        let twice = subject_from(
            &values(&[
                ("platform", "GitHub"),
                ("account", "ACME"),
                ("subjectType", "Repository"),
                ("subjectName", "API"),
            ]),
            &existing,
        )
        .unwrap_err();
        assert!(twice["subjectName"][0].contains("already in the list"));
        let bad = subject_from(
            &values(&[
                ("platform", "AzureDevOps"),
                ("account", ""),
                ("subjectType", "Repository"),
                ("subjectName", "repo"),
            ]),
            &existing,
        )
        .unwrap_err();
        assert_eq!(bad.keys().collect::<Vec<_>>(), ["account", "subjectName"]);
        assert_eq!(subject_defaults()["platform"], "GitHub");
        assert_eq!(platform_options()[1].1, "Azure DevOps");
    }

    #[test]
    fn pasting_checks_only_new_readable_subjects() {
        let existing = [Subject::new(
            "GitHub",
            "acme",
            SubjectType::Repository,
            "api",
        )];
        let plan = paste_plan("GitHub acme/api\nGitHub acme/mobile\nnonsense\n", &existing);
        assert_eq!(
            plan.to_check,
            [Subject::new(
                "GitHub",
                "acme",
                SubjectType::Repository,
                "mobile"
            )]
        );
        assert_eq!(plan.notes.len(), 2);
        assert!(plan.notes[0].line.starts_with("Line 3: nonsense"));
        assert_eq!(plan.notes[1].message, "Already in the list.");
    }

    #[test]
    fn bulk_steps_send_only_what_changes() {
        let row = |name: &str, state: RowState| SubjectRow {
            subject: Subject::new("GitHub", "acme", SubjectType::Repository, name),
            state,
        };
        let loaded = |enabled: bool| {
            RowState::Loaded(Definition {
                settings: Settings {
                    enabled,
                    ..Settings::default()
                },
                ..Definition::default()
            })
        };
        let rows = [
            row("a", loaded(false)),
            row("b", loaded(true)),
            row("c", RowState::Loading),
            row(
                "d",
                RowState::Failed {
                    message: "gone".into(),
                    kind: "not-found",
                },
            ),
            row("e", loaded(false)),
        ];
        let selected: BTreeSet<String> = ["a", "b", "c", "d"]
            .iter()
            .map(|n| format!("GitHub acme/{n}"))
            .collect();
        let steps = bulk_steps(&rows, &selected, true);
        assert_eq!(steps.len(), 4);
        assert!(matches!(steps[0].1, BulkStep::Send(_)));
        assert_eq!(steps[1].1, BulkStep::Skip("Already enabled.".into()));
        assert!(matches!(&steps[2].1, BulkStep::Skip(why) if why.contains("loading")));
        assert!(matches!(&steps[3].1, BulkStep::Skip(why) if why.contains("could not be read")));
        let off = bulk_steps(&rows, &selected, false);
        assert!(matches!(off[1].1, BulkStep::Send(_)));
    }
}
