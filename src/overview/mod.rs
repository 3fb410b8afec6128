//! The views across every connection: the overview (`/`) with every job's health, and the week
//! of schedules (`/schedule/week`). Both read the same [`board::Board`]: each connection's
//! jobs, loaded in parallel by the vendor's feed (`vendors::feed`).

pub mod board;
pub mod feed;
mod filters;
pub mod page;
pub mod timeline;
pub mod week;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::paths::segment;

/// The page's query, as (key, value) pairs.
fn use_query_pairs() -> Memo<Vec<(String, String)>> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            q.into_iter()
                .map(|(k, v)| (k.to_string(), v.to_owned()))
                .collect()
        })
    })
}

/// `base?k=v&...`, each part encoded.
fn with_query(base: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return base.to_owned();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", segment(k), segment(v)))
        .collect();
    format!("{base}?{}", query.join("&"))
}
