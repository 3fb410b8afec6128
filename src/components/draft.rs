//! Drafts: what an operator typed into a form, kept in this tab's sessionStorage as they type,
//! so a reload, a sign-in, a failed save or a trip to another page loses nothing. Secrets
//! (passwords, keys) are never kept. A successful save drops the draft.
//!
//! [`super::edit_form::EditForm`] provides a [`DraftScope`]; every `FormFields` inside it
//! registers its values (and which of them are secret), so pages get drafts without wiring.

use backup_console_core::spec::{FieldKind, FieldSpec, FormValues};
use leptos::prelude::*;

const PREFIX: &str = "backup-console.draft.v1:";

/// The form values a form's fields write to, and the keys that must never be stored.
#[derive(Clone, Copy)]
pub struct DraftScope {
    entries: StoredValue<Vec<(RwSignal<FormValues>, Vec<&'static str>)>>,
}

impl DraftScope {
    pub fn new() -> Self {
        Self {
            entries: StoredValue::new(Vec::new()),
        }
    }

    /// Called by `FormFields`: these values belong to the form's draft.
    pub fn register(&self, values: RwSignal<FormValues>, fields: &[FieldSpec]) {
        let secrets: Vec<&'static str> = fields
            .iter()
            .filter(|f| f.kind == FieldKind::Secret)
            .map(|f| f.key)
            .collect();
        self.entries
            .update_value(|all| match all.iter_mut().find(|(v, _)| *v == values) {
                Some((_, known)) => known.extend(secrets),
                None => all.push((values, secrets)),
            });
    }

    pub fn entries(&self) -> Vec<(RwSignal<FormValues>, Vec<&'static str>)> {
        self.entries.get_value()
    }
}

impl Default for DraftScope {
    fn default() -> Self {
        Self::new()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The storage key of a form's draft: its page's address (and which value set).
pub fn key_for(page: &str, index: usize) -> String {
    format!("{PREFIX}{page}#{index}")
}

/// The page a form is on, as the draft's name.
pub fn current_page() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

pub fn read(key: &str) -> Option<FormValues> {
    let text = storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Keep `values` as the draft, without the secret ones.
pub fn write(key: &str, values: &FormValues, secrets: &[&str]) {
    let kept: FormValues = values
        .iter()
        .filter(|(k, _)| !secrets.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&kept)) {
        // A full storage only costs the draft.
        let _ = s.set_item(key, &text);
    }
}

pub fn forget(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Every draft of a page (after its save succeeded).
pub fn forget_page(page: &str) {
    let Some(s) = storage() else {
        return;
    };
    let prefix = format!("{PREFIX}{page}#");
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}
