//! The examples of `scheduled-backup-api-v2.txt` are the contract: every request sample is what
//! the builders send, every response sample reads into the models, the ten operation titles
//! are the ten documented rows of the path table, and the parameters the document names are
//! the ones the builders use.
//!
//! The document is a copy of a rendered API reference, and the copy damaged it. The repairs,
//! each applied by one rule below and counted so a new kind of damage is noticed:
//! 1. `- ` before keys and list items (the renderer's expand/collapse markers) is dropped.
//! 2. A heading is glued after the closing brace of the example before it (`}List backup
//!    plans`, `}Response samples`): headings are read after the last `}` and examples end where
//!    their braces balance.
//! 3. The `resources` row of the create and update body tables lost its name (`required |
//!    Array of objects (Resource) ...`): the row is read as `resources`, as the samples show.
//!
//! Decided, not repaired: every operation lists a `project_id` path parameter, but the paths
//! (the vendor's SDK) carry none — the project is the token's. Examples are placeholders
//! (`"string"`, `0`); they are compared as they stand.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use backup_console_core::api::{ApiRequest, ApiResponse};
use backup_console_core::vendors::scheduled_backup::errors::decode_error;
use backup_console_core::vendors::scheduled_backup::models::*;
use backup_console_core::vendors::scheduled_backup::paths::{Operation, ROUTES};
use backup_console_core::vendors::scheduled_backup::requests::{self, *};
use regex::Regex;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

const DOC: &str = include_str!("fixtures/scheduled-backup-api-v2.txt");

/// One operation's part of the document.
#[derive(Debug, Default)]
struct Section {
    title: String,
    path_params: Vec<String>,
    query_params: Vec<String>,
    /// (field, required) rows of the request body table.
    body_fields: Vec<(String, bool)>,
    request: Option<Value>,
    /// The first response sample and the status it is listed under.
    response: Option<(u16, Value)>,
}

/// The JSON value starting at the first `{` of `text`, ending where its braces balance.
fn json_at(text: &str, repairs: &mut BTreeMap<&'static str, usize>) -> Value {
    let start = text.find('{').expect("an example");
    let end = common::balanced_end(text, start);
    let raw = &text[start..end];
    let markers = Regex::new(r"(^|[\[{,]|\n)(\s*)- ").unwrap();
    let mut fixed = raw.to_owned();
    while markers.is_match(&fixed) {
        fixed = markers.replace_all(&fixed, "$1$2").into_owned();
    }
    if fixed != raw {
        *repairs.entry("expander markers").or_default() += 1;
    }
    serde_json::from_str(&fixed).unwrap_or_else(|e| panic!("{e}:\n{fixed}"))
}

fn sections(repairs: &mut BTreeMap<&'static str, usize>) -> Vec<Section> {
    let lines: Vec<&str> = DOC.lines().collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == "Authorizations:")
        .map(|(i, _)| i - 2)
        .collect();
    let row = Regex::new(r"^\| (\w+)( required)? \|").unwrap();
    let nameless = Regex::new(r"^(required \| )?Array of objects").unwrap();
    let status = Regex::new(r"^- (\d{3})$").unwrap();
    let mut out = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(lines.len(), |next| next + 1);
        let title_line = lines[start];
        if title_line.starts_with('}') {
            *repairs.entry("glued headings").or_default() += 1;
        }
        let mut section = Section {
            title: title_line.rsplit('}').next().unwrap().trim().to_owned(),
            ..Section::default()
        };
        let mut table = "";
        let mut i = start + 1;
        while i < end {
            let line = lines[i];
            match line.trim() {
                "path Parameters" => table = "path",
                "query Parameters" => table = "query",
                l if l.starts_with("Request Body schema") => table = "body",
                "Responses" => table = "",
                "Request samples" => {
                    let text = lines[i..end].join("\n");
                    section.request = Some(json_at(&text, repairs));
                }
                l if l.ends_with("Response samples") => {
                    if l.starts_with('}') {
                        *repairs.entry("glued headings").or_default() += 1;
                    }
                    let code = lines[i..end]
                        .iter()
                        .find_map(|l| status.captures(l))
                        .unwrap();
                    let text = lines[i..end].join("\n");
                    section.response = Some((code[1].parse().unwrap(), json_at(&text, repairs)));
                    break;
                }
                _ => {}
            }
            if let Some(c) = row.captures(line) {
                let name = c[1].to_owned();
                match table {
                    "path" => section.path_params.push(name),
                    "query" => section.query_params.push(name),
                    "body" => section.body_fields.push((name, c.get(2).is_some())),
                    _ => {}
                }
            } else if table == "body" && nameless.is_match(line) {
                *repairs.entry("nameless resources row").or_default() += 1;
                section
                    .body_fields
                    .push(("resources".into(), line.starts_with("required")));
            }
            i += 1;
        }
        out.push(section);
    }
    out
}

fn section<'a>(all: &'a [Section], title: &str) -> &'a Section {
    all.iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("{title}"))
}

fn body(request: &ApiRequest) -> Value {
    request
        .body
        .as_ref()
        .and_then(|b| b.as_json())
        .cloned()
        .unwrap_or(Value::Null)
}

/// The sample reads through the decoder and writes back as the same JSON.
fn reads<T: DeserializeOwned + Serialize>(status: u16, sample: &Value) -> T {
    let response = ApiResponse::new(status, sample.to_string());
    let model: T = requests::decode(&response, "the example").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(&serde_json::to_value(&model).unwrap(), sample);
    model
}

#[test]
fn the_document_needed_exactly_the_listed_repairs() {
    let mut repairs = BTreeMap::new();
    let all = sections(&mut repairs);
    assert_eq!(all.len(), 10);
    let expected: BTreeMap<&str, usize> = [
        // Every sample: 10 responses and the create, update and restore requests.
        ("expander markers", 13),
        // 9 titles, and "Response samples" after the 3 request samples.
        ("glued headings", 12),
        ("nameless resources row", 2),
    ]
    .into();
    assert_eq!(repairs, expected);
}

#[test]
fn the_ten_titles_are_the_ten_documented_routes_and_the_builders_reach_them_all() {
    let all = sections(&mut BTreeMap::new());
    let documented: BTreeSet<&str> = all.iter().map(|s| s.title.as_str()).collect();
    let table: BTreeSet<&str> = ROUTES.iter().filter_map(|r| r.title).collect();
    assert_eq!(documented, table);

    let plan = PlanInput::default();
    let built = [
        list_plans(&PlanQuery::default()),
        create_plan(&plan),
        get_plan("p"),
        update_plan("p", &PlanPatch::default()),
        delete_plan("p"),
        list_checkpoints(&CheckpointQuery::default()),
        get_checkpoint("c"),
        delete_checkpoint("c"),
        delete_chain("ch"),
        create_restore(&RestoreInput {
            checkpoint_item_id: "i".into(),
            restore_name: "r".into(),
        }),
        get_restore("r"),
    ];
    let reached: BTreeSet<Operation> = built
        .iter()
        .map(|r| Operation::recognize(r.method, &r.path).unwrap_or_else(|| panic!("{r:?}")))
        .collect();
    let every: BTreeSet<Operation> = ROUTES.iter().map(|r| r.operation).collect();
    assert_eq!(reached, every);
    assert_eq!(every.len(), ROUTES.len());
}

#[test]
fn parameters_are_the_documented_ones() {
    let all = sections(&mut BTreeMap::new());
    let placeholder = Regex::new(r"\{(\w+)\}").unwrap();
    for route in ROUTES.iter().filter(|r| r.title.is_some()) {
        let doc = section(&all, route.title.unwrap());
        let query: BTreeSet<&str> = doc.query_params.iter().map(String::as_str).collect();
        assert_eq!(
            query,
            route.query.iter().copied().collect(),
            "{:?}",
            route.operation
        );
        // The project is the token's (see the module's note); the other path parameters are the
        // path's placeholder.
        let placeholders: Vec<String> = placeholder
            .captures_iter(route.path)
            .map(|c| c[1].to_owned())
            .collect();
        let params: Vec<String> = doc
            .path_params
            .iter()
            .filter(|p| *p != "project_id")
            .cloned()
            .collect();
        assert_eq!(params, placeholders, "{:?}", route.operation);
        assert!(doc.path_params.contains(&"project_id".to_owned()));
    }
    let filled = list_checkpoints(&CheckpointQuery {
        limit: Some(1),
        marker: Some("m".into()),
        plan_name: Some("p".into()),
        volume_name: Some("v".into()),
    });
    let names: BTreeSet<&str> = filled.query.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        ["limit", "marker", "plan_name", "volume_name"].into()
    );
    let filled = list_plans(&PlanQuery {
        limit: Some(1),
        marker: Some("m".into()),
        name: Some("n".into()),
        volume_name: Some("v".into()),
    });
    let names: BTreeSet<&str> = filled.query.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["limit", "marker", "name", "volume_name"].into());
    assert_eq!(
        delete_chain("x").query,
        [("chain_id".to_owned(), "x".to_owned())]
    );
}

#[test]
fn request_samples_are_what_the_builders_send() {
    let all = sections(&mut BTreeMap::new());

    let create = section(&all, "Create backup plan");
    let sample = create.request.clone().unwrap();
    let input: PlanInput = serde_json::from_value(sample.clone()).unwrap();
    assert_eq!(body(&create_plan(&input)), sample);
    // Every field the document marks required is sent, and nothing else.
    let required: BTreeSet<&str> = create
        .body_fields
        .iter()
        .filter(|(_, r)| *r)
        .map(|(f, _)| f.as_str())
        .collect();
    let sent: BTreeSet<&str> = sample
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(required.len(), 7);
    assert_eq!(required, sent);

    let update = section(&all, "Update backup plan");
    let sample = update.request.clone().unwrap();
    let patch: PlanPatch = serde_json::from_value(sample.clone()).unwrap();
    assert_eq!(body(&update_plan("p", &patch)), sample);
    let fields: BTreeSet<&str> = update.body_fields.iter().map(|(f, _)| f.as_str()).collect();
    let sample_fields: BTreeSet<&str> = sample
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(fields, sample_fields);
    // The diff of a plan changed in every patchable field is the whole sample.
    let after: Plan = serde_json::from_value(sample.clone()).unwrap();
    let before: Plan =
        serde_json::from_value(serde_json::json!({"description": "old", "max_backups": 9,
        "name": "old", "resources": [], "schedule_pattern": "5 5 * * *", "schedule_type": "crontab",
        "status": "suspended"}))
        .unwrap();
    assert_eq!(
        serde_json::to_value(PlanPatch::diff(&before, &after)).unwrap(),
        sample
    );

    let restore = section(&all, "Create restore operation");
    let sample = restore.request.clone().unwrap();
    let input: RestoreInput = serde_json::from_value(sample.clone()).unwrap();
    assert_eq!(body(&create_restore(&input)), sample);
}

#[test]
fn response_samples_read_into_the_models() {
    let all = sections(&mut BTreeMap::new());
    let sample = |title: &str| section(&all, title).response.clone().unwrap();

    let (status, chain) = sample("Delete backup checkpoints");
    let deleted: DeletedChain = reads(status, &chain);
    assert_eq!(
        deleted.deleted[0].checkpoint_items[0].resource.kind,
        VOLUME_TYPE
    );
    let (status, list) = sample("List backup checkpoints");
    let list: CheckpointList = reads(status, &list);
    assert_eq!(list.total, Some(0));
    assert_eq!(list.checkpoints[0].status, Status::Protecting);
    assert!(list.checkpoints[0].checkpoint_items[0].is_incremental);
    let (status, one) = sample("Delete backup checkpoint");
    assert_eq!(
        reads::<DeletedCheckpoint>(status, &one).status,
        Status::Protecting
    );
    let (status, one) = sample("Get backup checkpoint");
    assert!(!reads::<Checkpoint>(status, &one).is_settled());
    let (status, plans) = sample("List backup plans");
    let plans: PlanList = reads(status, &plans);
    assert_eq!(plans.plans[0].schedule_type, ScheduleType::Calendar);
    let (status, created) = sample("Create backup plan");
    assert_eq!(status, 201);
    assert_eq!(reads::<Plan>(status, &created).status, PlanStatus::Started);
    let (status, plan) = sample("Get backup plan");
    let plan: Plan = reads(status, &plan);
    assert_eq!(plan.backup_mode, BackupMode::Full);

    // The update's answer has no id, mode or creation time: it is laid over the plan it changed.
    let (status, updated) = sample("Update backup plan");
    let before = Plan {
        id: "p1".into(),
        backup_mode: BackupMode::Frequency,
        ..plan.clone()
    };
    let after =
        decode_updated_plan(&ApiResponse::new(status, updated.to_string()), &before).unwrap();
    assert_eq!(
        (after.id.as_str(), &after.backup_mode),
        ("p1", &BackupMode::Frequency)
    );
    assert_eq!(after.name, updated["name"]);

    let (status, restore) = sample("Create restore operation");
    assert_eq!(
        reads::<Restore>(status, &restore).status,
        RestoreStatus::Success
    );

    // Deleting a plan documents only its error body.
    let (status, error) = sample("Delete backup plan");
    assert_eq!(status, 403);
    let error = decode_error(&ApiResponse::new(status, error.to_string()), "plan p");
    assert_eq!(error.kind(), "forbidden");
    assert!(error.to_string().ends_with(" string"), "{error}");
    assert!(error.field_errors().is_none());
}
