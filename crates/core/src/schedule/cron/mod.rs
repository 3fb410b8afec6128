//! Cron expressions as the vendors write them: parse, validate, explain, and find next runs.
//!
//! Two dialects:
//! - [`Dialect::Standard`]: the five Vixie-cron fields `minute hour day-of-month month day-of-week`
//!   (0 or 7 Sunday), `?` in the day fields (read as `*`), and the `@daily`-style macros. Days
//!   follow Vixie cron's rule: when either day field *starts with* `*` a day must match both
//!   fields (so `0 0 */2 * 1` is odd days that are Mondays), and only when neither does is a
//!   day taken if it matches either (`0 0 13 * 5` is the 13th and every Friday). The Scheduled
//!   Backup API's `schedule_pattern` is read this way.
//! - [`Dialect::CyBorgBackup`]: what CyBorgBackup's scheduler (Bloomberg's `tzcron`) accepts:
//!   exactly six fields separated by single spaces, the sixth being the **year** (`*` or one
//!   year); day of week 1 (Monday) to 7 (Sunday); no `?`, `L`, `W`, `#` or macros; and a day must
//!   match both day fields (tzcron builds a dateutil rrule, whose rules all apply). So the
//!   document's `0 5 * * MON *` is "At 05:00 on Monday" and `*/1 * * * * *` is "every minute".
//!
//! `L`, `W` and `#` are refused with a message in both dialects: no vendor here accepts them.
//!
//! Split by concern: `parse.rs` reads expressions, `next.rs` finds runs, `describe.rs` puts a
//! schedule into words.

mod describe;
mod next;
mod parse;

use std::fmt;

use crate::format::capitalize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Standard,
    CyBorgBackup,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Minute,
    Hour,
    DayOfMonth,
    Month,
    DayOfWeek,
    Year,
}

impl FieldKind {
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Minute => "minute",
            FieldKind::Hour => "hour",
            FieldKind::DayOfMonth => "day of month",
            FieldKind::Month => "month",
            FieldKind::DayOfWeek => "day of week",
            FieldKind::Year => "year",
        }
    }

    fn bounds(self) -> (u32, u32) {
        match self {
            FieldKind::Minute => (0, 59),
            FieldKind::Hour => (0, 23),
            FieldKind::DayOfMonth => (1, 31),
            FieldKind::Month => (1, 12),
            // 7 is accepted as Sunday and folded to 0.
            FieldKind::DayOfWeek => (0, 7),
            FieldKind::Year => (2000, 2099),
        }
    }

    fn names(self) -> &'static [&'static str] {
        match self {
            FieldKind::Month => &MONTHS_SHORT,
            FieldKind::DayOfWeek => &DAYS_SHORT,
            _ => &[],
        }
    }

    fn bounds_in(self, dialect: Dialect) -> (u32, u32) {
        match (self, dialect) {
            (FieldKind::DayOfWeek, Dialect::CyBorgBackup) => (1, 7),
            _ => self.bounds(),
        }
    }

    /// Offset of the first name: months start at 1, days at 0.
    fn name_base(self) -> u32 {
        u32::from(self == FieldKind::Month)
    }
}

const MONTHS_SHORT: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS_SHORT: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Day names, Sunday first (the numbering of cron and of .NET's `DayOfWeek`).
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A rejected expression: which field, where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CronError {
    /// The field at fault, or `None` when the shape of the whole expression is wrong.
    pub field: Option<FieldKind>,
    /// Character offset of the offending text in the expression.
    pub position: usize,
    pub message: String,
}

impl fmt::Display for CronError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            Some(field) => write!(
                f,
                "{} field (at character {}): {}",
                capitalize(field.name()),
                self.position + 1,
                self.message
            ),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for CronError {}

/// One comma-separated item of a field.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    /// `*` or `?`, optionally stepped: `*/15`.
    Any { step: u32 },
    /// `5`, `1-5`, `1-5/2`, `5/10` (from 5 to the end, every 10).
    Range { start: u32, end: u32, step: u32 },
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Field {
    kind: FieldKind,
    parts: Vec<Part>,
    /// Bit `n` set when value `n` matches (years are offset by 2000).
    mask: u128,
}

impl Field {
    fn is_any(&self) -> bool {
        self.parts == [Part::Any { step: 1 }]
    }

    fn matches(&self, value: u32) -> bool {
        let offset = if self.kind == FieldKind::Year {
            2000
        } else {
            0
        };
        value >= offset && value - offset < 128 && self.mask & (1u128 << (value - offset)) != 0
    }
}

/// A validated cron expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CronExpr {
    source: String,
    dialect: Dialect,
    fields: Vec<Field>,
}

impl CronExpr {
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// The expression in numbers only, one canonical spelling per meaning of each item
    /// (`MON` -> `1`, `*/1` -> `*`); parsing it gives the same schedule.
    pub fn canonical(&self) -> String {
        self.fields
            .iter()
            .map(|field| {
                field
                    .parts
                    .iter()
                    .map(|part| match *part {
                        Part::Any { step: 1 } => "*".to_owned(),
                        Part::Any { step } => format!("*/{step}"),
                        Part::Range { start, end, .. } if start == end => start.to_string(),
                        Part::Range {
                            start,
                            end,
                            step: 1,
                        } => format!("{start}-{end}"),
                        Part::Range { start, end, step } => format!("{start}-{end}/{step}"),
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether two expressions fire at exactly the same times.
    pub fn same_schedule(&self, other: &CronExpr) -> bool {
        self.dialect == other.dialect
            && self.fields.len() == other.fields.len()
            && self.fields.iter().zip(&other.fields).all(|(a, b)| {
                // The spelling of a day field decides the day rule, so it counts too.
                a.mask == b.mask
                    && a.is_any() == b.is_any()
                    && a.starts_with_star() == b.starts_with_star()
            })
    }

    /// The values of field `kind` that match, ascending (day of week 0-6, Sunday 0); empty
    /// when the expression has no such field (a year in the standard dialect).
    pub fn values(&self, kind: FieldKind) -> Vec<u32> {
        let Some(field) = self.field(kind) else {
            return Vec::new();
        };
        // Both dialects store Sunday as 0, whichever number the expression used for it.
        let (low, high) = match kind {
            FieldKind::DayOfWeek => (0, 6),
            _ => kind.bounds(),
        };
        (low..=high).filter(|v| field.matches(*v)).collect()
    }

    /// Whether field `kind` is `*` (or `?`): it restricts nothing.
    pub fn is_unrestricted(&self, kind: FieldKind) -> bool {
        self.field(kind).is_none_or(Field::is_any)
    }

    fn field(&self, kind: FieldKind) -> Option<&Field> {
        self.fields.iter().find(|f| f.kind == kind)
    }

    fn f(&self, kind: FieldKind) -> &Field {
        self.field(kind)
            .expect("the five standard fields are always present")
    }
}

impl Field {
    /// Whether the field's text starts with `*` (or `?`, read as `*`). Vixie cron decides its
    /// day rule on this spelling alone (it sets DOM_STAR/DOW_STAR from the first character),
    /// so `*/2` counts as a star there although it restricts the days.
    fn starts_with_star(&self) -> bool {
        matches!(self.parts.first(), Some(Part::Any { .. }))
    }

    /// Whether every value the field can take matches (`*`, `1-31`, `*/1,5`, ...).
    fn is_full(&self) -> bool {
        let (low, high) = match self.kind {
            // 7 is folded into 0 when parsing; days are matched as 0 (Sunday) to 6.
            FieldKind::DayOfWeek => (0, 6),
            kind => kind.bounds(),
        };
        (low..=high).all(|value| self.matches(value))
    }
}

impl CronExpr {
    /// Whether a day is taken when *either* day field matches it, rather than both.
    /// Standard (Vixie): only when neither day field starts with `*`. CyBorgBackup: never;
    /// tzcron builds a dateutil rrule, which applies both.
    fn days_match_either(&self) -> bool {
        self.dialect == Dialect::Standard
            && !self.f(FieldKind::DayOfMonth).starts_with_star()
            && !self.f(FieldKind::DayOfWeek).starts_with_star()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use proptest::prelude::*;

    #[test]
    fn field_values_are_listed_sunday_as_0() {
        let e = CronExpr::parse("0,30 9-10 * * 5-7", Dialect::Standard).unwrap();
        assert_eq!(e.values(FieldKind::Minute), [0, 30]);
        assert_eq!(e.values(FieldKind::Hour), [9, 10]);
        assert_eq!(e.values(FieldKind::DayOfWeek), [0, 5, 6]);
        assert!(e.is_unrestricted(FieldKind::Month) && !e.is_unrestricted(FieldKind::Hour));
        assert!(e.values(FieldKind::Year).is_empty());
        let c = CronExpr::parse("0 5 * * 7 2027", Dialect::CyBorgBackup).unwrap();
        assert_eq!(c.values(FieldKind::DayOfWeek), [0]);
        assert_eq!(c.values(FieldKind::Year), [2027]);
    }

    fn item(low: u32, high: u32) -> impl Strategy<Value = String> {
        prop_oneof![
            Just("*".to_owned()),
            (1..=(high - low + 1)).prop_map(|s| format!("*/{s}")),
            (low..=high).prop_map(|v| v.to_string()),
            (low..=high, low..=high, 1..=5u32).prop_map(|(a, b, s)| {
                let (a, b) = (a.min(b), a.max(b));
                format!("{a}-{b}/{s}")
            }),
        ]
    }

    fn list(low: u32, high: u32) -> impl Strategy<Value = String> {
        proptest::collection::vec(item(low, high), 1..4).prop_map(|items| items.join(","))
    }

    proptest! {
        #[test]
        fn printing_and_parsing_round_trip(
            m in list(0, 59), h in list(0, 23), dom in list(1, 31), mon in list(1, 12),
            std_dow in list(0, 7), cyb_dow in list(1, 7),
            year in proptest::option::of(2000u32..=2099),
        ) {
            let standard = format!("{m} {h} {dom} {mon} {std_dow}");
            let year = year.map_or("*".to_owned(), |y| y.to_string());
            let cyborgbackup = format!("{m} {h} {dom} {mon} {cyb_dow} {year}");
            for (text, dialect) in [(standard, Dialect::Standard), (cyborgbackup, Dialect::CyBorgBackup)] {
                let parsed = CronExpr::parse(&text, dialect).unwrap();
                let printed = parsed.canonical();
                let reparsed = CronExpr::parse(&printed, dialect).unwrap();
                prop_assert!(parsed.same_schedule(&reparsed), "{} -> {}", text, printed);
                prop_assert_eq!(reparsed.canonical(), printed.clone());
                prop_assert!(!parsed.describe().is_empty());
            }
        }
    }

    fn standard(expr: &str) -> CronExpr {
        CronExpr::parse(expr, Dialect::Standard).unwrap()
    }

    fn cyborg(expr: &str) -> CronExpr {
        CronExpr::parse(expr, Dialect::CyBorgBackup).unwrap()
    }

    #[test]
    fn canonical_spelling_uses_numbers() {
        assert_eq!(
            standard("0 5 * JAN-MAR MON,fri").canonical(),
            "0 5 * 1-3 1,5"
        );
        assert_eq!(cyborg("*/1 * * * * *").canonical(), "* * * * * *");
        assert_eq!(cyborg("0 5 * * sun *").canonical(), "0 5 * * 7 *");
        assert!(standard("0 0 * * 7").same_schedule(&standard("0 0 * * 0")));
        assert!(!standard("0 0 * * 1").same_schedule(&standard("0 0 * * 2")));
    }

    #[test]
    fn cyborgbackup_follows_tzcron() {
        let err = |e: &str| CronExpr::parse(e, Dialect::CyBorgBackup).unwrap_err();
        assert!(err("0 5 * * MON").message.contains("6 fields"));
        assert_eq!(err("0 5 * * 0 *").field, Some(FieldKind::DayOfWeek));
        assert!(err("0 5 * * 0 *")
            .message
            .contains("1 is Monday, 7 is Sunday"));
        assert!(err("@daily").message.contains("macros"));
        assert!(err("0 5 ? * * *").message.contains("\"?\""));
        assert_eq!(err("0 5 * * * 2026-2027").field, Some(FieldKind::Year));
        assert_eq!(err("0  5 * * * *").position, 1);
        assert!(err("5/10 * * * * *").message.contains("5-59/10"));
        // Both day fields must match: Friday the 13th only.
        let after = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let runs: Vec<String> = cyborg("0 0 13 * FRI *")
            .next_runs(after, 2)
            .iter()
            .map(|t| t.format("%Y-%m-%d").to_string())
            .collect();
        assert_eq!(runs, ["2026-02-13", "2026-03-13"]);
        assert_eq!(
            cyborg("0 0 13 * 5 *").describe(),
            "At 00:00 on day 13 of the month, if it is a Friday"
        );
        assert_eq!(cyborg("0 0 * * 7 *").describe(), "At 00:00 on Sunday");
        assert_eq!(cyborg("0 0 * * * 2027").describe(), "At 00:00 in 2027");
    }
}
