//! The overview's feed: the project's plans as jobs, their last results from the newest
//! checkpoints (without them, unknown).

use backup_console_core::jobs;
use backup_console_core::vendors::scheduled_backup::models::{CheckpointList, PlanList};
use backup_console_core::vendors::scheduled_backup::requests::{self, CheckpointQuery, PlanQuery};
use leptos::prelude::*;

use crate::load::use_load;
use crate::overview::feed::{feed_of, reload_on, Feed, FeedInput};

/// As many as one answer gives (the document's default page is 1000).
const LIMIT: u32 = 1000;

pub fn feed(input: FeedInput) -> Feed {
    let conn = input.connection.id.clone();
    let plans = use_load::<PlanList>(move || {
        let query = PlanQuery {
            limit: Some(LIMIT),
            ..PlanQuery::default()
        };
        Some((conn.clone(), requests::list_plans(&query)))
    });
    let conn = input.connection.id.clone();
    let checkpoints = use_load::<CheckpointList>(move || {
        let query = CheckpointQuery {
            limit: Some(LIMIT),
            ..CheckpointQuery::default()
        };
        Some((conn.clone(), requests::list_checkpoints(&query)))
    });
    reload_on(input.tick, plans);
    reload_on(input.tick, checkpoints);
    let (source, now) = (input.source, input.now);
    feed_of(plans, Some((checkpoints, "The checkpoints")), move || {
        let settled = checkpoints.with(|c| c.is_some()) || checkpoints.error().is_some();
        if !settled {
            return None;
        }
        plans.with(|p| {
            p.map(|p| {
                checkpoints.with(|c| {
                    let list = c.map(|c| c.checkpoints.as_slice());
                    jobs::scheduled_backup::jobs(&source, &p.plans, list, now.get())
                })
            })
        })
    })
}
