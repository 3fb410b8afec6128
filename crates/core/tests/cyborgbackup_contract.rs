//! The JSON examples of `cyborgbackup-api-v1.txt` are the contract: every response example reads
//! into the models, and every request example is what the builders send.
//!
//! The document is a copy of the vendor's (fixtures/). Its examples have typos a real server
//! would never send (missing commas, a trailing comma, an object without braces); `repair`
//! fixes exactly those, and the test pins which examples needed it, so a new typo is noticed.

use std::collections::BTreeSet;

use backup_console_core::api::{Method, Page, PageQuery};
use backup_console_core::vendors::cyborgbackup::models::*;
use backup_console_core::vendors::cyborgbackup::requests::{self, inputs::*, OPERATIONS};
use backup_console_core::vendors::cyborgbackup::Resource;
use regex::Regex;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

const DOC: &str = include_str!("fixtures/cyborgbackup-api-v1.txt");

#[derive(Debug)]
struct Example {
    method: String,
    path: String,
    text: String,
}

fn normalize(path: &str) -> String {
    let path = path.replace("(int: id)", "{id}");
    if path == "/api/v1" {
        "/api/v1/".into()
    } else {
        path
    }
}

fn operations_and_examples() -> (Vec<(String, String)>, Vec<Example>) {
    let heading = Regex::new(r"^- (GET|POST|PATCH|DELETE) (.+)¶$").unwrap();
    let mut ops = Vec::new();
    let mut examples = Vec::new();
    for line in DOC.lines() {
        if let Some(c) = heading.captures(line) {
            ops.push((c[1].to_owned(), normalize(&c[2])));
        } else if line.starts_with('{') || line.starts_with('[') {
            let (method, path) = ops.last().expect("example after a heading").clone();
            examples.push(Example {
                method,
                path,
                text: line.to_owned(),
            });
        }
    }
    (ops, examples)
}

/// Fix the document's typos; returns the JSON and whether anything was fixed.
fn repair(text: &str) -> (Value, bool) {
    if let Ok(v) = serde_json::from_str(text) {
        return (v, false);
    }
    let missing_comma = Regex::new(r#"("|true|false|null|\d)\s+""#).unwrap();
    let mut fixed = missing_comma.replace_all(text, "$1, \"").into_owned();
    fixed = Regex::new(r",\s*([}\]])")
        .unwrap()
        .replace_all(&fixed, "$1")
        .into_owned();
    // `"results": [ "id": 1, ... ]`: an object written without its braces.
    if let Some(m) = Regex::new(r#"\[\s*"[^"]+"\s*:"#).unwrap().find(&fixed) {
        let open = m.start();
        let mut depth = 0;
        let close = fixed[open..]
            .char_indices()
            .find_map(|(i, c)| {
                match c {
                    '[' | '{' => depth += 1,
                    ']' | '}' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(open + i)
            })
            .unwrap();
        fixed = format!(
            "{}[{{{}}}]{}",
            &fixed[..open],
            &fixed[open + 1..close],
            &fixed[close + 1..]
        );
    }
    (
        serde_json::from_str(&fixed).unwrap_or_else(|e| panic!("cannot repair {text}: {e}")),
        true,
    )
}

fn detail_example(examples: &[Example], resource: Resource) -> Value {
    let path = format!("/api/v1/{}/{{id}}/", resource.name());
    let ex = examples
        .iter()
        .find(|e| e.method == "GET" && e.path == path)
        .unwrap_or_else(|| panic!("no detail example for {path}"));
    repair(&ex.text).0
}

/// Lists show `[USERS]` for "an array of User objects": use the detail example as that object.
fn expand_list(examples: &[Example], ex: &Example, resource: Resource) -> Value {
    let placeholder = Regex::new(r"\[[A-Z]+\]").unwrap();
    let item = detail_example(examples, resource);
    let text = placeholder
        .replace(&ex.text, format!("[{item}]").as_str())
        .into_owned();
    repair(&text).0
}

/// Every key the example has, the model read and writes back with the same value.
fn assert_round_trip<T: DeserializeOwned + Serialize>(example: &Value) -> T {
    let model: T = serde_json::from_value(example.clone()).expect("example reads into the model");
    let back = serde_json::to_value(&model).unwrap();
    for (key, value) in example.as_object().unwrap() {
        assert_eq!(
            back.get(key),
            Some(value),
            "field {key} lost in the round trip"
        );
    }
    model
}

fn assert_builds<T: DeserializeOwned>(
    ex: &Example,
    body: &Value,
    build: impl Fn(&T) -> backup_console_core::api::ApiRequest,
) {
    let input: T = serde_json::from_value(body.clone()).unwrap();
    let request = build(&input);
    assert_eq!(request.method.as_str(), ex.method);
    assert_eq!(request.path, ex.path.replace("{id}", "1"));
    assert_eq!(
        request.body.as_ref().and_then(|b| b.as_json()),
        Some(body),
        "{}",
        ex.text
    );
}

fn resource_of(path: &str) -> Option<Resource> {
    path.trim_start_matches("/api/v1/")
        .split('/')
        .next()
        .and_then(Resource::from_name)
}

#[test]
fn the_document_has_33_operations_and_the_builders_know_them_all() {
    let (ops, _) = operations_and_examples();
    let documented: BTreeSet<(String, String)> = ops.into_iter().collect();
    let known: BTreeSet<(String, String)> = OPERATIONS
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented.len(), 33);
    assert_eq!(documented, known);

    // Each builder lands on its documented method and path.
    let mut built: BTreeSet<(String, String)> = BTreeSet::new();
    let mut add = |r: backup_console_core::api::ApiRequest| {
        built.insert((
            r.method.as_str().to_owned(),
            r.path.replace("/7/", "/{id}/"),
        ));
    };
    add(requests::api_root());
    add(requests::ping());
    add(requests::config());
    let mut me = requests::me();
    me.path = me.path.trim_end_matches('/').to_owned();
    add(me);
    for r in Resource::ALL {
        add(requests::list(r, &PageQuery::first()));
        add(requests::get(r, 7));
        if r.writable() {
            add(requests::create(r, &Value::Null));
            add(requests::update(r, 7, &Value::Null));
            add(requests::delete(r, 7));
        }
    }
    add(requests::launch(7));
    add(requests::calendar(7));
    assert_eq!(built, known);
}

#[test]
fn every_example_reads_and_every_request_example_is_built() {
    let (_, examples) = operations_and_examples();
    let mut repaired = Vec::new();
    let mut checked = 0;
    for ex in &examples {
        let (value, was_repaired) = if ex.text.contains("[USERS]")
            || ex.text.contains("[CLIENTS]")
            || ex.text.contains("[SCHEDULES]")
            || ex.text.contains("[REPOSITORIES]")
            || ex.text.contains("[POLICIES]")
            || ex.text.contains("[CATALOGS]")
        {
            let resource = resource_of(&ex.path).unwrap();
            (expand_list(&examples, ex, resource), false)
        } else if ex.text == "[DATETIME]" {
            (
                serde_json::json!(["2018-11-26T05:00:00Z", "2018-12-03T05:00:00Z"]),
                false,
            )
        } else {
            repair(&ex.text)
        };
        if was_repaired {
            repaired.push(format!("{} {}", ex.method, ex.path));
        }
        let resource = resource_of(&ex.path);
        let is_item = ex.path.ends_with("{id}/");
        match (ex.method.as_str(), ex.path.as_str(), resource) {
            ("GET", "/api/v1/", _) => {
                let root: ApiRoot = serde_json::from_value(value).unwrap();
                assert_eq!(root["ping"], "/api/v1/ping");
            }
            ("GET", "/api/v1/ping", _) => {
                assert_eq!(assert_round_trip::<Ping>(&value).ping, "pong");
            }
            ("GET", "/api/v1/config", _) => {
                let config = assert_round_trip::<Config>(&value);
                assert!(config.debug);
                assert_eq!(config.allowed_hosts, ["127.0.0.1"]);
            }
            ("GET", "/api/v1/me", _) => {
                let page: Page<User> = serde_json::from_value(value).unwrap();
                assert_eq!(page.results[0].email, "admin@milkywan.fr");
                assert!(page.results[0].is_superuser);
            }
            ("GET", path, _) if path.ends_with("/calendar/") => {
                let calendar: Calendar = serde_json::from_value(value).unwrap();
                assert_eq!(calendar.len(), 2);
            }
            ("GET", _, Some(r)) if !is_item => {
                let items = value["results"].as_array().unwrap().clone();
                assert_eq!(value["count"], 1);
                match r {
                    Resource::Users => drop(serde_json::from_value::<Page<User>>(value).unwrap()),
                    Resource::Clients => {
                        drop(serde_json::from_value::<Page<Client>>(value).unwrap())
                    }
                    Resource::Schedules => {
                        drop(serde_json::from_value::<Page<Schedule>>(value).unwrap())
                    }
                    Resource::Repositories => {
                        drop(serde_json::from_value::<Page<Repository>>(value).unwrap())
                    }
                    Resource::Policies => {
                        drop(serde_json::from_value::<Page<Policy>>(value).unwrap())
                    }
                    Resource::Catalogs => {
                        drop(serde_json::from_value::<Page<Catalog>>(value).unwrap())
                    }
                }
                assert_eq!(items.len(), 1);
            }
            ("GET", _, Some(r)) => match r {
                Resource::Users => assert_eq!(assert_round_trip::<User>(&value).meta.id, 3),
                Resource::Clients => assert_eq!(
                    assert_round_trip::<Client>(&value).hostname,
                    "lab.example.com"
                ),
                Resource::Schedules => assert_eq!(
                    assert_round_trip::<Schedule>(&value).crontab,
                    "*/1 * * * * *"
                ),
                Resource::Repositories => assert_eq!(
                    assert_round_trip::<Repository>(&value).original_size,
                    Some(722)
                ),
                Resource::Policies => {
                    let policy = assert_round_trip::<Policy>(&value);
                    assert_eq!(
                        (policy.clients, policy.repository, policy.keep_yearly),
                        (vec![1], Some(1), None)
                    );
                    assert_eq!(policy.meta.related["launch"], "/api/v1/policies/1/launch/");
                }
                Resource::Catalogs => assert!(assert_round_trip::<Catalog>(&value).healthy),
            },
            ("POST" | "PATCH", path, Some(Resource::Policies)) if ex.method == "PATCH" => {
                // Decision: the document shows a repository body here. A policy PATCH reads the
                // policy fields it carries (name, enabled) and drops the rest, as DRF does.
                let input: PolicyInput = serde_json::from_value(value.clone()).unwrap();
                assert_eq!((input.name.as_str(), input.enabled), ("Main Repo", true));
                let request = requests::update(Resource::Policies, 1, &input);
                assert_eq!(request.path, path.replace("{id}", "1"));
                let sent = request.body.unwrap();
                let sent = sent.as_json().unwrap();
                assert!(sent.get("repository_key").is_none() && sent.get("path").is_none());
            }
            (method @ ("POST" | "PATCH"), _, Some(r)) => {
                let build_with = |id: Option<u64>| {
                    move |input: &dyn erased::AsJson| match id {
                        None => requests::create(r, &input.json()),
                        Some(id) => requests::update(r, id, &input.json()),
                    }
                };
                let id = (method == "PATCH").then_some(1);
                match r {
                    Resource::Users => {
                        assert_builds::<UserInput>(ex, &value, |i| build_with(id)(i))
                    }
                    Resource::Clients => {
                        assert_builds::<ClientInput>(ex, &value, |i| build_with(id)(i))
                    }
                    Resource::Schedules => {
                        assert_builds::<ScheduleInput>(ex, &value, |i| build_with(id)(i))
                    }
                    Resource::Repositories => {
                        assert_builds::<RepositoryInput>(ex, &value, |i| build_with(id)(i))
                    }
                    Resource::Policies => {
                        assert_builds::<PolicyInput>(ex, &value, |i| build_with(id)(i))
                    }
                    Resource::Catalogs => panic!("catalogs take no request bodies"),
                }
            }
            other => panic!("example not checked: {other:?} {}", ex.text),
        }
        checked += 1;
    }
    assert_eq!(checked, examples.len());
    assert_eq!(checked, 27, "the document's example count changed");
    assert_eq!(
        repaired,
        [
            "GET /api/v1/ping",
            "GET /api/v1/config",
            "GET /api/v1/me",
            "POST /api/v1/clients/"
        ]
    );
}

/// Lets one closure build requests from any of the typed inputs.
mod erased {
    pub trait AsJson {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> AsJson for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}

#[test]
fn list_queries_carry_pagination_ordering_and_search() {
    let request = requests::list(
        Resource::Clients,
        &PageQuery {
            page: 3,
            page_size: 10,
            order_by: Some("-hostname".into()),
            search: Some("  lab ".into()),
        },
    );
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url("http://h"),
        "http://h/api/v1/clients/?page=3&page_size=10&order_by=-hostname&search=lab"
    );
}
