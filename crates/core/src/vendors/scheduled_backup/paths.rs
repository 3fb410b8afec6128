//! Where each operation lives, in one table.
//!
//! The document names operations but no paths. The vendor's Go SDK uses `GET|POST /plans/`,
//! `GET|PATCH|DELETE /plans/{plan_id}` and `GET /checkpoints/`; the others follow the same
//! conventions. A path or a query parameter found to be wrong is corrected in [`ROUTES`] alone.

use crate::api::{path_segment, ApiRequest, Method};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operation {
    ListPlans,
    CreatePlan,
    GetPlan,
    UpdatePlan,
    DeletePlan,
    ListCheckpoints,
    GetCheckpoint,
    DeleteCheckpoint,
    DeleteChain,
    CreateRestore,
    GetRestore,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub operation: Operation,
    pub method: Method,
    /// Below the connection's base URL (`.../data-protect/v2`); `{...}` is the one id.
    pub path: &'static str,
    /// Query parameters the operation takes, as the document names them.
    pub query: &'static [&'static str],
    /// The document's title of the operation; `None` for the one call it does not document.
    pub title: Option<&'static str>,
}

const fn route(
    operation: Operation,
    method: Method,
    path: &'static str,
    query: &'static [&'static str],
    title: Option<&'static str>,
) -> Route {
    Route {
        operation,
        method,
        path,
        query,
        title,
    }
}

use Method::{Delete, Get, Patch, Post};
use Operation::*;

/// Every operation: the document's ten, and `GetRestore`, which the document lacks but a
/// restore's progress needs (`GET /restores/{id}`, by the same conventions; a service without
/// it answers 404 and the console keeps the status the create call returned).
#[rustfmt::skip]
pub const ROUTES: [Route; 11] = [
    route(ListPlans, Get, "/plans/", &["limit", "marker", "name", "volume_name"], Some("List backup plans")),
    route(CreatePlan, Post, "/plans/", &[], Some("Create backup plan")),
    route(GetPlan, Get, "/plans/{plan_id}", &[], Some("Get backup plan")),
    route(UpdatePlan, Patch, "/plans/{plan_id}", &[], Some("Update backup plan")),
    route(DeletePlan, Delete, "/plans/{plan_id}", &[], Some("Delete backup plan")),
    route(ListCheckpoints, Get, "/checkpoints/", &["limit", "marker", "volume_name", "plan_name"], Some("List backup checkpoints")),
    route(GetCheckpoint, Get, "/checkpoints/{checkpoint_id}", &[], Some("Get backup checkpoint")),
    route(DeleteCheckpoint, Delete, "/checkpoints/{checkpoint_id}", &[], Some("Delete backup checkpoint")),
    route(DeleteChain, Delete, "/checkpoints/", &["chain_id"], Some("Delete backup checkpoints")),
    route(CreateRestore, Post, "/restores/", &[], Some("Create restore operation")),
    route(GetRestore, Get, "/restores/{restore_id}", &[], None),
];

impl Operation {
    pub fn route(self) -> &'static Route {
        // Every variant has its row; the table's test proves it.
        ROUTES
            .iter()
            .find(|r| r.operation == self)
            .unwrap_or(&ROUTES[0])
    }

    /// The request for this operation, `id` (if the path has a placeholder) percent-encoded
    /// as one segment whatever it contains.
    pub fn request(self, id: Option<&str>) -> ApiRequest {
        let route = self.route();
        let path = match (route.path.find('{'), route.path.find('}')) {
            (Some(open), Some(close)) => format!(
                "{}{}{}",
                &route.path[..open],
                path_segment(id.unwrap_or_default()),
                &route.path[close + 1..]
            ),
            _ => route.path.to_owned(),
        };
        ApiRequest::new(route.method, path)
    }

    /// The operation a method and path (below the base URL, without query) stand for.
    pub fn recognize(method: Method, path: &str) -> Option<Operation> {
        ROUTES
            .iter()
            .find(|r| {
                r.method == method
                    && match r.path.find('{') {
                        None => r.path == path,
                        Some(open) => path
                            .strip_prefix(&r.path[..open])
                            .is_some_and(|id| !id.is_empty() && !id.contains('/')),
                    }
            })
            .map(|r| r.operation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_one_row_and_ids_stay_one_segment() {
        for (index, route) in ROUTES.iter().enumerate() {
            assert_eq!(route.operation.route(), route);
            assert!(ROUTES[index + 1..]
                .iter()
                .all(|r| r.operation != route.operation));
        }
        let request = Operation::DeletePlan.request(Some("a/../b c"));
        assert_eq!(request.path, "/plans/a%2F..%2Fb%20c");
        assert_eq!(request.method, Method::Delete);
        assert_eq!(Operation::ListPlans.request(None).path, "/plans/");
        assert_eq!(
            Operation::recognize(Method::Patch, "/plans/a%2F..%2Fb%20c"),
            Some(Operation::UpdatePlan)
        );
        assert_eq!(
            Operation::recognize(Method::Delete, "/checkpoints/"),
            Some(Operation::DeleteChain)
        );
        assert_eq!(Operation::recognize(Method::Put, "/plans/"), None);
        assert_eq!(Operation::recognize(Method::Get, "/plans/x/y"), None);
    }
}
