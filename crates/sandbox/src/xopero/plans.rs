//! Plans: the list, attaching and detaching repositories, and `modifygitplan`, which stores the
//! whole body it gets so that the list answers with it afterwards.

use axum::body::Bytes;
use axum::extract::State;
use backup_console_core::vendors::xopero::plan_form::check_body;
use serde_json::{json, Map, Value};

use super::request::{bad, done, field, invalid, not_found, ok, page, Answer, Body};
use super::Sim;

pub async fn list(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let body = Body::parse(&bytes)?;
    let id = body.text("organizationid")?;
    let paging = body.paging()?;
    let store = sim.lock();
    store
        .organization(&id)
        .ok_or_else(|| not_found(&format!("Organization {id}")))?;
    let items: Vec<Value> = store
        .plans
        .iter()
        .filter(|p| p.organization_id == id)
        .map(|p| p.listed())
        .collect();
    ok(page(items, paging, |rows| json!(rows)))
}

/// Attach (`true`) or detach a repository of the plan's organization.
fn plan_repository(sim: &Sim, bytes: &Bytes, attach: bool) -> Answer {
    let body = Body::parse(bytes)?;
    let (plan_id, repository_id) = (body.text("planid")?, body.text("repositoryid")?);
    let mut store = sim.lock();
    let organization = store
        .repository(&repository_id)
        .map(|r| r.organization_id.clone())
        .ok_or_else(|| not_found(&format!("Repository {repository_id}")))?;
    let plan = store
        .plan_mut(&plan_id)
        .ok_or_else(|| not_found(&format!("Plan {plan_id}")))?;
    if plan.organization_id != organization {
        return Err(bad(
            "The repository belongs to another organization than the plan.",
        ));
    }
    let mut ids = plan.repository_ids();
    ids.retain(|id| *id != repository_id);
    if attach {
        ids.push(repository_id);
    }
    plan.set_repository_ids(ids);
    done()
}

pub async fn attach(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    plan_repository(&sim, &bytes, true)
}

pub async fn detach(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    plan_repository(&sim, &bytes, false)
}

/// What the service would refuse in a whole plan, by field: the console's own checks plus the
/// wire types the service binds (`advancedOptions` is a `Dictionary<string, string>`).
fn problems(plan: &Value) -> Map<String, Value> {
    let mut errors: Map<String, Value> = check_body(plan)
        .into_iter()
        .map(|(key, messages)| (key, json!(messages)))
        .collect();
    if let Some(options) = plan.get("advancedOptions").and_then(Value::as_object) {
        for (key, value) in options.iter().filter(|(_, v)| !v.is_string()) {
            errors.insert(
                format!("advancedOptions.{key}"),
                json!([format!("{key} must be text, not {value}.")]),
            );
        }
    }
    errors
}

pub async fn modify(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let plan = Body::parse(&bytes)?.0;
    let id = Body(plan.clone()).text("id")?;
    let errors = problems(&plan);
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let mut store = sim.lock();
    let known: Vec<(String, String)> = store
        .repositories
        .iter()
        .map(|r| (r.repository.id.clone(), r.organization_id.clone()))
        .collect();
    let stored = store
        .plan_mut(&id)
        .ok_or_else(|| not_found(&format!("Plan {id}")))?;
    let organization = field(&plan, "organizationId").and_then(Value::as_str);
    if organization.is_some_and(|o| o != stored.organization_id) {
        return Err(bad("A plan cannot move to another organization."));
    }
    let ids = field(&plan, "repositoriesIds")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for id in &ids {
        let belongs = known
            .iter()
            .any(|(r, o)| Some(r.as_str()) == id.as_str() && *o == stored.organization_id);
        if !belongs {
            return Err(bad(format!(
                "{id} is not a repository of the plan's organization."
            )));
        }
    }
    stored.body = plan;
    done()
}
