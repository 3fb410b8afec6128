//! Many subjects at once, pasted one per line.
//!
//! A line is `<platform> <account>/<name>`, optionally followed by the type in parentheses:
//!
//! ```text
//! GitHub acme/api                          GitHub, account acme, repository api
//! AzureDevOps contoso/Platform/backend     Azure DevOps, account contoso, repository Platform/backend
//! AzureDevOps contoso/Platform             Azure DevOps, account contoso, project Platform
//! GitLab my-group/tools (Project)          the type given explicitly
//! https://github.com/acme/api              a repository's address works too (GitHub,
//! https://dev.azure.com/contoso/Platform/_git/backend     dev.azure.com, gitlab.com)
//! ```
//!
//! The account is everything before the first `/`, the name everything after it, so Azure
//! DevOps names keep their `project/repository` form and project names may contain spaces.
//! Without a type, an Azure DevOps name without `/` is a project and every other subject a
//! repository, which is what the document's name formats imply. The type goes in parentheses
//! because a bare trailing word could be the end of a project name. Platform names are matched
//! ignoring case and spaces (`github`, `Azure DevOps`); other platforms are kept as typed.
//! Blank lines and lines starting with `#` are skipped.

use super::models::{canonical_platform, SubjectType};
use super::subject::Subject;
use crate::api::decode_segment;

/// A line that could not be read, 1-based, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub text: String,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Valid subjects in the order pasted, each once.
    pub subjects: Vec<Subject>,
    pub errors: Vec<LineError>,
    /// Lines naming a subject already read above them.
    pub duplicates: usize,
}

/// Read pasted lines; every line either yields a valid subject or an error naming it.
pub fn parse_lines(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_line(line) {
            Ok(subject) if parsed.subjects.iter().any(|s| s.same_as(&subject)) => {
                parsed.duplicates += 1;
            }
            Ok(subject) => parsed.subjects.push(subject),
            Err(message) => parsed.errors.push(LineError {
                line: index + 1,
                text: line.to_owned(),
                message,
            }),
        }
    }
    parsed
}

/// One line, validated (see the module's documentation for the format).
pub fn parse_line(line: &str) -> Result<Subject, String> {
    let line = line.trim();
    let subject = if line.contains("://") {
        from_address(line)?
    } else {
        from_words(line)?
    };
    let errors = subject.validate();
    if let Some(message) = errors.values().flatten().next() {
        return Err(message.clone());
    }
    Ok(subject)
}

/// The type a line without one stands for.
pub fn implied_type(platform: &str, name: &str) -> SubjectType {
    if platform == "AzureDevOps" && !name.contains('/') {
        SubjectType::Project
    } else {
        SubjectType::Repository
    }
}

fn from_words(line: &str) -> Result<Subject, String> {
    // "Azure DevOps", as the document writes it, is the one platform name with a space.
    const AZURE: &str = "azure devops ";
    let (platform, rest) = match line.get(..AZURE.len()) {
        Some(start) if start.eq_ignore_ascii_case(AZURE) => ("AzureDevOps", &line[AZURE.len()..]),
        _ => line
            .split_once(char::is_whitespace)
            .ok_or("Write the platform, a space, then account/name, e.g. GitHub acme/api.")?,
    };
    let mut rest = rest.trim();
    let mut explicit = None;
    if let Some(open) = rest.strip_suffix(')').and_then(|r| r.rfind('(')) {
        explicit = Some(SubjectType::parse(&rest[open + 1..rest.len() - 1]));
        rest = rest[..open].trim_end();
    }
    let (account, name) = rest
        .split_once('/')
        .ok_or("Write the account and the name separated by '/', e.g. GitHub acme/api.")?;
    let platform = canonical_platform(platform);
    let name = name.trim();
    let kind = explicit.unwrap_or_else(|| implied_type(&platform, name));
    Ok(Subject::new(&platform, account, kind, name))
}

/// A repository's or project's web address on GitHub, Azure DevOps or GitLab.
fn from_address(line: &str) -> Result<Subject, String> {
    let unknown = || format!("{line} is not a GitHub, Azure DevOps or GitLab address.");
    let after_scheme = line.split_once("://").map_or(line, |(_, rest)| rest);
    let without_query = after_scheme.split(['?', '#']).next().unwrap_or_default();
    let mut parts = without_query.split('/').filter(|p| !p.is_empty());
    let host = parts.next().unwrap_or_default().to_ascii_lowercase();
    let segments = parts
        .map(|p| decode_segment(p).ok_or_else(unknown))
        .collect::<Result<Vec<String>, String>>()?;
    let strip_git = |name: &str| name.strip_suffix(".git").unwrap_or(name).to_owned();
    let (platform, account, name) = match (host.as_str(), segments.as_slice()) {
        ("github.com" | "www.github.com", [account, repo, ..]) => {
            ("GitHub", account.clone(), strip_git(repo))
        }
        ("dev.azure.com", [org, project, rest @ ..]) => {
            let name = match rest {
                [git, repo, ..] if git == "_git" => format!("{project}/{}", strip_git(repo)),
                _ => project.clone(),
            };
            ("AzureDevOps", org.clone(), name)
        }
        ("gitlab.com", [group, path @ ..]) if !path.is_empty() => {
            // GitLab pages below a project start with "-" (`/-/tree/main`).
            let path: Vec<&str> = path
                .iter()
                .map(String::as_str)
                .take_while(|p| *p != "-")
                .collect();
            ("GitLab", group.clone(), strip_git(&path.join("/")))
        }
        _ => return Err(unknown()),
    };
    Ok(Subject::new(
        platform,
        &account,
        implied_type(platform, &name),
        &name,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use SubjectType::*;

    fn s(platform: &str, account: &str, kind: SubjectType, name: &str) -> Subject {
        Subject::new(platform, account, kind, name)
    }

    #[test]
    fn lines_in_words_with_implied_and_explicit_types() {
        let text =
            "GitHub acme/api\n\n# the Azure ones\n  azure devops contoso/Platform/backend  \n\
                    AzureDevOps contoso/My Project\nGitLab grp/tools (Project)\nGITHUB Acme/API\n\
                    GitHub acme/api/extra\nacme/api\nGitHub acme\nAzureDevOps org/p (Wiki)\n";
        let parsed = parse_lines(text);
        assert_eq!(
            parsed.subjects,
            [
                s("GitHub", "acme", Repository, "api"),
                s("AzureDevOps", "contoso", Repository, "Platform/backend"),
                s("AzureDevOps", "contoso", Project, "My Project"),
                s("GitLab", "grp", Project, "tools"),
            ]
        );
        assert_eq!(parsed.duplicates, 1);
        let lines: Vec<usize> = parsed.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [8, 9, 10, 11]);
        assert!(parsed.errors[0].message.contains("without its account"));
        assert!(parsed.errors[3].message.contains("Wiki"));
    }

    #[test]
    fn addresses_are_read_too() {
        let cases = [
            (
                "https://github.com/acme/api.git",
                s("GitHub", "acme", Repository, "api"),
            ),
            (
                "https://github.com/acme/api/tree/main?x=1",
                s("GitHub", "acme", Repository, "api"),
            ),
            (
                "https://dev.azure.com/contoso/My%20Project/_git/backend",
                s("AzureDevOps", "contoso", Repository, "My Project/backend"),
            ),
            (
                "https://dev.azure.com/contoso/Platform",
                s("AzureDevOps", "contoso", Project, "Platform"),
            ),
            (
                "https://gitlab.com/grp/sub/tool/-/tree/main",
                s("GitLab", "grp", Repository, "sub/tool"),
            ),
        ];
        for (line, subject) in cases {
            assert_eq!(parse_line(line), Ok(subject), "{line}");
        }
        assert!(parse_line("https://example.com/a/b").is_err());
        assert!(parse_line("https://github.com/acme").is_err());
        assert!(parse_line("https://github.com/acme/%FF").is_err());
    }

    #[test]
    fn a_subject_written_as_a_line_reads_back() {
        for subject in [
            s("GitHub", "acme", Repository, "api"),
            s("AzureDevOps", "org", Project, "My Project"),
            s("AzureDevOps", "org", Repository, "p/r"),
            s("GitLab", "grp", Project, "tools"),
            s("Bitbucket", "team", Repository, "x"),
        ] {
            assert_eq!(parse_line(&subject.to_line()), Ok(subject.clone()));
        }
    }
}
