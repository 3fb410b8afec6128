//! The simulated Cloudback Operations API, driven with core's builders and decoders where the
//! console would use them, and with raw bodies for what the console never sends.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use backup_console_core::api::{ApiError, ApiRequest, ApiResponse};
use backup_console_core::vendors::cloudback::errors::explain;
use backup_console_core::vendors::cloudback::models::{Definition, Settings, SubjectType};
use backup_console_core::vendors::cloudback::requests::{
    decode_definition, get_definition, set_enabled, update_definition,
};
use backup_console_core::vendors::cloudback::subject::Subject;
use backup_console_sandbox::cloudback::{API_KEY, PLAN_LIMIT, SCHEDULES};
use backup_console_sandbox::{app, Sandbox, DEMO_TOKEN};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

fn router() -> axum::Router {
    app(Sandbox::new(None))
}

async fn raw(router: &axum::Router, path: &str, key: Option<&str>, body: &str) -> ApiResponse {
    let mut request = Request::builder()
        .method("POST")
        .uri(format!("/cloudback{path}"))
        .header("Content-Type", "application/json");
    if let Some(key) = key {
        request = request.header("X-API-Key", key);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    ApiResponse::new(status, String::from_utf8_lossy(&bytes))
}

/// Send a request core built, as the console would with the demo key.
async fn send(router: &axum::Router, request: &ApiRequest) -> ApiResponse {
    let body = request
        .body
        .as_ref()
        .map(|b| b.encode())
        .unwrap_or_default();
    raw(router, &request.path, Some(API_KEY), &body).await
}

fn subject(platform: &str, account: &str, kind: SubjectType, name: &str) -> Subject {
    Subject::new(platform, account, kind, name)
}

fn acme(name: &str) -> Subject {
    subject("GitHub", "acme", SubjectType::Repository, name)
}

async fn fetch(router: &axum::Router, s: &Subject) -> Result<Definition, ApiError> {
    decode_definition(&send(router, &get_definition("/api/ops", s)).await, s)
}

#[tokio::test]
async fn the_key_goes_in_x_api_key() {
    let r = router();
    let body = r#"{"platform":"GitHub","account":"acme","subjectName":"api"}"#;
    let path = "/api/ops/definition/get";
    for key in [None, Some("wrong")] {
        let answer = raw(&r, path, key, body).await;
        assert_eq!(answer.status, 401);
        let error = decode_definition(&answer, &acme("api")).unwrap_err();
        assert!(error.needs_sign_in());
        assert!(explain(&error).contains("API key"));
    }
    for key in [API_KEY, DEMO_TOKEN] {
        assert_eq!(raw(&r, path, Some(key), body).await.status, 200);
    }
}

#[tokio::test]
async fn definitions_are_read_on_both_paths_for_every_kind_of_subject() {
    let r = router();
    let cases = [
        (acme("api"), "Last 30 days"),
        (
            subject(
                "AzureDevOps",
                "contoso",
                SubjectType::Repository,
                "Platform/backend",
            ),
            "Last 180 days",
        ),
        (
            subject("AzureDevOps", "contoso", SubjectType::Project, "Platform"),
            "Last 360 days",
        ),
    ];
    for (s, retention) in &cases {
        for api_path in ["/api/ops", "/ops"] {
            let answer = send(&r, &get_definition(api_path, s)).await;
            let definition = decode_definition(&answer, s).unwrap();
            assert_eq!(definition.subject(), *s);
            assert_eq!(definition.settings.retention, *retention);
        }
    }
    // Names ignore case; the answer gives them as the service spells them.
    let loud = fetch(&r, &acme("API")).await.unwrap();
    assert_eq!(loud.subject_name, "api");
    // The document's backwards compatibility: `repository`, subjectName winning, Repository by
    // default.
    let old = raw(
        &r,
        "/ops/definition/get",
        Some(API_KEY),
        r#"{"platform":"GitHub","account":"acme","repository":"web"}"#,
    )
    .await;
    assert_eq!(
        serde_json::from_str::<Value>(&old.body).unwrap()["backupSubjectName"],
        "web"
    );
    let both = raw(
        &r,
        "/ops/definition/get",
        Some(API_KEY),
        r#"{"platform":"GitHub","account":"acme","subjectName":"docs","repository":"web"}"#,
    )
    .await;
    assert_eq!(
        serde_json::from_str::<Value>(&both.body).unwrap()["backupSubjectName"],
        "docs"
    );
}

#[tokio::test]
async fn bad_requests_and_unknown_subjects() {
    let r = router();
    let path = "/api/ops/definition/get";
    for body in [
        "not json",
        "[1]",
        r#"{"platform":"GitHub","account":"acme"}"#,
        r#"{"platform":"GitHub","account":"","subjectName":"api"}"#,
        r#"{"platform":"Bitbucket","account":"acme","subjectName":"api"}"#,
        r#"{"platform":"GitHub","account":"acme","subjectName":"api","subjectType":"Wiki"}"#,
    ] {
        let answer = raw(&r, path, Some(API_KEY), body).await;
        assert_eq!(answer.status, 400, "{body}: {}", answer.body);
        let error = decode_definition(&answer, &acme("api")).unwrap_err();
        assert!(
            explain(&error).starts_with("Cloudback could not read the request"),
            "{error:?}"
        );
    }
    let update = "/api/ops/definition/update";
    for body in [
        r#"{"platform":"GitHub","account":"acme","subjectName":"api"}"#,
        r#"{"platform":"GitHub","account":"acme","subjectName":"api","settings":{"enabled":"yes"}}"#,
        r#"{"platform":"GitHub","account":"acme","subjectName":"api","settings":{"schedule":7}}"#,
    ] {
        assert_eq!(
            raw(&r, update, Some(API_KEY), body).await.status,
            400,
            "{body}"
        );
    }
    for missing in [
        acme("nope"),
        subject(
            "AzureDevOps",
            "contoso",
            SubjectType::Project,
            "Platform/backend",
        ),
        subject("GitHub", "other", SubjectType::Repository, "api"),
    ] {
        let error = fetch(&r, &missing).await.unwrap_err();
        assert_eq!(error.kind(), "not-found");
        assert!(explain(&error).contains(&missing.to_line()));
    }
}

#[tokio::test]
async fn settings_change_and_stay_changed() {
    let r = router();
    let api = acme("api");
    let mut settings = fetch(&r, &api).await.unwrap().settings;
    settings.retention = "Last 90 days".into();
    settings.schedule = "Every 12 hours".into();
    settings.other.insert("legalHold".into(), json!(true));
    let answer = send(&r, &update_definition("/ops", &api, &settings)).await;
    let updated = decode_definition(&answer, &api).unwrap();
    assert_eq!(updated.settings, settings);
    assert_eq!(fetch(&r, &api).await.unwrap().settings, settings);
    // A retention the dashboard no longer offers may stay while other settings change.
    let legacy = acme("legacy");
    let mut kept = fetch(&r, &legacy).await.unwrap().settings;
    assert_eq!(kept.retention, "Last 7 days");
    kept.storage = "Cloudback US".into();
    let answer = send(&r, &update_definition("/api/ops", &legacy, &kept)).await;
    assert_eq!(
        decode_definition(&answer, &legacy)
            .unwrap()
            .settings
            .retention,
        "Last 7 days"
    );
    // A partial settings object changes only what it names.
    let partial = raw(&r, "/api/ops/definition/update", Some(API_KEY),
        r#"{"platform":"GitHub","account":"acme","subjectName":"web","settings":{"retention":"Last 360 days"}}"#).await;
    let web: Definition = serde_json::from_str(&partial.body).unwrap();
    assert_eq!(
        (
            web.settings.retention.as_str(),
            web.settings.schedule.as_str()
        ),
        ("Last 360 days", "Daily at 3 am")
    );
}

#[tokio::test]
async fn unknown_names_are_refused_with_the_known_ones() {
    let r = router();
    let api = acme("api");
    let base = fetch(&r, &api).await.unwrap().settings;
    for (field, change) in [
        (
            "schedule",
            Settings {
                schedule: "Hourly".into(),
                ..base.clone()
            },
        ),
        (
            "storage",
            Settings {
                storage: "Mars".into(),
                ..base.clone()
            },
        ),
        (
            "retention",
            Settings {
                retention: "Forever".into(),
                ..base.clone()
            },
        ),
    ] {
        let answer = send(&r, &update_definition("/api/ops", &api, &change)).await;
        assert_eq!(answer.status, 422, "{field}");
        let body: Value = serde_json::from_str(&answer.body).unwrap();
        assert!(
            body[format!("{field}s")]
                .as_array()
                .is_some_and(|k| !k.is_empty()),
            "{body}"
        );
        let error = decode_definition(&answer, &api).unwrap_err();
        assert_eq!(
            error.field_errors().unwrap().keys().collect::<Vec<_>>(),
            [field]
        );
        assert!(explain(&error).starts_with("Cloudback refused the settings."));
    }
    let answer = send(
        &r,
        &update_definition(
            "/api/ops",
            &api,
            &Settings {
                schedule: "Hourly".into(),
                ..base.clone()
            },
        ),
    )
    .await;
    let body: Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(body["schedules"], json!(SCHEDULES));
    assert!(explain(&decode_definition(&answer, &api).unwrap_err()).contains("Daily at 9 pm"));
    // Nothing was changed by the refusals.
    assert_eq!(fetch(&r, &api).await.unwrap().settings, base);
}

#[tokio::test]
async fn enabling_beyond_the_plan_is_refused_with_402() {
    let r = router();
    let docs = fetch(&r, &acme("docs")).await.unwrap();
    let legacy = fetch(&r, &acme("legacy")).await.unwrap();
    assert!(!docs.settings.enabled && !legacy.settings.enabled);
    // Three of four are enabled: one more fits.
    assert!(
        decode_definition(
            &send(&r, &set_enabled("/api/ops", &docs, true)).await,
            &docs.subject()
        )
        .unwrap()
        .settings
        .enabled
    );
    let refused = send(&r, &set_enabled("/api/ops", &legacy, true)).await;
    assert_eq!(refused.status, 402);
    let error = decode_definition(&refused, &legacy.subject()).unwrap_err();
    assert_eq!(error.kind(), "plan-limit");
    assert!(explain(&error).contains(&format!("at most {PLAN_LIMIT}")));
    // Disabling one frees a place; enabling an enabled one again costs nothing.
    let api = fetch(&r, &acme("api")).await.unwrap();
    assert!(send(&r, &set_enabled("/api/ops", &api, true)).await.status == 200);
    send(&r, &set_enabled("/api/ops", &api, false)).await;
    let answer = send(&r, &set_enabled("/api/ops", &legacy, true)).await;
    assert!(
        decode_definition(&answer, &legacy.subject())
            .unwrap()
            .settings
            .enabled
    );
}

#[tokio::test]
async fn the_demo_connection_lists_the_seeded_subjects_and_reset_restores_them() {
    let sandbox = Sandbox::new(None);
    let r = app(sandbox.clone());
    let connection = backup_console_sandbox::cloudback::demo_connection("http://h");
    assert_eq!(connection["api_key"], API_KEY);
    assert_eq!(connection["base_url"], "http://h/cloudback");
    let subjects: Vec<Subject> = serde_json::from_value(connection["subjects"].clone()).unwrap();
    assert_eq!(subjects.len(), 6);
    for s in &subjects {
        assert!(s.validate().is_empty(), "{s:?}");
        fetch(&r, s).await.unwrap();
    }
    assert!(subjects
        .iter()
        .any(|s| s.subject_type == SubjectType::Project));
    // acme/mobile exists but is not listed: the subject to add.
    assert!(!subjects.iter().any(|s| s.subject_name == "mobile"));
    let mobile = fetch(&r, &acme("mobile")).await.unwrap();
    send(&r, &set_enabled("/api/ops", &mobile, true)).await;
    assert!(fetch(&r, &acme("mobile")).await.unwrap().settings.enabled);
    let reset = Request::post("/__sandbox/reset")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        r.clone().oneshot(reset).await.unwrap().status(),
        StatusCode::OK
    );
    assert!(!fetch(&r, &acme("mobile")).await.unwrap().settings.enabled);
}
