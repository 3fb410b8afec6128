//! The examples of `rackspace-cloud-backup-api-v1.txt` are the contract: every documented
//! response reads into the models, every documented request body is what the builders send,
//! and the 33 operation headings are the 33 builders.
//!
//! The document's examples carry typos no server sends; `repair` fixes exactly the ones listed
//! in `REPAIRS`, and the test pins how many examples needed each, so a new one is noticed.

use std::collections::{BTreeMap, BTreeSet};

use backup_console_core::api::ApiRequest;
use backup_console_core::vendors::rackspace::models::*;
use backup_console_core::vendors::rackspace::requests::{self, inputs::*, OPERATIONS};
use regex::Regex;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

const DOC: &str = include_str!("fixtures/rackspace-cloud-backup-api-v1.txt");
const T: &str = "1234";

#[derive(Debug)]
struct Example {
    method: String,
    path: String,
    is_request: bool,
    text: String,
}

fn is_json_line(line: &str) -> bool {
    line.starts_with(['{', '}', '[', ']', '"']) || line.starts_with(|c: char| c.is_ascii_digit())
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

fn examples() -> (Vec<(String, String)>, Vec<Example>) {
    let heading = Regex::new(r"^(GET|POST|PUT|DELETE) /v1\.0/\{tenant_id\}/(\S*)$").unwrap();
    let http_line = Regex::new(r"^(GET|POST|PUT|DELETE) https://").unwrap();
    let header_line = Regex::new(r"^[A-Za-z-]+: ").unwrap();
    let lines: Vec<&str> = DOC.lines().collect();
    let mut ops = Vec::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(c) = heading.captures(line) {
            ops.push((c[1].to_owned(), c[2].to_owned()));
        } else if let Some(title) = line.strip_prefix("Example:") {
            let (method, path) = ops.last().cloned().expect("example after a heading");
            let mut is_request = title.contains("request");
            let mut j = i + 1;
            if http_line.is_match(lines[j]) {
                // An HTTP request line and headers; a JSON block after them is the response.
                j += 1;
                while j < lines.len()
                    && header_line.is_match(lines[j])
                    && !lines[j].starts_with("Example:")
                {
                    j += 1;
                }
                if !lines[j].starts_with(['{', '[']) {
                    i = j;
                    continue;
                }
                is_request = false;
            }
            let mut text = String::new();
            if lines[j].starts_with(['{', '[']) {
                while j < lines.len() && is_json_line(lines[j]) {
                    text.push_str(lines[j]);
                    text.push('\n');
                    j += 1;
                    if balance(&text) == 0 {
                        break;
                    }
                }
            } else {
                text = lines[j].to_owned();
            }
            out.push(Example {
                method,
                path,
                is_request,
                text,
            });
            i = j;
            continue;
        }
        i += 1;
    }
    (ops, out)
}

/// The typos, each fixed by one rule.
const REPAIRS: [&str; 5] = [
    "invalid escape \\_",
    "string ending in a lone backslash",
    "number with a leading zero",
    "single-quoted string",
    "truncated example",
];

fn repair(text: &str, used: &mut BTreeMap<&'static str, usize>) -> Value {
    if let Ok(v) = serde_json::from_str(text) {
        return v;
    }
    let mut fixed = text.to_owned();
    let mut apply = |name: &'static str, re: &str, with: &str, fixed: &mut String| {
        let re = Regex::new(re).unwrap();
        if re.is_match(fixed) {
            *fixed = re.replace_all(fixed, with).into_owned();
            *used.entry(name).or_default() += 1;
        }
    };
    apply(REPAIRS[0], r"\\_", "_", &mut fixed);
    apply(REPAIRS[1], r#"([^\\])\\",\n"#, "$1\\\\\",\n", &mut fixed);
    apply(
        REPAIRS[2],
        r#"":\s*0(\d+)(\s*[,}\n])"#,
        "\": \"0$1\"$2",
        &mut fixed,
    );
    apply(REPAIRS[3], r#"'([^'"]*)'"#, "\"$1\"", &mut fixed);
    if balance(&fixed) > 0 {
        let mut stack = Vec::new();
        for c in fixed.chars() {
            match c {
                '{' => stack.push('}'),
                '[' => stack.push(']'),
                '}' | ']' => {
                    stack.pop();
                }
                _ => {}
            }
        }
        fixed.extend(stack.into_iter().rev());
        *used.entry(REPAIRS[4]).or_default() += 1;
    }
    serde_json::from_str(&fixed).unwrap_or_else(|e| panic!("cannot repair:\n{fixed}\n{e}"))
}

/// The model reads the example and reads its own output back to the same value.
fn reads<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(value: &Value) -> T {
    let model: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{e}: {value}"));
    let again: T = serde_json::from_value(serde_json::to_value(&model).unwrap()).unwrap();
    assert_eq!(again, model);
    model
}

/// The builder, given the example's input, sends exactly the example.
fn builds<I: DeserializeOwned>(
    value: &Value,
    build: impl Fn(&I) -> ApiRequest,
    method: &str,
    path: &str,
) {
    let input: I = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{e}: {value}"));
    let request = build(&input);
    assert_eq!(request.method.as_str(), method);
    assert_eq!(request.path, format!("/v1.0/{T}/{path}"));
    assert_eq!(
        request.body.as_ref().and_then(|b| b.as_json()),
        Some(value),
        "{path}"
    );
}

#[test]
fn the_document_has_33_operations_and_the_builders_know_them_all() {
    let (ops, _) = examples();
    let documented: BTreeSet<(String, String)> = ops.into_iter().collect();
    let known: BTreeSet<(String, String)> = OPERATIONS
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented.len(), 33);
    assert_eq!(documented, known);

    let templated = |r: ApiRequest| {
        let path = r.path.trim_start_matches("/v1.0/1234/").to_owned();
        let path = Regex::new(r"/7$")
            .unwrap()
            .replace(&path, "/{id}")
            .into_owned();
        (r.method.as_str().to_owned(), path.replace("/hs-1", "/{id}"))
    };
    let action = Action {
        action: ActionKind::StartManual,
        encrypted_password: None,
        id: 7,
    };
    let config: BackupConfigurationInput = serde_json::from_value(serde_json::json!({
        "MachineAgentId": 1, "BackupConfigurationName": "n", "IsActive": true, "VersionRetention": 30,
        "Frequency": "Manually", "TimeZoneId": "UTC", "NotifyRecipients": "a@b.c", "NotifySuccess": false, "NotifyFailure": true}))
    .unwrap();
    let restore_update = UpdateRestore {
        restore_id: 7,
        backup_configuration_id: 1,
        restore_state_id: 0,
        backup_machine_id: 1,
        destination_machine_id: 1,
        destination_path: "/".into(),
        backup_data_center: "DFW".into(),
        backup_id: 1,
        overwrite_files: false,
    };
    let built: Vec<ApiRequest> = vec![
        requests::agent(T, 7),
        requests::enable_agent(
            T,
            &EnableAgent {
                machine_agent_id: 7,
                enable: true,
            },
        ),
        requests::encrypt_agent(
            T,
            &EncryptAgent {
                machine_agent_id: 7,
                encrypted_password_hex: "ab".into(),
            },
        ),
        requests::change_encryption(
            T,
            &ChangeEncryption {
                machine_agent_id: 7,
                old_encrypted_password_hex: "a".into(),
                new_encrypted_password_hex: "b".into(),
            },
        ),
        requests::delete_agent(
            T,
            &AgentId {
                machine_agent_id: 7,
            },
        ),
        requests::migrate_vault(
            T,
            &MigrateVault {
                source_machine_agent_id: 7,
                destination_machine_agent_id: 8,
            },
        ),
        requests::update_agent_behavior(
            T,
            7,
            &AgentBehavior {
                backup_data_center: None,
                use_service_net: true,
            },
        ),
        requests::agent_by_host_server(T, "hs-1"),
        requests::change_log_level(T, 7, 6),
        requests::user_agents(T),
        requests::wake_up_agents(T),
        requests::create_configuration(T, &config),
        requests::update_configuration(T, 7, &config),
        requests::configuration(T, 7),
        requests::configurations(T),
        requests::agent_configurations(T, 7),
        requests::enable_configuration(T, 7, false),
        requests::delete_configuration(T, 7),
        requests::backup_action(T, &action),
        requests::backup(T, 7),
        requests::completed_backups(T, 7),
        requests::backup_report(T, 7),
        requests::create_restore(
            T,
            &CreateRestore {
                backup_id: 1,
                backup_machine_id: 1,
                destination_machine_id: 1,
                destination_path: "/".into(),
                backup_data_center: "DFW".into(),
                overwrite_files: false,
            },
        ),
        requests::update_restore(T, &restore_update),
        requests::add_restore_file(
            T,
            &RestoreFileInput {
                file_path: "/".into(),
                filter: "1".into(),
                parent_id: 7,
                file_item_type: "0".into(),
            },
        ),
        requests::restore_files(T, 7),
        requests::delete_restore_files(T, 7),
        requests::available_for_restore(T),
        requests::restore_action(T, &action),
        requests::restore(T, 7),
        requests::restore_report(T, 7),
        requests::agent_activity(T, 7),
        requests::activity(T),
    ];
    let names = Regex::new(r"\{[A-Za-z]+\}").unwrap();
    let built: BTreeSet<(String, String)> = built.into_iter().map(templated).collect();
    let known_generic: BTreeSet<(String, String)> = known
        .iter()
        .map(|(m, p)| (m.clone(), names.replace_all(p, "{id}").into_owned()))
        .collect();
    assert_eq!(built, known_generic);
}

#[test]
fn every_example_reads_and_every_request_example_is_built() {
    let (_, all) = examples();
    let mut used = BTreeMap::new();
    let mut checked = 0;
    for ex in &all {
        let (m, p) = (ex.method.as_str(), ex.path.as_str());
        let concrete = p.replace("{machineAgentId}", "213564");
        // Plain-text bodies: ids, and the one form-encoded request.
        if !ex.text.starts_with(['{', '[']) {
            match (m, p, ex.is_request) {
                ("PUT", "agent/logging", true) => {
                    let body = requests::change_log_level(T, 1311839, 6)
                        .body
                        .unwrap()
                        .encode();
                    assert_eq!(body, ex.text);
                }
                (_, _, false) => assert_eq!(
                    requests::plain_id(&ex.text).as_deref(),
                    Some(ex.text.trim()),
                    "{p}"
                ),
                other => panic!("unexpected plain example {other:?}: {}", ex.text),
            }
            checked += 1;
            continue;
        }
        let value = repair(&ex.text, &mut used);
        match (m, p, ex.is_request) {
            ("GET", "agent/{machineAgentId}" | "agent/server/{hostServerId}", false)
            | ("POST", "agent/{machineAgentId}", false) => {
                let agent: Agent = reads(&value);
                assert_eq!(agent.machine_agent_id, 213564, "{p}: {value}");
                assert!(agent.is_encrypted && agent.use_service_net);
                assert_eq!(
                    agent.public_key.modulus().len(),
                    256,
                    "hex without the document's line-wrap spaces"
                );
            }
            ("GET", "user/agents", false) => {
                let agents: Vec<Agent> = reads(&value);
                assert_eq!(agents.len(), 2);
                assert_eq!(agents[0].public_key.exponent(), "09528");
            }
            ("POST", "agent/enable", true) => {
                builds::<EnableAgent>(&value, |i| requests::enable_agent(T, i), m, p)
            }
            ("POST", "agent/encrypt", true) => {
                builds::<EncryptAgent>(&value, |i| requests::encrypt_agent(T, i), m, p)
            }
            ("POST", "agent/changeencryption", true) => {
                builds::<ChangeEncryption>(&value, |i| requests::change_encryption(T, i), m, p)
            }
            ("POST", "agent/delete", true) => {
                builds::<AgentId>(&value, |i| requests::delete_agent(T, i), m, p)
            }
            ("POST", "agent/delete", false) => {
                assert_eq!(reads::<AgentId>(&value).machine_agent_id, 92384579)
            }
            ("PUT", "agent/migratevault", true) => {
                builds::<MigrateVault>(&value, |i| requests::migrate_vault(T, i), m, p)
            }
            ("POST", "agent/{machineAgentId}", true) => builds::<AgentBehavior>(
                &value,
                |i| requests::update_agent_behavior(T, 213564, i),
                m,
                &concrete,
            ),
            ("POST", "backup-configuration", true) => builds::<BackupConfigurationInput>(
                &value,
                |i| requests::create_configuration(T, i),
                m,
                p,
            ),
            ("PUT", "backup-configuration/{backupConfigurationId}", true) => {
                // Decision: "StartTimeAmPm": "AM|PM" is a placeholder; it is refused, and with
                // a real value the builder sends the rest of the example unchanged.
                let err =
                    serde_json::from_value::<BackupConfigurationInput>(value.clone()).unwrap_err();
                assert!(err.to_string().contains("\"AM|PM\" is not AM or PM"));
                let mut fixed = value.clone();
                fixed["StartTimeAmPm"] = "AM".into();
                builds::<BackupConfigurationInput>(
                    &fixed,
                    |i| requests::update_configuration(T, 145393, i),
                    m,
                    "backup-configuration/145393",
                );
            }
            ("POST", "backup-configuration", false)
            | ("GET", "backup-configuration/{backupConfigurationId}", false)
            | ("POST", "backup-configuration/enable/{backupConfigurationId}", false) => {
                let config: BackupConfiguration = reads(&value);
                assert!(config.backup_configuration_id > 0);
                assert!(
                    config.schedule.validate().is_empty(),
                    "{:?}",
                    config.schedule.validate()
                );
            }
            (
                "GET",
                "backup-configuration" | "backup-configuration/system/{machineAgentId}",
                false,
            ) => {
                let configs: Vec<BackupConfiguration> = reads(&value);
                assert_eq!(configs.len(), 2);
                assert!(configs.iter().all(|c| c.schedule.validate().is_empty()));
            }
            ("POST", "backup-configuration/enable/{backupConfigurationId}", true) => {
                builds::<Enable>(
                    &value,
                    |i| requests::enable_configuration(T, 148325, i.enable),
                    m,
                    "backup-configuration/enable/148325",
                );
            }
            ("POST", "backup/action-requested" | "restore/action-requested", true) => {
                let build = |i: &Action| {
                    if p.starts_with("backup") {
                        requests::backup_action(T, i)
                    } else {
                        requests::restore_action(T, i)
                    }
                };
                builds::<Action>(&value, build, m, p);
            }
            ("GET", "backup/{backupId}", false) => {
                assert_eq!(reads::<Backup>(&value).current_state, "Queued")
            }
            ("GET", "backup/completed/{backupConfigurationId}", false) => {
                assert_eq!(
                    reads::<Vec<CompletedBackup>>(&value)[0].bytes_searched,
                    10245674584
                )
            }
            ("GET", "backup/report/{backupId}", false) => {
                let report: BackupReport = reads(&value);
                assert_eq!((report.files_searched, report.error_list.len()), (11936, 2));
            }
            ("PUT", "restore", true) => {
                builds::<CreateRestore>(&value, |i| requests::create_restore(T, i), m, p)
            }
            ("PUT", "restore", false) | ("GET", "restore/{restoreId}", false) => {
                let restore: Restore = reads(&value);
                assert!(restore.destination_path.ends_with('\\'));
                assert!(restore.public_key.is_some());
            }
            ("POST", "restore", true) => {
                builds::<UpdateRestore>(&value, |i| requests::update_restore(T, i), m, p)
            }
            ("PUT", "restore/files", true) => {
                builds::<RestoreFileInput>(&value, |i| requests::add_restore_file(T, i), m, p)
            }
            ("GET", "restore/files/{restoreId}", false) => {
                assert_eq!(reads::<Vec<RestoreFile>>(&value)[0].filter, 2)
            }
            ("GET", "backup/availableforrestore", false) => {
                assert_eq!(
                    reads::<Vec<AvailableBackup>>(&value)[1].public_key_hex,
                    "10001"
                )
            }
            ("GET", "restore/report/{restoreId}", false) => {
                assert_eq!(reads::<RestoreReport>(&value).num_errors, 1)
            }
            ("GET", "system/activity/{agentId}" | "activity", false) => {
                assert!(reads::<Vec<Activity>>(&value)
                    .iter()
                    .all(|a| a.kind == "Backup" && a.time_of_activity.is_some()))
            }
            other => panic!("example not checked: {other:?}\n{}", ex.text),
        }
        checked += 1;
    }
    assert_eq!(checked, all.len());
    assert_eq!(checked, 43, "the document's example count changed");
    let used: Vec<(&str, usize)> = used.into_iter().collect();
    // The restore report's ErrorList ends in a stray "\]" and the document moves on.
    assert_eq!(
        used,
        vec![
            ("invalid escape \\_", 2),
            ("number with a leading zero", 1),
            ("single-quoted string", 1),
            ("string ending in a lone backslash", 3),
            ("truncated example", 1),
        ]
    );
}
