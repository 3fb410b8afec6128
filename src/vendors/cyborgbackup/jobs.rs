//! The overview's feed: the connection's policies as jobs (one page of up to 200).

use backup_console_core::api::{Page, PageQuery};
use backup_console_core::jobs;
use backup_console_core::vendors::cyborgbackup::models::Policy;
use backup_console_core::vendors::cyborgbackup::{requests, Resource};
use leptos::prelude::*;

use crate::load::use_load;
use crate::overview::feed::{feed_of, reload_on, Feed, FeedInput};

const POLICIES: u32 = 200;

pub fn feed(input: FeedInput) -> Feed {
    let conn = input.connection.id.clone();
    let policies = use_load::<Page<Policy>>(move || {
        let query = PageQuery {
            page: 1,
            page_size: POLICIES,
            ..PageQuery::default()
        };
        Some((conn.clone(), requests::list(Resource::Policies, &query)))
    });
    reload_on(input.tick, policies);
    let (source, now) = (input.source, input.now);
    feed_of::<_, ()>(policies, None, move || {
        policies.with(|p| p.map(|p| jobs::cyborgbackup::jobs(&source, &p.results, now.get())))
    })
}
