//! How values read in tables: sizes in bytes, timestamps, flags.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
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

/// `t` as seen from `now`: "in 3 h", "2 days ago", "just now".
pub fn relative(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (t - now).num_seconds();
    if seconds.abs() < 60 {
        return if seconds >= 0 {
            "in under a minute".to_owned()
        } else {
            "just now".to_owned()
        };
    }
    let amount = span(Duration::seconds(seconds.abs()));
    if seconds > 0 {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

/// A length of time, roughly, in its largest fitting unit: "45 min", "3 h", "2 days".
pub fn span(length: Duration) -> String {
    let minutes = length.num_minutes().max(0);
    let hours = minutes / 60;
    match (minutes, hours / 24) {
        (m, _) if m < 60 => format!("{m} min"),
        (_, 0 | 1) if hours < 48 && minutes % (24 * 60) != 0 => format!("{hours} h"),
        (_, 1) => "1 day".to_owned(),
        (_, days) => format!("{days} days"),
    }
}

/// Seconds as "1 h 05 min", "3 min 20 s", "12 s".
pub fn duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match (h, m) {
        (0, 0) => format!("{s} s"),
        (0, _) => format!("{m} min {s:02} s"),
        _ => format!("{h} h {m:02} min"),
    }
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

    #[test]
    fn relative_times_and_spans_read_like_speech() {
        let now = parse_instant("2026-11-25T12:00:00Z").unwrap();
        let later = |s: i64| now + Duration::seconds(s);
        assert_eq!(relative(later(3 * 3600 + 59), now), "in 3 h");
        assert_eq!(relative(later(-2 * 86_400 - 60), now), "2 days ago");
        assert_eq!(relative(later(-30), now), "just now");
        assert_eq!(relative(later(30), now), "in under a minute");
        assert_eq!(relative(later(-45 * 60), now), "45 min ago");
        assert_eq!(relative(later(-86_400), now), "1 day ago");
        assert_eq!(relative(later(-30 * 3600), now), "30 h ago");
        assert_eq!(span(Duration::days(7)), "7 days");
        assert_eq!(duration(3_900), "1 h 05 min");
        assert_eq!(duration(200), "3 min 20 s");
        assert_eq!(duration(12), "12 s");
    }
}
