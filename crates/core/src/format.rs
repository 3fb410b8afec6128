//! How values read in tables: sizes in bytes, timestamps, flags.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;

/// `722` -> "722 B", `41_900_000_000` -> "39.0 GiB". Whole numbers only: formatting floats
/// would bring the standard library's float printing (11 KB) into every vendor's wasm chunk.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut unit = 0;
    while unit < UNITS.len() - 1 && u128::from(n) >= 1u128 << (10 * (unit + 1)) {
        unit += 1;
    }
    if unit == 0 {
        return format!("{n} B");
    }
    // Tenths of the unit, rounded half up.
    let size = 1u128 << (10 * unit);
    let tenths = (u128::from(n) * 10 + size / 2) / size;
    format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
}

/// An RFC 3339 or .NET (`/Date(ms)/`) timestamp as an instant.
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| crate::vendors::rackspace::loose::parse_ms_date(text))
}

/// An RFC 3339 or .NET (`/Date(ms)/`) timestamp as "2018-11-26 05:00 UTC"; anything else as given.
pub fn timestamp(text: &str) -> String {
    match parse_instant(text) {
        Some(t) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        None if text.starts_with("/Date(") => "—".to_owned(),
        None => text.to_owned(),
    }
}

pub fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// "day of week" -> "Day of week".
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// Any JSON value as short text for a table cell or detail view.
pub fn plain(value: &Value) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::Bool(true) => "Yes".to_owned(),
        Value::Bool(false) => "No".to_owned(),
        Value::String(s) if s.is_empty() => "—".to_owned(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sizes_and_times_read_well() {
        assert_eq!(bytes(722), "722 B");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(41_900_000_000), "39.0 GiB");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1024), "1.0 KiB");
        assert_eq!(bytes(1_048_575), "1024.0 KiB");
        assert_eq!(bytes(u64::MAX), "16384.0 PiB");
        for n in [1025u64, 5_000, 123_456_789, 9_999_999_999_999] {
            let mut value = n as f64;
            while value >= 1024.0 {
                value /= 1024.0;
            }
            assert!(bytes(n).starts_with(&format!("{value:.1} ")), "{n}");
        }
        assert_eq!(timestamp("2018-11-26T05:00:00Z"), "2018-11-26 05:00 UTC");
        assert_eq!(
            timestamp("2018-11-22T18:17:51.831221+01:00"),
            "2018-11-22 17:17 UTC"
        );
        assert_eq!(timestamp("soon"), "soon");
        assert_eq!(timestamp("/Date(1357817400000)/"), "2013-01-10 11:30 UTC");
        assert_eq!(timestamp("/Date(-62135578800000)/"), "—");
        assert_eq!(plain(&json!([1, 2])), "1, 2");
        assert_eq!(plain(&json!(null)), "—");
        assert_eq!(plain(&json!(true)), "Yes");
    }
}
