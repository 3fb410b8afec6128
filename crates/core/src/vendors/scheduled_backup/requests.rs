//! Request builders for the document's ten operations (and the restore status), and the
//! decoding of their answers. Paths and query names come from [`super::paths::ROUTES`].

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::errors::decode_error;
use super::models::{Plan, PlanStatus};
use super::paths::Operation;
use crate::api::{ApiError, ApiRequest, ApiResponse};

pub use super::inputs::{CheckpointQuery, PlanInput, PlanPatch, PlanQuery, RestoreInput};

fn body(input: &impl Serialize) -> Value {
    serde_json::to_value(input).unwrap_or_default()
}

/// `values` paired with the route's query names, in the table's order; empty ones left out.
fn with_query(
    mut request: ApiRequest,
    operation: Operation,
    values: &[Option<String>],
) -> ApiRequest {
    for (name, value) in operation.route().query.iter().zip(values) {
        if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            request = request.query(name, value);
        }
    }
    request
}

/// List backup plans: `limit`, `marker`, `name`, `volume_name`.
pub fn list_plans(query: &PlanQuery) -> ApiRequest {
    let values = [
        query.limit.map(|l| l.to_string()),
        query.marker.clone(),
        query.name.clone(),
        query.volume_name.clone(),
    ];
    with_query(
        Operation::ListPlans.request(None),
        Operation::ListPlans,
        &values,
    )
    .about("the backup plans")
}

/// Create backup plan: every field the document marks required, `description` included.
pub fn create_plan(input: &PlanInput) -> ApiRequest {
    Operation::CreatePlan
        .request(None)
        .about(format!("the new plan {}", input.name.trim()))
        .json(body(input))
}

pub fn get_plan(plan_id: &str) -> ApiRequest {
    Operation::GetPlan
        .request(Some(plan_id))
        .about(format!("plan {plan_id}"))
}

/// Update backup plan with only the fields in `patch` (see [`PlanPatch::diff`]).
pub fn update_plan(plan_id: &str, patch: &PlanPatch) -> ApiRequest {
    Operation::UpdatePlan
        .request(Some(plan_id))
        .about(format!("plan {plan_id}"))
        .json(body(patch))
}

/// Suspend (`started` false) or resume a plan: a PATCH of its status alone.
pub fn set_plan_started(plan_id: &str, started: bool) -> ApiRequest {
    let status = if started {
        PlanStatus::Started
    } else {
        PlanStatus::Suspended
    };
    update_plan(
        plan_id,
        &PlanPatch {
            status: Some(status),
            ..PlanPatch::default()
        },
    )
}

pub fn delete_plan(plan_id: &str) -> ApiRequest {
    Operation::DeletePlan
        .request(Some(plan_id))
        .about(format!("plan {plan_id}"))
}

/// List backup checkpoints: `limit`, `marker`, `volume_name`, `plan_name`.
pub fn list_checkpoints(query: &CheckpointQuery) -> ApiRequest {
    let values = [
        query.limit.map(|l| l.to_string()),
        query.marker.clone(),
        query.volume_name.clone(),
        query.plan_name.clone(),
    ];
    with_query(
        Operation::ListCheckpoints.request(None),
        Operation::ListCheckpoints,
        &values,
    )
    .about("the checkpoints")
}

pub fn get_checkpoint(checkpoint_id: &str) -> ApiRequest {
    Operation::GetCheckpoint
        .request(Some(checkpoint_id))
        .about(format!("checkpoint {checkpoint_id}"))
}

pub fn delete_checkpoint(checkpoint_id: &str) -> ApiRequest {
    Operation::DeleteCheckpoint
        .request(Some(checkpoint_id))
        .about(format!("checkpoint {checkpoint_id}"))
}

/// Delete backup checkpoints: every checkpoint of one chain.
pub fn delete_chain(chain_id: &str) -> ApiRequest {
    with_query(
        Operation::DeleteChain.request(None),
        Operation::DeleteChain,
        &[Some(chain_id.to_owned())],
    )
    .about(format!("chain {chain_id}"))
}

/// Create restore operation: an item of a checkpoint to a new volume name.
pub fn create_restore(input: &RestoreInput) -> ApiRequest {
    Operation::CreateRestore
        .request(None)
        .about(format!("the restore to {}", input.restore_name.trim()))
        .json(body(input))
}

/// A restore's progress (not in the document; see [`super::paths::ROUTES`]).
pub fn get_restore(restore_id: &str) -> ApiRequest {
    Operation::GetRestore
        .request(Some(restore_id))
        .about(format!("restore {restore_id}"))
}

/// A successful answer read as `T`, or the failure. A success whose body cannot be read is
/// [`ApiError::Malformed`], naming the subject and the problem.
pub fn decode<T: DeserializeOwned>(response: &ApiResponse, subject: &str) -> Result<T, ApiError> {
    if !response.is_success() {
        return Err(decode_error(response, subject));
    }
    serde_json::from_str(&response.body).map_err(|e| ApiError::Malformed {
        detail: format!(
            "the answer about {subject} cannot be read: {}",
            crate::json_path::describe(&response.body, &e)
        ),
    })
}

/// A success whose body does not matter (deleting a plan answers with none).
pub fn decode_done(response: &ApiResponse, subject: &str) -> Result<(), ApiError> {
    if response.is_success() {
        Ok(())
    } else {
        Err(decode_error(response, subject))
    }
}

/// The plan after an update. The document's answer carries only the patchable fields (no id,
/// mode or creation time), so it is laid over the plan as it was.
pub fn decode_updated_plan(response: &ApiResponse, before: &Plan) -> Result<Plan, ApiError> {
    let subject = format!("plan {}", before.id);
    let answer: Value = decode(response, &subject)?;
    let Value::Object(changes) = answer else {
        return Err(ApiError::Malformed {
            detail: format!("the answer about {subject} is not a JSON object"),
        });
    };
    let mut merged = match serde_json::to_value(before) {
        Ok(Value::Object(fields)) => fields,
        _ => Default::default(),
    };
    merged.extend(changes.into_iter().filter(|(_, v)| !v.is_null()));
    serde_json::from_value(Value::Object(merged)).map_err(|e| ApiError::Malformed {
        detail: format!("the answer about {subject} cannot be read: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Method;
    use serde_json::json;

    #[test]
    fn lists_send_only_the_filters_given() {
        let all = list_plans(&PlanQuery::default());
        assert_eq!((all.path.as_str(), all.query.len()), ("/plans/", 0));
        let some = list_checkpoints(&CheckpointQuery {
            limit: Some(25),
            marker: Some("c-9".into()),
            plan_name: Some(" nightly ".into()),
            volume_name: Some("".into()),
        });
        assert_eq!(
            some.url("https://h/data-protect/v2/"),
            "https://h/data-protect/v2/checkpoints/?limit=25&marker=c-9&plan_name=nightly"
        );
        let chain = delete_chain("ch 1&x");
        assert_eq!(
            (chain.method, chain.url("http://h")),
            (
                Method::Delete,
                "http://h/checkpoints/?chain_id=ch+1%26x".into()
            )
        );
    }

    #[test]
    fn suspend_and_resume_patch_the_status_alone() {
        let suspend = set_plan_started("p/1", false);
        assert_eq!(suspend.path, "/plans/p%2F1");
        assert_eq!(
            suspend.body.unwrap().as_json(),
            Some(&json!({"status": "suspended"}))
        );
        let resume = set_plan_started("p1", true);
        assert_eq!(
            resume.body.unwrap().as_json(),
            Some(&json!({"status": "started"}))
        );
    }

    #[test]
    fn an_update_answer_is_laid_over_the_plan() {
        let before: Plan = serde_json::from_value(json!({"id": "p1", "name": "old", "backup_mode": "frequency",
            "max_backups": 3, "created_at": "2024-01-01T00:00:00Z", "schedule_pattern": "0 0 * * *"}))
        .unwrap();
        let answer = ApiResponse::new(
            200,
            r#"{"name":"new","max_backups":4,"description":null,"status":"suspended"}"#,
        );
        let after = decode_updated_plan(&answer, &before).unwrap();
        assert_eq!(
            (after.id.as_str(), after.name.as_str(), after.max_backups),
            ("p1", "new", 4)
        );
        assert_eq!(after.created_at, before.created_at);
        assert_eq!(after.status, PlanStatus::Suspended);
        let bad = ApiResponse::new(200, "[]");
        assert_eq!(
            decode_updated_plan(&bad, &before).unwrap_err().kind(),
            "malformed"
        );
        let gone = ApiResponse::new(404, "{}");
        assert_eq!(
            decode_updated_plan(&gone, &before).unwrap_err().kind(),
            "not-found"
        );
    }

    #[test]
    fn malformed_answers_name_the_subject() {
        let err = decode::<Plan>(&ApiResponse::new(200, "{\"max_backups\": \"x\""), "plan 1")
            .unwrap_err();
        assert!(
            matches!(&err, ApiError::Malformed { detail } if detail.starts_with("the answer about plan 1"))
        );
        assert!(decode_done(&ApiResponse::new(204, ""), "plan 1").is_ok());
        assert_eq!(
            decode_done(&ApiResponse::new(409, "{}"), "plan 1")
                .unwrap_err()
                .kind(),
            "conflict"
        );
    }
}
