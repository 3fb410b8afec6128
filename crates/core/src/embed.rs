//! The console inside another page: its configuration (`console.json`, the config element, the
//! options of `BackupConsole.mount`), the messages a hosting page may send to a framed console
//! and the events the console tells its host. Everything here is data, so it is tested natively;
//! the app (`src/embed/`) moves it through `postMessage` and JavaScript calls.
//!
//! Host to console (`postMessage` to the console's frame, accepted only from an origin listed in
//! `embed.allowed_origins`):
//! - `{"type": "connections", "connections": [...]}`: connections with their credentials, kept in
//!   memory only, replacing those of the same id;
//! - `{"type": "credentials", "connection": "id", "token": "...", "refresh_token": "..."}`: new
//!   credentials for a connection (after `credentials-refused`);
//! - `{"type": "navigate", "route": "/c/demo/users"}`: show a console route.
//!
//! Console to host, every event with `"source": "backup-console"`: `ready`, `navigated`
//! (`route`), `credentials-refused` and `signed-out` (`connection`), `error` (`message`).

use serde::Deserialize;
use serde_json::{json, Value};

use crate::connection::{parse_preconfig, Connection};

/// What a hosting page configures: connections, and who may embed and drive the console.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConsoleConfig {
    pub connections: Vec<Connection>,
    pub embed: EmbedConfig,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedConfig {
    /// Origins (`https://admin.example.com`) whose pages may frame the console and send it
    /// messages. Empty: nobody (the console then sends no events either).
    pub allowed_origins: Vec<String>,
}

/// `console.json` or the config element: `{"connections": [...], "embed": {"allowed_origins":
/// [...]}}`, or a bare array of connections. Origins that are not origins are reported, and
/// left out, as are connections that do not read (as [`parse_preconfig`] does).
pub fn parse_config(text: &str) -> Result<(ConsoleConfig, Vec<String>), String> {
    let connections = parse_preconfig(text)?;
    let mut problems = Vec::new();
    let mut embed = EmbedConfig::default();
    if let Ok(Value::Object(root)) = serde_json::from_str::<Value>(text) {
        match root.get("embed").and_then(|e| e.get("allowed_origins")) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for item in items {
                    match item.as_str().and_then(normalize_origin) {
                        Some(origin) if !embed.allowed_origins.contains(&origin) => {
                            embed.allowed_origins.push(origin)
                        }
                        Some(_) => {}
                        None => problems.push(format!(
                            "embed.allowed_origins: {item} is not an origin (scheme://host[:port]); it was left out."
                        )),
                    }
                }
            }
            Some(_) => problems
                .push("embed.allowed_origins must be a list of origins; it was ignored.".into()),
        }
    }
    Ok((ConsoleConfig { connections, embed }, problems))
}

/// An origin as browsers write it (`event.origin`): `scheme://host[:port]`, lowercase, no path,
/// default ports left out. `*`, `null` and anything with a path or credentials are refused: a
/// console only trusts pages it can name.
pub fn normalize_origin(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/');
    let (scheme, authority) = text.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https") {
        return None;
    }
    if authority.is_empty()
        || authority
            .chars()
            .any(|c| matches!(c, '/' | '?' | '#' | '@' | '*' | '\\') || c.is_whitespace())
    {
        return None;
    }
    let authority = authority.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority
        .strip_suffix(default_port)
        .unwrap_or(&authority)
        .to_owned();
    Some(format!("{scheme}://{authority}"))
}

/// Whether a message's origin is one the configuration lists.
pub fn origin_allowed(origin: &str, allowed: &[String]) -> bool {
    normalize_origin(origin).is_some_and(|o| allowed.contains(&o))
}

/// A route the host may send the console to: a path of the console (`/c/demo/users?page=2`),
/// never a URL elsewhere.
pub fn is_console_route(route: &str) -> bool {
    route.starts_with('/')
        && !route.starts_with("//")
        && !route.contains('\\')
        && !route.chars().any(char::is_control)
}

/// A message a hosting page sends.
#[derive(Clone, Debug, PartialEq)]
pub enum HostMessage {
    Connections(Vec<Connection>),
    Credentials {
        connection: String,
        token: String,
        refresh_token: Option<String>,
    },
    Navigate(String),
}

/// Read a host's message. `Ok(None)`: not meant for the console (no `type` it knows is not an
/// error: other scripts post messages too); `Err`: meant for it but unusable, said in words.
pub fn parse_host_message(value: &Value) -> Result<Option<HostMessage>, String> {
    let Some(kind) = value.get("type").and_then(Value::as_str) else {
        return Ok(None);
    };
    match kind {
        "connections" => {
            let Some(list) = value.get("connections").filter(|l| l.is_array()) else {
                return Err("A \"connections\" message needs a \"connections\" list.".into());
            };
            let mut connections = Vec::new();
            for (index, item) in list.as_array().into_iter().flatten().enumerate() {
                let connection: Connection = serde_json::from_value(item.clone())
                    .map_err(|e| format!("Connection {} cannot be read: {e}.", index + 1))?;
                let problems = connection.validate(&[]);
                if let Some((field, messages)) = problems.into_iter().next() {
                    return Err(format!(
                        "Connection \"{}\": {field}: {}",
                        connection.id,
                        messages.join(" ")
                    ));
                }
                connections.push(connection);
            }
            Ok(Some(HostMessage::Connections(connections)))
        }
        "credentials" => {
            #[derive(Deserialize)]
            struct Credentials {
                connection: String,
                token: String,
                #[serde(default)]
                refresh_token: Option<String>,
            }
            let c: Credentials = serde_json::from_value(value.clone()).map_err(|e| {
                format!("A \"credentials\" message needs \"connection\" and \"token\": {e}.")
            })?;
            if c.token.trim().is_empty() {
                return Err("A \"credentials\" message needs a token.".into());
            }
            Ok(Some(HostMessage::Credentials {
                connection: c.connection,
                token: c.token,
                refresh_token: c.refresh_token.filter(|t| !t.is_empty()),
            }))
        }
        "navigate" => match value.get("route").and_then(Value::as_str) {
            Some(route) if is_console_route(route) => {
                Ok(Some(HostMessage::Navigate(route.to_owned())))
            }
            _ => Err(
                "A \"navigate\" message needs a console route starting with / (e.g. /connections)."
                    .into(),
            ),
        },
        _ => Ok(None),
    }
}

/// What the console tells its host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsoleEvent {
    Ready,
    Navigated { route: String },
    CredentialsRefused { connection: String },
    SignedOut { connection: String },
    Error { message: String },
}

/// Marks the console's messages among whatever else a host page receives.
pub const EVENT_SOURCE: &str = "backup-console";

impl ConsoleEvent {
    pub fn name(&self) -> &'static str {
        match self {
            ConsoleEvent::Ready => "ready",
            ConsoleEvent::Navigated { .. } => "navigated",
            ConsoleEvent::CredentialsRefused { .. } => "credentials-refused",
            ConsoleEvent::SignedOut { .. } => "signed-out",
            ConsoleEvent::Error { .. } => "error",
        }
    }

    /// The event as posted: never a credential, only ids, routes and messages.
    pub fn to_json(&self) -> Value {
        let mut event = json!({"source": EVENT_SOURCE, "type": self.name()});
        match self {
            ConsoleEvent::Ready => {}
            ConsoleEvent::Navigated { route } => event["route"] = json!(route),
            ConsoleEvent::CredentialsRefused { connection }
            | ConsoleEvent::SignedOut { connection } => event["connection"] = json!(connection),
            ConsoleEvent::Error { message } => event["message"] = json!(message),
        }
        event
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::Vendor;

    #[test]
    fn config_reads_connections_and_allowed_origins() {
        let text = r#"{"connections":[{"id":"a","vendor":"rackspace","base_url":"/vendors/a"}],
            "embed":{"allowed_origins":["https://Admin.Example.com/","http://127.0.0.1:8080","*","https://x.example.com/path","https://admin.example.com:443"]}}"#;
        let (config, problems) = parse_config(text).unwrap();
        assert_eq!(config.connections.len(), 1);
        assert_eq!(config.connections[0].vendor, Vendor::Rackspace);
        assert_eq!(
            config.embed.allowed_origins,
            ["https://admin.example.com", "http://127.0.0.1:8080"]
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("\"*\""));
        let (bare, problems) =
            parse_config(r#"[{"id":"a","vendor":"xopero","base_url":"https://x"}]"#).unwrap();
        assert!(bare.embed.allowed_origins.is_empty() && problems.is_empty());
        assert!(parse_config("{").is_err());
        let (_, problems) =
            parse_config(r#"{"connections":[],"embed":{"allowed_origins":"https://a"}}"#).unwrap();
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn origins_are_compared_as_browsers_write_them() {
        let allowed = vec![
            "https://admin.example.com".to_owned(),
            "http://127.0.0.1:4000".to_owned(),
        ];
        assert!(origin_allowed("https://admin.example.com", &allowed));
        assert!(origin_allowed("http://127.0.0.1:4000", &allowed));
        assert!(!origin_allowed("http://admin.example.com", &allowed));
        assert!(!origin_allowed(
            "https://admin.example.com.evil.test",
            &allowed
        ));
        assert!(!origin_allowed("http://localhost:4000", &allowed));
        assert!(!origin_allowed("null", &allowed));
        assert!(!origin_allowed("", &allowed));
        assert_eq!(
            normalize_origin("HTTP://Host:80").as_deref(),
            Some("http://host")
        );
        assert_eq!(normalize_origin("ftp://host"), None);
        assert_eq!(normalize_origin("https://u@host"), None);
    }

    #[test]
    fn host_messages_are_read_or_explained() {
        let connections = json!({"type": "connections", "connections": [
            {"id": "cyborg", "vendor": "cyborgbackup", "base_url": "/cyborgbackup", "token": "t"}
        ]});
        match parse_host_message(&connections).unwrap() {
            Some(HostMessage::Connections(list)) => {
                assert_eq!(list[0].id, "cyborg");
                assert_eq!(list[0].token.as_deref(), Some("t"));
            }
            other => panic!("{other:?}"),
        }
        let bad_url = json!({"type": "connections", "connections": [
            {"id": "x", "vendor": "cyborgbackup", "base_url": "javascript:alert(1)"}
        ]});
        assert!(parse_host_message(&bad_url)
            .unwrap_err()
            .contains("base_url"));
        assert!(parse_host_message(&json!({"type": "connections"})).is_err());
        assert_eq!(
            parse_host_message(&json!({"type": "credentials", "connection": "a", "token": "n"}))
                .unwrap(),
            Some(HostMessage::Credentials {
                connection: "a".into(),
                token: "n".into(),
                refresh_token: None
            })
        );
        assert!(parse_host_message(
            &json!({"type": "credentials", "connection": "a", "token": " "})
        )
        .is_err());
        assert_eq!(
            parse_host_message(&json!({"type": "navigate", "route": "/c/a/users?page=2"})).unwrap(),
            Some(HostMessage::Navigate("/c/a/users?page=2".into()))
        );
        for route in ["https://evil.test/", "//evil.test", "c/a", "/\\evil"] {
            assert!(
                parse_host_message(&json!({"type": "navigate", "route": route})).is_err(),
                "{route}"
            );
        }
        assert_eq!(parse_host_message(&json!({"hello": 1})).unwrap(), None);
        assert_eq!(
            parse_host_message(&json!({"type": "something-else"})).unwrap(),
            None
        );
        assert_eq!(parse_host_message(&json!("text")).unwrap(), None);
    }

    #[test]
    fn events_carry_ids_never_credentials() {
        assert_eq!(
            ConsoleEvent::Ready.to_json(),
            json!({"source": "backup-console", "type": "ready"})
        );
        assert_eq!(
            ConsoleEvent::Navigated {
                route: "/connections".into()
            }
            .to_json()["route"],
            "/connections"
        );
        assert_eq!(
            ConsoleEvent::CredentialsRefused {
                connection: "a".into()
            }
            .to_json(),
            json!({"source": "backup-console", "type": "credentials-refused", "connection": "a"})
        );
        assert_eq!(
            ConsoleEvent::SignedOut {
                connection: "a".into()
            }
            .to_json()["type"],
            "signed-out"
        );
        assert_eq!(
            ConsoleEvent::Error {
                message: "m".into()
            }
            .to_json()["message"],
            "m"
        );
    }
}
