//! The last `modifygitplan` body this console saved for each plan, kept with the connection
//! (not secret) in its `xopero_saved_plans` field, so the plan editor can start from it when
//! the server lists only a plan's id, name and repositories. See [`super::plan`].

use serde_json::{json, Value};

use crate::connection::Connection;

/// The connection field holding `{plan id: body}`.
pub const SAVED_PLANS: &str = "xopero_saved_plans";

/// The body last saved for `plan_id` on this connection.
pub fn saved_body(connection: &Connection, plan_id: &str) -> Option<Value> {
    connection
        .extra
        .get(SAVED_PLANS)?
        .get(plan_id)
        .filter(|body| body.is_object())
        .cloned()
}

/// Keep `body` as the one last saved for its plan (`body.id`); a body without an id is not kept.
pub fn remember(connection: &mut Connection, body: &Value) {
    let Some(id) = body
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
    else {
        return;
    };
    let saved = connection
        .extra
        .entry(SAVED_PLANS.to_owned())
        .or_insert_with(|| json!({}));
    if !saved.is_object() {
        *saved = json!({});
    }
    saved[id] = body.clone();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::Vendor;

    #[test]
    fn saved_bodies_live_with_the_connection_per_plan() {
        let mut c = Connection::new("x", Vendor::Xopero, "https://x");
        assert_eq!(saved_body(&c, "p1"), None);
        remember(&mut c, &json!({"id": "p1", "name": "A"}));
        remember(&mut c, &json!({"id": "p2", "name": "B"}));
        remember(&mut c, &json!({"id": "p1", "name": "A2"}));
        remember(&mut c, &json!({"name": "no id"}));
        assert_eq!(
            saved_body(&c, "p1"),
            Some(json!({"id": "p1", "name": "A2"}))
        );
        assert_eq!(saved_body(&c, "p2").unwrap()["name"], "B");
        // It travels with the connection through storage.
        let stored = serde_json::to_string(&c).unwrap();
        let back: Connection = serde_json::from_str(&stored).unwrap();
        assert_eq!(saved_body(&back, "p1").unwrap()["name"], "A2");
        assert!(!c.for_pages().extra.contains_key(SAVED_PLANS));
        c.extra.insert(SAVED_PLANS.into(), json!("junk"));
        assert_eq!(saved_body(&c, "p1"), None);
        remember(&mut c, &json!({"id": "p3"}));
        assert!(saved_body(&c, "p3").is_some());
    }
}
