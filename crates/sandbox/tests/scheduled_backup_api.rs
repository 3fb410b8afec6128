//! The simulated Scheduled Backup API, driven with core's builders and decoders: sign-in,
//! every operation, marker paging and filters, checkpoints that settle, restores that finish,
//! and each documented failure.

use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use backup_console_core::api::{ApiRequest, ApiResponse};
use backup_console_core::vendors::scheduled_backup::errors::explain;
use backup_console_core::vendors::scheduled_backup::keystone::{
    decode_token, token_request, Credentials, ProjectScope,
};
use backup_console_core::vendors::scheduled_backup::models::*;
use backup_console_core::vendors::scheduled_backup::requests::*;
use backup_console_core::vendors::scheduled_backup::views::ChainSummary;
use backup_console_sandbox::scheduled_backup::{PROJECT_ID, VOLUMES};
use backup_console_sandbox::{app, Sandbox, DEMO_TOKEN};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use tower::ServiceExt;

const BASE: &str = "/scheduled-backup/data-protect/v2";

fn router() -> axum::Router {
    app(Sandbox::new(None))
}

/// Send what core built below `base`, with `token` in X-Auth-Token.
async fn send_to(
    router: &axum::Router,
    base: &str,
    request: &ApiRequest,
    token: Option<&str>,
) -> ApiResponse {
    let mut http = Request::builder()
        .method(request.method.as_str())
        .uri(request.url(base))
        .header("Origin", "http://console.test");
    if let Some(token) = token {
        http = http.header("X-Auth-Token", token);
    }
    let body = match &request.body {
        Some(body) => {
            http = http.header("Content-Type", body.content_type());
            Body::from(body.encode())
        }
        None => Body::empty(),
    };
    let response = router
        .clone()
        .oneshot(http.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    ApiResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn send(router: &axum::Router, request: &ApiRequest) -> ApiResponse {
    send_to(router, BASE, request, Some(DEMO_TOKEN)).await
}

async fn call<T: DeserializeOwned>(router: &axum::Router, request: &ApiRequest) -> T {
    let answer = send(router, request).await;
    decode(&answer, &request.subject).unwrap_or_else(|e| panic!("{e:?}: {}", answer.body))
}

async fn refused(
    router: &axum::Router,
    request: &ApiRequest,
) -> (u16, backup_console_core::api::ApiError) {
    let answer = send(router, request).await;
    (
        answer.status,
        decode::<serde_json::Value>(&answer, &request.subject).unwrap_err(),
    )
}

fn raw(method: &str, path: &str, body: &str) -> ApiRequest {
    let mut request = ApiRequest::new(
        match method {
            "POST" => backup_console_core::api::Method::Post,
            "PATCH" => backup_console_core::api::Method::Patch,
            _ => backup_console_core::api::Method::Get,
        },
        path,
    );
    request.body = Some(backup_console_core::api::Body::Text(body.to_owned()));
    request
}

fn new_plan(name: &str, volumes: &[usize]) -> PlanInput {
    PlanInput {
        name: name.into(),
        description: String::new(),
        backup_mode: BackupMode::Full,
        max_backups: 3,
        resources: volumes
            .iter()
            .map(|i| Resource::volume(VOLUMES[*i].0, VOLUMES[*i].1))
            .collect(),
        schedule_type: ScheduleType::Crontab,
        // Once a year, so no scheduled run lands inside a test.
        schedule_pattern: "0 0 1 1 *".into(),
    }
}

#[tokio::test]
async fn the_token_is_required_and_keystone_gives_it() {
    let r = router();
    for token in [None, Some("expired")] {
        let answer = send_to(&r, BASE, &list_plans(&PlanQuery::default()), token).await;
        assert_eq!(answer.status, 401);
        let error = decode::<PlanList>(&answer, "the backup plans").unwrap_err();
        assert!(error.needs_sign_in() && explain(&error).contains("Sign in again"));
    }
    let identity = "/scheduled-backup/identity/v3"; // given with its /v3, as operators do
    let base = backup_console_core::vendors::scheduled_backup::keystone::identity_base(identity);
    let sign_in = |project| Credentials {
        user: "demo".into(),
        password: "demo-password".into(),
        domain: "demo".into(),
        project,
    };
    for project in [
        ProjectScope::Id(PROJECT_ID.into()),
        ProjectScope::Name(PROJECT_ID.into()),
    ] {
        let answer = send_to(&r, &base, &token_request(&sign_in(project)), None).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        let exposed = answer
            .header("access-control-expose-headers")
            .unwrap_or_default();
        assert!(
            exposed.split(',').any(|h| h.trim() == "x-subject-token"),
            "{exposed}"
        );
        let token = decode_token(&answer).unwrap();
        assert_eq!(
            (token.token.as_str(), token.project_id.as_str()),
            (DEMO_TOKEN, PROJECT_ID)
        );
    }
    let mut wrong = sign_in(ProjectScope::Id(PROJECT_ID.into()));
    wrong.password = "guess".into();
    let answer = send_to(&r, &base, &token_request(&wrong), None).await;
    assert_eq!(decode_token(&answer).unwrap_err().kind(), "unauthorized");
    let elsewhere = sign_in(ProjectScope::Id("other-project".into()));
    assert_eq!(
        send_to(&r, &base, &token_request(&elsewhere), None)
            .await
            .status,
        401
    );
    let garbage = send_to(&r, &base, &raw("POST", "/v3/auth/tokens", "{"), None).await;
    assert_eq!(decode_token(&garbage).unwrap_err().kind(), "validation");
}

#[tokio::test]
async fn plans_page_by_marker_and_filter() {
    let r = router();
    let all: PlanList = call(&r, &list_plans(&PlanQuery::default())).await;
    assert_eq!((all.plans.len(), all.total), (4, Some(4)));
    let first: PlanList = call(
        &r,
        &list_plans(&PlanQuery {
            limit: Some(3),
            ..PlanQuery::default()
        }),
    )
    .await;
    assert_eq!(first.plans.len(), 3);
    let rest: PlanList = call(
        &r,
        &list_plans(&PlanQuery {
            limit: Some(3),
            marker: Some(first.plans[2].id.clone()),
            ..PlanQuery::default()
        }),
    )
    .await;
    assert_eq!((rest.plans.len(), rest.total), (1, Some(4)));
    assert_eq!(rest.plans[0].id, all.plans[3].id);
    let named: PlanList = call(
        &r,
        &list_plans(&PlanQuery {
            name: Some("weekly-web".into()),
            ..PlanQuery::default()
        }),
    )
    .await;
    assert_eq!(named.plans.len(), 1);
    assert_eq!(named.plans[0].backup_mode, BackupMode::Frequency);
    assert_eq!(named.plans[0].status, PlanStatus::Suspended);
    let by_volume: PlanList = call(
        &r,
        &list_plans(&PlanQuery {
            volume_name: Some("db-data".into()),
            ..PlanQuery::default()
        }),
    )
    .await;
    let names: Vec<&str> = by_volume.plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["nightly-db", "monthly-db"]);
    let (status, error) = refused(
        &r,
        &list_plans(&PlanQuery {
            marker: Some("nope".into()),
            ..PlanQuery::default()
        }),
    )
    .await;
    assert_eq!((status, error.kind()), (400, "validation"));
    let (status, error) = refused(
        &r,
        &list_plans(&PlanQuery {
            limit: Some(0),
            ..PlanQuery::default()
        }),
    )
    .await;
    assert_eq!(status, 422);
    assert!(error.field_errors().unwrap().contains_key("limit"));
}

#[tokio::test]
async fn a_new_plan_makes_a_checkpoint_that_becomes_available_and_restores() {
    let r = router();
    let input = new_plan("two-volumes", &[0, 1]);
    assert!(input.validate().is_empty());
    let plan: Plan = call(&r, &create_plan(&input)).await;
    assert_eq!(
        (plan.status.clone(), plan.resources.len()),
        (PlanStatus::Started, 2)
    );
    let got: Plan = call(&r, &get_plan(&plan.id)).await;
    assert_eq!(got, plan);
    let mine = CheckpointQuery {
        plan_name: Some("two-volumes".into()),
        ..CheckpointQuery::default()
    };
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let list: CheckpointList = call(&r, &list_checkpoints(&mine)).await;
    assert_eq!(list.checkpoints.len(), 1, "a first checkpoint within 2 s");
    let checkpoint = &list.checkpoints[0];
    assert_eq!(checkpoint.status, Status::Protecting);
    assert_eq!(checkpoint.checkpoint_items.len(), 2);
    // Restoring or deleting what is still being made is refused.
    let item = checkpoint.checkpoint_items[0].clone();
    let restore = RestoreInput {
        checkpoint_item_id: item.id.clone(),
        restore_name: "db-copy".into(),
    };
    let (status, error) = refused(&r, &create_restore(&restore)).await;
    assert_eq!((status, error.kind()), (409, "conflict"));
    assert_eq!(refused(&r, &delete_checkpoint(&checkpoint.id)).await.0, 409);
    let mut settled = None;
    for _ in 0..20 {
        let now: Checkpoint = call(&r, &get_checkpoint(&checkpoint.id)).await;
        if now.is_settled() {
            settled = Some(now);
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let settled = settled.expect("available within 5 s");
    assert_eq!(settled.status, Status::Available);
    let started: Restore = call(&r, &create_restore(&restore)).await;
    assert_eq!(
        (started.status.clone(), started.checkpoint_item_id.as_str()),
        (RestoreStatus::InProgress, item.id.as_str())
    );
    assert_eq!(started.project_id, PROJECT_ID);
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let done: Restore = call(&r, &get_restore(&started.id)).await;
    assert_eq!(done.status, RestoreStatus::Success);
}

#[tokio::test]
async fn creating_checks_every_field() {
    let r = router();
    let (status, error) = refused(&r, &raw("POST", "/plans/", "{not json")).await;
    assert_eq!((status, error.kind()), (400, "validation"));
    let (status, error) = refused(
        &r,
        &raw(
            "POST",
            "/plans/",
            r#"{"name": "x", "max_backups": 0, "resources": [], "schedule_pattern": "61 * * * *"}"#,
        ),
    )
    .await;
    assert_eq!(status, 422);
    let fields: Vec<&String> = error.field_errors().unwrap().keys().collect();
    assert_eq!(
        fields,
        [
            "backup_mode",
            "description",
            "max_backups",
            "resources",
            "schedule_pattern",
            "schedule_type"
        ]
    );
    let (status, error) = refused(&r, &create_plan(&new_plan("nightly-db", &[0]))).await;
    assert_eq!(status, 409);
    assert!(explain(&error).contains("A plan named nightly-db already exists."));
    // The SDK's name for the count is understood too.
    let mut sdk = serde_json::to_value(new_plan("sdk", &[2])).unwrap();
    let count = sdk.as_object_mut().unwrap().remove("max_backups").unwrap();
    sdk["full_backups_amount"] = count;
    let plan: Plan = call(&r, &raw("POST", "/plans/", &sdk.to_string())).await;
    assert_eq!(plan.max_backups, 3);
}

#[tokio::test]
async fn plans_change_only_what_the_patch_names_then_go() {
    let r = router();
    let all: PlanList = call(&r, &list_plans(&PlanQuery::default())).await;
    let before = all
        .plans
        .iter()
        .find(|p| p.name == "workday-logs")
        .unwrap()
        .clone();
    let mut after = before.clone();
    after.max_backups = 5;
    after.schedule_pattern = "0 8 * * 1,2,3,4,5".into();
    let patch = PlanPatch::diff(&before, &after);
    let request = update_plan(&before.id, &patch);
    assert_eq!(
        request
            .body
            .as_ref()
            .unwrap()
            .as_json()
            .unwrap()
            .as_object()
            .unwrap()
            .len(),
        2
    );
    let answer = send(&r, &request).await;
    let shape: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert!(
        shape.get("id").is_none(),
        "the document's answer has no id: {shape}"
    );
    let updated = decode_updated_plan(&answer, &before).unwrap();
    assert_eq!(updated, after);
    assert_eq!(call::<Plan>(&r, &get_plan(&before.id)).await, after);
    // Suspend and resume.
    let suspended = decode_updated_plan(
        &send(&r, &set_plan_started(&before.id, false)).await,
        &after,
    )
    .unwrap();
    assert_eq!(suspended.status, PlanStatus::Suspended);
    let resumed = decode_updated_plan(
        &send(&r, &set_plan_started(&before.id, true)).await,
        &suspended,
    )
    .unwrap();
    assert_eq!(resumed.status, PlanStatus::Started);
    // Failures: a taken name, a bad value, an unknown plan, a body that is not JSON.
    let rename = PlanPatch {
        name: Some("nightly-db".into()),
        ..PlanPatch::default()
    };
    assert_eq!(refused(&r, &update_plan(&before.id, &rename)).await.0, 409);
    let (status, error) = refused(
        &r,
        &raw(
            "PATCH",
            &format!("/plans/{}", before.id),
            r#"{"status": "paused"}"#,
        ),
    )
    .await;
    assert_eq!(status, 422);
    assert!(error.field_errors().unwrap().contains_key("status"));
    assert_eq!(
        refused(&r, &raw("PATCH", &format!("/plans/{}", before.id), "["))
            .await
            .0,
        400
    );
    let (status, error) = refused(&r, &update_plan("no/such plan", &rename)).await;
    assert_eq!((status, error.kind()), (404, "not-found"));
    // Deleted: gone, its checkpoints stay.
    assert!(decode_done(&send(&r, &delete_plan(&before.id)).await, "plan").is_ok());
    assert_eq!(refused(&r, &get_plan(&before.id)).await.0, 404);
    assert_eq!(refused(&r, &delete_plan(&before.id)).await.0, 404);
    let left: CheckpointList = call(
        &r,
        &list_checkpoints(&CheckpointQuery {
            plan_name: Some("workday-logs".into()),
            ..CheckpointQuery::default()
        }),
    )
    .await;
    assert_eq!(left.checkpoints.len(), 1);
    assert_eq!(left.checkpoints[0].status, Status::Error);
}

#[tokio::test]
async fn checkpoints_page_filter_and_delete_alone_or_by_chain() {
    let r = router();
    let all: CheckpointList = call(&r, &list_checkpoints(&CheckpointQuery::default())).await;
    assert_eq!(all.checkpoints.len(), 8);
    assert!(
        all.checkpoints
            .windows(2)
            .all(|w| w[0].created_at >= w[1].created_at),
        "newest first"
    );
    let page: CheckpointList = call(
        &r,
        &list_checkpoints(&CheckpointQuery {
            limit: Some(5),
            marker: Some(all.checkpoints[4].id.clone()),
            ..CheckpointQuery::default()
        }),
    )
    .await;
    assert_eq!(page.checkpoints, all.checkpoints[5..]);
    let archive: CheckpointList = call(
        &r,
        &list_checkpoints(&CheckpointQuery {
            volume_name: Some("archive-2023".into()),
            ..CheckpointQuery::default()
        }),
    )
    .await;
    assert_eq!(
        archive.checkpoints.len(),
        1,
        "a checkpoint of a deleted plan"
    );
    assert_eq!(refused(&r, &get_checkpoint("nope")).await.0, 404);

    let web: CheckpointList = call(
        &r,
        &list_checkpoints(&CheckpointQuery {
            plan_name: Some("weekly-web".into()),
            ..CheckpointQuery::default()
        }),
    )
    .await;
    assert_eq!(web.checkpoints.len(), 3);
    let oldest = web.checkpoints.last().unwrap();
    assert!(oldest.checkpoint_items.iter().all(|i| !i.is_incremental));
    let (status, error) = refused(&r, &delete_checkpoint(&oldest.id)).await;
    assert_eq!(status, 409);
    assert!(explain(&error).contains("delete its chain instead"));
    // The newest, incremental, goes alone.
    let newest = &web.checkpoints[0];
    let gone: DeletedCheckpoint = call(&r, &delete_checkpoint(&newest.id)).await;
    assert_eq!(gone.status, Status::Deleting);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(refused(&r, &get_checkpoint(&newest.id)).await.0, 404);
    // A chain: the confirmation's numbers are the service's.
    let web: CheckpointList = call(
        &r,
        &list_checkpoints(&CheckpointQuery {
            plan_name: Some("weekly-web".into()),
            ..CheckpointQuery::default()
        }),
    )
    .await;
    let chain = oldest
        .checkpoint_items
        .iter()
        .find(|i| i.resource.name == "web-root")
        .unwrap()
        .chain_id
        .clone();
    let summary = ChainSummary::of(&web.checkpoints, &chain);
    assert_eq!(
        summary.question(),
        "Delete 2 checkpoints of volume web-root?"
    );
    let deleted: DeletedChain = call(&r, &delete_chain(&chain)).await;
    let mut ids: Vec<&str> = deleted.deleted.iter().map(|c| c.id.as_str()).collect();
    let mut expected: Vec<&str> = summary.checkpoints.iter().map(String::as_str).collect();
    ids.sort_unstable();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    assert!(deleted
        .deleted
        .iter()
        .flat_map(|c| &c.checkpoint_items)
        .all(|i| i.chain_id == chain));
    // The other volume's backups stay in those checkpoints.
    let after: Checkpoint = call(&r, &get_checkpoint(&oldest.id)).await;
    assert_eq!(after.checkpoint_items.len(), 1);
    assert_eq!(after.checkpoint_items[0].resource.name, "app-logs");
    assert_eq!(refused(&r, &delete_chain(&chain)).await.0, 404);
    // Without a chain id (the builder leaves an empty one out), nothing is deleted.
    let no_chain = delete_chain(" ");
    assert!(no_chain.query.is_empty());
    assert_eq!(send(&r, &no_chain).await.status, 400);
}

#[tokio::test]
async fn restores_check_their_input() {
    let r = router();
    let (status, error) = refused(
        &r,
        &raw("POST", "/restores/", r#"{"checkpoint_item_id": "x"}"#),
    )
    .await;
    assert_eq!(status, 422);
    assert!(error.field_errors().unwrap().contains_key("restore_name"));
    assert_eq!(refused(&r, &raw("POST", "/restores/", "nope")).await.0, 400);
    let unknown = RestoreInput {
        checkpoint_item_id: "nope".into(),
        restore_name: "x".into(),
    };
    assert_eq!(refused(&r, &create_restore(&unknown)).await.0, 404);
    assert_eq!(refused(&r, &get_restore("nope")).await.0, 404);
    let failed: CheckpointList = call(
        &r,
        &list_checkpoints(&CheckpointQuery {
            plan_name: Some("workday-logs".into()),
            ..CheckpointQuery::default()
        }),
    )
    .await;
    let item = &failed.checkpoints[0].checkpoint_items[0];
    let from_error = RestoreInput {
        checkpoint_item_id: item.id.clone(),
        restore_name: "x".into(),
    };
    assert_eq!(refused(&r, &create_restore(&from_error)).await.0, 409);
}
