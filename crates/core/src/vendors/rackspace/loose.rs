//! Readers for what this API really sends: the same field arrives as `true` or `"true"`, as
//! `7` or `"7"`, as a string or a number (`ExponentHex: 10001`) — the readers shared by every
//! vendor, in [`crate::vendors::loose`] — and times as `/Date(1357817400000)/` (.NET JSON dates,
//! optionally with an offset: `/Date(1357817400000-0500)/`).

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;

pub use crate::vendors::loose::{bool, opt_bool, opt_u32, opt_u64, string, u64};

/// Parse `/Date(ms)/` or `/Date(ms+hhmm)/`; `None` for null, empty, or .NET's minimum date.
pub fn parse_ms_date(text: &str) -> Option<DateTime<Utc>> {
    let inner = text.trim().strip_prefix("/Date(")?.strip_suffix(")/")?;
    let digits_end = inner
        .char_indices()
        .skip(1)
        .find(|(_, c)| *c == '+' || *c == '-')
        .map_or(inner.len(), |(i, _)| i);
    let millis: i64 = inner[..digits_end].parse().ok()?;
    // .NET's DateTime.MinValue comes through as a large negative number: "no date".
    if millis < 0 {
        return None;
    }
    Utc.timestamp_millis_opt(millis).single()
}

pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => match parse_ms_date(&s) {
            Some(t) => Ok(Some(t)),
            None if s.contains("/Date(-") => Ok(None),
            None => DateTime::parse_from_rfc3339(s.trim())
                .map(|t| Some(t.with_timezone(&Utc)))
                .map_err(|_| serde::de::Error::custom(format!("\"{s}\" is not a date"))),
        },
        other => Err(serde::de::Error::custom(format!(
            "expected a date, got {other}"
        ))),
    }
}

/// Write times back the way the API writes them.
pub fn ser_opt_date<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&format!("/Date({})/", t.timestamp_millis())),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotnet_dates_read() {
        let t = parse_ms_date("/Date(1357817400000)/").unwrap();
        assert_eq!(t.to_rfc3339(), "2013-01-10T11:30:00+00:00");
        assert_eq!(parse_ms_date("/Date(1357817400000-0500)/"), Some(t));
        assert_eq!(parse_ms_date("/Date(-62135578800000)/"), None);
        assert_eq!(parse_ms_date("yesterday"), None);
    }
}
