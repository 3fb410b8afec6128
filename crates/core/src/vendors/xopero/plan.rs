//! The whole body of `plans/modifygitplan`, composed from what is known of a plan.
//!
//! No documented call returns a whole plan (`listassignedtoorganization` shows id, name and
//! repositories), yet `modifygitplan` replaces the whole plan. So the editor starts from a *base*
//! body, layered from the weakest source to the strongest, each deep-merged over the last:
//!
//! 1. the document's example values, with its placeholder ids replaced ([`document_defaults`]);
//! 2. the last body this console saved for the plan;
//! 3. what `organizations/getmany` says of it (name, backup type, metadata);
//! 4. the plan as `listassignedtoorganization` returned it, every field of it (real servers may
//!    send the whole plan; its `repositoryIds` is the body's `repositoriesIds`).
//!
//! The form ([`super::plan_form`]) then changes only what the operator edited; every other field
//! of the base, understood or not, goes back unchanged.

use serde_json::{json, Map, Value};

use super::models::PlanSummary;

/// The fields the document shows for a listed plan; anything more came from the server.
pub const LISTED_FIELDS: [&str; 4] = ["id", "name", "includeAllRepositories", "repositoryIds"];

/// .NET's empty GUID, which the document's example uses for a retention that has no id yet.
pub const EMPTY_ID: &str = "00000000-0000-0000-0000-000000000000";

/// Where the base body mostly came from, for telling the operator what the editor starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseSource {
    /// The server listed the plan with more than the document shows.
    ServerList,
    /// The body this console last saved for the plan.
    Saved,
    /// A plan JSON the operator pasted.
    Pasted,
    /// Only the document's example values and the plan's listed fields.
    Defaults,
}

impl BaseSource {
    pub fn describe(self) -> &'static str {
        match self {
            BaseSource::ServerList => "the plan as the server listed it",
            BaseSource::Saved => "the configuration this console last saved for this plan",
            BaseSource::Pasted => "the plan JSON you pasted",
            BaseSource::Defaults => {
                "default values: the server does not return this plan's configuration and the \
                 console has not saved it before; check every setting"
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanBase {
    pub body: Value,
    pub source: BaseSource,
}

/// Everything known of one plan, for [`compose_base`].
#[derive(Clone, Copy, Debug, Default)]
pub struct PlanSources<'a> {
    pub plan_id: &'a str,
    pub organization_id: &'a str,
    /// The organization's `defaultWorkerId`, for a plan whose worker is not known otherwise.
    pub default_worker_id: Option<&'a str>,
    /// The plan as `plans/listassignedtoorganization` returned it ([`super::models::AssignedPlan::to_value`]).
    pub listed: Option<&'a Value>,
    /// The plan's entry in its organization's `plans` (`organizations/getmany`).
    pub summary: Option<&'a PlanSummary>,
    /// The last body this console sent with `modifygitplan` for the plan.
    pub saved: Option<&'a Value>,
}

/// The document's example plan as defaults. Its ids are placeholders, so the plan and
/// organization ids are the real ones, the worker is the organization's default worker, the
/// storage is left blank for the operator, and the schedule gets the empty GUID as the
/// document's example does for its retention.
pub fn document_defaults(plan_id: &str, organization_id: &str, worker_id: Option<&str>) -> Value {
    let window = vec![vec![0; 24]; 7];
    json!({
        "id": plan_id,
        "isActive": true,
        "name": "",
        "backupType": 5,
        "schedule": {
            "id": EMPTY_ID,
            "scheme": 3,
            "delay": 0,
            "preventSystemSleep": false,
            "options": [
                {"type": 1, "trigger": 1, "frequency": 1, "days": [1],
                 "startAt": [{"hour": 17, "minute": 25}], "interval": 0, "nthDayOfWeek": 0},
                {"type": 3, "trigger": 1, "frequency": 3, "days": [1, 2, 3, 4, 5],
                 "startAt": [{"hour": 17, "minute": 25}], "interval": 0, "nthDayOfWeek": 0}
            ],
            "backupWindow": window,
            "retention": {"id": EMPTY_ID, "rule": 1, "options": null, "order": 0}
        },
        "compressionSettings": {"codec": 2, "level": 2},
        "encryptionSettings": null,
        "customActions": {"preBackupAction": null, "postSnapshotAction": null, "postBackupAction": null},
        "advancedOptions": {
            "useVss": "True",
            "maxTaskRetriesCount": "3",
            "taskRetriesFrequency": "60000",
            "maxConcurrentTasks": "5",
            "processorProperties_PartSize": "1048576"
        },
        "deltaSettings": null,
        "workerId": worker_id.unwrap_or(""),
        "filteringSettings": null,
        "organizationId": organization_id,
        "repositoriesIds": [],
        "includeAllRepositories": false,
        "includeMetadata": true,
        "storageId": ""
    })
}

/// Objects merge key by key; anything else in `over` replaces what `base` had.
pub fn deep_merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(key) {
                    Some(existing) => deep_merge(existing, value),
                    None => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, over) => *base = over.clone(),
    }
}

/// Whether the server listed more of the plan than the document shows.
pub fn is_richer_than_document(listed: &Value) -> bool {
    listed
        .as_object()
        .is_some_and(|o| o.keys().any(|k| !LISTED_FIELDS.contains(&k.as_str())))
}

/// A listed plan in the body's terms: the list says `repositoryIds`, `modifygitplan` takes
/// `repositoriesIds`.
fn listed_as_body(listed: &Value) -> Value {
    let mut body = listed.clone();
    if let Value::Object(object) = &mut body {
        if let Some(ids) = object.remove("repositoryIds") {
            object.insert("repositoriesIds".into(), ids);
        }
    }
    body
}

fn summary_as_body(summary: &PlanSummary) -> Value {
    let mut body = Map::new();
    if !summary.name.is_empty() {
        body.insert("name".into(), json!(summary.name));
    }
    body.insert("backupType".into(), json!(summary.backup_type));
    body.insert("includeMetadata".into(), json!(summary.include_metadata));
    Value::Object(body)
}

/// The base body the editor starts from (see the module's description for the layers).
pub fn compose_base(sources: &PlanSources) -> PlanBase {
    let mut body = document_defaults(
        sources.plan_id,
        sources.organization_id,
        sources.default_worker_id,
    );
    let mut source = BaseSource::Defaults;
    // A body saved for another plan is not this plan's configuration.
    let saved = sources.saved.filter(|saved| {
        saved.is_object()
            && saved
                .get("id")
                .and_then(Value::as_str)
                .is_none_or(|id| id == sources.plan_id)
    });
    if let Some(saved) = saved {
        deep_merge(&mut body, saved);
        source = BaseSource::Saved;
    }
    if let Some(summary) = sources.summary {
        deep_merge(&mut body, &summary_as_body(summary));
    }
    if let Some(listed) = sources.listed.filter(|l| l.is_object()) {
        deep_merge(&mut body, &listed_as_body(listed));
        if is_richer_than_document(listed) {
            source = BaseSource::ServerList;
        }
    }
    if let Value::Object(object) = &mut body {
        object.insert("id".into(), json!(sources.plan_id));
    }
    PlanBase { body, source }
}

/// Read a plan JSON the operator pasted: an object, or why not (with line and column).
pub fn parse_pasted(text: &str) -> Result<Value, String> {
    if text.trim().is_empty() {
        return Err("Paste a plan as JSON, starting with {.".to_owned());
    }
    match serde_json::from_str::<Value>(text) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err("A plan is a JSON object, starting with {.".to_owned()),
        Err(e) => Err(format!("This is not valid JSON: {e}.")),
    }
}

/// Start from a pasted plan, over the current base so that what it lacks stays as it was. It
/// may have been copied from another plan: the ids stay this plan's, and so do the schedule's
/// and retention's ids when the pasted plan was another one.
pub fn start_from_pasted(current: &PlanBase, pasted: &Value) -> PlanBase {
    let mut body = current.body.clone();
    deep_merge(&mut body, pasted);
    let own = |pointer: &str| current.body.pointer(pointer).cloned();
    let same_plan = pasted.get("id") == current.body.get("id");
    let mut keep = vec!["/id", "/organizationId"];
    if !same_plan {
        keep.extend(["/schedule/id", "/schedule/retention/id"]);
    }
    for pointer in keep {
        if let (Some(value), Some(slot)) = (own(pointer), body.pointer_mut(pointer)) {
            *slot = value;
        }
    }
    PlanBase {
        body,
        source: BaseSource::Pasted,
    }
}
