//! The plan editor's core: which base a plan's body starts from, how the form's edits are
//! written over it (and nothing else), and what the form refuses.

use backup_console_core::schedule::xopero::{TimeOfDay, WEEKLY};
use backup_console_core::vendors::xopero::models::PlanSummary;
use backup_console_core::vendors::xopero::plan::{
    compose_base, document_defaults, parse_pasted, start_from_pasted, BaseSource, PlanSources,
};
use backup_console_core::vendors::xopero::plan_form::{check_body, plan_body, PlanForm};
use serde_json::{json, Value};

fn saved_body() -> Value {
    let mut body = document_defaults("plan-1", "org-1", Some("worker-1"));
    body["name"] = json!("Nightly (saved)");
    body["storageId"] = json!("storage-saved");
    body["advancedOptions"]["maxConcurrentTasks"] = json!("4");
    body
}

#[test]
fn a_plan_listed_in_full_is_the_base_and_every_field_of_it_is_used() {
    let listed = json!({
        "id": "plan-1", "name": "Nightly", "includeAllRepositories": false,
        "repositoryIds": ["r1", "r2"],
        "isActive": false, "storageId": "storage-live", "retentionPolicyName": "vendor field",
        "schedule": {"preventSystemSleep": true, "futureSetting": {"a": 1}}
    });
    let saved = saved_body();
    let summary = PlanSummary {
        id: "plan-1".into(),
        name: "Nightly".into(),
        backup_type: 7,
        include_metadata: false,
        ..PlanSummary::default()
    };
    let base = compose_base(&PlanSources {
        plan_id: "plan-1",
        organization_id: "org-1",
        default_worker_id: Some("worker-default"),
        listed: Some(&listed),
        summary: Some(&summary),
        saved: Some(&saved),
    });
    assert_eq!(base.source, BaseSource::ServerList);
    let body = &base.body;
    assert_eq!(
        body["name"], "Nightly",
        "the server's name beats the saved one"
    );
    assert_eq!(body["storageId"], "storage-live");
    assert_eq!(body["isActive"], false);
    assert_eq!(body["retentionPolicyName"], "vendor field");
    assert_eq!(body["repositoriesIds"], json!(["r1", "r2"]));
    assert!(body.get("repositoryIds").is_none());
    assert_eq!(body["schedule"]["futureSetting"], json!({"a": 1}));
    assert_eq!(body["schedule"]["preventSystemSleep"], true);
    assert_eq!(
        body["schedule"]["options"].as_array().unwrap().len(),
        2,
        "from the saved body"
    );
    assert_eq!(
        body["advancedOptions"]["maxConcurrentTasks"], "4",
        "saved fills the gaps"
    );
    assert_eq!(body["workerId"], "worker-1");
    assert_eq!(
        (body["backupType"].clone(), body["includeMetadata"].clone()),
        (json!(7), json!(false))
    );
}

#[test]
fn without_a_full_listing_the_saved_body_then_the_defaults_are_the_base() {
    let listed = json!({"id": "plan-1", "name": "Renamed", "includeAllRepositories": true, "repositoryIds": []});
    let saved = saved_body();
    let sources = PlanSources {
        plan_id: "plan-1",
        organization_id: "org-1",
        default_worker_id: Some("worker-default"),
        listed: Some(&listed),
        summary: None,
        saved: Some(&saved),
    };
    let base = compose_base(&sources);
    assert_eq!(base.source, BaseSource::Saved);
    assert_eq!(base.body["name"], "Renamed");
    assert_eq!(base.body["includeAllRepositories"], true);
    assert_eq!(base.body["storageId"], "storage-saved");

    let other_plan = json!({"id": "plan-2", "storageId": "elsewhere"});
    let base = compose_base(&PlanSources {
        saved: Some(&other_plan),
        ..sources
    });
    assert_eq!(base.source, BaseSource::Defaults);
    assert!(base.source.describe().contains("check every setting"));
    assert_eq!(base.body["workerId"], "worker-default");
    assert_eq!(base.body["organizationId"], "org-1");
    let errors = check_body(&base.body);
    assert_eq!(
        errors.keys().collect::<Vec<_>>(),
        ["storageId"],
        "the one thing defaults cannot know"
    );
}

#[test]
fn edits_change_only_what_was_edited_and_numbers_as_text_stay_text() {
    let mut base = saved_body();
    base["auditTag"] = json!({"keep": true});
    base["schedule"]["options"][1]["vendorHint"] = json!("keep me");
    let mut form = PlanForm::from_body(&base).unwrap();
    assert_eq!(
        plan_body(&base, &form).unwrap(),
        base,
        "untouched, it goes back as it came"
    );

    form.name = "  Nightly  ".into();
    form.advanced_options
        .insert("maxConcurrentTasks".into(), "8".into());
    form.schedule.backup_window.set(1, 9, false);
    form.schedule.options[1].start_at.push(TimeOfDay {
        hour: 23,
        minute: 0,
    });
    let body = plan_body(&base, &form).unwrap();
    assert_eq!(body["name"], "Nightly");
    assert_eq!(body["advancedOptions"]["maxConcurrentTasks"], "8");
    assert_eq!(body["advancedOptions"]["taskRetriesFrequency"], "60000");
    assert_eq!(body["schedule"]["backupWindow"][1][9], 1);
    assert_eq!(body["schedule"]["backupWindow"][1][10], 0);
    assert_eq!(
        body["schedule"]["options"][1]["startAt"][1],
        json!({"hour": 23, "minute": 0})
    );
    assert_eq!(body["schedule"]["options"][1]["vendorHint"], "keep me");
    assert_eq!(body["auditTag"], json!({"keep": true}));
    assert_eq!(body["schedule"]["id"], base["schedule"]["id"]);
    assert_eq!(body["schedule"]["retention"], base["schedule"]["retention"]);
    let mut expected = base.clone();
    for (pointer, value) in [
        ("/name", &body["name"]),
        (
            "/advancedOptions/maxConcurrentTasks",
            &body["advancedOptions"]["maxConcurrentTasks"],
        ),
        ("/schedule/backupWindow", &body["schedule"]["backupWindow"]),
        ("/schedule/options", &body["schedule"]["options"]),
    ] {
        *expected.pointer_mut(pointer).unwrap() = value.clone();
    }
    assert_eq!(body, expected, "nothing else changed");
}

#[test]
fn what_a_server_sent_in_other_types_goes_back_in_those_types() {
    let mut base = saved_body();
    base["backupType"] = json!("5");
    base["isActive"] = json!("True");
    base["schedule"]["backupWindow"] = json!(vec![vec![false; 24]; 7]);
    let mut form = PlanForm::from_body(&base).unwrap();
    assert_eq!(plan_body(&base, &form).unwrap(), base);
    form.schedule.backup_window.set(0, 3, false);
    form.backup_type = "6".into();
    let body = plan_body(&base, &form).unwrap();
    assert_eq!(
        body["schedule"]["backupWindow"][0][3], true,
        "booleans in, booleans out"
    );
    assert_eq!(body["schedule"]["backupWindow"][0][4], false);
    assert_eq!(body["backupType"], 6);
    assert_eq!(body["isActive"], "True");
}

#[test]
fn the_form_names_each_problem_beside_its_field() {
    let mut form = PlanForm::from_body(&saved_body()).unwrap();
    form.name = " ".into();
    form.backup_type = "five".into();
    form.compression_level = "-1".into();
    form.retention_rule = String::new();
    form.advanced_options
        .insert("maxTaskRetriesCount".into(), "three".into());
    form.advanced_options
        .insert("maxConcurrentTasks".into(), "0".into());
    form.advanced_options
        .insert("useVss".into(), "Maybe".into());
    form.advanced_options
        .insert("somethingNew".into(), "anything".into());
    form.schedule.options[1].frequency = WEEKLY;
    form.schedule.options[1].days.clear();
    let errors = form.validate();
    let keys: Vec<&str> = errors.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "advancedOptions.maxConcurrentTasks",
            "advancedOptions.maxTaskRetriesCount",
            "advancedOptions.useVss",
            "backupType",
            "compressionSettings.level",
            "name",
            "schedule.options[1].days",
            "schedule.retention.rule",
        ]
    );
    assert_eq!(
        errors["advancedOptions.maxTaskRetriesCount"],
        ["Retries of a failed task must be a whole number."]
    );
    assert_eq!(
        errors["advancedOptions.maxConcurrentTasks"],
        ["Tasks at once must be at least 1."]
    );
    assert_eq!(
        errors["backupType"],
        ["Backup type must be a whole number."]
    );
    assert_eq!(plan_body(&saved_body(), &form).unwrap_err(), errors);
}

#[test]
fn unreadable_schedules_and_windows_are_named() {
    let mut body = saved_body();
    body["schedule"]["backupWindow"] = json!(vec![vec![0; 24]; 6]);
    let errors = PlanForm::from_body(&body).unwrap_err();
    assert_eq!(
        errors["schedule.backupWindow"],
        ["The backup window has 6 days; it needs 7."]
    );
    body["schedule"]["backupWindow"] = json!(vec![vec![0; 24]; 7]);
    body["schedule"]["options"][0]["frequency"] = json!("monthly");
    let errors = check_body(&body);
    assert!(
        errors.contains_key("schedule.options[0].frequency"),
        "{errors:?}"
    );
    body["schedule"] = Value::Null;
    assert_eq!(check_body(&body)["schedule"], ["The plan has no schedule."]);
}

#[test]
fn a_pasted_plan_starts_the_editor_but_keeps_this_plans_ids() {
    assert!(parse_pasted("  ").unwrap_err().contains("Paste a plan"));
    assert!(parse_pasted("[1]").unwrap_err().contains("JSON object"));
    assert!(parse_pasted("{\"name\": ").unwrap_err().contains("line 1"));
    let current = compose_base(&PlanSources {
        plan_id: "plan-1",
        organization_id: "org-1",
        saved: Some(&saved_body()),
        ..PlanSources::default()
    });
    let mut other = document_defaults("plan-9", "org-9", Some("w9"));
    other["schedule"]["id"] = json!("schedule-9");
    other["name"] = json!("Template");
    other["storageId"] = json!("storage-9");
    let pasted = parse_pasted(&other.to_string()).unwrap();
    let base = start_from_pasted(&current, &pasted);
    assert_eq!(base.source, BaseSource::Pasted);
    assert_eq!(
        (base.body["id"].clone(), base.body["organizationId"].clone()),
        (json!("plan-1"), json!("org-1"))
    );
    assert_eq!(base.body["schedule"]["id"], current.body["schedule"]["id"]);
    assert_eq!(
        (base.body["name"].clone(), base.body["storageId"].clone()),
        (json!("Template"), json!("storage-9"))
    );
    let partial = json!({"id": "plan-1", "name": "Just a rename"});
    let base = start_from_pasted(&current, &partial);
    assert_eq!(
        base.body["storageId"], "storage-saved",
        "what the paste lacks stays"
    );
}

mod any_input {
    use super::*;
    use backup_console_core::api::ApiResponse;
    use backup_console_core::vendors::xopero::decode;
    use backup_console_core::vendors::xopero::models::{
        LicenceAnswer, LoginAnswer, OrganizationPage, PlanPage, RemoveAnswer, RepositoryPage,
    };
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "[a-z0-9 ]{0,6}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            let keys = prop_oneof![
                Just("id".to_owned()),
                Just("name".to_owned()),
                Just("schedule".to_owned()),
                Just("options".to_owned()),
                Just("backupWindow".to_owned()),
                Just("advancedOptions".to_owned()),
                Just("result".to_owned()),
                "[a-z]{1,4}",
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
                prop::collection::btree_map(keys, inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Whatever a server or an operator sends, the plan editor and the decoders answer
        /// with a value or an error, never a panic.
        #[test]
        fn nothing_panics(value in json_value()) {
            let _ = check_body(&value);
            if let Ok(form) = PlanForm::from_body(&value) {
                let _ = plan_body(&value, &form);
            }
            let base = compose_base(&PlanSources {
                plan_id: "p",
                organization_id: "o",
                listed: Some(&value),
                saved: Some(&value),
                ..PlanSources::default()
            });
            prop_assert_eq!(&base.body["id"], "p");
            let _ = start_from_pasted(&base, &value);
            let answer = ApiResponse::new(200, value.to_string());
            let _ = decode::<OrganizationPage>(&answer, "x");
            let _ = decode::<RepositoryPage>(&answer, "x");
            let _ = decode::<PlanPage>(&answer, "x");
            let _ = decode::<LicenceAnswer>(&answer, "x");
            let _ = decode::<RemoveAnswer>(&answer, "x");
            let _ = decode::<LoginAnswer>(&answer, "x");
        }

        /// A valid plan with any one field replaced by anything still reads, checks and
        /// writes back without a panic, and unedited it goes back unchanged.
        #[test]
        fn a_plan_with_any_field_replaced_never_panics(value in json_value(), at in 0usize..12) {
            let pointers = [
                "/name", "/backupType", "/isActive", "/schedule", "/schedule/options",
                "/schedule/options/0", "/schedule/options/0/startAt", "/schedule/backupWindow",
                "/schedule/retention", "/advancedOptions", "/advancedOptions/useVss",
                "/repositoriesIds",
            ];
            let mut body = saved_body();
            *body.pointer_mut(pointers[at]).unwrap() = value;
            let _ = check_body(&body);
            if let Ok(form) = PlanForm::from_body(&body) {
                if let Ok(written) = plan_body(&body, &form) {
                    prop_assert_eq!(written, body);
                }
            }
        }
    }
}
