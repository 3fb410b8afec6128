//! The simulated Cloudback account: definitions, and the rules an update must pass.

use backup_console_core::vendors::cloudback::models::{Definition, SubjectType, RETENTIONS};
use backup_console_core::vendors::cloudback::subject::Subject;
use serde_json::{Map, Value};

use super::seed::{PLAN_LIMIT, SCHEDULES, STORAGES};

#[derive(Default)]
pub struct Store {
    pub definitions: Vec<Definition>,
}

/// Why a request is refused, with what the answer says.
#[derive(Debug)]
pub enum Refusal {
    BadRequest(String),
    NotFound(String),
    PlanLimit(String),
    /// 422: a settings field names nothing known; the known names go with it.
    Unknown {
        field: &'static str,
        value: String,
        known: Vec<String>,
    },
}

/// The subject of a request body: `subjectName` (or the older `repository`; `subjectName`
/// wins), `subjectType` defaulting to Repository, as the document says.
pub fn subject_of(body: &Map<String, Value>) -> Result<Subject, Refusal> {
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::trim);
    let mut missing = Vec::new();
    let mut need = |key: &'static str, value: Option<&str>| match value {
        Some(v) if !v.is_empty() => v.to_owned(),
        _ => {
            missing.push(key);
            String::new()
        }
    };
    let platform = need("platform", text("platform"));
    let account = need("account", text("account"));
    let name = need(
        "subjectName",
        text("subjectName")
            .filter(|n| !n.is_empty())
            .or(text("repository")),
    );
    if !missing.is_empty() {
        return Err(Refusal::BadRequest(format!(
            "Missing or empty: {}.",
            missing.join(", ")
        )));
    }
    if !["GitHub", "AzureDevOps", "GitLab"].contains(&platform.as_str()) {
        return Err(Refusal::BadRequest(format!(
            "Unsupported platform \"{platform}\"."
        )));
    }
    let kind = match text("subjectType") {
        None | Some("") => SubjectType::Repository,
        Some("Repository") => SubjectType::Repository,
        Some("Project") => SubjectType::Project,
        Some(other) => {
            return Err(Refusal::BadRequest(format!(
                "subjectType must be Repository or Project, not \"{other}\"."
            )))
        }
    };
    Ok(Subject::new(&platform, &account, kind, &name))
}

impl Store {
    /// Names compare ignoring case, as on GitHub and Azure DevOps.
    pub fn find(&self, subject: &Subject) -> Result<usize, Refusal> {
        self.definitions
            .iter()
            .position(|d| d.subject().same_as(subject))
            .ok_or_else(|| {
                Refusal::NotFound(match subject.subject_type {
                    SubjectType::Project => "Project not found.".into(),
                    _ => "Repository not found.".into(),
                })
            })
    }

    /// Apply the settings given (fields left out stay as they are).
    pub fn update(
        &mut self,
        index: usize,
        settings: &Map<String, Value>,
    ) -> Result<Definition, Refusal> {
        let current = self.definitions[index].settings.clone();
        let mut next = current.clone();
        for (key, value) in settings {
            match (key.as_str(), value) {
                ("enabled", Value::Bool(b)) => next.enabled = *b,
                ("enabled", other) => {
                    return Err(Refusal::BadRequest(format!(
                        "settings.enabled must be true or false, not {other}."
                    )))
                }
                ("schedule" | "storage" | "retention", Value::String(s)) => {
                    let s = s.trim().to_owned();
                    match key.as_str() {
                        "schedule" => next.schedule = s,
                        "storage" => next.storage = s,
                        _ => next.retention = s,
                    }
                }
                ("schedule" | "storage" | "retention", other) => {
                    return Err(Refusal::BadRequest(format!(
                        "settings.{key} must be a name, not {other}."
                    )))
                }
                _ => {
                    next.other.insert(key.clone(), value.clone());
                }
            }
        }
        let known = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let retentions: Vec<&str> = RETENTIONS.iter().map(|(name, _)| *name).collect();
        let checks = [
            (
                "schedule",
                &next.schedule,
                &current.schedule,
                known(&SCHEDULES),
            ),
            ("storage", &next.storage, &current.storage, known(&STORAGES)),
            (
                "retention",
                &next.retention,
                &current.retention,
                known(&retentions),
            ),
        ];
        for (field, value, before, known) in checks {
            // A value the dashboard no longer offers may stay, not be chosen anew.
            if value != before && !known.contains(value) {
                return Err(Refusal::Unknown {
                    field,
                    value: value.clone(),
                    known,
                });
            }
        }
        if next.enabled && !current.enabled {
            let enabled = self
                .definitions
                .iter()
                .filter(|d| d.settings.enabled)
                .count();
            if enabled >= PLAN_LIMIT {
                return Err(Refusal::PlanLimit(format!(
                    "Plan limit exceeded: your plan backs up at most {PLAN_LIMIT} repositories and {enabled} are enabled."
                )));
            }
        }
        self.definitions[index].settings = next;
        Ok(self.definitions[index].clone())
    }
}
