//! The simulated Xopero management API, driven through core's request builders and read with
//! core's decoders, so the two ends are proven to agree: sign-in and roles, every operation,
//! paging, ordering, filters, licences, synchronization, plans, and each failure.

use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use backup_console_core::api::{ApiError, ApiRequest, ApiResponse};
use backup_console_core::vendors::xopero::models::*;
use backup_console_core::vendors::xopero::plan::{compose_base, BaseSource, PlanSources};
use backup_console_core::vendors::xopero::query::{Order, Paging};
use backup_console_core::vendors::xopero::views::StatusBadge;
use backup_console_core::vendors::xopero::{
    decode, error_of, plan_body, requests, OrganizationQuery, PlanForm, PlanQuery, RepositoryQuery,
};
use backup_console_core::vendors::Vendor;
use backup_console_sandbox::xopero::{guid, ORG, PLAN, REPO};
use backup_console_sandbox::{app, Sandbox, DEMO_TOKEN};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tower::ServiceExt;

fn router() -> axum::Router {
    app(Sandbox::new(None))
}

async fn raw(r: &axum::Router, path: &str, token: Option<&str>, body: String) -> ApiResponse {
    let mut request = Request::builder()
        .method("POST")
        .uri(path)
        .header("Content-Type", "application/json");
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let response = r
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    ApiResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Send what a core builder built, as the console would.
async fn send_as(r: &axum::Router, request: &ApiRequest, token: Option<&str>) -> ApiResponse {
    let body = request
        .body
        .as_ref()
        .map(|b| b.encode())
        .unwrap_or_default();
    raw(r, &format!("/xopero{}", request.path), token, body).await
}

async fn send(r: &axum::Router, request: &ApiRequest) -> ApiResponse {
    send_as(r, request, Some(DEMO_TOKEN)).await
}

async fn get<T: DeserializeOwned>(r: &axum::Router, request: &ApiRequest) -> T {
    let response = send(r, request).await;
    decode(&response, &request.subject)
        .unwrap_or_else(|e| panic!("{}: {e:?} {}", request.path, response.body))
}

async fn refused(r: &axum::Router, request: &ApiRequest) -> ApiError {
    let response = send(r, request).await;
    assert!(
        !response.is_success(),
        "{}: {}",
        request.path,
        response.body
    );
    error_of(&response, &request.subject)
}

fn org(n: u32) -> String {
    guid(ORG, n)
}

fn repo(n: u32) -> String {
    guid(REPO, n)
}

fn page(page: u32, limit: u32) -> Paging {
    Paging { page, limit }
}

async fn acme(r: &axum::Router) -> Organization {
    let orgs: OrganizationPage =
        get(r, &requests::organizations(&OrganizationQuery::default())).await;
    orgs.result.into_iter().find(|o| o.name == "acme").unwrap()
}

#[tokio::test]
async fn sign_in_roles_and_expiring_tokens() {
    let r = router();
    let orgs = requests::organizations(&OrganizationQuery::default());
    let anonymous = send_as(&r, &orgs, None).await;
    assert_eq!(anonymous.status, 401);
    assert!(anonymous
        .headers
        .iter()
        .any(|(k, v)| k == "www-authenticate" && v.starts_with("Bearer")));
    assert!(error_of(&anonymous, "x").needs_sign_in());
    assert_eq!(send_as(&r, &orgs, Some("forged")).await.status, 401);
    assert_eq!(
        send(&r, &orgs).await.status,
        200,
        "the demo token is an administrator's"
    );

    let login = requests::login("ADMIN@example.com", "demo-password", true);
    let answer: LoginAnswer = decode(&send_as(&r, &login, None).await, "sign-in").unwrap();
    assert_eq!(
        send_as(&r, &orgs, Some(&answer.access_token)).await.status,
        200
    );

    let wrong = send_as(
        &r,
        &requests::login("admin@example.com", "nope", false),
        None,
    )
    .await;
    assert_eq!(wrong.status, 400);
    assert!(error_of(&wrong, "sign-in")
        .to_string()
        .contains("Invalid email or password"));
    assert_eq!(
        raw(&r, "/xopero/account/login", None, "{}".into())
            .await
            .status,
        400
    );

    let viewer = requests::login("viewer@example.com", "demo-password", false);
    let viewer: LoginAnswer = decode(&send_as(&r, &viewer, None).await, "sign-in").unwrap();
    let forbidden = send_as(&r, &orgs, Some(&viewer.access_token)).await;
    assert_eq!((forbidden.status, forbidden.body.as_str()), (403, ""));
    let error = error_of(&forbidden, "the organizations");
    assert!(
        error.to_string().contains("System Administrator role"),
        "{error}"
    );

    assert_eq!(
        raw(&r, "/xopero/__expire", None, String::new())
            .await
            .status,
        200
    );
    assert_eq!(
        send_as(&r, &orgs, Some(&answer.access_token)).await.status,
        401
    );
    assert_eq!(
        send(&r, &orgs).await.status,
        401,
        "the demo token expires too"
    );
    let again: LoginAnswer = decode(&send_as(&r, &login, None).await, "sign-in").unwrap();
    assert_eq!(
        send_as(&r, &orgs, Some(&again.access_token)).await.status,
        200
    );
    raw(&r, "/__sandbox/reset", None, String::new()).await;
    assert_eq!(
        send(&r, &orgs).await.status,
        200,
        "reset brings the demo token back"
    );
}

#[tokio::test]
async fn organizations_page_and_order_as_documented() {
    let r = router();
    let query = |n, order| OrganizationQuery {
        paging: page(n, 2),
        order,
    };
    let first: OrganizationPage = get(
        &r,
        &requests::organizations(&query(1, Some(Order::asc("Name")))),
    )
    .await;
    let names: Vec<&str> = first.result.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["acme", "mobile"]);
    assert_eq!(
        (first.current_page, first.page_count, first.total_entries),
        (1, 2, 4)
    );
    // The document's own example body.
    let documented = raw(
        &r,
        "/xopero/git/organizations/getmany",
        Some(DEMO_TOKEN),
        r#"{"limit": 2, "orderby": "Name", "ordertype": "asc", "Page": 2}"#.into(),
    )
    .await;
    let second: OrganizationPage = decode(&documented, "x").unwrap();
    let names: Vec<String> = second.result.iter().map(|o| o.name.clone()).collect();
    assert_eq!(names, ["platform-team", "research"]);
    assert_eq!(second.result[1].driver_name(), "driver 4");
    let biggest: OrganizationPage = get(
        &r,
        &requests::organizations(&query(1, Some(Order::desc("TotalRepositories")))),
    )
    .await;
    assert_eq!(biggest.result[0].name, "acme");

    let acme = acme(&r).await;
    assert_eq!(acme.driver_name(), "GitHub");
    let counts = (
        acme.protected_repositories,
        acme.total_repositories,
        acme.missing_licences,
        acme.removed_repositories,
    );
    assert_eq!(counts, (8, 14, 5, 2));
    let plans: Vec<(&str, u64, StatusBadge)> = acme
        .plans
        .iter()
        .map(|p| (p.name.as_str(), p.repo_count, StatusBadge::of_plan(p)))
        .collect();
    assert_eq!(
        plans,
        [
            ("Nightly", 6, StatusBadge::Succeeded),
            ("Docs weekly", 2, StatusBadge::Warnings)
        ]
    );
    assert!(acme.plans[0].finished_at().is_some());

    let bad_order = refused(
        &r,
        &requests::organizations(&query(1, Some(Order::asc("Colour")))),
    )
    .await;
    assert_eq!(
        bad_order.to_string(),
        "The service rejected the input. Cannot order by \"Colour\"."
    );
    let bad_type = raw(
        &r,
        "/xopero/git/organizations/getmany",
        Some(DEMO_TOKEN),
        r#"{"orderby":"Name","ordertype":"up"}"#.into(),
    )
    .await;
    assert_eq!(bad_type.status, 400);
    let bad_limit = raw(
        &r,
        "/xopero/git/organizations/getmany",
        Some(DEMO_TOKEN),
        r#"{"limit": 0}"#.into(),
    )
    .await;
    assert_eq!(bad_limit.status, 400);
    assert_eq!(
        raw(
            &r,
            "/xopero/git/organizations/getmany",
            Some(DEMO_TOKEN),
            "[".into()
        )
        .await
        .status,
        400
    );
}

#[tokio::test]
async fn repositories_filter_page_and_order() {
    let r = router();
    let list = |q: RepositoryQuery| requests::repositories(&org(1), &q);
    let all: RepositoryPage = get(
        &r,
        &list(RepositoryQuery {
            paging: page(3, 5),
            ..Default::default()
        }),
    )
    .await;
    assert_eq!(
        (
            all.page_count,
            all.total_entries,
            all.result.repositories.len()
        ),
        (3, 14, 4)
    );
    assert_eq!(all.result.removed_repositories, 2);
    assert!(!all.result.synchronization_in_progress);
    assert!(all.result.last_synchronization_at().is_some());

    let removed: RepositoryPage = get(
        &r,
        &list(RepositoryQuery {
            removed: Some(true),
            ..Default::default()
        }),
    )
    .await;
    let names: Vec<&str> = removed
        .result
        .repositories
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["acme/legacy-portal", "acme/old-wiki"]);
    let licensed = RepositoryQuery {
        removed: Some(false),
        protected: Some(true),
        ..Default::default()
    };
    assert_eq!(
        get::<RepositoryPage>(&r, &list(licensed))
            .await
            .total_entries,
        7
    );
    let search = RepositoryQuery {
        search: "AUTH".into(),
        ..Default::default()
    };
    let found: RepositoryPage = get(&r, &list(search)).await;
    assert_eq!(found.result.repositories[0].name, "acme/auth-service");
    assert!(found.result.repositories[0].next_backup_at().is_some());
    let newest = RepositoryQuery {
        order: Some(Order::desc("LastBackup")),
        paging: page(1, 14),
        ..Default::default()
    };
    let newest: RepositoryPage = get(&r, &list(newest)).await;
    let times: Vec<u64> = newest
        .result
        .repositories
        .iter()
        .map(|r| r.last_backup)
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]) && times[13] == 0,
        "{times:?}"
    );

    let body = |filters: Value| json!({"id": org(1), "filters": filters}).to_string();
    let path = "/xopero/git/repositories/getmany";
    for (filters, message) in [
        (
            json!([{"operator": "eq", "value": 1, "property": "Colour"}]),
            "Cannot filter by \"Colour\".",
        ),
        (
            json!([{"operator": "contains", "value": "x", "property": "IsPublic"}]),
            "contains works on text, and IsPublic is not text.",
        ),
        (
            json!([{"operator": "like", "value": "x", "property": "Name"}]),
            "Unknown filter operator \"like\": use eq, neq or contains.",
        ),
    ] {
        let answer = raw(&r, path, Some(DEMO_TOKEN), body(filters)).await;
        assert_eq!(
            error_of(&answer, "x").to_string(),
            format!("The service rejected the input. {message}")
        );
    }
    // Field names in any case, as ASP.NET binds them.
    let loud = raw(
        &r,
        path,
        Some(DEMO_TOKEN),
        json!({"ID": org(2), "LIMIT": 2}).to_string(),
    )
    .await;
    assert_eq!(decode::<RepositoryPage>(&loud, "x").unwrap().page_count, 3);
    let missing = requests::repositories(&org(99), &RepositoryQuery::default());
    assert_eq!(refused(&r, &missing).await.kind(), "not-found");
    assert_eq!(
        raw(&r, path, Some(DEMO_TOKEN), "{}".into()).await.status,
        400
    );
}

#[tokio::test]
async fn licences_activate_and_deactivate_per_repository() {
    let r = router();
    // acme/mobile-app, acme/data-pipeline, acme/ml-models: unlicensed; five licences are free.
    let three = vec![repo(5), repo(6), repo(13)];
    let answer: LicenceAnswer = get(&r, &requests::activate(&three)).await;
    assert!(answer
        .outcomes(&three)
        .iter()
        .all(|o| o.error_code.is_none() && !o.unanswered));
    let acme_now = acme(&r).await;
    assert_eq!(
        (acme_now.protected_repositories, acme_now.missing_licences),
        (11, 2)
    );

    let more = vec![repo(10), repo(14), "nope".to_owned(), repo(105)];
    let answer: LicenceAnswer = get(&r, &requests::activate(&more)).await;
    let codes: Vec<Option<String>> = answer
        .outcomes(&more)
        .into_iter()
        .map(|o| o.error_code)
        .collect();
    assert_eq!(
        codes,
        [None, None, Some("GT4040".into()), Some("LI5020".into())],
        "the pool ran out"
    );

    let back = vec![repo(1), repo(5), repo(12)];
    let answer: LicenceAnswer = get(&r, &requests::deactivate(&back)).await;
    let codes: Vec<Option<String>> = answer
        .outcomes(&back)
        .into_iter()
        .map(|o| o.error_code)
        .collect();
    assert_eq!(
        codes,
        [None, None, Some("GT1001".into())],
        "acme/old-wiki held no licence"
    );
    assert_eq!(acme(&r).await.protected_repositories, 11);
    let answer: LicenceAnswer = get(&r, &requests::activate(&[repo(105)])).await;
    assert!(
        answer.error.is_empty(),
        "a freed licence serves another organization"
    );

    let no_ids = raw(
        &r,
        "/xopero/git/repositories/activate",
        Some(DEMO_TOKEN),
        "{}".into(),
    )
    .await;
    assert_eq!(
        error_of(&no_ids, "x").to_string(),
        "The service rejected the input. The Ids field is required."
    );
    let bad_ids = raw(
        &r,
        "/xopero/git/repositories/deactivate",
        Some(DEMO_TOKEN),
        r#"{"Ids":[1]}"#.into(),
    )
    .await;
    assert_eq!(bad_ids.status, 400);
}

#[tokio::test]
async fn removing_a_repository_takes_it_out_of_lists_and_plans() {
    let r = router();
    let answer: RemoveAnswer = get(&r, &requests::remove(&repo(12), true)).await;
    assert!(answer.removed(&repo(12)));
    let acme_now = acme(&r).await;
    assert_eq!(
        (acme_now.total_repositories, acme_now.removed_repositories),
        (13, 1)
    );
    assert_eq!(
        refused(&r, &requests::remove(&repo(12), true)).await.kind(),
        "not-found"
    );

    let _: RemoveAnswer = get(&r, &requests::remove(&repo(1), false)).await;
    let plans: PlanPage = get(&r, &requests::plans(&org(1), &PlanQuery::default())).await;
    assert_eq!(plans.result[0].repository_ids.len(), 5);
    assert!(!plans.result[0].repository_ids.contains(&repo(1)));
    let bad = raw(
        &r,
        "/xopero/git/repositories/remove",
        Some(DEMO_TOKEN),
        json!({"id": repo(2), "removedata": "yes"}).to_string(),
    )
    .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn sync_runs_for_a_few_seconds() {
    let r = router();
    let before = acme(&r).await;
    assert!(!before.synchronization_in_progress);
    assert!(send(&r, &requests::sync(&org(1))).await.is_success());
    let list = requests::repositories(&org(1), &RepositoryQuery::default());
    let during: RepositoryPage = get(&r, &list).await;
    assert!(during.result.synchronization_in_progress);
    let started = during.result.last_synchronization_at().unwrap();
    assert!((chrono::Utc::now() - started).num_seconds() < 2);
    assert!(acme(&r).await.synchronization_in_progress);
    assert!(
        send(&r, &requests::sync(&org(1))).await.is_success(),
        "a second sync joins the first"
    );
    tokio::time::sleep(Duration::from_millis(3200)).await;
    let after: RepositoryPage = get(&r, &list).await;
    assert!(!after.result.synchronization_in_progress);
    assert_eq!(after.result.last_synchronization_at(), Some(started));
    assert_eq!(
        refused(&r, &requests::sync("unknown")).await.kind(),
        "not-found"
    );
}

#[tokio::test]
async fn plans_list_whole_and_repositories_attach_and_detach() {
    let r = router();
    let second = PlanQuery { paging: page(2, 1) };
    let plans: PlanPage = get(&r, &requests::plans(&org(1), &second)).await;
    assert_eq!((plans.page_count, plans.total_entries), (2, 2));
    let docs = &plans.result[0];
    assert_eq!(
        (docs.name.as_str(), docs.repository_ids.len()),
        ("Docs weekly", 2)
    );
    assert!(
        docs.extra.contains_key("schedule"),
        "the whole plan is listed"
    );

    let nightly = guid(PLAN, 1);
    assert!(send(&r, &requests::attach(&nightly, &repo(5)))
        .await
        .is_success());
    assert!(
        send(&r, &requests::attach(&nightly, &repo(5)))
            .await
            .is_success(),
        "attached once"
    );
    let plans: PlanPage = get(&r, &requests::plans(&org(1), &PlanQuery::default())).await;
    assert_eq!(
        plans.result[0]
            .repository_ids
            .iter()
            .filter(|id| **id == repo(5))
            .count(),
        1
    );
    assert_eq!(acme(&r).await.plans[0].repo_count, 7);
    assert!(send(&r, &requests::detach(&nightly, &repo(5)))
        .await
        .is_success());
    assert_eq!(acme(&r).await.plans[0].repo_count, 6);

    let other_org = refused(&r, &requests::attach(&nightly, &repo(101))).await;
    assert!(
        other_org.to_string().contains("another organization"),
        "{other_org}"
    );
    assert_eq!(
        refused(&r, &requests::attach("no-plan", &repo(5)))
            .await
            .kind(),
        "not-found"
    );
    assert_eq!(
        refused(&r, &requests::detach(&nightly, "no-repo"))
            .await
            .kind(),
        "not-found"
    );
    assert_eq!(
        refused(&r, &requests::plans("no-org", &PlanQuery::default()))
            .await
            .kind(),
        "not-found"
    );
}

#[tokio::test]
async fn a_modified_plan_is_stored_whole_and_listed_back() {
    let r = router();
    let plans: PlanPage = get(&r, &requests::plans(&org(1), &PlanQuery::default())).await;
    let listed = plans.result[0].to_value();
    let acme = acme(&r).await;
    let base = compose_base(&PlanSources {
        plan_id: &plans.result[0].id,
        organization_id: &acme.id,
        default_worker_id: acme.default_worker_id.as_deref(),
        listed: Some(&listed),
        summary: acme.plans.first(),
        saved: None,
    });
    assert_eq!(base.source, BaseSource::ServerList);
    let mut form = PlanForm::from_body(&base.body).unwrap();
    form.name = "Nightly (edited)".into();
    form.schedule.backup_window.set(1, 23, false);
    form.schedule.options[0].days = vec![1, 3, 5];
    form.advanced_options
        .insert("maxConcurrentTasks".into(), "8".into());
    let body = plan_body(&base.body, &form).unwrap();
    assert!(send(&r, &requests::modify_plan(&body)).await.is_success());

    let plans: PlanPage = get(&r, &requests::plans(&org(1), &PlanQuery::default())).await;
    let stored = plans.result[0].to_value();
    assert_eq!(stored["name"], "Nightly (edited)");
    assert_eq!(stored["schedule"]["backupWindow"][1][23], 1);
    assert_eq!(stored["schedule"]["options"][0]["days"], json!([1, 3, 5]));
    assert_eq!(stored["advancedOptions"]["maxConcurrentTasks"], "8");
    assert_eq!(
        PlanForm::from_body(&stored).unwrap().schedule,
        form.schedule
    );
    assert_eq!(self::acme(&r).await.plans[0].name, "Nightly (edited)");

    let failing = |change: fn(&mut Value)| {
        let mut bad = body.clone();
        change(&mut bad);
        requests::modify_plan(&bad)
    };
    let unnamed = refused(&r, &failing(|b| b["name"] = json!(""))).await;
    assert_eq!(
        unnamed.field_errors().unwrap()["name"],
        ["Give the plan a name."]
    );
    let number = refused(
        &r,
        &failing(|b| b["advancedOptions"]["maxConcurrentTasks"] = json!(8)),
    )
    .await;
    assert!(number
        .field_errors()
        .unwrap()
        .contains_key("advancedOptions.maxConcurrentTasks"));
    let window = refused(
        &r,
        &failing(|b| b["schedule"]["backupWindow"] = json!(vec![vec![0; 24]; 6])),
    )
    .await;
    assert!(window
        .field_errors()
        .unwrap()
        .contains_key("schedule.backupWindow"));
    let foreign = refused(
        &r,
        &failing(|b| b["repositoriesIds"] = json!([guid(REPO, 101)])),
    )
    .await;
    assert!(
        foreign
            .to_string()
            .contains("not a repository of the plan's organization"),
        "{foreign}"
    );
    let moved = refused(&r, &failing(|b| b["organizationId"] = json!(guid(ORG, 2)))).await;
    assert!(
        moved.to_string().contains("another organization"),
        "{moved}"
    );
    assert_eq!(
        refused(&r, &failing(|b| b["id"] = json!("no-plan")))
            .await
            .kind(),
        "not-found"
    );
    assert_eq!(
        raw(
            &r,
            "/xopero/plans/modifygitplan",
            Some(DEMO_TOKEN),
            "{\"id\":".into()
        )
        .await
        .status,
        400
    );
}

#[tokio::test]
async fn demo_connection_reset_faults_and_unknown_addresses() {
    let r = router();
    let sandbox = Sandbox::new(None);
    let connections = sandbox.demo_connections("http://h:1");
    let has_xopero = connections.iter().any(|c| c["id"] == "xopero");
    assert_eq!(
        has_xopero,
        Vendor::Xopero.implemented(),
        "listed once the console has pages for it"
    );
    let demo = backup_console_sandbox::xopero::demo_connection("http://h:1");
    assert_eq!(
        demo,
        json!({"id": "xopero", "vendor": "xopero", "label": "Xopero demo", "base_url": "http://h:1/xopero",
               "token": DEMO_TOKEN, "email": "admin@example.com", "time_zone": "Europe/Warsaw"})
    );

    let _: LicenceAnswer = get(&r, &requests::activate(&[repo(5)])).await;
    raw(&r, "/__sandbox/reset", None, String::new()).await;
    assert_eq!(acme(&r).await.protected_repositories, 8);

    let fault = json!({"path": "/xopero/git/organizations/getmany", "status": 500, "body": "{\"message\":\"Database offline\"}"});
    raw(&r, "/__sandbox/faults", None, fault.to_string()).await;
    let error = refused(&r, &requests::organizations(&OrganizationQuery::default())).await;
    assert_eq!(
        error.to_string(),
        "The service failed (HTTP 500). Try again later. Database offline"
    );

    assert_eq!(
        raw(&r, "/xopero/git/nothing", Some(DEMO_TOKEN), "{}".into())
            .await
            .status,
        404
    );
}
