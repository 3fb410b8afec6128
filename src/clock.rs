//! The current instant for views, and the zone times are shown in. Tests fix the instant
//! (`provide_context(FixedNow(..))`) so schedule previews can be checked exactly, not against
//! the wall clock.
//!
//! Every time the console shows goes through [`Time`] (or [`time_label`]): in the operator's
//! display zone ([`crate::prefs::Prefs`], the browser's by default), with the zone named, the
//! relative time on hover, and the exact instant in `<time datetime>`.

use backup_console_core::format;
use backup_console_core::schedule::Zone;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::prefs::Prefs;

#[derive(Clone, Copy, Debug)]
pub struct FixedNow(pub DateTime<Utc>);

pub fn now() -> DateTime<Utc> {
    use_context::<FixedNow>().map_or_else(Utc::now, |f| f.0)
}

/// A zone that overrides the operator's preference below it (component tests use it).
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

/// The zone times are shown in here (tracked: a change of preference shows them again);
/// UTC where no shell provides a preference.
pub fn zone() -> Zone {
    if let Some(DisplayZone(zone)) = use_context::<DisplayZone>() {
        return zone;
    }
    use_context::<Prefs>().map_or(Zone::UTC, |p| p.zone.get().resolve())
}

/// "2026-11-30 05:00 CET" in the zone times are shown in here.
pub fn time_label(t: DateTime<Utc>) -> String {
    label_in(t, zone())
}

pub fn label_in(t: DateTime<Utc>, zone: Zone) -> String {
    t.with_timezone(&zone)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// "in 3 h · 2026-11-30 04:00 UTC": the hover text of a time.
pub fn hover_text(t: DateTime<Utc>) -> String {
    format!(
        "{} · {}",
        format::relative(t, now()),
        label_in(t, Zone::UTC)
    )
}

/// An instant as the operator reads it: in the display zone with the zone named, the exact
/// instant in `datetime`, and how long ago or ahead it is on hover.
#[component]
pub fn Time(at: DateTime<Utc>, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    view! {
        <time datetime=format::iso(at) title=hover_text(at) data-testid=testid>{move || time_label(at)}</time>
    }
}

/// A time that may be missing: "—" (or `missing`) when it is.
pub fn time_or(t: Option<DateTime<Utc>>, missing: &'static str) -> AnyView {
    match t {
        Some(at) => view! { <Time at=at /> }.into_any(),
        None => missing.into_any(),
    }
}
