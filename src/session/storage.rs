//! Web Storage for connections. sessionStorage lives as long as the tab; localStorage only
//! when the operator asks to be remembered on this device.
//!
//! Entries are read one by one: an unreadable entry is reported and kept as it was (it is
//! written back with the others), so one bad entry never costs the operator the rest.

use std::cell::RefCell;

use backup_console_core::connection::{parse_stored, Connection};
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// For this tab only (sessionStorage): the default.
    Tab,
    /// On this device (localStorage): opt-in.
    Remembered,
}

const KEY: &str = "backup-console.connections.v1";

thread_local! {
    /// Entries this build could not read, per storage, to be written back untouched.
    static UNREADABLE: RefCell<[Vec<Value>; 2]> = const { RefCell::new([Vec::new(), Vec::new()]) };
}

fn slot(persistence: Persistence) -> usize {
    match persistence {
        Persistence::Tab => 0,
        Persistence::Remembered => 1,
    }
}

fn storage(persistence: Persistence) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match persistence {
        Persistence::Tab => window.session_storage().ok().flatten(),
        Persistence::Remembered => window.local_storage().ok().flatten(),
    }
}

/// The readable connections, and a problem for each entry left out.
pub fn load(persistence: Persistence) -> (Vec<Connection>, Vec<String>) {
    let Some(text) = storage(persistence).and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return (Vec::new(), Vec::new());
    };
    let (good, problems) = parse_stored(&text);
    let unreadable: Vec<Value> = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Array(items)) => items
            .into_iter()
            .filter(|item| serde_json::from_value::<Connection>(item.clone()).is_err())
            .collect(),
        _ => Vec::new(),
    };
    UNREADABLE.with(|u| u.borrow_mut()[slot(persistence)] = unreadable);
    (good, problems)
}

pub fn store(persistence: Persistence, connections: &[Connection]) {
    let Some(s) = storage(persistence) else {
        return;
    };
    let mut items: Vec<Value> = connections
        .iter()
        .filter_map(|c| serde_json::to_value(c).ok())
        .collect();
    UNREADABLE.with(|u| items.extend(u.borrow()[slot(persistence)].iter().cloned()));
    // A full or disabled storage only costs persistence, never the session.
    let _ = if items.is_empty() {
        s.remove_item(KEY)
    } else {
        s.set_item(KEY, &Value::Array(items).to_string())
    };
}

/// Non-secret settings of connections the hosting page gives: connection id to fields.
pub type Settings = std::collections::BTreeMap<String, serde_json::Map<String, Value>>;

const SETTINGS_KEY: &str = "backup-console.settings.v1";

pub fn load_settings() -> Settings {
    storage(Persistence::Tab)
        .and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn store_settings(settings: &Settings) {
    if let (Some(s), Ok(text)) = (storage(Persistence::Tab), serde_json::to_string(settings)) {
        let _ = s.set_item(SETTINGS_KEY, &text);
    }
}
