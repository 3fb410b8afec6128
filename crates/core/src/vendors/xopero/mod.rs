//! Xopero management API (`xopero-management-api.txt`; the same API serves GitProtect): sign-in,
//! git organizations, their repositories and licences, and backup plans with their schedules
//! and backup windows.
//!
//! The base URL is the customer's own Management Service. Every call is `POST` with a JSON body,
//! reads included, so nothing from the operator's input is ever placed in a path. The token from
//! `POST /account/login` (a JWT valid 30 days, with no refresh call) goes in
//! `Authorization: Bearer <token>`, and the account needs the System Administrator role.
//!
//! What the UI calls:
//! - [`requests`]: one builder per documented operation ([`requests::OPERATIONS`]).
//! - [`query`] and [`repository_query`]: paging, ordering and repository filters, to and from
//!   the page's URL.
//! - [`models`]: the answers, read tolerantly; unknown fields are kept for the way back.
//! - [`errors`]: answers to [`crate::api::ApiError`] in the operator's words; licence error codes.
//! - [`plan`], [`plan_form`] and [`plan_write`]: the whole `modifygitplan` body, composed from
//!   what is known of a plan, edited through a typed form, validated and written back;
//!   [`plan_fields`] the editor's fields, [`saved`] the last body saved per plan.
//! - [`views`]: table columns, driver names, status badges and times; [`rows`] tables the
//!   console composes (plans with their last run, bulk results).

pub mod answers;
pub mod errors;
pub mod loose;
pub mod models;
pub mod plan;
pub mod plan_fields;
pub mod plan_form;
pub mod plan_write;
pub mod query;
pub mod repository_query;
pub mod requests;
pub mod rows;
pub mod saved;
pub mod views;

pub use errors::{check, decode, error_code_words, error_of};
pub use plan::{compose_base, PlanBase, PlanSources};
pub use plan_form::{plan_body, PlanForm};
pub use query::{OrganizationQuery, PlanQuery, RepositoryQuery};

use crate::api::ApiRequest;

/// Bearer authentication with the token `account/login` gave (or one the operator pasted).
pub fn authorize(request: ApiRequest, token: &str) -> ApiRequest {
    request.header("Authorization", format!("Bearer {}", token.trim()))
}
