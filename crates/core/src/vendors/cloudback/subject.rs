//! A backup subject: the repository or project a Cloudback definition is about. It is the body
//! of the get call, part of the update call, the key the console stores per connection, and a
//! route: `/definitions/{platform}/{account}/{subjectType}/{subjectName}`.

use serde::{Deserialize, Serialize};

use super::models::SubjectType;
use crate::api::{decode_segment, path_segment, FieldErrors};
use crate::connection::Connection;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Subject {
    /// `GitHub`, `AzureDevOps`, `GitLab`, or whatever the operator typed.
    pub platform: String,
    /// The account or organization.
    pub account: String,
    #[serde(rename = "subjectName", alias = "repository")]
    pub subject_name: String,
    /// `Repository` when absent, as the document says.
    #[serde(rename = "subjectType", default)]
    pub subject_type: SubjectType,
}

/// The first segment of a subject's route below `/c/{connection}`.
pub const ROUTE_PREFIX: &str = "/definitions";

impl Subject {
    pub fn new(platform: &str, account: &str, subject_type: SubjectType, name: &str) -> Self {
        Self {
            platform: platform.trim().to_owned(),
            account: account.trim().to_owned(),
            subject_name: name.trim().to_owned(),
            subject_type,
        }
    }

    /// Problems per field (`platform`, `account`, `subjectType`, `subjectName`), following the
    /// document's subject name format: GitHub `repository-name`, Azure DevOps repository
    /// `project-name/repository-name`, Azure DevOps project `project-name`.
    pub fn validate(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        let mut add = |field: &str, message: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned());
        };
        if self.platform.trim().is_empty() {
            add(
                "platform",
                "Choose the platform: GitHub, AzureDevOps or GitLab.",
            );
        }
        let account = self.account.trim();
        if account.is_empty() {
            add("account", "Enter the account or organization name.");
        } else if account.contains('/') {
            add("account", "The account is one name, without '/'.");
        }
        let name = self.subject_name.trim();
        let parts: Vec<&str> = name.split('/').collect();
        let kind = (self.platform.as_str(), &self.subject_type);
        match kind {
            (_, SubjectType::Other(other)) => add(
                "subjectType",
                &format!("\"{other}\" is not a subject type: use Repository or Project."),
            ),
            ("GitHub", SubjectType::Project) => add(
                "subjectType",
                "GitHub subjects are always repositories: use Repository.",
            ),
            _ => {}
        }
        if name.is_empty() {
            add(
                "subjectName",
                "Enter the name of the repository or project.",
            );
            return errors;
        }
        match kind {
            ("GitHub", _) if parts.len() > 1 => add(
                "subjectName",
                "A GitHub repository is named without its account, e.g. demo-repository.",
            ),
            ("GitHub", _) if !name.chars().all(github_name_char) => add(
                "subjectName",
                "A GitHub repository name has letters, digits, '-', '_' and '.' only.",
            ),
            ("AzureDevOps", SubjectType::Repository)
                if parts.len() != 2 || parts.iter().any(|p| p.trim().is_empty()) =>
            {
                add(
                    "subjectName",
                    "An Azure DevOps repository is project/repository, e.g. my-project/demo-repo.",
                )
            }
            ("AzureDevOps", SubjectType::Project) if parts.len() > 1 => add(
                "subjectName",
                "An Azure DevOps project is named alone, without '/', e.g. my-project.",
            ),
            _ => {}
        }
        errors
    }

    /// The subject in the paste format (see [`super::paste`]), e.g. `GitHub acme/api`; reading it
    /// back gives the same subject.
    pub fn to_line(&self) -> String {
        let mut line = format!("{} {}/{}", self.platform, self.account, self.subject_name);
        if self.subject_type != super::paste::implied_type(&self.platform, &self.subject_name) {
            line.push_str(&format!(" ({})", self.subject_type));
        }
        line
    }

    /// The route of the subject's definition below `/c/{connection}`, each part encoded.
    pub fn route(&self) -> String {
        format!(
            "{ROUTE_PREFIX}/{}/{}/{}/{}",
            path_segment(&self.platform),
            path_segment(&self.account),
            path_segment(self.subject_type.as_str()),
            path_segment(&self.subject_name)
        )
    }

    /// The subject of a route made by [`Subject::route`]: the path below `/c/{connection}`
    /// (with or without the leading `/definitions`), segments still encoded.
    pub fn from_route(path: &str) -> Result<Self, String> {
        let path = path.trim_matches('/');
        let path = path
            .strip_prefix(ROUTE_PREFIX.trim_start_matches('/'))
            .map_or(path, |rest| rest.trim_start_matches('/'));
        let segments: Vec<&str> = path.split('/').collect();
        let [platform, account, kind, name] = segments.as_slice() else {
            return Err(format!(
                "A definition's address has four parts (platform, account, type, name); this one has {}.",
                segments.len()
            ));
        };
        Self::from_segments([platform, account, kind, name])
    }

    /// The subject of the four route parameters, still percent-encoded.
    pub fn from_segments(segments: [&str; 4]) -> Result<Self, String> {
        let mut decoded = Vec::with_capacity(4);
        for segment in segments {
            let text = decode_segment(segment)
                .ok_or_else(|| format!("\"{segment}\" is not a valid address part."))?;
            if text.trim().is_empty() {
                return Err("A part of the definition's address is empty.".into());
            }
            decoded.push(text);
        }
        Ok(Self::new(
            &decoded[0],
            &decoded[1],
            SubjectType::parse(&decoded[2]),
            &decoded[3],
        ))
    }

    /// Two spellings of one subject (GitHub and Azure DevOps names ignore case).
    pub fn same_as(&self, other: &Subject) -> bool {
        self.key() == other.key()
    }

    fn key(&self) -> (String, String, String, String) {
        (
            self.platform.to_lowercase(),
            self.account.to_lowercase(),
            self.subject_type.as_str().to_lowercase(),
            self.subject_name.to_lowercase(),
        )
    }
}

fn github_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// The subjects stored with a connection (its `subjects` field); entries that cannot be read
/// are skipped so one bad entry does not hide the others.
pub fn subjects_of(connection: &Connection) -> Vec<Subject> {
    match connection.extra.get("subjects") {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|item| serde_json::from_value(item.clone()).ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// The connection with `subjects` stored in it, duplicates (by [`Subject::same_as`]) dropped.
pub fn with_subjects(connection: &Connection, subjects: &[Subject]) -> Connection {
    let mut kept: Vec<&Subject> = Vec::new();
    for subject in subjects {
        if !kept.iter().any(|k| k.same_as(subject)) {
            kept.push(subject);
        }
    }
    let mut connection = connection.clone();
    connection.extra.insert(
        "subjects".into(),
        serde_json::to_value(kept).unwrap_or_default(),
    );
    connection
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::Vendor;

    fn s(platform: &str, account: &str, kind: SubjectType, name: &str) -> Subject {
        Subject::new(platform, account, kind, name)
    }

    #[test]
    fn names_follow_the_documented_format_per_platform() {
        use SubjectType::*;
        assert!(s("GitHub", "cloudback", Repository, "demo-repository")
            .validate()
            .is_empty());
        assert!(s("AzureDevOps", "org", Repository, "my-project/demo-repo")
            .validate()
            .is_empty());
        assert!(s("AzureDevOps", "org", Project, "my-project")
            .validate()
            .is_empty());
        assert!(s("GitLab", "group", Repository, "sub/repo")
            .validate()
            .is_empty());
        let bad = [
            (s("GitHub", "acme", Repository, "acme/api"), "subjectName"),
            (s("GitHub", "acme", Repository, "my api"), "subjectName"),
            (s("GitHub", "acme", Project, "api"), "subjectType"),
            (
                s("AzureDevOps", "org", Repository, "demo-repo"),
                "subjectName",
            ),
            (s("AzureDevOps", "org", Repository, "p/"), "subjectName"),
            (s("AzureDevOps", "org", Project, "p/r"), "subjectName"),
            (
                s("AzureDevOps", "org", Other("Wiki".into()), "p"),
                "subjectType",
            ),
            (s("", "org", Repository, "r"), "platform"),
            (s("GitHub", "", Repository, "r"), "account"),
            (s("GitHub", "a/b", Repository, "r"), "account"),
            (s("GitHub", "a", Repository, " "), "subjectName"),
        ];
        for (subject, field) in bad {
            let errors = subject.validate();
            assert!(errors.contains_key(field), "{subject:?}: {errors:?}");
        }
    }

    #[test]
    fn routes_encode_every_part_and_read_back() {
        let subject = s(
            "AzureDevOps",
            "my org",
            SubjectType::Repository,
            "My Project/repo#1",
        );
        let route = subject.route();
        assert_eq!(
            route,
            "/definitions/AzureDevOps/my%20org/Repository/My%20Project%2Frepo%231"
        );
        assert_eq!(Subject::from_route(&route).unwrap(), subject);
        assert_eq!(
            Subject::from_route("AzureDevOps/my%20org/Repository/My%20Project%2Frepo%231/")
                .unwrap(),
            subject
        );
        assert!(Subject::from_route("/definitions/GitHub/acme/api").is_err());
        assert!(Subject::from_route("/definitions/GitHub/acme/Repository/%FF").is_err());
        assert!(Subject::from_route("/definitions/GitHub//Repository/x").is_err());
    }

    #[test]
    fn subjects_live_on_the_connection_without_duplicates() {
        let conn = Connection::new("cb", Vendor::Cloudback, "https://app.cloudback.it");
        assert!(subjects_of(&conn).is_empty());
        let a = s("GitHub", "acme", SubjectType::Repository, "api");
        let a2 = s("GitHub", "ACME", SubjectType::Repository, "API");
        let b = s("AzureDevOps", "org", SubjectType::Project, "p");
        let stored = with_subjects(&conn, &[a.clone(), a2, b.clone()]);
        assert_eq!(subjects_of(&stored), [a, b]);
        assert_eq!(
            stored.extra["subjects"][1],
            serde_json::json!({"platform": "AzureDevOps", "account": "org", "subjectName": "p", "subjectType": "Project"})
        );
        let mut odd = conn.clone();
        odd.extra.insert(
            "subjects".into(),
            serde_json::json!([{"platform": "GitHub", "account": "a", "repository": "r"}, 3]),
        );
        assert_eq!(
            subjects_of(&odd),
            [s("GitHub", "a", SubjectType::Repository, "r")]
        );
    }
}
