//! The simulated CyBorgBackup API answers like the document says, natively, without a socket.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use backup_console_sandbox::{app, Sandbox, DEMO_TOKEN};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

struct Call {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Value,
}

async fn call(
    router: &axum::Router,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Call {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Token {token}"));
    }
    if body.is_some() {
        request = request.header("Content-Type", "application/json");
    }
    let request = request
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Call {
        status,
        headers,
        body,
    }
}

const API: &str = "/cyborgbackup/api/v1";

fn router() -> axum::Router {
    app(Sandbox::new(None))
}

async fn authed(router: &axum::Router, method: &str, path: &str, body: Option<Value>) -> Call {
    call(
        router,
        method,
        &format!("{API}{path}"),
        Some(DEMO_TOKEN),
        body,
    )
    .await
}

#[tokio::test]
async fn authentication_is_enforced_except_for_ping() {
    let r = router();
    let missing = call(&r, "GET", &format!("{API}/users/"), None, None).await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        missing.body["detail"],
        "Authentication credentials were not provided."
    );
    assert_eq!(missing.headers["www-authenticate"], "Token");
    let wrong = call(&r, "GET", &format!("{API}/users/"), Some("nope"), None).await;
    assert_eq!(
        (wrong.status, wrong.body["detail"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("Invalid token."))
    );
    let ping = call(&r, "GET", &format!("{API}/ping"), None, None).await;
    assert_eq!(ping.body, json!({"version": "1.0", "ping": "pong"}));
    let me = authed(&r, "GET", "/me/", None).await;
    assert_eq!(me.body["results"][0]["email"], "admin@example.com");
    assert_eq!(
        authed(&r, "GET", "/config", None).await.body["version"],
        "1.0"
    );
    assert_eq!(authed(&r, "GET", "/", None).await.body["me"], "/api/v1/me/");
}

#[tokio::test]
async fn cors_preflight_and_errors_carry_cors_headers() {
    let r = router();
    let request = Request::builder()
        .method("OPTIONS")
        .uri(format!("{API}/users/"))
        .header("Origin", "http://elsewhere.example")
        .header("Access-Control-Request-Method", "PATCH")
        .header(
            "Access-Control-Request-Headers",
            "authorization,content-type",
        )
        .body(Body::empty())
        .unwrap();
    let response = r.clone().oneshot(request).await.unwrap();
    assert!(response.status().is_success());
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let request = Request::builder()
        .uri(format!("{API}/users/"))
        .header("Origin", "http://elsewhere.example")
        .body(Body::empty())
        .unwrap();
    let response = r.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn lists_paginate_search_and_order() {
    let r = router();
    let page1 = authed(&r, "GET", "/catalogs/", None).await;
    assert_eq!(page1.body["count"], 40);
    assert_eq!(page1.body["results"].as_array().unwrap().len(), 25);
    assert_eq!(page1.body["previous"], Value::Null);
    assert_eq!(page1.body["next"], "/cyborgbackup/api/v1/catalogs/?page=2");
    let page2 = authed(&r, "GET", "/catalogs/?page=2&page_size=25", None).await;
    assert_eq!(page2.body["results"].as_array().unwrap().len(), 15);
    assert_eq!(page2.body["next"], Value::Null);
    assert_eq!(
        authed(&r, "GET", "/catalogs/?page=3", None).await.status,
        StatusCode::NOT_FOUND
    );

    let found = authed(&r, "GET", "/clients/?search=WEB", None).await;
    assert_eq!(found.body["count"], 2);
    let ordered = authed(&r, "GET", "/clients/?order_by=-hostname&page_size=2", None).await;
    let names: Vec<&str> = ordered.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["hostname"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["web-02.example.com", "web-01.example.com"]);
    assert_eq!(
        authed(&r, "GET", "/clients/?order_by=secret", None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn create_update_delete_with_documented_statuses() {
    let r = router();
    let created = authed(
        &r,
        "POST",
        "/schedules/",
        Some(json!({"name": "Every Minutes", "crontab": "*/1 * * * * *", "enabled": true})),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK);
    let id = created.body["id"].as_u64().unwrap();
    assert_eq!(created.body["type"], "schedule");
    assert_eq!(created.body["url"], format!("/api/v1/schedules/{id}/"));

    let patched = authed(
        &r,
        "PATCH",
        &format!("/schedules/{id}/"),
        Some(json!({"name": "Every Monday", "crontab": "0 5 * * MON *"})),
    )
    .await;
    assert_eq!(patched.body["crontab"], "0 5 * * MON *");
    assert_eq!(
        patched.body["enabled"], true,
        "a PATCH keeps fields it does not name"
    );

    let bad = authed(
        &r,
        "PATCH",
        &format!("/schedules/{id}/"),
        Some(json!({"crontab": "0 25 * * * *"})),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body["crontab"][0]
        .as_str()
        .unwrap()
        .starts_with("Hour field"));

    assert_eq!(
        authed(&r, "DELETE", &format!("/schedules/{id}/"), None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        authed(&r, "GET", &format!("/schedules/{id}/"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        authed(&r, "DELETE", &format!("/schedules/{id}/"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        authed(&r, "PATCH", "/users/999/", Some(json!({})))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        authed(&r, "DELETE", "/catalogs/1/", None).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn validation_names_fields_like_drf() {
    let r = router();
    let missing = authed(&r, "POST", "/users/", Some(json!({"first_name": "x"}))).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.body["email"], json!(["This field is required."]));
    let taken = authed(
        &r,
        "POST",
        "/users/",
        Some(json!({"email": "ADMIN@example.com"})),
    )
    .await;
    assert_eq!(
        taken.body["email"],
        json!(["User with this email already exists."])
    );
    let bad_ref = authed(&r, "POST", "/policies/", Some(json!({"name": "p", "policy_type": "vm", "repository": 99, "schedule": 1, "clients": [1, 77]}))).await;
    assert_eq!(
        bad_ref.body["repository"],
        json!(["Invalid pk \"99\" - object does not exist."])
    );
    assert_eq!(
        bad_ref.body["clients"],
        json!(["Invalid pk \"77\" - object does not exist."])
    );
    let wrong_type = authed(
        &r,
        "POST",
        "/clients/",
        Some(json!({"hostname": "h.example.com", "enabled": "yes"})),
    )
    .await;
    assert_eq!(
        wrong_type.body["enabled"],
        json!(["Must be a valid boolean."])
    );
    let request = Request::builder()
        .method("POST")
        .uri(format!("{API}/users/"))
        .header("Authorization", format!("Token {DEMO_TOKEN}"))
        .body(Body::from("{not json"))
        .unwrap();
    assert_eq!(
        r.oneshot(request).await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn policies_launch_and_list_their_calendar() {
    let r = router();
    let policy = authed(&r, "GET", "/policies/2/", None).await;
    assert_eq!(
        policy.body["summary_fields"]["schedule"]["crontab"],
        "30 1 * * * *"
    );
    assert_eq!(
        policy.body["related"]["launch"],
        "/api/v1/policies/2/launch/"
    );
    assert!(policy.body["next_run"]
        .as_str()
        .unwrap()
        .ends_with("01:30:00Z"));

    let before = authed(&r, "GET", "/catalogs/", None).await.body["count"]
        .as_u64()
        .unwrap();
    let launched = authed(&r, "POST", "/policies/2/launch/", None).await;
    assert_eq!(launched.status, StatusCode::OK);
    assert!(launched.body["job"].as_u64().is_some());
    let after = authed(&r, "GET", "/catalogs/", None).await.body["count"]
        .as_u64()
        .unwrap();
    assert_eq!(after, before + 2, "one archive per client of the policy");
    assert_eq!(
        authed(&r, "POST", "/policies/99/launch/", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let calendar = authed(&r, "GET", "/policies/2/calendar/", None).await;
    let days = calendar.body.as_array().unwrap();
    assert!(
        (28..=31).contains(&days.len()),
        "nightly runs once per day of the month: {}",
        days.len()
    );
    assert_eq!(
        authed(&r, "GET", "/policies/99/calendar/", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn faults_are_injected_then_cleared_by_reset() {
    let r = router();
    let fault = json!({"path": "/cyborgbackup/api/v1/users/", "status": 500, "body": "{\"detail\": \"boom\"}", "times": 1});
    assert_eq!(
        call(&r, "POST", "/__sandbox/faults", None, Some(fault))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let failed = authed(&r, "GET", "/users/", None).await;
    assert_eq!(
        (failed.status, failed.body["detail"].as_str()),
        (StatusCode::INTERNAL_SERVER_ERROR, Some("boom"))
    );
    assert_eq!(
        authed(&r, "GET", "/users/", None).await.status,
        StatusCode::OK,
        "times: 1 applies once"
    );

    authed(&r, "DELETE", "/users/2/", None).await;
    call(
        &r,
        "POST",
        "/__sandbox/faults",
        None,
        Some(json!({"path": "/cyborgbackup/", "status": 503, "times": 5})),
    )
    .await;
    call(&r, "POST", "/__sandbox/reset", None, None).await;
    let user = authed(&r, "GET", "/users/2/", None).await;
    assert_eq!(
        user.status,
        StatusCode::OK,
        "reset restores the seed and clears faults"
    );
}

#[tokio::test]
async fn console_json_names_the_demo_connection_for_the_host_used() {
    let r = router();
    let request = Request::builder()
        .uri("/console.json")
        .header("Host", "127.0.0.1:9999")
        .body(Body::empty())
        .unwrap();
    let response = r.oneshot(request).await.unwrap();
    let body: Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(
        body["connections"][0]["base_url"],
        "http://127.0.0.1:9999/cyborgbackup"
    );
    assert_eq!(body["connections"][0]["vendor"], "cyborgbackup");
}
