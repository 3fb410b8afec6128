//! Where connections come from at the start and later: the hosting page's configuration
//! (`console.json`, the config element), a host that mounted or framed the console, and what
//! this browser kept. See the order in [`super`].

use backup_console_core::connection::Connection;
use backup_console_core::embed::parse_config;
use leptos::prelude::*;

use super::{storage, Session, CONFIG_ELEMENT_ID};

/// How long the console waits for `console.json` before it starts without it.
const CONFIG_TIMEOUT_SECONDS: u32 = 5;

impl Session {
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
        self.preconfigured.update(|ids| {
            for c in &incoming {
                if !ids.contains(&c.id) {
                    ids.push(c.id.clone());
                }
            }
        });
        self.merge(incoming);
    }

    /// Connections (with credentials) from the hosting page after the start: kept in memory
    /// only, replacing any of the same id; what failed for want of them loads again.
    pub fn give(&self, connections: Vec<Connection>) {
        self.merge_preconfigured(connections);
        // A copy of the same id this browser kept is the host's now, and leaves storage.
        self.persist();
        self.epoch.update(|e| *e += 1);
    }

    /// Whether the hosting page gave this connection (it then lives in memory only).
    pub fn is_given(&self, id: &str) -> bool {
        self.preconfigured
            .with_untracked(|ids| ids.iter().any(|i| i == id))
    }

    /// A hosting page's configuration: its connections, and who may embed the console.
    fn configure(&self, text: &str, source: &str) {
        match parse_config(text) {
            Ok((config, problems)) => {
                self.merge_preconfigured(config.connections);
                self.embed_origins.update(|all| {
                    for origin in config.embed.allowed_origins {
                        if !all.contains(&origin) {
                            all.push(origin);
                        }
                    }
                });
                if !problems.is_empty() {
                    self.config_problem
                        .set(Some(format!("{source}{}", problems.join(" "))));
                }
            }
            // A static host may answer with index.html for a missing file: not a problem.
            Err(_) if text.trim_start().starts_with('<') => {}
            Err(problem) => self.config_problem.set(Some(format!("{source}{problem}"))),
        }
    }

    /// Load every source; call once at start. A console mounted by a host page takes its
    /// connections from the host instead of console.json and the config element.
    pub fn load(self) -> impl std::future::Future<Output = ()> {
        let host = crate::embed::use_host();
        async move {
            match host {
                // The host's connections win over copies of the same id this browser kept.
                Some(host) => {
                    self.load_kept().await;
                    self.merge_preconfigured(host.connections);
                }
                None => {
                    self.load_page_config().await;
                    self.load_kept().await;
                }
            }
            self.apply_settings(storage::load_settings());
            self.ready.set(true);
        }
    }

    async fn load_page_config(self) {
        if let Some(text) = config_element_text() {
            self.configure(&text, "");
        }
        match crate::transport::fetch_text(
            &crate::paths::href("/console.json"),
            CONFIG_TIMEOUT_SECONDS,
        )
        .await
        {
            Ok(Some(text)) => self.configure(&text, "console.json: "),
            Ok(None) => {}
            Err(problem) => self.config_problem.set(Some(format!(
                "console.json: {problem}; the console started without it."
            ))),
        }
    }

    /// What this browser kept, its problems told beside the page configuration's.
    async fn load_kept(self) {
        let problems = self.load_stored().await;
        if !problems.is_empty() {
            self.config_problem.update(|p| {
                let mut all: Vec<String> = p.take().into_iter().collect();
                all.extend(problems);
                *p = Some(all.join(" "));
            });
        }
    }
}

fn config_element_text() -> Option<String> {
    web_sys::window()?
        .document()?
        .get_element_by_id(CONFIG_ELEMENT_ID)?
        .text_content()
}
