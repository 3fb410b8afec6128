//! Readers for what this API sends beyond the plain shapes of its document: times are epoch
//! milliseconds where `0` means "never" (and .NET's minimum date would arrive negative), and
//! numbers or flags may come as text. The generic readers are shared with the Rackspace module.

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

pub use crate::vendors::rackspace::loose::{bool, string, u64};

/// Epoch milliseconds; null, empty, negative and missing all mean "never" (0).
pub fn epoch_ms<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let number = |f: f64| if f > 0.0 { f as u64 } else { 0 };
    match Value::deserialize(d)? {
        Value::Null => Ok(0),
        Value::Number(n) => Ok(n.as_u64().unwrap_or_else(|| n.as_f64().map_or(0, number))),
        Value::String(s) if s.trim().is_empty() => Ok(0),
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .map(number)
            .map_err(|_| serde::de::Error::custom(format!("\"{s}\" is not epoch milliseconds"))),
        other => Err(serde::de::Error::custom(format!(
            "expected epoch milliseconds, got {other}"
        ))),
    }
}

/// A list of ids that may arrive as null.
pub fn ids<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .into_iter()
            .map(|item| match item {
                Value::String(s) => Ok(s),
                Value::Number(n) => Ok(n.to_string()),
                other => Err(serde::de::Error::custom(format!(
                    "expected an id, got {other}"
                ))),
            })
            .collect(),
        other => Err(serde::de::Error::custom(format!(
            "expected a list of ids, got {other}"
        ))),
    }
}

/// The instant of an epoch-milliseconds value, `None` for "never".
pub fn time(ms: u64) -> Option<DateTime<Utc>> {
    if ms == 0 {
        return None;
    }
    i64::try_from(ms)
        .ok()
        .and_then(|ms| Utc.timestamp_millis_opt(ms).single())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "epoch_ms")]
        at: u64,
    }

    fn read(json: &str) -> Result<u64, serde_json::Error> {
        serde_json::from_str::<T>(json).map(|t| t.at)
    }

    #[test]
    fn epoch_milliseconds_read_tolerantly_and_zero_is_never() {
        assert_eq!(read(r#"{"at": 1645556400000}"#).unwrap(), 1645556400000);
        assert_eq!(read(r#"{"at": "1645556400000"}"#).unwrap(), 1645556400000);
        assert_eq!(read(r#"{"at": -62135596800000}"#).unwrap(), 0);
        assert_eq!(read(r#"{"at": null}"#).unwrap(), 0);
        assert_eq!(read("{}").unwrap(), 0);
        assert!(read(r#"{"at": "soon"}"#).is_err());
        assert!(read(r#"{"at": [1]}"#).is_err());
        assert_eq!(time(0), None);
        assert_eq!(
            time(1645556400000).unwrap().to_rfc3339(),
            "2022-02-22T19:00:00+00:00"
        );
        assert_eq!(time(u64::MAX), None);
    }
}
