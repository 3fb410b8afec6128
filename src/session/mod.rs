//! Connections and their credentials, for the whole app.
//!
//! Where connections come from, later sources overriding earlier ones by id:
//! 1. the hosting page: `console.json` beside index.html and the
//!    `<script type="application/json" id="backup-console-config">` element (kept in memory only);
//! 2. connections the operator chose to remember on this device (localStorage);
//! 3. connections added or edited in this tab (sessionStorage, the default).

pub mod connections_page;
pub mod sign_in;
mod storage;

use backup_console_core::connection::{parse_preconfig, Connection};
use leptos::prelude::*;

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
    /// Ids of connections remembered in localStorage.
    pub remembered: RwSignal<Vec<String>>,
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
}

pub const CONFIG_ELEMENT_ID: &str = "backup-console-config";
/// How long the console waits for `console.json` before it starts without it.
const CONFIG_TIMEOUT_SECONDS: u32 = 5;

impl Session {
    pub fn new() -> Self {
        Self {
            connections: RwSignal::new(Vec::new()),
            remembered: RwSignal::new(Vec::new()),
            preconfigured: RwSignal::new(Vec::new()),
            sign_in: RwSignal::new(None),
            epoch: RwSignal::new(0),
            writes: RwSignal::new(Default::default()),
            ready: RwSignal::new(false),
            config_problem: RwSignal::new(None),
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

    /// Settings kept for connections the hosting page gives, over what it gave.
    fn apply_settings(&self, settings: storage::Settings) {
        self.connections.update(|all| {
            for c in all.iter_mut() {
                if let Some(kept) = settings.get(&c.id) {
                    c.extra.extend(kept.clone());
                }
            }
        });
    }

    fn merge_preconfigured(&self, incoming: Vec<Connection>) {
        self.preconfigured
            .update(|ids| ids.extend(incoming.iter().map(|c| c.id.clone())));
        self.merge(incoming);
    }

    /// Load every source; call once at start.
    pub async fn load(self) {
        if let Some(text) = config_element_text() {
            match parse_preconfig(&text) {
                Ok(conns) => self.merge_preconfigured(conns),
                Err(problem) => self.config_problem.set(Some(problem)),
            }
        }
        match crate::transport::fetch_text(
            &crate::paths::href("/console.json"),
            CONFIG_TIMEOUT_SECONDS,
        )
        .await
        {
            Ok(Some(text)) => match parse_preconfig(&text) {
                Ok(conns) => self.merge_preconfigured(conns),
                // A static host may answer with index.html for a missing file: not a problem.
                Err(_) if text.trim_start().starts_with('<') => {}
                Err(problem) => self
                    .config_problem
                    .set(Some(format!("console.json: {problem}"))),
            },
            Ok(None) => {}
            Err(problem) => self.config_problem.set(Some(format!(
                "console.json: {problem}; the console started without it."
            ))),
        }
        let (remembered, mut problems) = storage::load(Persistence::Remembered);
        self.remembered
            .set(remembered.iter().map(|c| c.id.clone()).collect());
        self.merge(remembered);
        let (tab, tab_problems) = storage::load(Persistence::Tab);
        problems.extend(tab_problems);
        self.merge(tab);
        if !problems.is_empty() {
            self.config_problem.update(|p| {
                let mut all: Vec<String> = p.take().into_iter().collect();
                all.extend(problems);
                *p = Some(all.join(" "));
            });
        }
        self.apply_settings(storage::load_settings());
        self.ready.set(true);
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
        self.remembered.update(|ids| {
            ids.retain(|i| *i != id);
            if persistence == Persistence::Remembered {
                ids.push(id.clone());
            }
        });
        self.persist();
    }

    pub fn remove(&self, id: &str) {
        self.connections.update(|all| all.retain(|c| c.id != id));
        self.remembered.update(|ids| ids.retain(|i| i != id));
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
        if self
            .remembered
            .with_untracked(|ids| ids.iter().any(|i| i == id))
        {
            Persistence::Remembered
        } else {
            Persistence::Tab
        }
    }

    fn persist(&self) {
        let given = self.preconfigured.get_untracked();
        let (remembered, tab): (Vec<Connection>, Vec<Connection>) = self
            .connections
            .get_untracked()
            .into_iter()
            .filter(|c| !given.contains(&c.id))
            .partition(|c| self.persistence_of(&c.id) == Persistence::Remembered);
        storage::store(Persistence::Remembered, &remembered);
        storage::store(Persistence::Tab, &tab);
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

fn config_element_text() -> Option<String> {
    web_sys::window()?
        .document()?
        .get_element_by_id(CONFIG_ELEMENT_ID)?
        .text_content()
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
