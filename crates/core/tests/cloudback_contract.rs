//! `cloudback-operations-api.txt` is the contract: its two endpoints are the builders' two
//! operations, its request and response data models are the fields the builders send and the
//! models read, its subject name formats are what validation accepts, and its five error
//! statuses each have their own words.
//!
//! Repairs and decisions, each pinned below:
//! 1. The copy lost the code blocks of its seven examples; their headings remain ("GitHub
//!    Example", "Azure DevOps Repository Example", ..., "Response"). The examples are rebuilt
//!    from the document's own tables: each heading's row of the subject name format table, in
//!    the request data model's field names; the responses in the response data model's names.
//!    The account (which no table gives) is `acme`.
//! 2. The format table writes the platform as "Azure DevOps", the request model's values as
//!    `AzureDevOps`: the table's name is read through `canonical_platform`.
//! 3. The "Settings Object" heading has lost its table: the settings are the four the issue and
//!    the vendor notes name (enabled, schedule, storage, retention), with the notes' values.
//! 4. "Platform-Specific Notes" lost the spaces between its phrases ("subjectType:
//!    AlwaysRepository"); read as "GitHub subjects are always repositories".

use std::collections::BTreeSet;

use backup_console_core::api::ApiResponse;
use backup_console_core::vendors::cloudback::errors::{decode_error, explain, DOCUMENTED_ERRORS};
use backup_console_core::vendors::cloudback::models::*;
use backup_console_core::vendors::cloudback::requests::*;
use backup_console_core::vendors::cloudback::subject::Subject;
use serde_json::{json, Value};

const DOC: &str = include_str!("fixtures/cloudback-operations-api.txt");

fn lines() -> Vec<&'static str> {
    DOC.lines().map(str::trim).collect()
}

/// The lines between two headings.
fn between(from: &str, to: &str) -> Vec<&'static str> {
    let all = lines();
    let start = all.iter().position(|l| *l == from).unwrap() + 1;
    let end = start + all[start..].iter().position(|l| *l == to).unwrap();
    all[start..end].to_vec()
}

/// A table copied one cell per line: rows of `width` cells.
fn rows(cells: &[&'static str], width: usize) -> Vec<Vec<&'static str>> {
    assert_eq!(cells.len() % width, 0, "{cells:?}");
    cells.chunks(width).map(<[_]>::to_vec).collect()
}

/// (platform, type, format, example) rows of "Subject Name Format".
fn formats() -> Vec<Vec<&'static str>> {
    let cells = between(
        "The subjectName format varies by platform:",
        "Settings Object",
    );
    rows(&cells, 4)
}

fn subject_of(row: &[&str], name: &str) -> Subject {
    Subject::new(
        &canonical_platform(row[0]),
        "acme",
        SubjectType::parse(row[1]),
        name,
    )
}

/// The example headings of each operation, in order: (endpoint, headings).
fn examples() -> Vec<(String, Vec<&'static str>)> {
    let mut out: Vec<(String, Vec<&str>)> = Vec::new();
    for line in lines() {
        if let Some(endpoint) = line.strip_prefix("Endpoint: ") {
            out.push((endpoint.to_owned(), Vec::new()));
        } else if line == "Request Data Model" {
            break;
        } else if line.ends_with("Example") || line == "Response" {
            if let Some((_, headings)) = out.last_mut() {
                headings.push(line);
            }
        }
    }
    out
}

fn settings() -> Value {
    json!({"enabled": true, "schedule": "Daily at 9 pm", "storage": "Cloudback EU", "retention": "Last 30 days"})
}

fn body(request: &backup_console_core::api::ApiRequest) -> Value {
    request
        .body
        .as_ref()
        .and_then(|b| b.as_json())
        .cloned()
        .unwrap()
}

#[test]
fn the_two_endpoints_are_the_two_builders() {
    let documented: BTreeSet<String> = examples().into_iter().map(|(e, _)| e).collect();
    let subject = Subject::new("GitHub", "acme", SubjectType::Repository, "api");
    let built: BTreeSet<String> = [
        get_definition(DEFAULT_API_PATH, &subject),
        update_definition(DEFAULT_API_PATH, &subject, &Settings::default()),
    ]
    .iter()
    .map(|r| format!("{} {}", r.method.as_str(), r.path))
    .collect();
    assert_eq!(documented, built);
    let table: BTreeSet<String> = OPERATIONS
        .iter()
        .map(|(m, p, _)| format!("{m} {DEFAULT_API_PATH}{p}"))
        .collect();
    assert_eq!(documented, table);
    // The document's path prefix is the default; the newer one is the other choice.
    assert!(DOC.contains(&format!("https://app.cloudback.it{DEFAULT_API_PATH}/")));
    assert_eq!(API_PATHS, ["/api/ops", "/ops"]);
}

#[test]
fn the_request_examples_rebuilt_from_the_tables_are_what_the_builders_send() {
    let model = rows(&between("Request Data Model", "Subject Name Format"), 4);
    let fields: BTreeSet<&str> = model.iter().map(|r| r[0]).collect();
    let for_update_only: BTreeSet<&str> = model
        .iter()
        .filter(|r| r[2] == "Yes*")
        .map(|r| r[0])
        .collect();
    assert_eq!(for_update_only, ["settings"].into());
    assert!(model[0][3].ends_with("Values: GitHub, AzureDevOps"));
    assert!(PLATFORMS.starts_with(&["GitHub", "AzureDevOps"]));

    let examples = examples();
    assert_eq!(examples.len(), 2);
    let mut rebuilt = 0;
    for (endpoint, headings) in &examples {
        let update = endpoint.ends_with("/update");
        for heading in headings.iter().filter(|h| h.ends_with("Example")) {
            // "Azure DevOps Example" under update is the repository one.
            let wanted = heading.trim_end_matches(" Example");
            let row = formats()
                .into_iter()
                .find(|r| format!("{} {}", r[0], r[1]).starts_with(wanted))
                .unwrap_or_else(|| panic!("no format row for {heading}"));
            let subject = subject_of(&row, row[3]);
            let mut example = json!({"platform": subject.platform, "account": "acme",
                "subjectName": row[3], "subjectType": row[1]});
            let request = if update {
                example["settings"] = settings();
                let settings: Settings = serde_json::from_value(settings()).unwrap();
                update_definition(DEFAULT_API_PATH, &subject, &settings)
            } else {
                get_definition(DEFAULT_API_PATH, &subject)
            };
            assert_eq!(body(&request), example, "{endpoint} {heading}");
            let sent: BTreeSet<&str> = example
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let expected: BTreeSet<&str> = fields
                .iter()
                .copied()
                .filter(|f| update || !for_update_only.contains(f))
                .collect();
            assert_eq!(sent, expected);
            rebuilt += 1;
        }
    }
    assert_eq!(rebuilt, 5);
}

#[test]
fn the_responses_rebuilt_from_the_response_model_read() {
    let model = rows(&between("Response Data Model", "Error Responses"), 3);
    let fields: BTreeSet<&str> = model.iter().map(|r| r[0]).collect();
    let responses = examples()
        .iter()
        .flat_map(|(_, h)| h.clone())
        .filter(|h| *h == "Response")
        .count();
    assert_eq!(responses, 2);
    for row in formats() {
        let answer = json!({"platform": canonical_platform(row[0]), "account": "acme",
            "backupSubjectName": row[3], "backupSubjectType": row[1], "settings": settings()});
        let keys: BTreeSet<&str> = answer
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, fields);
        let subject = subject_of(&row, row[3]);
        let definition =
            decode_definition(&ApiResponse::new(200, answer.to_string()), &subject).unwrap();
        assert_eq!(definition.subject(), subject);
        assert_eq!(serde_json::to_value(&definition).unwrap(), answer);
    }
    // Backwards compatibility: `repository` for the name, and Repository when no type is given.
    let old = json!({"platform": "GitHub", "account": "acme", "repository": "demo-repository", "settings": settings()});
    let definition: Definition = serde_json::from_value(old).unwrap();
    assert_eq!(definition.subject_name, "demo-repository");
    assert_eq!(definition.subject_type, SubjectType::Repository);
    assert!(DOC.contains("If subjectType is not provided, it defaults to Repository."));
    let stored: Subject =
        serde_json::from_value(json!({"platform": "GitHub", "account": "a", "repository": "r"}))
            .unwrap();
    assert_eq!(stored.subject_type, SubjectType::Repository);
}

#[test]
fn the_subject_name_formats_are_what_validation_accepts() {
    let table = formats();
    assert_eq!(table.len(), 3);
    for row in &table {
        for name in [row[2], row[3]] {
            let subject = subject_of(row, name);
            assert!(
                subject.validate().is_empty(),
                "{row:?} {name}: {:?}",
                subject.validate()
            );
        }
    }
    // Each platform's format refused for the others.
    let github = subject_of(&table[0], table[1][3]);
    assert!(github.validate().contains_key("subjectName"));
    let azure_repo = subject_of(&table[1], table[0][3]);
    assert!(azure_repo.validate().contains_key("subjectName"));
    let azure_project = subject_of(&table[2], table[1][3]);
    assert!(azure_project.validate().contains_key("subjectName"));
    // Platform notes: GitHub subjects are always repositories.
    assert!(DOC.contains("subjectType: AlwaysRepository"));
    let github_project = Subject::new("GitHub", "acme", SubjectType::Project, "x");
    assert!(github_project.validate().contains_key("subjectType"));
}

#[test]
fn the_documented_errors_each_have_their_own_words() {
    let cells = between("Error Responses", "Backwards Compatibility");
    let statuses: Vec<u16> = rows(&cells, 2)
        .iter()
        .map(|r| r[0].split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(statuses, DOCUMENTED_ERRORS);
    let words: Vec<String> = statuses
        .iter()
        .map(|s| {
            explain(&decode_error(
                &ApiResponse::new(*s, "{}"),
                "GitHub acme/api",
            ))
        })
        .collect();
    let distinct: BTreeSet<&String> = words.iter().collect();
    assert_eq!(distinct.len(), words.len(), "{words:#?}");
    let kinds: Vec<&str> = statuses
        .iter()
        .map(|s| decode_error(&ApiResponse::new(*s, "{}"), "x").kind())
        .collect();
    assert_eq!(
        kinds,
        [
            "validation",
            "unauthorized",
            "plan-limit",
            "not-found",
            "validation"
        ]
    );
}
