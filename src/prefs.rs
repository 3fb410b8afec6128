//! The operator's preferences: not secret, kept on this device (localStorage) under
//! `backup-console.preferences.v1` as one JSON object: `zone`, the zone every time in the
//! console is shown in — the browser's (no `zone`), UTC, or any IANA zone — and
//! `vault_idle_seconds`, how long the credential vault stays unlocked without activity. The
//! shell provides [`Prefs`]; [`crate::clock`] reads it; the vault reads its own key through
//! [`stored_field`] and [`set_stored_field`].

use backup_console_core::schedule::Zone;
use leptos::prelude::*;
use serde_json::{json, Value};

pub const KEY: &str = "backup-console.preferences.v1";

/// Which zone times are shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneChoice {
    /// Whatever zone the browser reports, wherever the operator is.
    Browser,
    Named(Zone),
}

impl ZoneChoice {
    /// The stored form: `None` for the browser's zone, else the IANA name.
    pub fn to_stored(self) -> Option<&'static str> {
        match self {
            ZoneChoice::Browser => None,
            ZoneChoice::Named(zone) => Some(zone.name()),
        }
    }

    /// A stored name, the browser's zone for anything the console does not know.
    pub fn from_stored(name: Option<&str>) -> Self {
        name.and_then(|n| n.parse::<Zone>().ok())
            .map_or(ZoneChoice::Browser, ZoneChoice::Named)
    }

    pub fn resolve(self) -> Zone {
        match self {
            ZoneChoice::Browser => crate::clock::browser_zone(),
            ZoneChoice::Named(zone) => zone,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Prefs {
    pub zone: RwSignal<ZoneChoice>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn stored() -> Value {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| json!({}))
}

/// One preference as stored (`Null` when absent or unreadable).
pub fn stored_field(name: &str) -> Value {
    stored()[name].clone()
}

/// Keep one preference; `Null` removes it. A full or disabled storage costs only remembering it.
pub fn set_stored_field(name: &str, value: Value) {
    let mut kept = stored();
    if !kept.is_object() {
        kept = json!({});
    }
    if let Some(map) = kept.as_object_mut() {
        if value.is_null() {
            map.remove(name);
        } else {
            map.insert(name.to_owned(), value);
        }
    }
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, &kept.to_string());
    }
}

impl Prefs {
    /// The preferences kept on this device (defaults for anything missing or unreadable).
    pub fn load() -> Self {
        let zone = ZoneChoice::from_stored(stored()["zone"].as_str());
        Self {
            zone: RwSignal::new(zone),
        }
    }

    /// Show times in `choice` from now on, here and in later visits.
    pub fn set_zone(&self, choice: ZoneChoice) {
        self.zone.set(choice);
        set_stored_field(
            "zone",
            choice.to_stored().map_or(Value::Null, |name| json!(name)),
        );
    }
}
