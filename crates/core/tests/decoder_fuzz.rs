//! Every response reader of every vendor, fed what a broken or hostile service might send:
//! arbitrary JSON, the documents' own examples truncated or with a part replaced by a value of
//! another type, huge numbers and deep nesting. None may panic; every refusal is a `Malformed`
//! error that says what is wrong (and, for a value of the wrong type, where).
//!
//! `DECODER_FUZZ_CASES` sets the cases per reader (10,000 by default; the budget is fixed so
//! the run takes the same time on every machine).

use backup_console_core::api::{ApiError, ApiResponse, Page};
use backup_console_core::vendors::cloudback::models::SubjectType;
use backup_console_core::vendors::cloudback::requests::decode_definition;
use backup_console_core::vendors::cloudback::subject::Subject;
use backup_console_core::vendors::cyborgbackup::jwt::TokenPair;
use backup_console_core::vendors::cyborgbackup::models as cyborg;
use backup_console_core::vendors::rackspace::models as rax;
use backup_console_core::vendors::rackspace::requests::plain_id;
use backup_console_core::vendors::scheduled_backup::keystone::decode_token;
use backup_console_core::vendors::scheduled_backup::models as sb;
use backup_console_core::vendors::scheduled_backup::requests as sb_requests;
use backup_console_core::vendors::xopero::answers as xo_answers;
use backup_console_core::vendors::xopero::errors as xo_errors;
use backup_console_core::vendors::xopero::models as xo;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A reader: the answer in, its refusal (if any) out.
type Reader = fn(&ApiResponse) -> Result<(), ApiError>;

fn json<T: DeserializeOwned>(r: &ApiResponse) -> Result<(), ApiError> {
    r.json::<T>("the fuzzed answer").map(|_| ())
}

fn xopero<T: DeserializeOwned>(r: &ApiResponse) -> Result<(), ApiError> {
    xo_errors::decode::<T>(r, "the fuzzed answer").map(|_| ())
}

fn scheduled<T: DeserializeOwned>(r: &ApiResponse) -> Result<(), ApiError> {
    sb_requests::decode::<T>(r, "the fuzzed answer").map(|_| ())
}

const READERS: &[(&str, Reader)] = &[
    ("cyborgbackup ping", json::<cyborg::Ping>),
    ("cyborgbackup config", json::<cyborg::Config>),
    ("cyborgbackup api root", json::<cyborg::ApiRoot>),
    ("cyborgbackup users", json::<Page<cyborg::User>>),
    ("cyborgbackup clients", json::<Page<cyborg::Client>>),
    ("cyborgbackup schedules", json::<Page<cyborg::Schedule>>),
    (
        "cyborgbackup repositories",
        json::<Page<cyborg::Repository>>,
    ),
    ("cyborgbackup policies", json::<Page<cyborg::Policy>>),
    ("cyborgbackup catalogs", json::<Page<cyborg::Catalog>>),
    ("cyborgbackup any list", json::<Page<Value>>),
    (
        "cyborgbackup object",
        json::<serde_json::Map<String, Value>>,
    ),
    ("cyborgbackup launch", json::<cyborg::LaunchResult>),
    ("cyborgbackup calendar", json::<cyborg::Calendar>),
    ("cyborgbackup tokens", json::<TokenPair>),
    ("rackspace agent", json::<rax::Agent>),
    ("rackspace agents", json::<Vec<rax::Agent>>),
    ("rackspace configuration", json::<rax::BackupConfiguration>),
    (
        "rackspace configurations",
        json::<Vec<rax::BackupConfiguration>>,
    ),
    ("rackspace backup", json::<rax::Backup>),
    (
        "rackspace completed backups",
        json::<Vec<rax::CompletedBackup>>,
    ),
    ("rackspace backup report", json::<rax::BackupReport>),
    ("rackspace restore", json::<rax::Restore>),
    ("rackspace restore report", json::<rax::RestoreReport>),
    ("rackspace restore files", json::<Vec<rax::RestoreFile>>),
    ("rackspace available", json::<Vec<rax::AvailableBackup>>),
    ("rackspace activity", json::<Vec<rax::Activity>>),
    ("rackspace identity", json::<rax::TokenResponse>),
    ("rackspace plain id", |r| {
        plain_id(&r.body).map(|_| ()).ok_or(ApiError::Malformed {
            detail: "no id".into(),
        })
    }),
    ("xopero login", xopero::<xo::LoginAnswer>),
    ("xopero organizations", xopero::<xo::OrganizationPage>),
    ("xopero repositories", xopero::<xo::RepositoryPage>),
    ("xopero plans", xopero::<xo::PlanPage>),
    ("xopero licences", xopero::<xo_answers::LicenceAnswer>),
    ("xopero remove", xopero::<xo_answers::RemoveAnswer>),
    ("cloudback definition", |r| {
        let subject = Subject::new("GitHub", "acme", SubjectType::Repository, "api");
        decode_definition(r, &subject).map(|_| ())
    }),
    ("scheduled plans", scheduled::<sb::PlanList>),
    ("scheduled plan", scheduled::<sb::Plan>),
    ("scheduled checkpoints", scheduled::<sb::CheckpointList>),
    ("scheduled checkpoint", scheduled::<sb::Checkpoint>),
    ("scheduled chain deletion", scheduled::<sb::DeletedChain>),
    ("scheduled restore", scheduled::<sb::Restore>),
    ("scheduled updated plan", |r| {
        sb_requests::decode_updated_plan(r, &sb::Plan::default()).map(|_| ())
    }),
    ("scheduled keystone", |r| decode_token(r).map(|_| ())),
];

const DOCUMENTS: [&str; 5] = [
    include_str!("fixtures/cyborgbackup-api-v1.txt"),
    include_str!("fixtures/rackspace-cloud-backup-api-v1.txt"),
    include_str!("fixtures/xopero-management-api.txt"),
    include_str!("fixtures/cloudback-operations-api.txt"),
    include_str!("fixtures/scheduled-backup-api-v2.txt"),
];

/// Every JSON object or array the documents show (those that parse as they are).
fn examples() -> Vec<Value> {
    let mut found = Vec::new();
    for text in DOCUMENTS {
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            if rest.starts_with(['{', '[']) {
                let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
                if let Some(Ok(value)) = stream.next() {
                    let big = match &value {
                        Value::Object(o) => !o.is_empty(),
                        Value::Array(a) => !a.is_empty(),
                        _ => false,
                    };
                    if big {
                        found.push(value);
                        i += stream.byte_offset().max(1);
                        continue;
                    }
                }
            }
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// Field names the examples use, so generated objects look like the real ones.
fn keys_of(value: &Value, keys: &mut Vec<String>) {
    match value {
        Value::Object(o) => {
            for (k, v) in o {
                keys.push(k.clone());
                keys_of(v, keys);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| keys_of(v, keys)),
        _ => {}
    }
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        Just(Value::String("/Date(1357817400000)/".into())),
        Just(Value::String("2026-11-27T10:00:00Z".into())),
        Just(Value::String(
            "\u{202e}<img src=x onerror=alert(1)>\u{0}".into()
        )),
    ]
}

fn arbitrary(keys: Vec<String>) -> impl Strategy<Value = Value> {
    let key = prop::sample::select(keys).boxed();
    leaf().prop_recursive(5, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Replace the part of `value` that `steps` lead to by `with`.
fn replace(value: &mut Value, steps: &[usize], with: Value) {
    match (steps.split_first(), value) {
        (Some((step, rest)), Value::Array(items)) if !items.is_empty() => {
            let n = items.len();
            replace(&mut items[step % n], rest, with);
        }
        (Some((step, rest)), Value::Object(fields)) if !fields.is_empty() => {
            let n = fields.len();
            if let Some((_, v)) = fields.iter_mut().nth(step % n) {
                replace(v, rest, with);
            }
        }
        (_, slot) => *slot = with,
    }
}

/// Numbers no model can hold, and nesting deeper than any reader should follow.
fn extreme() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("1e400".to_owned()),
        Just("{\"count\": 18446744073709551616, \"results\": []}".to_owned()),
        Just("[{\"MachineAgentId\": -1e308, \"ID\": 1.5e300}]".to_owned()),
        (1usize..3000).prop_map(|n| format!("{}{}", "[".repeat(n), "]".repeat(n))),
        (1usize..3000).prop_map(|n| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))),
    ]
}

fn bodies(examples: Vec<Value>) -> impl Strategy<Value = String> {
    let mut keys = Vec::new();
    examples.iter().for_each(|e| keys_of(e, &mut keys));
    keys.sort();
    keys.dedup();
    let any_json = arbitrary(keys.clone());
    let mutated = (
        prop::sample::select(examples.clone()),
        prop::collection::vec(any::<usize>(), 0..6),
        arbitrary(keys),
    )
        .prop_map(|(mut example, steps, with)| {
            replace(&mut example, &steps, with);
            example.to_string()
        });
    let truncated = (prop::sample::select(examples), any::<prop::sample::Index>()).prop_map(
        |(example, cut)| {
            let text = example.to_string();
            let at = cut.index(text.len());
            text.char_indices()
                .map(|(i, _)| i)
                .take_while(|i| *i <= at)
                .last()
                .map_or(String::new(), |i| text[..i].to_owned())
        },
    );
    prop_oneof![
        3 => any_json.prop_map(|v| v.to_string()),
        4 => mutated,
        2 => truncated,
        1 => extreme(),
        1 => ".{0,40}",
    ]
}

fn cases() -> u32 {
    std::env::var("DECODER_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(10_000)
}

#[test]
fn no_reader_panics_and_every_refusal_says_what_is_wrong() {
    let examples = examples();
    assert!(
        examples.len() > 60,
        "the documents' examples were found: {}",
        examples.len()
    );
    let strategy = bodies(examples);
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let refusals = std::cell::RefCell::new(vec![0u32; READERS.len()]);
    runner
        .run(&strategy, |body| {
            let answer = ApiResponse::new(200, body);
            for (i, (name, read)) in READERS.iter().enumerate() {
                match read(&answer) {
                    Ok(()) => {}
                    Err(ApiError::Malformed { detail }) => {
                        prop_assert!(!detail.trim().is_empty(), "{name}: an empty reason");
                        refusals.borrow_mut()[i] += 1;
                    }
                    Err(other) => prop_assert!(false, "{name}: {other:?} for a 200 answer"),
                }
            }
            Ok(())
        })
        .unwrap();
    // Each reader refused something: the bodies reached their checks, not only their fast paths.
    for ((name, _), refused) in READERS.iter().zip(refusals.borrow().iter()) {
        assert!(*refused > 0, "{name} refused nothing in {} cases", cases());
    }
}

#[test]
fn a_value_of_the_wrong_type_is_named_by_its_field() {
    let cases: [(&str, Reader, &str, &str); 5] = [
        (
            "cyborgbackup users",
            json::<Page<cyborg::User>>,
            r#"{"count": 1, "results": [{"id": 1, "email": 7}]}"#,
            "results[0].email",
        ),
        (
            "rackspace agents",
            json::<Vec<rax::Agent>>,
            r#"[{"MachineAgentId": 1}, {"MachineAgentId": 2, "MachineName": ["x"]}]"#,
            "[1].MachineName",
        ),
        (
            "xopero organizations",
            xopero::<xo::OrganizationPage>,
            // Models that keep unknown fields (serde's flatten) read an object as a whole: the
            // object at fault is named, not its field.
            r#"{"currentPage": 1, "result": [{"id": "o", "apiUrl": 5}]}"#,
            "result[0]",
        ),
        (
            "scheduled plans",
            scheduled::<sb::PlanList>,
            r#"{"plans": [{"id": "p", "resources": 5}]}"#,
            "plans[0]",
        ),
        (
            "cloudback definition",
            |r| {
                decode_definition(
                    r,
                    &Subject::new("GitHub", "a", SubjectType::Repository, "b"),
                )
                .map(|_| ())
            },
            r#"{"platform": "GitHub", "account": "a", "backupSubjectName": "b", "backupSubjectType": "Repository", "settings": {"enabled": "sometimes"}}"#,
            "settings",
        ),
    ];
    for (name, read, body, path) in cases {
        match read(&ApiResponse::new(200, body)) {
            Err(ApiError::Malformed { detail }) => {
                assert!(detail.contains(path), "{name}: {detail}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}
