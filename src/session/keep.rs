//! Keeping connections across reloads: their settings in Web Storage, their secrets sealed
//! (this tab's with the tab's key, remembered ones in the passphrase vault), the vault's
//! unlocking, locking and forgetting.

use backup_console_core::connection::Connection;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::vault::{self, SecretMap, Secrets};
use super::{storage, Persistence, Session};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VaultState {
    /// No vault on this device.
    Absent,
    Locked,
    Unlocked,
}

fn secrets_of(c: &Connection) -> Secrets {
    Secrets {
        token: c.token.clone(),
        api_key: c.api_key.clone(),
        refresh_token: c.refresh_token.clone(),
    }
}

fn with_secrets(c: &mut Connection, s: &Secrets) {
    c.token = s.token.clone();
    c.api_key = s.api_key.clone();
    c.refresh_token = s.refresh_token.clone();
}

impl Session {
    /// Put the secrets of `map` into the connections they belong to.
    fn fill_secrets(&self, map: &SecretMap) {
        self.connections.update(|all| {
            for c in all.iter_mut() {
                if let Some(s) = map.get(&c.id) {
                    with_secrets(c, s);
                }
            }
        });
    }

    fn secrets_kept(&self, how: Persistence) -> SecretMap {
        let given = self.preconfigured.get_untracked();
        self.connections.with_untracked(|all| {
            all.iter()
                .filter(|c| !given.contains(&c.id) && self.persistence_of(&c.id) == how)
                .map(|c| (c.id.clone(), secrets_of(c)))
                .filter(|(_, s)| !s.is_empty())
                .collect()
        })
    }

    /// Read what this device and this tab keep; the problems of unreadable entries.
    pub(super) async fn load_stored(self) -> Vec<String> {
        let (remembered, mut problems) = storage::load(Persistence::Remembered);
        let legacy = remembered.iter().any(|c| !secrets_of(c).is_empty());
        let (tab, tab_problems) = storage::load(Persistence::Tab);
        problems.extend(tab_problems);
        let memory_only = storage::load_memory_only();
        self.kept.update(|kept| {
            kept.extend(
                remembered
                    .iter()
                    .map(|c| (c.id.clone(), Persistence::Remembered)),
            );
            kept.extend(
                tab.iter()
                    .filter(|c| memory_only.contains(&c.id))
                    .map(|c| (c.id.clone(), Persistence::Memory)),
            );
        });
        self.merge(remembered);
        self.merge(tab);
        self.fill_secrets(&vault::load_tab().await);
        self.legacy_plain.set(legacy);
        if vault::exists() {
            match vault::tab_unlocked_key().await {
                Some(key) => {
                    if let Some(secrets) = vault::open_with(&key).await {
                        self.fill_secrets(&secrets);
                    }
                    self.vault_key.set_value(Some(key));
                    self.vault.set(VaultState::Unlocked);
                    if legacy {
                        self.persist();
                    }
                }
                None => self.vault.set(VaultState::Locked),
            }
        }
        problems
    }

    /// Keep every connection the operator owns where they asked: settings in Web Storage,
    /// secrets sealed (or, while the vault is locked or absent, as they were).
    pub fn persist(&self) {
        let given = self.preconfigured.get_untracked();
        let legacy = self.legacy_plain.get_untracked();
        let unlocked = self.vault.get_untracked() == VaultState::Unlocked;
        let (remembered, tab): (Vec<Connection>, Vec<Connection>) = self
            .connections
            .get_untracked()
            .into_iter()
            .filter(|c| !given.contains(&c.id))
            .partition(|c| self.persistence_of(&c.id) == Persistence::Remembered);
        // Credentials remembered in plain text before the vault stay as they are until there
        // is a vault to move them into; never are new ones written so.
        let remembered: Vec<Connection> = remembered
            .into_iter()
            .map(|c| {
                if legacy && !unlocked {
                    c
                } else {
                    c.without_secrets()
                }
            })
            .collect();
        if unlocked {
            self.legacy_plain.set(false);
        }
        storage::store(Persistence::Remembered, &remembered);
        storage::store(
            Persistence::Tab,
            &tab.iter()
                .map(Connection::without_secrets)
                .collect::<Vec<_>>(),
        );
        let memory: Vec<String> = tab
            .iter()
            .filter(|c| self.persistence_of(&c.id) == Persistence::Memory)
            .map(|c| c.id.clone())
            .collect();
        storage::store_memory_only(&memory);
        self.persisted.update_value(|n| *n += 1);
        let mine = self.persisted.get_value();
        let tab_secrets = self.secrets_kept(Persistence::Tab);
        let vault_secrets = self.secrets_kept(Persistence::Remembered);
        let key = self.vault_key.get_value().filter(|_| unlocked);
        let this = *self;
        spawn_local(async move {
            // Sealing waits on WebCrypto: a later persisting supersedes this one.
            let current = move || this.persisted.try_get_value() == Some(mine);
            vault::store_tab(&tab_secrets, current).await;
            if let Some(key) = key {
                vault::store(&key, &vault_secrets, current).await;
            }
        });
    }

    /// Unlock the vault: its secrets join their connections, and what waited for them loads.
    pub async fn unlock_vault(self, passphrase: &str) -> Result<(), String> {
        let Some((key, secrets)) = vault::unlock(passphrase).await else {
            return Err("That is not the vault's passphrase; nothing was changed.".into());
        };
        self.fill_secrets(&secrets);
        self.vault_key.set_value(Some(key));
        self.vault.set(VaultState::Unlocked);
        self.vault_prompt.set(false);
        self.persist();
        self.epoch.update(|e| *e += 1);
        Ok(())
    }

    /// A new vault for the remembered connections' secrets (and any kept in plain text).
    pub async fn create_vault(self, passphrase: &str) -> Result<(), String> {
        if passphrase.chars().count() < 8 {
            return Err("Use a passphrase of at least 8 characters.".into());
        }
        let secrets = self.secrets_kept(Persistence::Remembered);
        let Some(key) = vault::create(passphrase, &secrets).await else {
            return Err("This browser could not make the vault (storage is off or full).".into());
        };
        self.vault_key.set_value(Some(key));
        self.vault.set(VaultState::Unlocked);
        self.persist();
        Ok(())
    }

    /// Lock the vault in this tab: remembered connections forget their secrets until unlocked.
    pub fn lock_vault(&self) {
        if self.vault.get_untracked() != VaultState::Unlocked {
            return;
        }
        self.vault_key.set_value(None);
        self.vault.set(VaultState::Locked);
        let remembered: Vec<String> = self.kept.with_untracked(|k| {
            k.iter()
                .filter(|(_, how)| **how == Persistence::Remembered)
                .map(|(id, _)| id.clone())
                .collect()
        });
        self.connections.update(|all| {
            for c in all.iter_mut().filter(|c| remembered.contains(&c.id)) {
                with_secrets(c, &Secrets::default());
            }
        });
        vault::lock();
    }

    /// Erase the vault and the remembered connections from this device.
    pub fn forget_device(&self) {
        let remembered: Vec<String> = self.kept.with_untracked(|k| {
            k.iter()
                .filter(|(_, how)| **how == Persistence::Remembered)
                .map(|(id, _)| id.clone())
                .collect()
        });
        for id in &remembered {
            self.remove(id);
        }
        self.vault_key.set_value(None);
        self.vault.set(VaultState::Absent);
        self.legacy_plain.set(false);
        self.vault_prompt.set(false);
        vault::forget();
    }
}
