//! Connections and their credentials, for the whole app.
//!
//! Where connections come from, later sources overriding earlier ones by id:
//! 1. the hosting page: `console.json` beside index.html and the
//!    `<script type="application/json" id="backup-console-config">` element, or for a console
//!    embedded in a host page the host itself (`crate::embed`: mount options, messages); all
//!    kept in memory only;
//! 2. connections the operator chose to remember on this device (localStorage, secrets in the
//!    passphrase vault);
//! 3. connections added or edited in this tab (sessionStorage, secrets sealed for the tab).
//!
//! Secrets are never written to Web Storage in the clear (see `vault.rs`, `keep.rs`).

pub mod connections_page;
mod crypto;
mod keep;
mod keystore;
pub mod sign_in;
mod sources;
mod storage;
pub mod vault;
pub mod vault_dialog;
mod vault_panel;

use backup_console_core::connection::Connection;
use backup_console_core::embed::ConsoleEvent;
use leptos::prelude::*;

pub use keep::VaultState;
pub use storage::Persistence;

/// A connection to sign in to: its credentials were refused (the shell asks for new ones), or
/// the operator asked to sign in with another account.
#[derive(Clone, Debug, PartialEq)]
pub struct SignInRequest {
    pub connection_id: String,
    /// The service refused the stored credentials (a 401), rather than the operator asking.
    pub refused: bool,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub connections: RwSignal<Vec<Connection>>,
    /// How each connection's secrets are kept (absent: for this tab).
    pub kept: RwSignal<std::collections::BTreeMap<String, Persistence>>,
    pub vault: RwSignal<VaultState>,
    /// The vault's key while it is unlocked in this tab.
    vault_key: StoredValue<Option<web_sys::CryptoKey>, LocalStorage>,
    /// Ask for the vault passphrase (a remembered connection was used while locked).
    pub vault_prompt: RwSignal<bool>,
    /// Remembered credentials found in plain text (from before the vault): moved into it at the
    /// first unlock or when a vault is made.
    pub legacy_plain: RwSignal<bool>,
    /// The latest persisting, so an older sealing finishing late does not overwrite it.
    persisted: StoredValue<u32>,
    /// Ids of connections the hosting page gave (console.json, the config element): they live in
    /// memory only, until the operator saves them as their own.
    pub preconfigured: RwSignal<Vec<String>>,
    pub sign_in: RwSignal<Option<SignInRequest>>,
    /// Bumped when credentials change, so views that failed reload.
    pub epoch: RwSignal<u32>,
    /// Per connection, bumped by every successful write, so what shows its data reloads.
    pub writes: RwSignal<std::collections::BTreeMap<String, u32>>,
    pub ready: RwSignal<bool>,
    pub config_problem: RwSignal<Option<String>>,
    /// Origins that may frame the console and send it messages (`embed.allowed_origins`).
    pub embed_origins: RwSignal<Vec<String>>,
    /// What the hosting page is told next (`crate::embed` sends and empties it).
    pub events: RwSignal<Vec<ConsoleEvent>>,
}

pub const CONFIG_ELEMENT_ID: &str = "backup-console-config";

impl Session {
    pub fn new() -> Self {
        Self {
            connections: RwSignal::new(Vec::new()),
            kept: RwSignal::new(Default::default()),
            vault: RwSignal::new(VaultState::Absent),
            vault_key: StoredValue::new_local(None),
            vault_prompt: RwSignal::new(false),
            legacy_plain: RwSignal::new(false),
            persisted: StoredValue::new(0),
            preconfigured: RwSignal::new(Vec::new()),
            sign_in: RwSignal::new(None),
            epoch: RwSignal::new(0),
            writes: RwSignal::new(Default::default()),
            ready: RwSignal::new(false),
            config_problem: RwSignal::new(None),
            embed_origins: RwSignal::new(Vec::new()),
            events: RwSignal::new(Vec::new()),
        }
    }

    /// How many writes went to a connection (tracked): loads depend on it.
    pub fn write_version(&self, id: &str) -> u32 {
        self.writes.with(|w| w.get(id).copied().unwrap_or_default())
    }

    /// Something changed on a connection: its loads run again.
    pub fn wrote(&self, id: &str) {
        self.writes
            .update(|w| *w.entry(id.to_owned()).or_default() += 1);
    }

    pub fn connection(&self, id: &str) -> Option<Connection> {
        self.connections
            .with_untracked(|all| all.iter().find(|c| c.id == id).cloned())
    }

    /// Merge a source into the list, replacing connections with the same id.
    fn merge(&self, incoming: Vec<Connection>) {
        self.connections.update(|all| {
            for connection in incoming {
                match all.iter_mut().find(|c| c.id == connection.id) {
                    Some(existing) => *existing = connection,
                    None => all.push(connection),
                }
            }
        });
    }

    /// Change one non-secret setting of a connection (Cloudback's subjects, the last plan body
    /// sent to Xopero). It is kept where the connection lives; for one the hosting page gave,
    /// beside it in the tab's settings, so its credentials are never copied into storage.
    pub fn update_setting(&self, id: &str, key: &str, value: serde_json::Value) {
        self.connections.update(|all| {
            if let Some(c) = all.iter_mut().find(|c| c.id == id) {
                c.extra.insert(key.to_owned(), value.clone());
            }
        });
        if self
            .preconfigured
            .with_untracked(|ids| ids.iter().any(|i| i == id))
        {
            let mut settings = storage::load_settings();
            settings
                .entry(id.to_owned())
                .or_default()
                .insert(key.to_owned(), value);
            storage::store_settings(&settings);
        } else {
            self.persist();
        }
    }

    /// Add or replace a connection and keep it where the operator asked.
    pub fn save(&self, connection: Connection, persistence: Persistence, replacing: Option<&str>) {
        if let Some(old) = replacing.filter(|old| *old != connection.id) {
            self.remove(old);
        }
        let id = connection.id.clone();
        // Saved by the operator, it is theirs now, kept where they asked.
        self.preconfigured.update(|ids| ids.retain(|i| *i != id));
        self.merge(vec![connection]);
        self.kept.update(|kept| {
            kept.insert(id, persistence);
        });
        self.persist();
    }

    /// Forget a connection's credentials (the operator signs out of it): wherever it is kept,
    /// and the hosting page is told.
    pub fn sign_out(&self, id: &str) {
        self.connections.update(|all| {
            if let Some(c) = all.iter_mut().find(|c| c.id == id) {
                c.token = None;
                c.api_key = None;
                c.refresh_token = None;
            }
        });
        self.persist();
        self.epoch.update(|e| *e += 1);
        self.events.update(|e| {
            e.push(ConsoleEvent::SignedOut {
                connection: id.to_owned(),
            })
        });
    }

    pub fn remove(&self, id: &str) {
        self.connections.update(|all| all.retain(|c| c.id != id));
        self.kept.update(|kept| {
            kept.remove(id);
        });
        self.persist();
    }

    /// New credentials for a connection, kept where the connection already lives, in the slot
    /// it signs in with (a Cloudback connection's API key, everyone else's token).
    pub fn set_token(&self, id: &str, token: String) {
        self.set_credentials(id, token, None);
    }

    /// New credentials after a sign-in: the token, and the refresh token that keeps it fresh
    /// (none for a pasted token). What failed for want of them loads again.
    pub fn set_credentials(&self, id: &str, token: String, refresh_token: Option<String>) {
        self.replace_tokens(id, token, refresh_token);
        self.sign_in.set(None);
        self.epoch.update(|e| *e += 1);
    }

    /// Tokens renewed behind the operator's back (a refresh): nothing reloads for it.
    pub fn refreshed(&self, id: &str, token: String, refresh_token: Option<String>) {
        self.replace_tokens(id, token, refresh_token);
    }

    fn replace_tokens(&self, id: &str, token: String, refresh_token: Option<String>) {
        self.connections.update(|all| {
            if let Some(c) = all.iter_mut().find(|c| c.id == id) {
                if c.api_key.is_some() {
                    c.api_key = Some(token);
                } else {
                    c.token = Some(token);
                }
                c.refresh_token = refresh_token;
            }
        });
        self.persist();
    }

    pub fn persistence_of(&self, id: &str) -> Persistence {
        self.kept
            .with_untracked(|kept| kept.get(id).copied())
            .unwrap_or(Persistence::Tab)
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
