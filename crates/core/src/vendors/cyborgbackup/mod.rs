//! CyBorgBackup API v1 (`cyborgbackup-api-v1.txt`): users, clients, schedules, repositories,
//! policies (launch, calendar) and catalogs, under `/api/v1/`.
//!
//! The service is a Django REST framework application: lists are paginated with
//! `count`/`next`/`previous`/`results` and `page`/`page_size`, ordered with `order_by` and filtered
//! with `search` (the conventions of the AWX code base it derives from), validation failures are
//! `400` with `{"field": ["message"]}`, and the API token goes in `Authorization: Token <key>`.

pub mod forms;
pub mod jwt;
pub mod models;
pub mod requests;
pub mod resources;

pub use resources::Resource;

use crate::api::ApiRequest;

pub const API_ROOT: &str = "/api/v1";

/// DRF token authentication.
pub fn authorize(request: ApiRequest, token: &str) -> ApiRequest {
    // A signed-in session carries a JWT (`Bearer`); a key made in Django's admin is a DRF token.
    let scheme = if jwt::is_jwt(token) {
        "Bearer"
    } else {
        "Token"
    };
    request.header("Authorization", format!("{scheme} {}", token.trim()))
}
