//! One builder per operation of `xopero-management-api.txt`. Every operation is `POST` with a JSON
//! body, reads included, and every id travels in the body, so no input is ever placed in a path.
//! Subjects name ids; a view that knows the names can replace them with [`ApiRequest::about`].

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::models::Login;
use super::query::{OrganizationQuery, PlanQuery, RepositoryQuery};
use crate::api::{ApiRequest, Method};

/// Request bodies the document shows with fixed field names.
pub mod inputs {
    use super::*;

    /// `plans/attachgitrepository` and `plans/detachgitrepository`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct PlanRepository {
        pub planid: String,
        pub repositoryid: String,
    }

    /// `repositories/activate` and `repositories/deactivate`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Ids {
        #[serde(rename = "Ids")]
        pub ids: Vec<String>,
    }

    /// `repositories/remove`: one repository; `removedata` deletes its backed-up data too.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Remove {
        pub id: String,
        pub removedata: bool,
    }

    /// `repositories/sync`: an organization.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Sync {
        pub id: String,
    }
}

use inputs::*;

fn post(path: &str, body: Value, subject: String) -> ApiRequest {
    ApiRequest::new(Method::Post, path)
        .about(subject)
        .json(body)
}

fn body_of(input: &impl Serialize) -> Value {
    // These inputs are plain strings, numbers and lists: serializing them cannot fail.
    serde_json::to_value(input).unwrap_or(Value::Null)
}

fn repositories_subject(ids: &[String]) -> String {
    match ids {
        [one] => format!("repository {one}"),
        many => format!("{} repositories", many.len()),
    }
}

/// `account/login`. The password is sent once; only the token that comes back is kept.
pub fn login(email: &str, password: &str, remember_me: bool) -> ApiRequest {
    let login = Login {
        email: email.trim().to_owned(),
        password: password.to_owned(),
        remember_me,
    };
    post("/account/login", body_of(&login), "sign-in".into())
}

/// `git/organizations/getmany`.
pub fn organizations(query: &OrganizationQuery) -> ApiRequest {
    post(
        "/git/organizations/getmany",
        query.to_body(),
        "the organizations".into(),
    )
    .read_only()
}

/// `git/repositories/getmany`: one organization's repositories.
pub fn repositories(organization_id: &str, query: &RepositoryQuery) -> ApiRequest {
    post(
        "/git/repositories/getmany",
        query.to_body(organization_id),
        format!("organization {organization_id}"),
    )
    .read_only()
}

/// `git/repositories/activate`: give licences to the repositories.
pub fn activate(ids: &[String]) -> ApiRequest {
    post(
        "/git/repositories/activate",
        body_of(&Ids { ids: ids.to_vec() }),
        repositories_subject(ids),
    )
}

/// `git/repositories/deactivate`: take their licences back.
pub fn deactivate(ids: &[String]) -> ApiRequest {
    post(
        "/git/repositories/deactivate",
        body_of(&Ids { ids: ids.to_vec() }),
        repositories_subject(ids),
    )
}

/// `git/repositories/remove`: remove one repository from the system, with its backed-up data
/// when `remove_data`.
pub fn remove(repository_id: &str, remove_data: bool) -> ApiRequest {
    let input = Remove {
        id: repository_id.to_owned(),
        removedata: remove_data,
    };
    post(
        "/git/repositories/remove",
        body_of(&input),
        format!("repository {repository_id}"),
    )
}

/// `git/repositories/sync`: synchronize an organization's repositories with its git service.
pub fn sync(organization_id: &str) -> ApiRequest {
    let input = Sync {
        id: organization_id.to_owned(),
    };
    post(
        "/git/repositories/sync",
        body_of(&input),
        format!("organization {organization_id}"),
    )
}

/// `plans/listassignedtoorganization`: the plans holding the organization's repositories.
pub fn plans(organization_id: &str, query: &PlanQuery) -> ApiRequest {
    post(
        "/plans/listassignedtoorganization",
        query.to_body(organization_id),
        format!("the plans of organization {organization_id}"),
    )
    .read_only()
}

fn plan_repository(path: &str, plan_id: &str, repository_id: &str) -> ApiRequest {
    let input = PlanRepository {
        planid: plan_id.to_owned(),
        repositoryid: repository_id.to_owned(),
    };
    post(
        path,
        body_of(&input),
        format!("plan {plan_id} or repository {repository_id}"),
    )
}

/// `plans/attachgitrepository`.
pub fn attach(plan_id: &str, repository_id: &str) -> ApiRequest {
    plan_repository("/plans/attachgitrepository", plan_id, repository_id)
}

/// `plans/detachgitrepository`.
pub fn detach(plan_id: &str, repository_id: &str) -> ApiRequest {
    plan_repository("/plans/detachgitrepository", plan_id, repository_id)
}

/// `plans/modifygitplan` with the whole plan, as [`super::plan_form::plan_body`] composes it.
/// It replaces the plan's whole configuration.
pub fn modify_plan(body: &Value) -> ApiRequest {
    let subject = match body.get("name").and_then(Value::as_str) {
        Some(name) if !name.trim().is_empty() => format!("plan \"{name}\""),
        _ => format!(
            "plan {}",
            body.get("id").and_then(Value::as_str).unwrap_or("(no id)")
        ),
    };
    post("/plans/modifygitplan", body.clone(), subject)
}

/// Every address of the document, login included.
pub const OPERATIONS: [&str; 11] = [
    "/account/login",
    "/git/organizations/getmany",
    "/plans/attachgitrepository",
    "/plans/detachgitrepository",
    "/plans/listassignedtoorganization",
    "/plans/modifygitplan",
    "/git/repositories/activate",
    "/git/repositories/deactivate",
    "/git/repositories/getmany",
    "/git/repositories/remove",
    "/git/repositories/sync",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_getmany_calls_are_reads_and_the_rest_are_writes() {
        assert!(organizations(&OrganizationQuery::default()).is_read());
        assert!(repositories("o", &RepositoryQuery::default()).is_read());
        assert!(plans("o", &PlanQuery::default()).is_read());
        assert!(!sync("o").is_read());
        assert!(!activate(&["r".into()]).is_read());
        assert!(!login("a@b.c", "p", false).is_read());
    }
}
