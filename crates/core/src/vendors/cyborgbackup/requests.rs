//! Request builders for all 33 operations of the document.
//!
//! Paths hold only fixed names and numeric ids: no text from input or from the vendor reaches
//! a path here (a builder that takes text must put it through `api::path_segment`).

use serde::Serialize;

use super::resources::Resource;
use super::API_ROOT;
use crate::api::{ApiRequest, Method, PageQuery};

/// Request bodies, as the document shows them for POST and PATCH.
pub mod inputs {
    use serde::{Deserialize, Serialize};

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct UserInput {
        pub first_name: String,
        pub last_name: String,
        pub email: String,
        pub is_superuser: bool,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ClientInput {
        pub hostname: String,
        pub ip: String,
        pub version: String,
        pub ready: bool,
        pub hypervisor_ready: bool,
        pub hypervisor_name: String,
        pub enabled: bool,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ScheduleInput {
        pub name: String,
        pub crontab: String,
        pub enabled: bool,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct RepositoryInput {
        pub name: String,
        pub path: String,
        pub repository_key: String,
        pub ready: bool,
        pub enabled: bool,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PolicyInput {
        pub name: String,
        pub extra_vars: String,
        pub clients: Vec<u64>,
        pub repository: Option<u64>,
        pub schedule: Option<u64>,
        pub policy_type: String,
        pub keep_hourly: Option<u32>,
        pub keep_yearly: Option<u32>,
        pub keep_daily: Option<u32>,
        pub keep_weekly: Option<u32>,
        pub keep_monthly: Option<u32>,
        pub vmprovider: String,
        pub mode_pull: bool,
        pub enabled: bool,
    }
}

fn collection_path(resource: Resource) -> String {
    format!("{API_ROOT}/{}/", resource.name())
}

fn item_path(resource: Resource, id: u64) -> String {
    format!("{API_ROOT}/{}/{id}/", resource.name())
}

fn body_of(input: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(input).expect("input structs serialize to JSON")
}

/// `GET /api/v1/`
pub fn api_root() -> ApiRequest {
    ApiRequest::get(format!("{API_ROOT}/")).about("the API root")
}

/// `GET /api/v1/ping`
pub fn ping() -> ApiRequest {
    ApiRequest::get(format!("{API_ROOT}/ping")).about("the ping endpoint")
}

/// `GET /api/v1/config`
pub fn config() -> ApiRequest {
    ApiRequest::get(format!("{API_ROOT}/config")).about("the service configuration")
}

/// `GET /api/v1/me`
pub fn me() -> ApiRequest {
    ApiRequest::get(format!("{API_ROOT}/me/")).about("the signed-in user")
}

/// `GET /api/v1/{resource}/` with pagination, ordering and search.
pub fn list(resource: Resource, query: &PageQuery) -> ApiRequest {
    let mut request =
        ApiRequest::get(collection_path(resource)).about(resource.title().to_lowercase());
    if query.page > 1 {
        request = request.query("page", query.page);
    }
    if query.page_size > 0 {
        request = request.query("page_size", query.page_size);
    }
    if let Some(order) = query.order_by.as_deref().filter(|o| !o.is_empty()) {
        request = request.query("order_by", order);
    }
    if let Some(search) = query
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        request = request.query("search", search);
    }
    request
}

/// `GET /api/v1/{resource}/{id}/`
pub fn get(resource: Resource, id: u64) -> ApiRequest {
    ApiRequest::get(item_path(resource, id)).about(format!("{} {id}", resource.singular()))
}

/// `POST /api/v1/{resource}/`
pub fn create(resource: Resource, body: &impl Serialize) -> ApiRequest {
    ApiRequest::new(Method::Post, collection_path(resource))
        .about(format!("the new {}", resource.singular()))
        .json(body_of(body))
}

/// `PATCH /api/v1/{resource}/{id}/`
pub fn update(resource: Resource, id: u64, body: &impl Serialize) -> ApiRequest {
    ApiRequest::new(Method::Patch, item_path(resource, id))
        .about(format!("{} {id}", resource.singular()))
        .json(body_of(body))
}

/// `DELETE /api/v1/{resource}/{id}/`
pub fn delete(resource: Resource, id: u64) -> ApiRequest {
    ApiRequest::new(Method::Delete, item_path(resource, id))
        .about(format!("{} {id}", resource.singular()))
}

/// `POST /api/v1/policies/{id}/launch/`
pub fn launch(policy_id: u64) -> ApiRequest {
    ApiRequest::new(
        Method::Post,
        format!("{}launch/", item_path(Resource::Policies, policy_id)),
    )
    .about(format!("policy {policy_id}"))
}

/// `GET /api/v1/policies/{id}/calendar/`
pub fn calendar(policy_id: u64) -> ApiRequest {
    ApiRequest::get(format!(
        "{}calendar/",
        item_path(Resource::Policies, policy_id)
    ))
    .about(format!("policy {policy_id}"))
}

/// Every operation of the document, for coverage checks: (method, path template).
pub const OPERATIONS: [(&str, &str); 33] = [
    ("GET", "/api/v1/"),
    ("GET", "/api/v1/ping"),
    ("GET", "/api/v1/config"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/users/"),
    ("GET", "/api/v1/users/{id}/"),
    ("POST", "/api/v1/users/"),
    ("PATCH", "/api/v1/users/{id}/"),
    ("DELETE", "/api/v1/users/{id}/"),
    ("GET", "/api/v1/clients/"),
    ("GET", "/api/v1/clients/{id}/"),
    ("POST", "/api/v1/clients/"),
    ("PATCH", "/api/v1/clients/{id}/"),
    ("DELETE", "/api/v1/clients/{id}/"),
    ("GET", "/api/v1/schedules/"),
    ("GET", "/api/v1/schedules/{id}/"),
    ("POST", "/api/v1/schedules/"),
    ("PATCH", "/api/v1/schedules/{id}/"),
    ("DELETE", "/api/v1/schedules/{id}/"),
    ("GET", "/api/v1/repositories/"),
    ("GET", "/api/v1/repositories/{id}/"),
    ("POST", "/api/v1/repositories/"),
    ("PATCH", "/api/v1/repositories/{id}/"),
    ("DELETE", "/api/v1/repositories/{id}/"),
    ("GET", "/api/v1/policies/"),
    ("GET", "/api/v1/policies/{id}/"),
    ("POST", "/api/v1/policies/"),
    ("PATCH", "/api/v1/policies/{id}/"),
    ("DELETE", "/api/v1/policies/{id}/"),
    ("POST", "/api/v1/policies/{id}/launch/"),
    ("GET", "/api/v1/policies/{id}/calendar/"),
    ("GET", "/api/v1/catalogs/"),
    ("GET", "/api/v1/catalogs/{id}/"),
];
