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
    pub sign_in: RwSignal<Option<SignInRequest>>,
    /// Bumped when credentials change, so views that failed reload.
    pub epoch: RwSignal<u32>,
    /// Per connection, bumped by every successful write, so what shows its data reloads.
    pub writes: RwSignal<std::collections::BTreeMap<String, u32>>,
    pub ready: RwSignal<bool>,
    pub config_problem: RwSignal<Option<String>>,
}

pub const CONFIG_ELEMENT_ID: &str = "backup-console-config";

impl Session {
    pub fn new() -> Self {
        Self {
            connections: RwSignal::new(Vec::new()),
            remembered: RwSignal::new(Vec::new()),
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

    /// Load every source; call once at start.
    pub async fn load(self) {
        if let Some(text) = config_element_text() {
            match parse_preconfig(&text) {
                Ok(conns) => self.merge(conns),
                Err(problem) => self.config_problem.set(Some(problem)),
            }
        }
        match crate::transport::fetch_text(&crate::paths::href("/console.json")).await {
            Ok(Some(text)) => match parse_preconfig(&text) {
                Ok(conns) => self.merge(conns),
                // A static host may answer with index.html for a missing file: not a problem.
                Err(_) if text.trim_start().starts_with('<') => {}
                Err(problem) => self
                    .config_problem
                    .set(Some(format!("console.json: {problem}"))),
            },
            Ok(None) => {}
            Err(problem) => self
                .config_problem
                .set(Some(format!("console.json: {problem}"))),
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
        self.ready.set(true);
    }

    /// Add or replace a connection and keep it where the operator asked.
    pub fn save(&self, connection: Connection, persistence: Persistence, replacing: Option<&str>) {
        if let Some(old) = replacing.filter(|old| *old != connection.id) {
            self.remove(old);
        }
        let id = connection.id.clone();
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

    /// New credentials for a connection, kept where the connection already lives.
    pub fn set_token(&self, id: &str, token: String) {
        self.connections.update(|all| {
            if let Some(c) = all.iter_mut().find(|c| c.id == id) {
                c.token = Some(token);
            }
        });
        self.persist();
        self.sign_in.set(None);
        self.epoch.update(|e| *e += 1);
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
        let (remembered, tab): (Vec<Connection>, Vec<Connection>) = self
            .connections
            .get_untracked()
            .into_iter()
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
