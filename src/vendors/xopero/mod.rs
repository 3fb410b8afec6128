//! Xopero pages: organizations (paged and ordered by the server), an organization with its
//! plans, repositories and synchronization, its repositories with filters and bulk licences,
//! and a plan with its repositories and the whole-plan editor. One screen per file.

pub mod jobs;
pub mod organizations;
pub mod plans;
pub mod repositories;
pub mod sign_in;
pub mod sync;

use backup_console_core::api::ApiRequest;
use backup_console_core::connection::Connection;
use backup_console_core::vendors::xopero::decode;
use backup_console_core::vendors::xopero::query::{Paging, MAX_LIMIT};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use super::not_found;
use crate::load::{use_load_with, Remote};
use crate::paths::{connection_route, segment};

pub fn sections() -> Vec<(&'static str, &'static str)> {
    vec![("organizations", "Organizations")]
}

/// The page at `/c/{connection}/{path...}`.
pub fn page(connection: Connection, path: &[&str]) -> AnyView {
    let conn = connection.id.clone();
    match path {
        [] | ["organizations"] => {
            view! { <organizations::list::OrganizationList conn=conn /> }.into_any()
        }
        ["organizations", org] => {
            view! { <organizations::detail::OrganizationDetail conn=conn org=org.to_string() /> }
                .into_any()
        }
        ["organizations", org, "repositories"] => {
            view! { <repositories::list::RepositoryList conn=conn org=org.to_string() /> }
                .into_any()
        }
        ["organizations", org, "plans", plan] => view! {
            <plans::page::PlanPage conn=conn org=org.to_string() plan=plan.to_string() />
        }
        .into_any(),
        _ => not_found(format!("Xopero has no page \"{}\".", path.join("/"))),
    }
}

/// A link below the connection.
fn link(conn: &str, rest: &str) -> String {
    connection_route(conn, rest)
}

/// A link below an organization: `org_link(c, "o-1", "/repositories")`.
fn org_link(conn: &str, org: &str, rest: &str) -> String {
    link(conn, &format!("/organizations/{}{rest}", segment(org)))
}

/// Load an answer, read by core's Xopero decoder (a bad body names the field at fault).
fn load<T>(request: impl Fn() -> Option<(String, ApiRequest)> + Send + Sync + 'static) -> Remote<T>
where
    T: DeserializeOwned + Clone + PartialEq + Send + Sync + 'static,
{
    use_load_with(request, decode::<T>)
}

/// Everything on one page: the lists a page looks things up in (an organization by id, the
/// repositories a plan can take).
fn everything() -> Paging {
    Paging {
        page: 1,
        limit: MAX_LIMIT,
    }
}
