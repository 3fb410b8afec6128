//! The overview's feed: every organization's plans as jobs. Their last runs come with the
//! organizations; their schedules from each organization's plan list (when the server sends
//! whole plans) or from the bodies this console saved, read in the agents' zone (the
//! connection's `time_zone`, else the operator's own).

use std::collections::BTreeMap;

use backup_console_core::jobs;
use backup_console_core::schedule::Zone;
use backup_console_core::vendors::xopero::models::{AssignedPlan, OrganizationPage, PlanPage};
use backup_console_core::vendors::xopero::query::{OrganizationQuery, PlanQuery};
use backup_console_core::vendors::xopero::requests;
use backup_console_core::vendors::xopero::saved::saved_body;
use leptos::prelude::*;

use super::{everything, load};
use crate::load::use_each;
use crate::overview::feed::{feed_of, reload_on, Feed, FeedInput};
use crate::session::use_session;

/// How many plan lists are asked for at once.
const AT_ONCE: usize = 3;

pub fn feed(input: FeedInput) -> Feed {
    let conn = input.connection.id.clone();
    let organizations = load::<OrganizationPage>(move || {
        let query = OrganizationQuery {
            paging: everything(),
            order: None,
        };
        Some((conn.clone(), requests::organizations(&query)))
    });
    reload_on(input.tick, organizations);
    let tick = input.tick;
    let conn = input.connection.id.clone();
    let lists = use_each::<String, PlanPage>(
        move || {
            tick.track();
            organizations.with(|p| {
                p.map(|p| p.result.iter().map(|o| o.id.clone()).collect())
                    .unwrap_or_default()
            })
        },
        move |org| {
            let query = PlanQuery {
                paging: everything(),
            };
            Some((conn.clone(), requests::plans(org, &query)))
        },
        AT_ONCE,
    );
    let zone = input
        .connection
        .extra_text("time_zone")
        .parse::<Zone>()
        .unwrap_or_else(|_| crate::clock::browser_zone());
    let session = use_session();
    let id = input.connection.id.clone();
    let (source, now) = (input.source, input.now);
    feed_of::<_, ()>(organizations, None, move || {
        organizations.with(|page| {
            let page = page?;
            let listed: BTreeMap<String, Vec<AssignedPlan>> = lists.with(|l| {
                l.iter()
                    .filter_map(|(org, answer)| {
                        answer
                            .as_ref()
                            .ok()
                            .map(|p| (org.clone(), p.result.clone()))
                    })
                    .collect()
            });
            // The plan lists answered, or failed (the schedules are then the saved ones).
            let waiting = lists.with(|l| page.result.iter().any(|o| !l.contains_key(&o.id)));
            if waiting {
                return None;
            }
            let connection = session
                .connections
                .with(|all| all.iter().find(|c| c.id == id).cloned())?;
            let saved = move |plan: &str| saved_body(&connection, plan);
            let plans = jobs::xopero::Plans {
                organizations: &page.result,
                listed: &listed,
                saved: &saved,
                zone,
            };
            Some(jobs::xopero::jobs(&source, &plans, now.get()))
        })
    })
}
