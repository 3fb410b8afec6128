//! Web Storage for connections. sessionStorage lives as long as the tab; localStorage only
//! when the operator asks to be remembered on this device.

use backup_console_core::connection::Connection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// For this tab only (sessionStorage): the default.
    Tab,
    /// On this device (localStorage): opt-in.
    Remembered,
}

const KEY: &str = "backup-console.connections.v1";

fn storage(persistence: Persistence) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match persistence {
        Persistence::Tab => window.session_storage().ok().flatten(),
        Persistence::Remembered => window.local_storage().ok().flatten(),
    }
}

pub fn load(persistence: Persistence) -> Vec<Connection> {
    storage(persistence)
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn store(persistence: Persistence, connections: &[Connection]) {
    if let Some(s) = storage(persistence) {
        // A full or disabled storage only costs persistence, never the session.
        let _ = if connections.is_empty() {
            s.remove_item(KEY)
        } else {
            s.set_item(KEY, &serde_json::to_string(connections).unwrap_or_default())
        };
    }
}
