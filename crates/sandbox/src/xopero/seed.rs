//! Demo data: two users (one without the System Administrator role), four organizations on
//! four git services (one the console does not know by name), 24 repositories (14 in `acme`, so
//! its table pages and filters), a licence pool with five licences free, and four plans with
//! schedules and backup windows (one ran with errors, one is running its first run).

use backup_console_core::schedule::window::BackupWindow;
use backup_console_core::schedule::xopero::{ScheduleOption, TimeOfDay, DAILY, MONTHLY, WEEKLY};
use backup_console_core::vendors::xopero::models::{LastStatus, Organization, Repository};
use backup_console_core::vendors::xopero::plan::document_defaults;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::store::{millis, Org, Plan, Repo, Store, Token, User, TOKEN_DAYS};
use super::{ADMIN_EMAIL, PASSWORD, VIEWER_EMAIL};

/// Stable GUID-shaped ids: `kind` tells what they name, so a test can spell one.
pub fn guid(kind: u32, n: u32) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}

pub const ORG: u32 = 0x0a;
pub const REPO: u32 = 0x0b;
pub const PLAN: u32 = 0x0c;
const WORKER: u32 = 0x0d;
const STORAGE: u32 = 0x0e;

fn organization(n: u32, driver: u64, name: &str, read_only: bool) -> Org {
    Org {
        organization: Organization {
            id: guid(ORG, n),
            driver,
            name: name.into(),
            is_read_only: read_only,
            default_worker_id: Some(guid(WORKER, n)),
            ..Organization::default()
        },
        sync_started: None,
        last_sync: 0,
    }
}

/// (name, protected, removed, public) per repository.
type RepoSpec = (&'static str, bool, bool, bool);

const ACME: [RepoSpec; 14] = [
    ("acme/api", true, false, false),
    ("acme/web", true, false, false),
    ("acme/docs", true, false, true),
    ("acme/infra", true, false, false),
    ("acme/mobile-app", false, false, false),
    ("acme/data-pipeline", false, false, false),
    ("acme/auth-service", true, false, false),
    ("acme/billing", true, false, false),
    ("acme/search", true, false, false),
    ("acme/design-system", false, false, true),
    ("acme/legacy-portal", true, true, false),
    ("acme/old-wiki", false, true, false),
    ("acme/ml-models", false, false, false),
    ("acme/status-page", false, false, true),
];
const PLATFORM: [RepoSpec; 5] = [
    ("platform-team/terraform", true, false, false),
    ("platform-team/helm-charts", true, false, false),
    ("platform-team/ci-templates", false, false, true),
    ("platform-team/observability", true, false, false),
    ("platform-team/runbooks", false, false, false),
];
const MOBILE: [RepoSpec; 3] = [
    ("mobile/ios", true, false, false),
    ("mobile/android", true, false, false),
    ("mobile/shared", false, false, false),
];
const RESEARCH: [RepoSpec; 2] = [
    ("research/notebooks", false, false, false),
    ("research/papers", false, false, true),
];

fn repositories(store: &mut Store, org: u32, first: u32, specs: &[RepoSpec], now: DateTime<Utc>) {
    for (i, (name, protected, removed, public)) in specs.iter().enumerate() {
        let n = first + i as u32;
        let backed_up = now - Duration::hours(6 + i64::from(n % 5));
        let tomorrow = (now + Duration::days(1)).date_naive();
        let next = tomorrow.and_hms_opt(1, 30, 0).map(|t| millis(t.and_utc()));
        let active = *protected && !removed;
        store.repositories.push(Repo {
            organization_id: guid(ORG, org),
            repository: Repository {
                id: guid(REPO, n),
                server_id: Some(format!("{}", 90_000_000 + n)),
                name: (*name).into(),
                last_backup: if *protected { millis(backed_up) } else { 0 },
                last_successful_backup: if *protected { millis(backed_up) } else { 0 },
                next_backup: if active { next.unwrap_or(0) } else { 0 },
                is_protected: *protected,
                is_removed: *removed,
                // The document does not explain these numbers; its removed repositories show 2.
                status: if *removed { 2 } else { 1 },
                last_backup_task_status: u64::from(*protected),
                is_public: *public,
                extra: Default::default(),
            },
        });
    }
}

fn option(
    kind: u32,
    frequency: u32,
    days: &[u32],
    hour: u32,
    minute: u32,
    nth: u32,
) -> ScheduleOption {
    ScheduleOption {
        kind,
        trigger: 1,
        frequency,
        days: days.to_vec(),
        start_at: vec![TimeOfDay { hour, minute }],
        interval: 0,
        nth_day_of_week: nth,
    }
}

struct PlanSpec {
    n: u32,
    org: u32,
    name: &'static str,
    repositories: &'static [u32],
    include_all: bool,
    options: Vec<ScheduleOption>,
    window: BackupWindow,
    status: (u64, u64, u64),
    finished_hours_ago: Option<i64>,
    running: bool,
}

fn plan(spec: PlanSpec, now: DateTime<Utc>) -> Plan {
    let mut body = document_defaults(
        &guid(PLAN, spec.n),
        &guid(ORG, spec.org),
        Some(&guid(WORKER, spec.org)),
    );
    body["name"] = json!(spec.name);
    body["storageId"] = json!(guid(STORAGE, 1));
    body["schedule"]["id"] = json!(guid(PLAN, 0x100 + spec.n));
    body["schedule"]["options"] = json!(spec.options);
    body["schedule"]["backupWindow"] = json!(spec.window);
    body["includeAllRepositories"] = json!(spec.include_all);
    let ids: Vec<String> = spec.repositories.iter().map(|n| guid(REPO, *n)).collect();
    body["repositoriesIds"] = json!(ids);
    let (successes, warnings, errors) = spec.status;
    Plan {
        organization_id: guid(ORG, spec.org),
        body,
        last_status: LastStatus {
            successes,
            warnings,
            errors,
            extra: Default::default(),
        },
        finished: spec
            .finished_hours_ago
            .map_or(0, |h| millis(now - Duration::hours(h))),
        running: spec.running,
    }
}

pub fn seeded() -> Store {
    let now = Utc::now();
    let mut store = Store {
        licences: 18,
        ..Store::default()
    };
    store.users = vec![
        User {
            email: ADMIN_EMAIL,
            password: PASSWORD,
            user_id: guid(0x01, 1),
            administrator: true,
        },
        User {
            email: VIEWER_EMAIL,
            password: PASSWORD,
            user_id: guid(0x01, 2),
            administrator: false,
        },
    ];
    store.tokens.insert(
        crate::DEMO_TOKEN.to_owned(),
        Token {
            administrator: true,
            expires: now + Duration::days(TOKEN_DAYS),
        },
    );
    store.organizations = vec![
        organization(1, 1, "acme", false),
        organization(2, 2, "platform-team", false),
        organization(3, 3, "mobile", false),
        // A git service the console has no name for: it shows "driver 4".
        organization(4, 4, "research", true),
    ];
    store.organizations[0].last_sync = millis(now - Duration::days(1));
    repositories(&mut store, 1, 1, &ACME, now);
    repositories(&mut store, 2, 101, &PLATFORM, now);
    repositories(&mut store, 3, 201, &MOBILE, now);
    repositories(&mut store, 4, 301, &RESEARCH, now);
    let every_day = [0, 1, 2, 3, 4, 5, 6];
    let mut weeknights_and_weekends = BackupWindow::nightly(&[1, 2, 3, 4, 5], 20, 7);
    weeknights_and_weekends.fill((0, 0), (0, 23), true);
    weeknights_and_weekends.fill((6, 0), (6, 23), true);
    let specs = [
        PlanSpec {
            n: 1,
            org: 1,
            name: "Nightly",
            repositories: &[1, 2, 4, 7, 8, 9],
            include_all: false,
            options: vec![
                option(3, WEEKLY, &[1, 2, 3, 4, 5], 1, 30, 0),
                option(1, MONTHLY, &[1], 2, 0, 0),
            ],
            window: BackupWindow::nightly(&every_day, 22, 6),
            status: (6, 0, 0),
            finished_hours_ago: Some(7),
            running: false,
        },
        PlanSpec {
            n: 2,
            org: 1,
            name: "Docs weekly",
            repositories: &[3, 11],
            include_all: false,
            options: vec![option(1, WEEKLY, &[0], 3, 0, 0)],
            window: BackupWindow::always(),
            status: (1, 1, 0),
            finished_hours_ago: Some(50),
            running: false,
        },
        PlanSpec {
            n: 3,
            org: 2,
            name: "Platform daily",
            repositories: &[101, 102, 104],
            include_all: false,
            // A full backup on Wednesdays at noon, which the window blocks.
            options: vec![
                option(3, DAILY, &[], 23, 0, 0),
                option(1, WEEKLY, &[3], 12, 0, 0),
            ],
            window: weeknights_and_weekends,
            status: (2, 0, 1),
            finished_hours_ago: Some(20),
            running: false,
        },
        PlanSpec {
            n: 4,
            org: 3,
            name: "Mobile releases",
            repositories: &[],
            include_all: true,
            // The last Friday of every month.
            options: vec![option(1, MONTHLY, &[5], 18, 0, 5)],
            window: BackupWindow::always(),
            status: (0, 0, 0),
            finished_hours_ago: None,
            // Its first run is under way.
            running: true,
        },
    ];
    store.plans = specs.into_iter().map(|s| plan(s, now)).collect();
    store
}
