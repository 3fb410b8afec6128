//! The overview's feed: the account's backup configurations as jobs, their last results from
//! the account's activity (without it, from the configurations' own fields).

use backup_console_core::jobs;
use backup_console_core::vendors::rackspace::models::{Activity, BackupConfiguration};
use backup_console_core::vendors::rackspace::requests;
use leptos::prelude::*;

use crate::load::use_load;
use crate::overview::feed::{feed_of, reload_on, Feed, FeedInput};

pub fn feed(input: FeedInput) -> Feed {
    let tenant = input.connection.extra_text("tenant_id");
    let (conn, t) = (input.connection.id.clone(), tenant.clone());
    let configurations = use_load::<Vec<BackupConfiguration>>(move || {
        Some((conn.clone(), requests::configurations(&t)))
    });
    let conn = input.connection.id.clone();
    let activity =
        use_load::<Vec<Activity>>(move || Some((conn.clone(), requests::activity(&tenant))));
    reload_on(input.tick, configurations);
    reload_on(input.tick, activity);
    let (source, now) = (input.source, input.now);
    feed_of(
        configurations,
        Some((activity, "The account's activity")),
        move || {
            // Wait for the activity unless it failed: it says how the backups went.
            let activity_settled = activity.with(|a| a.is_some()) || activity.error().is_some();
            if !activity_settled {
                return None;
            }
            configurations.with(|c| {
                c.map(|c| {
                    activity.with(|a| {
                        jobs::rackspace::jobs(&source, c, a.map(Vec::as_slice), now.get())
                    })
                })
            })
        },
    )
}
