//! Readers for what this API really sends: the same field arrives as `true` or `"true"`, as
//! `7` or `"7"`, as a string or a number (`ExponentHex: 10001`), and times as
//! `/Date(1357817400000)/` (.NET JSON dates, optionally with an offset: `/Date(1357817400000-0500)/`).

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;

pub fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(opt_bool(d)?.unwrap_or(false))
}

pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b)),
        Value::Number(n) => Ok(Some(n.as_f64() != Some(0.0))),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Ok(Some(true)),
            "false" | "0" | "no" => Ok(Some(false)),
            "" => Ok(None),
            other => Err(serde::de::Error::custom(format!(
                "\"{other}\" is not true or false"
            ))),
        },
        other => Err(serde::de::Error::custom(format!(
            "expected true or false, got {other}"
        ))),
    }
}

pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("{n} is not a whole number"))),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("\"{s}\" is not a whole number"))),
        other => Err(serde::de::Error::custom(format!(
            "expected a number, got {other}"
        ))),
    }
}

pub fn opt_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    opt_u64(d)?
        .map(|n| {
            u32::try_from(n).map_err(|_| serde::de::Error::custom(format!("{n} is too large")))
        })
        .transpose()
}

pub fn u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(opt_u64(d)?.unwrap_or(0))
}

/// Text that may arrive as a number (`ExponentHex: 10001`); kept as written.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => String::new(),
        Value::String(s) => s,
        other => other.to_string(),
    })
}

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
