//! The current instant for views, and the zone times are shown in. Tests fix the instant
//! (`provide_context(FixedNow(..))`) so schedule previews can be checked exactly, not against
//! the wall clock.

use backup_console_core::schedule::Zone;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug)]
pub struct FixedNow(pub DateTime<Utc>);

pub fn now() -> DateTime<Utc> {
    use_context::<FixedNow>().map_or_else(Utc::now, |f| f.0)
}

/// The zone a vendor's pages show times in (`provide_context`); without it, times read in UTC.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DisplayZone(pub Zone);

/// The operator's own zone, as the browser reports it (UTC when it cannot tell).
pub fn browser_zone() -> Zone {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
        .and_then(|name| name.parse::<Zone>().ok())
        .unwrap_or(Zone::UTC)
}

/// The zone times are shown in here.
pub fn zone() -> Zone {
    use_context::<DisplayZone>().map_or(Zone::UTC, |z| z.0)
}

/// "2026-11-30 05:00 CET" in the zone times are shown in here.
pub fn time_label(t: DateTime<Utc>) -> String {
    t.with_timezone(&zone())
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}
