//! The simulated Rackspace Cloud Backup API: auth, every resource, state machines, failures.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use backup_console_core::vendors::rackspace::crypto::encrypt_passphrase;
use backup_console_sandbox::rackspace::DEMO_MODULUS;
use backup_console_sandbox::{app, Sandbox, DEMO_TOKEN};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const API: &str = "/rackspace/v1.0/123456";

struct Call {
    status: StatusCode,
    body: Value,
    text: String,
}

async fn raw(
    router: &axum::Router,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, String)>,
) -> Call {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header("X-Auth-Token", token);
    }
    let request = match body {
        Some((content_type, text)) => request
            .header("Content-Type", content_type)
            .body(Body::from(text)),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Call {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    }
}

async fn call(router: &axum::Router, method: &str, path: &str, body: Option<Value>) -> Call {
    raw(
        router,
        method,
        &format!("{API}/{path}"),
        Some(DEMO_TOKEN),
        body.map(|b| ("application/json", b.to_string())),
    )
    .await
}

fn router() -> axum::Router {
    app(Sandbox::new(None))
}

#[tokio::test]
async fn tokens_tenants_and_identity() {
    let r = router();
    assert_eq!(
        raw(&r, "GET", &format!("{API}/user/agents"), None, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        raw(
            &r,
            "GET",
            &format!("{API}/user/agents"),
            Some("expired"),
            None
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        raw(
            &r,
            "GET",
            "/rackspace/v1.0/999/user/agents",
            Some(DEMO_TOKEN),
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let good = json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": "demo-api-key"}}});
    let token = raw(
        &r,
        "POST",
        "/rackspace/identity/v2.0/tokens",
        None,
        Some(("application/json", good.to_string())),
    )
    .await;
    assert_eq!(
        token.body["access"]["token"]["id"], DEMO_TOKEN,
        "{} {}",
        token.status, token.text
    );
    assert_eq!(token.body["access"]["token"]["tenant"]["id"], "123456");
    let bad =
        json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": "nope"}}});
    assert_eq!(
        raw(
            &r,
            "POST",
            "/rackspace/identity/v2.0/tokens",
            None,
            Some(("application/json", bad.to_string()))
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn agents_their_settings_and_wake_up() {
    let r = router();
    let list = call(&r, "GET", "user/agents", None).await;
    assert_eq!(list.body.as_array().unwrap().len(), 3);
    assert!(
        list.body
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["Status"] == "Offline"),
        "as documented"
    );
    let web = call(&r, "GET", "agent/213564", None).await;
    assert_eq!(
        (
            web.body["Status"].as_str(),
            web.body["MachineName"].as_str()
        ),
        (Some("Online"), Some("web-01"))
    );
    assert!(web.body["TimeOfLastSuccessfulBackup"]
        .as_str()
        .unwrap()
        .starts_with("/Date("));
    assert_eq!(
        call(&r, "GET", "agent/1", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(
            &r,
            "GET",
            "agent/server/87c3b6e1-fb1a-41f9-91e5-313ae35a5a06",
            None
        )
        .await
        .body["MachineAgentId"],
        213564
    );

    assert_eq!(
        call(
            &r,
            "POST",
            "agent/enable",
            Some(json!({"MachineAgentId": 213564, "Enable": false}))
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        call(&r, "GET", "agent/213564", None).await.body["IsDisabled"],
        true
    );
    let behavior = call(
        &r,
        "POST",
        "agent/213564",
        Some(json!({"BackupDataCenter": "ORD", "UseServiceNet": false})),
    )
    .await;
    assert_eq!(
        (
            behavior.body["BackupDataCenter"].as_str(),
            behavior.body["UseServiceNet"].as_bool()
        ),
        (Some("ORD"), Some(false))
    );
    assert_eq!(
        call(
            &r,
            "POST",
            "agent/213564",
            Some(json!({"BackupDataCenter": "MARS", "UseServiceNet": true}))
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );

    let form = |body: &str| Some(("application/x-www-form-urlencoded", body.to_owned()));
    assert_eq!(
        raw(
            &r,
            "PUT",
            &format!("{API}/agent/logging"),
            Some(DEMO_TOKEN),
            form("MachineAgentId=213564&LoggingLevelId=6")
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        raw(
            &r,
            "PUT",
            &format!("{API}/agent/logging"),
            Some(DEMO_TOKEN),
            form("MachineAgentId=213564&LoggingLevelId=9")
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );

    // The offline agent refuses a backup until woken up.
    let start = json!({"Action": "StartManual", "Id": 148327});
    let refused = call(&r, "POST", "backup/action-requested", Some(start.clone())).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body["message"]
        .as_str()
        .unwrap()
        .contains("wake it up"));
    assert_eq!(
        call(&r, "POST", "user/wakeupagents", None).await.status,
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(
        call(&r, "GET", "agent/213566", None).await.body["Status"],
        "Online"
    );
    assert_eq!(
        call(&r, "POST", "backup/action-requested", Some(start))
            .await
            .status,
        StatusCode::OK
    );
}

/// The console's request builder encodes the operator's host id, so `/`, `?`, `#` and spaces
/// reach the handler as one path segment instead of changing the request.
#[tokio::test]
async fn a_host_id_with_reserved_characters_stays_one_segment() {
    let r = router();
    let host = "web 01/a?b#c";
    let request =
        backup_console_core::vendors::rackspace::requests::agent_by_host_server("123456", host);
    let answer = raw(
        &r,
        "GET",
        &format!("/rackspace{}", request.path),
        Some(DEMO_TOKEN),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(
        answer
            .text
            .contains(&format!("An agent on server {host} was not found")),
        "{}",
        answer.text
    );
}

#[tokio::test]
async fn encryption_is_one_way_and_vault_migration_checks_its_preconditions() {
    let r = router();
    let seal = |p: &str| encrypt_passphrase(DEMO_MODULUS, "10001", p).unwrap();
    let body = |old: &str, new: &str| json!({"MachineAgentId": 213565, "OldEncryptedPasswordHex": seal(old), "NewEncryptedPasswordHex": seal(new)});
    assert_eq!(
        call(&r, "POST", "agent/changeencryption", Some(body("a", "b")))
            .await
            .status,
        StatusCode::BAD_REQUEST,
        "not encrypted yet"
    );
    assert_eq!(
        call(
            &r,
            "POST",
            "agent/encrypt",
            Some(json!({"MachineAgentId": 213565, "EncryptedPasswordHex": "not hex"}))
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        call(
            &r,
            "POST",
            "agent/encrypt",
            Some(json!({"MachineAgentId": 213565, "EncryptedPasswordHex": "0bff42a5 26c78076"}))
        )
        .await
        .status,
        StatusCode::BAD_REQUEST,
        "hex that is no encryption"
    );
    let id = call(
        &r,
        "POST",
        "agent/encrypt",
        Some(json!({"MachineAgentId": 213565, "EncryptedPasswordHex": seal("first passphrase")})),
    )
    .await;
    assert_eq!(id.status, StatusCode::OK);
    assert!(
        id.text.starts_with("0cee72c7-"),
        "a plain-text id: {}",
        id.text
    );
    assert_eq!(
        call(
            &r,
            "POST",
            "agent/encrypt",
            Some(json!({"MachineAgentId": 213565, "EncryptedPasswordHex": seal("again")}))
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        call(
            &r,
            "POST",
            "agent/changeencryption",
            Some(body("not it", "second passphrase"))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(
            &r,
            "POST",
            "agent/changeencryption",
            Some(body("first passphrase", "second passphrase"))
        )
        .await
        .status,
        StatusCode::OK
    );
    let migrate =
        |from: u64, to: u64| json!({"SourceMachineAgentId": from, "DestinationMachineAgentId": to});
    assert_eq!(
        call(
            &r,
            "PUT",
            "agent/migratevault",
            Some(migrate(213564, 213565))
        )
        .await
        .status,
        StatusCode::FORBIDDEN,
        "encrypted destination"
    );
    assert_eq!(
        call(
            &r,
            "PUT",
            "agent/migratevault",
            Some(migrate(213564, 213566))
        )
        .await
        .status,
        StatusCode::FORBIDDEN,
        "destination has configurations"
    );
    call(&r, "DELETE", "backup-configuration/148327", None).await;
    assert_eq!(
        call(
            &r,
            "PUT",
            "agent/migratevault",
            Some(migrate(213564, 213566))
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        call(&r, "GET", "backup-configuration/148325", None)
            .await
            .body["MachineAgentId"],
        213566
    );

    assert_eq!(
        call(
            &r,
            "POST",
            "agent/delete",
            Some(json!({"MachineAgentId": 213566}))
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        call(&r, "GET", "backup-configuration/148325", None)
            .await
            .status,
        StatusCode::NOT_FOUND,
        "its configurations go too"
    );
}

fn configuration(name: &str) -> Value {
    json!({"MachineAgentId": 213564, "BackupConfigurationName": name, "IsActive": true, "VersionRetention": 30,
        "Frequency": "Daily", "StartTimeHour": 11, "StartTimeMinute": 30, "StartTimeAmPm": "PM", "DayOfWeekId": null,
        "HourInterval": null, "TimeZoneId": "Eastern Standard Time", "NotifyRecipients": "ops@example.com",
        "NotifySuccess": false, "NotifyFailure": true, "Inclusions": [{"FilePath": "/etc", "FileItemType": "Folder"}], "Exclusions": []})
}

#[tokio::test]
async fn configurations_validate_and_change() {
    let r = router();
    let created = call(
        &r,
        "POST",
        "backup-configuration",
        Some(configuration("Configs")),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK);
    let id = created.body["BackupConfigurationId"].as_u64().unwrap();
    assert!(created.body["NextScheduledRunTime"]
        .as_str()
        .unwrap()
        .starts_with("/Date("));
    assert_eq!(
        call(
            &r,
            "POST",
            "backup-configuration",
            Some(configuration("configs"))
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    let mut bad = configuration("Bad");
    bad["HourInterval"] = json!(4);
    bad["VersionRetention"] = json!(7);
    let refused = call(&r, "POST", "backup-configuration", Some(bad)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let message = refused.body["message"].as_str().unwrap();
    assert!(
        message.contains("HourInterval") && message.contains("VersionRetention"),
        "{message}"
    );

    let mut update = configuration("Configs renamed");
    update["Frequency"] = json!("Weekly");
    update["DayOfWeekId"] = json!(2);
    assert_eq!(
        call(
            &r,
            "PUT",
            &format!("backup-configuration/{id}"),
            Some(update)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let got = call(&r, "GET", &format!("backup-configuration/{id}"), None).await;
    assert_eq!(
        (
            got.body["BackupConfigurationName"].as_str(),
            got.body["DayOfWeekId"].as_u64()
        ),
        (Some("Configs renamed"), Some(2))
    );
    assert_eq!(
        call(
            &r,
            "POST",
            &format!("backup-configuration/enable/{id}"),
            Some(json!({"Enable": false}))
        )
        .await
        .body["IsActive"],
        false
    );
    assert_eq!(
        call(&r, "GET", "backup-configuration/system/213564", None)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        // The two seeded ones (weekly website, hourly logs) and the new one.
        3
    );
    assert_eq!(
        call(&r, "GET", "backup-configuration", None)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        // Six seeded and the new one.
        7
    );
    assert_eq!(
        call(&r, "DELETE", &format!("backup-configuration/{id}"), None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        call(&r, "GET", &format!("backup-configuration/{id}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(&r, "GET", "backup-configuration/system/1", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn backups_move_through_their_states_and_report() {
    let r = router();
    let started = call(
        &r,
        "POST",
        "backup/action-requested",
        Some(json!({"Action": "StartManual", "Id": 148325})),
    )
    .await;
    let id: u64 = started
        .text
        .trim()
        .parse()
        .expect("the backup id as plain text");
    assert_eq!(
        call(&r, "GET", &format!("backup/{id}"), None).await.body["CurrentState"],
        "StartRequested"
    );
    assert_eq!(
        call(
            &r,
            "POST",
            "backup/action-requested",
            Some(json!({"Action": "StartManual", "Id": 148325}))
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        call(&r, "GET", &format!("backup/report/{id}"), None)
            .await
            .status,
        StatusCode::BAD_REQUEST,
        "no report while running"
    );
    assert_eq!(
        call(
            &r,
            "POST",
            "backup/action-requested",
            Some(json!({"Action": "StopManual", "Id": id}))
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        call(&r, "GET", &format!("backup/{id}"), None).await.body["CurrentState"],
        "StopRequested"
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        call(&r, "GET", &format!("backup/{id}"), None).await.body["CurrentState"],
        "Stopped"
    );
    assert_eq!(
        call(
            &r,
            "POST",
            "backup/action-requested",
            Some(json!({"Action": "StopManual", "Id": id}))
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );

    // Seeded backups finished a day ago; the database one had locked files.
    let completed = call(&r, "GET", "backup/completed/148326", None).await;
    assert_eq!(completed.body[0]["NumErrors"], 2);
    let report = call(&r, "GET", "backup/report/134333", None).await;
    assert_eq!(report.body["State"], "CompletedWithErrors");
    assert_eq!(report.body["ErrorList"].as_array().unwrap().len(), 2);
    assert_eq!(
        call(&r, "GET", "backup/report/134332", None).await.body["State"],
        "Completed"
    );
    assert_eq!(
        call(&r, "GET", "backup/999", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn restores_follow_their_state_machine() {
    let r = router();
    let available = call(&r, "GET", "backup/availableforrestore", None).await;
    // The seeded configurations with a completed backup (the failed and running ones have none).
    assert_eq!(available.body.as_array().unwrap().len(), 3);
    let create = json!({"BackupId": 134332, "BackupMachineId": 213564, "DestinationMachineId": 213565,
        "DestinationPath": "/srv/restore", "BackupDataCenter": "DFW", "OverwriteFiles": false});
    let restore = call(&r, "PUT", "restore", Some(create)).await;
    assert_eq!(restore.body["RestoreStateId"], 0, "Creating");
    let id = restore.body["RestoreId"].as_u64().unwrap();
    let update = json!({"RestoreId": id, "BackupConfigurationId": 148325, "RestoreStateId": 0, "BackupMachineId": 213564,
        "DestinationMachineId": 213564, "DestinationPath": "/var/www", "BackupDataCenter": "DFW", "BackupId": 134332, "OverwriteFiles": true});
    assert_eq!(
        call(&r, "POST", "restore", Some(update.clone()))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(call(&r, "PUT", "restore/files", Some(json!({"FilePath": "/var/www/index.html", "Filter": "1", "ParentId": id, "FileItemType": "0"}))).await.status, StatusCode::OK);
    assert_eq!(
        call(
            &r,
            "PUT",
            "restore/files",
            Some(json!({"FilePath": "/x", "Filter": "3", "ParentId": id, "FileItemType": "0"}))
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        call(&r, "GET", &format!("restore/files/{id}"), None)
            .await
            .body[0]["Filter"],
        1
    );

    assert_eq!(
        call(
            &r,
            "POST",
            "restore/action-requested",
            Some(json!({"Action": "StartManual", "Id": id}))
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let running = call(&r, "GET", &format!("restore/{id}"), None).await;
    assert_eq!(
        (
            running.body["RestoreStateId"].as_u64(),
            running.body["DestinationPath"].as_str()
        ),
        (Some(6), Some("/var/www"))
    );
    assert_eq!(
        call(&r, "POST", "restore", Some(update)).await.status,
        StatusCode::BAD_REQUEST,
        "only while Creating"
    );
    assert_eq!(
        call(
            &r,
            "POST",
            "restore/action-requested",
            Some(json!({"Action": "StopManual", "Id": id}))
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        call(&r, "GET", &format!("restore/{id}"), None).await.body["RestoreStateId"],
        4,
        "Stopped"
    );
    assert_eq!(
        call(&r, "GET", &format!("restore/report/{id}"), None)
            .await
            .body["State"],
        "Stopped"
    );
    assert_eq!(
        call(&r, "DELETE", &format!("restore/files/{id}"), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );

    // A read-only destination fails the restore after its run.
    let doomed = json!({"BackupId": 134332, "BackupMachineId": 213564, "DestinationMachineId": 213565,
        "DestinationPath": "/mnt/readonly", "BackupDataCenter": "DFW", "OverwriteFiles": false});
    let doomed = call(&r, "PUT", "restore", Some(doomed)).await.body["RestoreId"]
        .as_u64()
        .unwrap();
    call(
        &r,
        "POST",
        "restore/action-requested",
        Some(json!({"Action": "StartManual", "Id": doomed})),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(5100)).await;
    assert_eq!(
        call(&r, "GET", &format!("restore/{doomed}"), None)
            .await
            .body["RestoreStateId"],
        5,
        "Failed"
    );
    assert_eq!(
        call(&r, "GET", &format!("restore/report/{doomed}"), None)
            .await
            .body["Reason"],
        "DestinationNotWritable"
    );

    let activity = call(&r, "GET", "activity", None).await;
    let kinds: Vec<&str> = activity
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["Type"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"Restore") && kinds.contains(&"Backup"));
    assert_eq!(
        call(&r, "GET", "system/activity/213566", None)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        call(&r, "GET", "system/activity/1", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn configurations_say_how_their_last_backup_went() {
    let r = router();
    let get = |id: u64| {
        let r = r.clone();
        async move {
            call(&r, "GET", &format!("backup-configuration/{id}"), None)
                .await
                .body
        }
    };
    let failed = get(148328).await;
    assert!(failed["LastRunTime"]
        .as_str()
        .unwrap()
        .starts_with("/Date("));
    assert_eq!(
        failed["LastRunBackupReportId"],
        Value::Null,
        "set only after a success"
    );
    assert_eq!(failed["TimeZoneId"], "Tokyo Standard Time");
    let running = get(148329).await;
    assert_eq!(running["BackupState"], "InProgress");
    assert_eq!(running["LastRunTime"], Value::Null);
    let done = get(148325).await;
    assert_eq!(done["LastRunBackupReportId"], 134332);
    assert!(done["NextScheduledRunTime"]
        .as_str()
        .unwrap()
        .starts_with("/Date("));
    let report = call(&r, "GET", "backup/report/134334", None).await;
    assert_eq!(
        (
            report.body["State"].as_str(),
            report.body["Duration"].as_str()
        ),
        (Some("Failed"), Some("00:00:40"))
    );
}
