//! Signing in to the simulated CyBorgBackup with a password: JWTs that expire, refresh tokens
//! that rotate, and the console's own requests and readers driving it.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use backup_console_core::vendors::cyborgbackup::jwt::{self, TokenPair};
use backup_console_sandbox::{app, Sandbox};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const MOUNT: &str = "/cyborgbackup";

async fn send(
    router: &axum::Router,
    request: backup_console_core::api::ApiRequest,
) -> (StatusCode, Value) {
    let body = request
        .body
        .as_ref()
        .map(|b| b.encode())
        .unwrap_or_default();
    let built = Request::builder()
        .method(request.method.as_str())
        .uri(request.url(MOUNT))
        .header("Content-Type", "application/json")
        .body(Body::from(body))
        .unwrap();
    answer(router, built).await
}

async fn answer(router: &axum::Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn me(router: &axum::Router, access: &str) -> StatusCode {
    let request = Request::builder()
        .uri(format!("{MOUNT}/api/v1/me/"))
        .header("Authorization", format!("Bearer {access}"))
        .body(Body::empty())
        .unwrap();
    answer(router, request).await.0
}

async fn lifetimes(router: &axum::Router, access_seconds: i64) {
    let request = Request::builder()
        .method("POST")
        .uri(format!("{MOUNT}/__jwt"))
        .header("Content-Type", "application/json")
        .body(Body::from(
            json!({"access_seconds": access_seconds}).to_string(),
        ))
        .unwrap();
    assert_eq!(answer(router, request).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_password_yields_tokens_the_console_can_read_and_use() {
    let router = app(Sandbox::new(None));
    let (status, body) = send(&router, jwt::obtain("admin@example.com", "wrong")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body["detail"],
        "No active account found with the given credentials"
    );

    let (status, body) = send(&router, jwt::obtain("admin@example.com", "demo-password")).await;
    assert_eq!(status, StatusCode::OK);
    let pair: TokenPair = serde_json::from_value(body).unwrap();
    assert!(jwt::is_jwt(&pair.access));
    let lifetime = jwt::expires_at(&pair.access).unwrap() - chrono::Utc::now();
    assert!(
        (3590..=3600).contains(&lifetime.num_seconds()),
        "{lifetime}"
    );
    assert_eq!(me(&router, &pair.access).await, StatusCode::OK);
    assert_eq!(me(&router, "not.a.token").await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_expired_access_is_refused() {
    let router = app(Sandbox::new(None));
    lifetimes(&router, 1).await;
    let (_, body) = send(&router, jwt::obtain("admin@example.com", "demo-password")).await;
    let first: TokenPair = serde_json::from_value(body).unwrap();
    let refresh = first.refresh.clone().unwrap();

    let (status, body) = send(&router, jwt::refresh(&refresh)).await;
    assert_eq!(status, StatusCode::OK);
    let second: TokenPair = serde_json::from_value(body).unwrap();
    assert_ne!(
        second.refresh.as_deref(),
        Some(refresh.as_str()),
        "a new refresh token"
    );
    // The old refresh token was used up.
    let (status, body) = send(&router, jwt::refresh(&refresh)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "token_not_valid");

    // A one-second access token stops working once its second is over.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(me(&router, &second.access).await, StatusCode::UNAUTHORIZED);
    let (status, body) = send(&router, jwt::refresh(second.refresh.as_deref().unwrap())).await;
    assert_eq!(status, StatusCode::OK);
    let third: TokenPair = serde_json::from_value(body).unwrap();
    assert_eq!(me(&router, &third.access).await, StatusCode::OK);
}
