//! Connections: which vendor, where, and with which credentials.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::api::FieldErrors;
use crate::vendors::Vendor;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    /// Short name used in routes: `/c/{id}/...`.
    pub id: String,
    pub vendor: Vendor,
    #[serde(default)]
    pub label: String,
    pub base_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    /// For vendors whose sign-in yields a refresh token too (CyBorgBackup JWT): a secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Vendor-specific fields (tenant_id, project_id, account, ...), kept as given.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Connection {
    pub fn new(id: &str, vendor: Vendor, base_url: &str) -> Self {
        Self {
            id: id.to_owned(),
            vendor,
            label: String::new(),
            base_url: base_url.to_owned(),
            token: None,
            api_key: None,
            refresh_token: None,
            extra: BTreeMap::new(),
        }
    }

    pub fn display_name(&self) -> &str {
        if self.label.trim().is_empty() {
            &self.id
        } else {
            &self.label
        }
    }

    pub fn has_credentials(&self) -> bool {
        self.vendor.credential(self).is_some()
    }

    /// Problems an operator must fix before the connection can be saved.
    pub fn validate(&self, existing_ids: &[&str]) -> FieldErrors {
        let mut errors = FieldErrors::new();
        let mut add = |field: &str, message: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned());
        };
        if self.id.is_empty() {
            add("id", "Give the connection a short name.");
        } else if !self
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            add(
                "id",
                "Use lowercase letters, digits, '-' and '_' only (it appears in links).",
            );
        } else if existing_ids.contains(&self.id.as_str()) {
            add("id", "Another connection already has this name.");
        }
        let url = self.base_url.trim();
        if url.is_empty() {
            add("base_url", "Enter the service's base URL.");
        } else if !(url.starts_with("http://") || url.starts_with("https://"))
            || url.len() <= "https://".len()
            || url.contains(char::is_whitespace)
        {
            add(
                "base_url",
                "Enter a full URL starting with http:// or https://.",
            );
        }
        for (key, label, required, _) in self.vendor.extra_fields() {
            let value = self.extra_text(key);
            if *required && value.trim().is_empty() {
                add(
                    key,
                    &format!("{label} is required for {}.", self.vendor.title()),
                );
            }
        }
        errors
    }

    /// A vendor field as text ("" when absent).
    pub fn extra_text(&self, key: &str) -> String {
        match self.extra.get(key) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// The connection without secrets, for storage the operator did not opt into or for display.
    pub fn without_secrets(&self) -> Self {
        Self {
            token: None,
            api_key: None,
            refresh_token: None,
            ..self.clone()
        }
    }

    /// The connection as its pages see it: no secrets, and none of the state the console keeps
    /// with it ([`KEPT_STATE`]), so keeping that state does not rebuild the page showing it.
    pub fn for_pages(&self) -> Self {
        let mut connection = self.without_secrets();
        for key in KEPT_STATE {
            connection.extra.remove(key);
        }
        connection
    }
}

/// Fields the console itself keeps with a connection (not settings the operator types, not
/// secrets): stored and restored with it, read by the pages from the session when needed.
/// Cloudback's subject list and a Keystone sign-in's project are kept the same way.
pub const KEPT_STATE: [&str; 3] = [
    crate::vendors::xopero::saved::SAVED_PLANS,
    "subjects",
    "project_id",
];

/// Show that a secret is set without revealing it.
pub fn mask_secret(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() <= 4 {
        "••••".to_owned()
    } else {
        format!(
            "••••{}",
            chars[chars.len() - 2..].iter().collect::<String>()
        )
    }
}

/// The preconfiguration a hosting page gives: `{"connections": [...]}` or a bare array.
pub fn parse_preconfig(json: &str) -> Result<Vec<Connection>, String> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Preconfig {
        Wrapped { connections: Vec<serde_json::Value> },
        Bare(Vec<serde_json::Value>),
    }
    let parsed: Preconfig = serde_json::from_str(json)
        .map_err(|e| format!("The console configuration is not valid JSON: {e}"))?;
    let items = match parsed {
        Preconfig::Wrapped { connections } => connections,
        Preconfig::Bare(items) => items,
    };
    // One bad entry must not hide the others.
    Ok(items
        .into_iter()
        .filter_map(|item| serde_json::from_value(item).ok())
        .collect())
}

/// The connections list kept in Web Storage, read entry by entry: the good entries, and one
/// problem per entry left out, naming it by position and id. One bad entry (an older format, a
/// vendor this build does not know, a hand edit) must not cost the operator the others.
pub fn parse_stored(text: &str) -> (Vec<Connection>, Vec<String>) {
    if text.trim().is_empty() {
        return (Vec::new(), Vec::new());
    }
    let items = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(items)) => items,
        Ok(_) => {
            return (
                Vec::new(),
                vec!["The stored connections are not a list; none could be read.".into()],
            )
        }
        Err(e) => {
            return (
                Vec::new(),
                vec![format!(
                    "The stored connections are not valid JSON ({e}); none could be read."
                )],
            )
        }
    };
    let mut connections: Vec<Connection> = Vec::new();
    let mut problems = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let name = match item.get("id").and_then(|id| id.as_str()) {
            Some(id) => format!("Stored connection {} (\"{id}\")", index + 1),
            None => format!("Stored connection {}", index + 1),
        };
        match serde_json::from_value::<Connection>(item) {
            // Ids name routes: a second entry with the same id could never be reached.
            Ok(c) if connections.iter().any(|other| other.id == c.id) => problems.push(format!(
                "{name} was left out: an earlier stored connection has the same id."
            )),
            Ok(c) => connections.push(c),
            Err(e) => problems.push(format!("{name} was left out: {e}.")),
        }
    }
    (connections, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preconfig_accepts_both_shapes_and_skips_bad_entries() {
        let wrapped = r#"{"connections":[{"id":"demo","vendor":"cyborgbackup","label":"Demo","base_url":"http://x","token":"t","tenant_id":"9"},{"id":"bad","vendor":"nope","base_url":"x"}]}"#;
        let conns = parse_preconfig(wrapped).unwrap();
        assert_eq!(conns.len(), 1);
        assert_eq!(conns[0].vendor, Vendor::CyBorgBackup);
        assert_eq!(conns[0].token.as_deref(), Some("t"));
        assert_eq!(conns[0].extra["tenant_id"], "9");
        let bare = r#"[{"id":"a","vendor":"rackspace","base_url":"https://r"}]"#;
        assert_eq!(parse_preconfig(bare).unwrap()[0].vendor, Vendor::Rackspace);
        assert!(parse_preconfig("{").is_err());
    }

    #[test]
    fn validation_names_fields() {
        let mut c = Connection::new("Demo 1", Vendor::CyBorgBackup, "ftp://x");
        let errors = c.validate(&[]);
        assert!(errors.contains_key("id") && errors.contains_key("base_url"));
        c.id = "demo".into();
        c.base_url = "http://127.0.0.1:8080/cyborgbackup".into();
        assert!(c.validate(&[]).is_empty());
        assert!(c.validate(&["demo"]).contains_key("id"));
        let mut rax = Connection::new(
            "rax",
            Vendor::Rackspace,
            "https://dfw.backup.api.rackspacecloud.com",
        );
        assert_eq!(
            rax.validate(&[])["tenant_id"],
            ["Tenant ID is required for Rackspace Cloud Backup."]
        );
        rax.extra
            .insert("tenant_id".into(), serde_json::json!(123456));
        assert!(rax.validate(&[]).is_empty());
        assert_eq!(rax.extra_text("tenant_id"), "123456");
    }

    #[test]
    fn secrets_are_masked_and_stripped() {
        assert_eq!(mask_secret("abcdef123"), "••••23");
        assert_eq!(mask_secret("ab"), "••••");
        let mut c = Connection::new("d", Vendor::CyBorgBackup, "http://x");
        c.token = Some("secret".into());
        assert!(c.has_credentials());
        assert_eq!(c.without_secrets().token, None);
        assert!(!serde_json::to_string(&c.without_secrets())
            .unwrap()
            .contains("secret"));
    }

    #[test]
    fn stored_connections_are_read_entry_by_entry() {
        let good =
            |id: &str| format!(r#"{{"id":"{id}","vendor":"cyborgbackup","base_url":"http://x"}}"#);
        let text = format!(
            r#"[{}, {{"id":"old","vendor":"nope","base_url":"http://y"}}, 42, {}, {}]"#,
            good("a"),
            good("b"),
            good("a")
        );
        let (connections, problems) = parse_stored(&text);
        let ids: Vec<&str> = connections.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0]
            .starts_with("Stored connection 2 (\"old\") was left out: unknown variant `nope`"));
        assert!(problems[1].starts_with("Stored connection 3 was left out: "));
        assert_eq!(
            problems[2],
            "Stored connection 5 (\"a\") was left out: an earlier stored connection has the same id."
        );

        assert_eq!(parse_stored(""), (Vec::new(), Vec::new()));
        let (none, problems) = parse_stored("[{");
        assert!(none.is_empty() && problems[0].contains("not valid JSON"));
        let (none, problems) = parse_stored(&good("a"));
        assert!(none.is_empty() && problems[0].contains("not a list"));
    }
}
