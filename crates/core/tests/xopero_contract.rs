//! The examples of `xopero-management-api.txt` are the contract: every documented request body
//! is what the builders send, every documented answer reads into the models and writes back
//! without losing a field, and the document's 11 addresses are the builders' 11 addresses.
//!
//! Repairs (the document's examples carry one slip no server sends; `repair` fixes exactly it
//! and the test pins that it was needed once, so a new slip is noticed):
//! - the `git/repositories/getmany` answer stops before its last `}` (the document moves on to
//!   "Remove"): the missing brackets are closed.
//!
//! Read as written, not repaired (decisions):
//! - The example ids are not well-formed GUIDs and the activate answer's ids differ from the
//!   request's (`a4ac979e-...` asked, `a4ac7979e-...` answered): ids are opaque text, and a
//!   result is reported per id as answered.
//! - `remove` says "The repository IDs to be deleted" but its example takes one `id`: one
//!   repository per call.
//! - Organizations are paged with `Page`, repositories and plans with `page`: each as documented.
//! - Attach, detach, modify and sync show no answer body: any success status is success.

use std::collections::{BTreeMap, BTreeSet};

use backup_console_core::api::{ApiRequest, Method};
use backup_console_core::connection::Connection;
use backup_console_core::vendors::xopero::errors::{describe_error_code, error_code_words};
use backup_console_core::vendors::xopero::models::*;
use backup_console_core::vendors::xopero::plan::{compose_base, BaseSource, PlanSources};
use backup_console_core::vendors::xopero::plan_form::{check_body, plan_body, PlanForm};
use backup_console_core::vendors::xopero::query::{Order, Paging};
use backup_console_core::vendors::xopero::requests::{self, inputs::*, OPERATIONS};
use backup_console_core::vendors::xopero::{OrganizationQuery, PlanQuery, RepositoryQuery};
use backup_console_core::vendors::Vendor;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

const DOC: &str = include_str!("fixtures/xopero-management-api.txt");
const ADDRESS: &str = "Address POST https://server_address";

#[derive(Debug)]
struct Example {
    path: String,
    is_response: bool,
    text: String,
}

fn balance(text: &str) -> i32 {
    text.chars()
        .map(|c| match c {
            '{' | '[' => 1,
            '}' | ']' => -1,
            _ => 0,
        })
        .sum()
}

fn is_json_line(line: &str) -> bool {
    line.starts_with(['{', '}', '[', ']', '"']) || line.starts_with(|c: char| c.is_ascii_digit())
}

/// The documented addresses, and every `Copy {` block with the address it belongs to; a block
/// after a "Response" line is an answer.
fn examples() -> (Vec<String>, Vec<Example>) {
    let lines: Vec<&str> = DOC.lines().collect();
    let mut addresses = Vec::new();
    let mut out = Vec::new();
    let mut is_response = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if let Some(path) = line.strip_prefix(ADDRESS) {
            addresses.push(path.to_owned());
            is_response = false;
        } else if line == "Response" {
            is_response = true;
        } else if let Some(start) = line.strip_prefix("Copy ") {
            let mut text = format!("{start}\n");
            let mut j = i + 1;
            while j < lines.len() && balance(&text) > 0 && is_json_line(lines[j]) {
                text.push_str(lines[j]);
                text.push('\n');
                j += 1;
            }
            let path = addresses
                .last()
                .cloned()
                .expect("an example after an address");
            out.push(Example {
                path,
                is_response,
                text,
            });
            i = j;
            continue;
        }
        i += 1;
    }
    (addresses, out)
}

const TRUNCATED: &str = "truncated example";

fn repair(text: &str, used: &mut BTreeMap<&'static str, usize>) -> Value {
    if let Ok(v) = serde_json::from_str(text) {
        return v;
    }
    let mut stack = Vec::new();
    let mut in_string = false;
    for c in text.chars() {
        match c {
            '"' => in_string = !in_string,
            '{' if !in_string => stack.push('}'),
            '[' if !in_string => stack.push(']'),
            '}' | ']' if !in_string => {
                stack.pop();
            }
            _ => {}
        }
    }
    let fixed: String = text.chars().chain(stack.into_iter().rev()).collect();
    *used.entry(TRUNCATED).or_default() += 1;
    serde_json::from_str(&fixed).unwrap_or_else(|e| panic!("cannot repair:\n{fixed}\n{e}"))
}

/// The model reads the example and writes it back field for field.
fn reads<T: DeserializeOwned + Serialize>(value: &Value) -> T {
    let model: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{e}: {value}"));
    assert_eq!(&serde_json::to_value(&model).unwrap(), value, "round trip");
    model
}

fn sends(request: &ApiRequest, path: &str, value: &Value) {
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.path, path);
    assert_eq!(
        request.body.as_ref().and_then(|b| b.as_json()),
        Some(value),
        "{path}"
    );
}

fn input<T: DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{e}: {value}"))
}

#[test]
fn the_document_has_11_addresses_and_the_builders_send_to_each() {
    let (addresses, _) = examples();
    let documented: BTreeSet<String> = addresses.into_iter().collect();
    let known: BTreeSet<String> = OPERATIONS.iter().map(|p| p.to_string()).collect();
    assert_eq!(documented.len(), 11);
    assert_eq!(documented, known);
    let ids = vec!["r1".to_owned()];
    let built = [
        requests::login("a@b.c", "pw", false),
        requests::organizations(&OrganizationQuery::default()),
        requests::attach("p", "r"),
        requests::detach("p", "r"),
        requests::plans("o", &PlanQuery::default()),
        requests::modify_plan(&json!({"id": "p", "name": "Nightly"})),
        requests::activate(&ids),
        requests::deactivate(&ids),
        requests::repositories("o", &RepositoryQuery::default()),
        requests::remove("r", true),
        requests::sync("o"),
    ];
    let paths: BTreeSet<String> = built.iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, known);
    assert!(built
        .iter()
        .all(|r| r.method == Method::Post && r.query.is_empty()));
    assert!(built
        .iter()
        .all(|r| r.body.as_ref().is_some_and(|b| b.as_json().is_some())));
    assert_eq!(built[5].subject, "plan \"Nightly\"");
    assert_eq!(built[6].subject, "repository r1");
}

#[test]
fn the_token_goes_in_a_bearer_header() {
    let mut connection = Connection::new("x", Vendor::Xopero, "https://backup.example.com");
    assert!(
        connection.validate(&[]).is_empty(),
        "the sign-in email is optional"
    );
    assert_eq!(Vendor::Xopero.extra_fields()[0].0, "email");
    connection.token = Some(" tok \n".into());
    let request = Vendor::Xopero.authorize(&connection, requests::sync("o"));
    assert_eq!(
        request.headers,
        [("Authorization".to_owned(), "Bearer tok".to_owned())]
    );
}

#[test]
fn every_example_reads_and_every_request_example_is_built() {
    let (_, all) = examples();
    let mut used = BTreeMap::new();
    for ex in &all {
        let value = repair(&ex.text, &mut used);
        let path = ex.path.as_str();
        match (path, ex.is_response) {
            ("/account/login", false) => {
                let login: Login = input(&value);
                let request = requests::login(&login.email, &login.password, login.remember_me);
                sends(&request, path, &value);
                assert!(!format!("{login:?}").contains(&login.password));
            }
            ("/account/login", true) => {
                let answer: LoginAnswer = reads(&value);
                assert!(answer.access_token.len() > 100);
                assert!(!format!("{answer:?}").contains(&answer.access_token));
            }
            ("/git/organizations/getmany", false) => {
                let query = OrganizationQuery {
                    paging: Paging { page: 2, limit: 2 },
                    order: Some(Order::asc("Name")),
                };
                sends(&requests::organizations(&query), path, &value);
            }
            ("/git/organizations/getmany", true) => {
                let page: OrganizationPage = reads(&value);
                assert_eq!(
                    (page.current_page, page.pages(), page.total_entries),
                    (2, 2, 4)
                );
                assert!(!page.has_next() && page.has_previous());
                let drivers: Vec<String> = page.result.iter().map(|o| o.driver_name()).collect();
                assert_eq!(drivers, ["GitHub", "GitLab"]);
                let first = &page.result[0];
                assert_eq!(
                    (first.protected_repositories, first.missing_licences),
                    (43, 58)
                );
                assert_eq!(first.plans.len(), 3);
                assert_eq!(first.plans[0].last_status.as_ref().unwrap().errors, 1);
                assert_eq!(
                    first.plans[0].finished_at().unwrap().to_rfc3339(),
                    "2022-02-01T22:36:01.233+00:00"
                );
            }
            ("/plans/attachgitrepository", false) => {
                let i: PlanRepository = input(&value);
                sends(&requests::attach(&i.planid, &i.repositoryid), path, &value);
            }
            ("/plans/detachgitrepository", false) => {
                let i: PlanRepository = input(&value);
                sends(&requests::detach(&i.planid, &i.repositoryid), path, &value);
            }
            ("/plans/listassignedtoorganization", false) => {
                let query = PlanQuery {
                    paging: Paging { page: 5, limit: 5 },
                };
                let org = value["organizationid"].as_str().unwrap();
                sends(&requests::plans(org, &query), path, &value);
            }
            ("/plans/listassignedtoorganization", true) => {
                let page: PlanPage = reads(&value);
                assert_eq!(
                    (page.current_page, page.page_count, page.result.len()),
                    (5, 5, 3)
                );
                // Only the documented fields: the editor starts from defaults, with these.
                let listed = page.result[0].to_value();
                let base = compose_base(&PlanSources {
                    plan_id: &page.result[0].id,
                    organization_id: "org",
                    listed: Some(&listed),
                    ..PlanSources::default()
                });
                assert_eq!(base.source, BaseSource::Defaults);
                assert_eq!(base.body["name"], "example1");
                assert_eq!(
                    base.body["repositoriesIds"],
                    json!(page.result[0].repository_ids)
                );
                assert!(base.body.get("repositoryIds").is_none());
            }
            ("/plans/modifygitplan", false) => {
                assert!(check_body(&value).is_empty(), "{:?}", check_body(&value));
                let form = PlanForm::from_body(&value).unwrap();
                assert_eq!(form.advanced_options["maxConcurrentTasks"], "5");
                assert_eq!(form.schedule.options.len(), 2);
                // Read into the form and written back untouched, the example is sent as is.
                let body = plan_body(&value, &form).unwrap();
                sends(&requests::modify_plan(&body), path, &value);
            }
            ("/git/repositories/activate" | "/git/repositories/deactivate", false) => {
                let i: Ids = input(&value);
                let request = if path.ends_with("/activate") {
                    requests::activate(&i.ids)
                } else {
                    requests::deactivate(&i.ids)
                };
                assert_eq!(request.subject, "8 repositories");
                sends(&request, path, &value);
            }
            ("/git/repositories/activate" | "/git/repositories/deactivate", true) => {
                let answer: LicenceAnswer = reads(&value);
                let asked: Vec<String> = answer.error.iter().map(|e| e.id.clone()).collect();
                let outcomes = answer.outcomes(&asked);
                assert_eq!(outcomes.len(), 8);
                assert!(outcomes.iter().all(|o| !o.unanswered));
                let code = outcomes[0].error_code.clone().unwrap();
                assert!(error_code_words(&code).is_some(), "{code}");
                assert!(describe_error_code(&code).ends_with(&format!("({code})")));
            }
            ("/git/repositories/getmany", false) => {
                let query = RepositoryQuery {
                    paging: Paging { page: 1, limit: 2 },
                    order: Some(Order::asc("Name")),
                    removed: Some(true),
                    ..RepositoryQuery::default()
                };
                let org = value["id"].as_str().unwrap();
                sends(&requests::repositories(org, &query), path, &value);
            }
            ("/git/repositories/getmany", true) => {
                let page: RepositoryPage = reads(&value);
                let list = &page.result;
                assert_eq!(
                    (list.repositories.len(), list.removed_repositories),
                    (2, 15)
                );
                assert!(list.last_synchronization_at().is_some());
                let [one, two] = &list.repositories[..] else {
                    panic!("two repositories")
                };
                assert!(one.is_removed && one.is_protected);
                assert_eq!((one.last_backup_at(), one.next_backup_at()), (None, None));
                assert_eq!(
                    two.next_backup_at().unwrap().to_rfc3339(),
                    "2022-02-22T19:00:00+00:00"
                );
            }
            ("/git/repositories/remove", false) => {
                let i: Remove = input(&value);
                sends(&requests::remove(&i.id, i.removedata), path, &value);
            }
            ("/git/repositories/remove", true) => {
                let answer: RemoveAnswer = reads(&value);
                assert!(answer.removed("a4ac8d28-eee0-a4ac-a070-6a4ac76260ca"));
                assert!(!answer.removed("a4acd28-eee0-404a-a4ac0-6ca4ac260ca"));
            }
            ("/git/repositories/sync", false) => {
                let i: Sync = input(&value);
                sends(&requests::sync(&i.id), path, &value);
            }
            other => panic!("example not checked: {other:?}\n{}", ex.text),
        }
    }
    let shape: Vec<(&str, bool)> = all
        .iter()
        .map(|e| (e.path.as_str(), e.is_response))
        .collect();
    assert_eq!(
        all.len(),
        18,
        "the document's example count changed: {shape:?}"
    );
    assert_eq!(used, BTreeMap::from([(TRUNCATED, 1)]));
}

#[test]
fn unknown_fields_in_answers_survive_a_round_trip() {
    let org = json!({"id": "o", "driver": 4, "name": "n", "region": "eu", "plans": [
        {"id": "p", "name": "x", "lastStatus": {"successes": 1, "warnings": 0, "errors": 0, "skipped": 2},
         "planFinishedTime": 0, "schedule": {"scheme": 3}}]});
    let read: Organization = serde_json::from_value(org.clone()).unwrap();
    assert_eq!(read.driver_name(), "driver 4");
    let back = serde_json::to_value(&read).unwrap();
    assert_eq!(back["region"], "eu");
    assert_eq!(back["plans"][0]["lastStatus"]["skipped"], 2);
    assert_eq!(back["plans"][0]["schedule"], json!({"scheme": 3}));
    let repo: Repository =
        serde_json::from_value(json!({"id": "r", "lastBackup": "1645556400000", "size": 7}))
            .unwrap();
    assert!(repo.last_backup_at().is_some());
    assert_eq!(serde_json::to_value(&repo).unwrap()["size"], 7);
}
