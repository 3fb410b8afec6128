//! Where secrets (tokens, API keys, refresh tokens) live at rest. They are never written to
//! Web Storage in the clear:
//!
//! - *this tab* (the default): sealed with a random key made for the tab and kept in IndexedDB
//!   (non-extractable); the sealed secrets are in sessionStorage, so they go with the tab.
//! - *memory only*: not stored; a reload asks again.
//! - *remembered*: sealed in localStorage with a key derived from the operator's vault
//!   passphrase (PBKDF2-SHA-256, 600,000 rounds, random salt). Unlocked once per tab (the
//!   derived key is kept for the tab like the tab's own key), locked again after an idle time
//!   the operator sets, and on "Lock now".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use web_sys::CryptoKey;

use super::{crypto, keystore};

/// A connection's secrets.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Secrets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

impl Secrets {
    pub fn is_empty(&self) -> bool {
        self.token.is_none() && self.api_key.is_none() && self.refresh_token.is_none()
    }
}

/// Connection id to its secrets.
pub type SecretMap = BTreeMap<String, Secrets>;

const TAB_ID: &str = "backup-console.tab.v1";
const TAB_SECRETS: &str = "backup-console.secrets.v1";
const VAULT: &str = "backup-console.vault.v1";

/// The vault as localStorage keeps it.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Stored {
    salt: String,
    iterations: u32,
    secrets: String,
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This tab's name for its keys (sessionStorage keeps it across reloads, not across tabs).
fn tab_id() -> String {
    let storage = session_storage();
    if let Some(id) = storage
        .as_ref()
        .and_then(|s| s.get_item(TAB_ID).ok().flatten())
    {
        return id;
    }
    let id = crypto::random_bytes(12)
        .map(|b| crypto::encode(&b))
        .unwrap_or_else(|_| "tab".into());
    if let Some(s) = storage {
        let _ = s.set_item(TAB_ID, &id);
    }
    id
}

fn tab_key_name() -> String {
    format!("tab:{}", tab_id())
}

fn vault_key_name() -> String {
    format!("vault:{}", tab_id())
}

async fn seal_map(key: &CryptoKey, secrets: &SecretMap) -> Option<String> {
    let text = serde_json::to_vec(secrets).ok()?;
    crypto::seal(key, &text).await.ok()
}

async fn open_map(key: &CryptoKey, sealed: &str) -> Option<SecretMap> {
    serde_json::from_slice(&crypto::open(key, sealed).await?).ok()
}

/// The secrets of this tab's connections, as sealed in sessionStorage.
pub async fn load_tab() -> SecretMap {
    let Some(sealed) = session_storage().and_then(|s| s.get_item(TAB_SECRETS).ok().flatten())
    else {
        return SecretMap::new();
    };
    match keystore::get(&tab_key_name()).await {
        Some(key) => open_map(&key, &sealed).await.unwrap_or_default(),
        None => SecretMap::new(),
    }
}

/// Seal this tab's connections' secrets (a tab key is made the first time), unless `current`
/// says a newer sealing has started meanwhile.
pub async fn store_tab(secrets: &SecretMap, current: impl Fn() -> bool) {
    let Some(storage) = session_storage() else {
        return;
    };
    if secrets.values().all(Secrets::is_empty) {
        if current() {
            let _ = storage.remove_item(TAB_SECRETS);
        }
        return;
    }
    let name = tab_key_name();
    let key = match keystore::get(&name).await {
        Some(key) => key,
        None => match crypto::random_key().await {
            Ok(key) => {
                // Without a place for the key, sealing would lose the secrets on reload.
                if keystore::put(&name, &key).await.is_err() {
                    return;
                }
                key
            }
            Err(_) => return,
        },
    };
    if let Some(sealed) = seal_map(&key, secrets).await {
        if current() {
            let _ = storage.set_item(TAB_SECRETS, &sealed);
        }
    }
}

fn stored_vault() -> Option<Stored> {
    let text = local_storage()?.get_item(VAULT).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

pub fn exists() -> bool {
    stored_vault().is_some()
}

/// The vault's key for this tab, if it was unlocked here and not locked since.
pub async fn tab_unlocked_key() -> Option<CryptoKey> {
    stored_vault()?;
    if locked_here() {
        keystore::delete(&vault_key_name()).await;
        return None;
    }
    keystore::get(&vault_key_name()).await
}

/// Open the vault with `passphrase`: its secrets and key, or `None` for a wrong passphrase
/// (nothing is changed then).
pub async fn unlock(passphrase: &str) -> Option<(CryptoKey, SecretMap)> {
    let stored = stored_vault()?;
    let salt = crypto::decode(&stored.salt)?;
    let key = crypto::derive_key(passphrase, &salt, stored.iterations)
        .await
        .ok()?;
    let secrets = open_map(&key, &stored.secrets).await?;
    let _ = keystore::put(&vault_key_name(), &key).await;
    unlocked_here();
    Some((key, secrets))
}

/// Open the vault with a key this tab already holds.
pub async fn open_with(key: &CryptoKey) -> Option<SecretMap> {
    open_map(key, &stored_vault()?.secrets).await
}

/// A new vault for `passphrase`, holding `secrets`; its key.
pub async fn create(passphrase: &str, secrets: &SecretMap) -> Option<CryptoKey> {
    let salt = crypto::random_bytes(16).ok()?;
    let key = crypto::derive_key(passphrase, &salt, crypto::PBKDF2_ITERATIONS)
        .await
        .ok()?;
    let stored = Stored {
        salt: crypto::encode(&salt),
        iterations: crypto::PBKDF2_ITERATIONS,
        secrets: seal_map(&key, secrets).await?,
    };
    local_storage()?
        .set_item(VAULT, &serde_json::to_string(&stored).ok()?)
        .ok()?;
    let _ = keystore::put(&vault_key_name(), &key).await;
    Some(key)
}

/// Seal the remembered connections' secrets again (a fresh IV every time), unless `current`
/// says a newer sealing has started meanwhile.
pub async fn store(key: &CryptoKey, secrets: &SecretMap, current: impl Fn() -> bool) {
    let Some(mut stored) = stored_vault() else {
        return;
    };
    if let Some(sealed) = seal_map(key, secrets).await {
        if !current() {
            return;
        }
        stored.secrets = sealed;
        if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(&stored)) {
            let _ = storage.set_item(VAULT, &text);
        }
    }
}

const LOCKED: &str = "backup-console.vault-locked.v1";

/// Lock the vault in this tab: said at once (a reload right after must find it locked), and
/// its key forgotten when IndexedDB gets to it.
pub fn lock() {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(LOCKED, "1");
    }
    leptos::task::spawn_local(async {
        keystore::delete(&vault_key_name()).await;
    });
}

fn locked_here() -> bool {
    session_storage().is_some_and(|s| s.get_item(LOCKED).ok().flatten().is_some())
}

fn unlocked_here() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(LOCKED);
    }
}

/// Erase the vault from this device (at once; the tab's key when IndexedDB gets to it).
pub fn forget() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(VAULT);
    }
    unlocked_here();
    leptos::task::spawn_local(async {
        keystore::delete(&vault_key_name()).await;
    });
}
