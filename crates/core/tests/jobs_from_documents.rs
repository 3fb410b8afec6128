//! Every vendor's backup unit, as its document's own examples show it, read as a job: the same
//! example blocks the contract tests read (copies of the documents in `fixtures/`), taken from
//! where the document puts them, then mapped by `jobs::<vendor>` and classified.

mod common;

use std::collections::BTreeMap;

use backup_console_core::format::parse_instant;
use backup_console_core::jobs::health::classify;
use backup_console_core::jobs::table::{csv, JobRow};
use backup_console_core::jobs::{self, Health, JobSchedule, LastResult, Source};
use backup_console_core::schedule::Zone;
use backup_console_core::vendors::cloudback::models::Definition;
use backup_console_core::vendors::cloudback::subject::Subject;
use backup_console_core::vendors::cyborgbackup::models::Policy;
use backup_console_core::vendors::rackspace::models::{Activity, BackupConfiguration};
use backup_console_core::vendors::scheduled_backup::models::{CheckpointList, PlanList};
use backup_console_core::vendors::xopero::models::OrganizationPage;
use chrono::{DateTime, Utc};
use regex::Regex;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

const CYBORG: &str = include_str!("fixtures/cyborgbackup-api-v1.txt");
const RACKSPACE: &str = include_str!("fixtures/rackspace-cloud-backup-api-v1.txt");
const XOPERO: &str = include_str!("fixtures/xopero-management-api.txt");
const SCHEDULED: &str = include_str!("fixtures/scheduled-backup-api-v2.txt");

fn at(text: &str) -> DateTime<Utc> {
    parse_instant(text).expect("an instant")
}

/// The JSON value that starts at the first `{` or `[` from where `marker` is, up to where its
/// brackets balance, without the renderer's `- ` markers (the Scheduled Backup document has them).
fn example<T: DeserializeOwned>(doc: &str, marker: &str) -> T {
    let from = doc
        .find(marker)
        .unwrap_or_else(|| panic!("no \"{marker}\""));
    let text = &doc[from..];
    let start = text.find(['{', '[']).expect("an example after the marker");
    let end = common::balanced_end(text, start);
    let markers = Regex::new(r"(^|[\[{,]|\n)(\s*)- ").unwrap();
    let mut json = text[start..end].to_owned();
    while markers.is_match(&json) {
        json = markers.replace_all(&json, "$1$2").into_owned();
    }
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn a_cyborgbackup_policy_from_the_document() {
    let policy: Policy = example(CYBORG, "- GET /api/v1/policies/(int: id)/¶");
    let now = at("2018-11-24T00:00:00Z");
    let job = &jobs::cyborgbackup::jobs(&Source::new("cb", "Backups"), &[policy], now)[0];
    assert_eq!(job.name, "Full Features");
    assert_eq!(job.route, "/c/cb/policies/1");
    assert_eq!(job.schedule.describe(), "At 05:00 on Monday (UTC)");
    let next = job.next_run.unwrap();
    assert!(next.from_vendor);
    assert_eq!(next.at, at("2018-11-26T05:00:00Z"));
    // The schedule, computed, says what the vendor says.
    assert_eq!(job.schedule.runs(now, 1), [next.at]);
    // The document shows no run history: nothing to judge by.
    assert_eq!(job.last, LastResult::Unknown);
    assert_eq!(classify(job, now).0, Health::Unknown);
}

#[test]
fn rackspace_configurations_and_activity_from_the_document() {
    let configurations: Vec<BackupConfiguration> = example(
        RACKSPACE,
        "Example: List all backup configurations for a user JSON response",
    );
    let activity: Vec<Activity> =
        example(RACKSPACE, "Example: List activity for a user JSON response");
    let now = at("2013-01-04T00:00:00Z");
    let source = Source::new("rs", "");
    let jobs = jobs::rackspace::jobs(&source, &configurations, Some(&activity), now);
    assert_eq!(jobs.len(), 2);
    let manual = &jobs[0];
    assert_eq!(
        (manual.name.as_str(), manual.route.as_str()),
        ("Manual Website Backup", "/c/rs/configurations/100850")
    );
    assert_eq!(manual.connection_label, "rs");
    assert_eq!(manual.schedule, JobSchedule::Manual);
    // No activity of this configuration: LastRunTime with a report id is a successful run.
    assert_eq!(manual.last, LastResult::Success);
    assert_eq!(manual.last_finished, Some(at("2012-07-25T14:20:53Z")));
    assert_eq!(manual.next_run, None);
    assert_eq!(classify(manual, now).0, Health::Healthy);

    // The activity's backups belong to configuration 6265: its newest says how it went.
    let mut scheduled = configurations[0].clone();
    scheduled.backup_configuration_id = 6265;
    scheduled.schedule = serde_json::from_value(json!({"Frequency": "Weekly", "StartTimeHour": 7,
        "StartTimeMinute": 30, "StartTimeAmPm": "PM", "DayOfWeekId": 5, "HourInterval": null,
        "TimeZoneId": "Eastern Standard Time"}))
    .unwrap();
    let job = &jobs::rackspace::jobs(&source, &[scheduled.clone()], Some(&activity), now)[0];
    assert_eq!(job.last, LastResult::Success);
    assert_eq!(job.last_success, Some(at("2013-01-03T16:23:09Z")));
    let next = job.next_run.unwrap();
    assert!(!next.from_vendor);
    // Friday 19:30 in New York.
    assert_eq!(next.at, at("2013-01-05T00:30:00Z"));
    assert_eq!(
        job.schedule.zone().map(Zone::name),
        Some("America/New_York")
    );
    // Without the activity, the configuration's own fields.
    scheduled.last_run_backup_report_id = None;
    let job = &jobs::rackspace::jobs(&source, &[scheduled], None, now)[0];
    assert_eq!(job.last, LastResult::Failure);
}

#[test]
fn xopero_plans_from_the_document_with_the_saved_plan_schedule() {
    let page: OrganizationPage = example(
        XOPERO,
        "{\n\"currentPage\": 2,\n\"pageCount\": 2,\n\"totalEntries\": 4",
    );
    let modify: Value = example(XOPERO, "{\n\"id\":\"a4acc15-b08b-40cb");
    let now = at("2022-02-02T00:00:00Z");
    let warsaw: Zone = "Europe/Warsaw".parse().unwrap();
    let listed = BTreeMap::new();
    let nothing_saved = |_: &str| None;
    let plans = jobs::xopero::Plans {
        organizations: &page.result,
        listed: &listed,
        saved: &nothing_saved,
        zone: warsaw,
    };
    let found = jobs::xopero::jobs(&Source::new("x", "Xopero"), &plans, now);
    assert!(found.len() >= 3);
    let first = &found[0];
    assert_eq!(first.name, "name1");
    assert_eq!(
        first.route,
        "/c/x/organizations/a4ac2cd0-ed2f-4ced-be39-60c631e033ff/plans/a4acff69-266e-4771-b47b-fd5e4fae6a40"
    );
    // One error in its last run, finished 2022-02-01 22:36:01 UTC.
    assert_eq!(first.last, LastResult::Failure);
    assert_eq!(first.last_finished, Some(at("2022-02-01T22:36:01.233Z")));
    assert!(matches!(first.schedule, JobSchedule::Unread { .. }));
    assert_eq!(classify(first, now).0, Health::Failed);

    // With the document's plan body saved for it: monthly on the 1st and weekdays at 17:25.
    let saved = move |_: &str| Some(modify.clone());
    let plans = jobs::xopero::Plans {
        saved: &saved,
        ..plans
    };
    let first = &jobs::xopero::jobs(&Source::new("x", "Xopero"), &plans, now)[0];
    assert!(first.enabled);
    assert_eq!(first.window, None, "the example's window allows every hour");
    let next = first.next_run.unwrap();
    // Wednesday 2 February 2022, 17:25 in Warsaw (CET).
    assert_eq!(next.at, at("2022-02-02T16:25:00Z"));
    assert_eq!(first.schedule.zone(), Some(warsaw));
}

#[test]
fn a_cloudback_definition_as_the_documents_examples_build_it() {
    // The document lost its code blocks; these are the values its tables and the contract test
    // rebuild the examples from.
    let definition: Definition = serde_json::from_value(json!({"platform": "GitHub",
        "account": "cloudback", "backupSubjectName": "demo-repository",
        "backupSubjectType": "Repository", "settings": {"enabled": true,
        "schedule": "Daily at 9 pm", "storage": "Cloudback EU", "retention": "Last 30 days"}}))
    .unwrap();
    let subject = definition.subject();
    let now = at("2026-11-25T22:00:00Z");
    let unread = Subject::new("GitHub", "cloudback", Default::default(), "gone");
    let found = jobs::cloudback::jobs(
        &Source::new("cloud", "Cloudback"),
        &[(subject, Ok(definition)), (unread, Err("Not found".into()))],
        now,
    );
    let job = &found[0];
    assert_eq!(
        job.route,
        "/c/cloud/definitions/GitHub/cloudback/Repository/demo-repository"
    );
    assert_eq!(job.schedule.describe(), "At 21:00 (UTC)");
    assert_eq!(job.next_run.unwrap().at, at("2026-11-26T21:00:00Z"));
    assert_eq!(job.last, LastResult::Unknown);
    assert_eq!(classify(job, now).0, Health::Unknown);
    assert!(found[1].note.as_deref().unwrap().contains("Not found"));
}

#[test]
fn a_scheduled_backup_plan_and_its_checkpoint_from_the_document() {
    let plans: PlanList = example(SCHEDULED, "{- \"plans\": [");
    let checkpoints: CheckpointList = example(SCHEDULED, "{- \"checkpoints\": [");
    let now = at("2019-08-24T15:00:00Z");
    let found = jobs::scheduled_backup::jobs(
        &Source::new("sb", ""),
        &plans.plans,
        Some(&checkpoints.checkpoints),
        now,
    );
    let job = &found[0];
    assert_eq!(job.route, "/c/sb/plans/string");
    assert!(job.enabled);
    // The document's placeholder pattern is no schedule; its checkpoint is being made.
    assert!(matches!(&job.schedule, JobSchedule::Unread { text, .. } if text == "string"));
    assert_eq!(job.last, LastResult::Running);
    assert_eq!(job.last_started, Some(at("2019-08-24T14:15:22Z")));
    assert_eq!(classify(job, now).0, Health::Running);
    let text = csv(&[JobRow::of(job.clone(), now)]);
    assert!(text
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("sb,scheduled-backup,string,running,running,2019-08-24T14:15:22Z,"));
}
