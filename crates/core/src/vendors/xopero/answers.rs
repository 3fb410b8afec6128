//! The answers of the write operations that report per id: `repositories/activate`,
//! `repositories/deactivate` and `repositories/remove`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::loose;
use super::models::Extra;

/// One refused id of `activate` or `deactivate`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdError {
    #[serde(deserialize_with = "loose::string")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::string")]
    pub error_code: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `repositories/activate` and `repositories/deactivate`: per id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LicenceAnswer {
    /// The document shows only an empty list; ids or objects with an `id` are both read.
    #[serde(default)]
    pub success: Vec<Value>,
    #[serde(default)]
    pub error: Vec<IdError>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What happened to one repository of a bulk activate or deactivate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdOutcome {
    pub id: String,
    /// `None`: it worked. `Some(code)`: refused with that code ("" when the server named none).
    pub error_code: Option<String>,
    /// The answer did not mention this id at all.
    pub unanswered: bool,
}

impl LicenceAnswer {
    pub fn succeeded_ids(&self) -> Vec<String> {
        self.success
            .iter()
            .filter_map(|item| match item {
                Value::String(id) => Some(id.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Object(o) => o.get("id").and_then(Value::as_str).map(str::to_owned),
                _ => None,
            })
            .collect()
    }

    /// One outcome per requested id, in the order asked, then any id the answer added.
    pub fn outcomes<S: AsRef<str>>(&self, requested: &[S]) -> Vec<IdOutcome> {
        let succeeded = self.succeeded_ids();
        let outcome = |id: &str| {
            let error = self.error.iter().find(|e| e.id == id);
            IdOutcome {
                id: id.to_owned(),
                error_code: error.map(|e| e.error_code.clone()),
                unanswered: error.is_none() && !succeeded.iter().any(|s| s == id),
            }
        };
        let mut all: Vec<IdOutcome> = requested.iter().map(|id| outcome(id.as_ref())).collect();
        let extra_ids = succeeded
            .iter()
            .chain(self.error.iter().map(|e| &e.id))
            .filter(|id| !requested.iter().any(|r| r.as_ref() == id.as_str()));
        for id in extra_ids {
            if !all.iter().any(|o| &o.id == id) {
                all.push(outcome(id));
            }
        }
        all
    }
}

/// The answer of `repositories/remove`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoveAnswer {
    #[serde(default, deserialize_with = "loose::ids")]
    pub succeeded_ids: Vec<String>,
    #[serde(default, deserialize_with = "loose::ids")]
    pub failed_ids: Vec<String>,
    /// The document shows only an empty list; kept as sent.
    #[serde(default)]
    pub errors: Vec<Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl RemoveAnswer {
    /// Whether the repository's removal is confirmed by the answer.
    pub fn removed(&self, id: &str) -> bool {
        self.succeeded_ids.iter().any(|s| s == id) && !self.failed_ids.iter().any(|f| f == id)
    }
}
