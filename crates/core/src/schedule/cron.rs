//! Cron expressions as the vendors write them: parse, validate, explain, and find next runs.
//!
//! Two dialects:
//! - [`Dialect::Standard`]: the five Vixie-cron fields `minute hour day-of-month month day-of-week`
//!   (0 or 7 Sunday), `?` in the day fields, and the `@daily`-style macros. When both day fields
//!   are restricted a day matches if either does (the Vixie rule). The Scheduled Backup API's
//!   `schedule_pattern` is read this way.
//! - [`Dialect::CyBorgBackup`]: what CyBorgBackup's scheduler (Bloomberg's `tzcron`) accepts:
//!   exactly six fields separated by single spaces, the sixth being the **year** (`*` or one
//!   year); day of week 1 (Monday) to 7 (Sunday); no `?`, `L`, `W`, `#` or macros; and a day must
//!   match both day fields (tzcron builds a dateutil rrule, whose rules all apply). So the
//!   document's `0 5 * * MON *` is "At 05:00 on Monday" and `*/1 * * * * *` is "every minute".
//!
//! `L`, `W` and `#` are refused with a message in both dialects: no vendor here accepts them.

use std::fmt;

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

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

const MACROS: [(&str, &str); 7] = [
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
];

impl CronExpr {
    pub fn parse(expr: &str, dialect: Dialect) -> Result<Self, CronError> {
        let trimmed = expr.trim();
        if trimmed.is_empty() {
            return Err(CronError {
                field: None,
                position: 0,
                message: "The expression is empty.".into(),
            });
        }
        if trimmed.starts_with('@') && dialect == Dialect::CyBorgBackup {
            return Err(CronError {
                field: None,
                position: 0,
                message: "CyBorgBackup does not take macros like @daily; write the six fields, e.g. 0 0 * * * *.".into(),
            });
        }
        if trimmed.starts_with('@') {
            let lower = trimmed.to_ascii_lowercase();
            let expansion = MACROS
                .iter()
                .find(|(name, _)| *name == lower)
                .map(|(_, expansion)| *expansion)
                .ok_or_else(|| CronError {
                    field: None,
                    position: 0,
                    message: format!(
                        "Unknown macro {trimmed}; use one of @yearly, @monthly, @weekly, @daily, @hourly."
                    ),
                })?;
            let mut parsed = Self::parse(expansion, Dialect::Standard)?;
            parsed.source = trimmed.to_owned();
            return Ok(parsed);
        }

        let tokens = tokenize(expr);
        let kinds: &[FieldKind] =
            match (dialect, tokens.len()) {
                (Dialect::Standard, 5) => &FIVE,
                (Dialect::CyBorgBackup, 6) => &SIX,
                (Dialect::Standard, n) => {
                    return Err(shape_error(
                        n,
                        "5 fields: minute hour day-of-month month day-of-week",
                    ))
                }
                (Dialect::CyBorgBackup, n) => return Err(shape_error(
                    n,
                    "6 fields: minute hour day-of-month month day-of-week year (* for every year)",
                )),
            };
        if dialect == Dialect::CyBorgBackup {
            // tzcron splits on single spaces: anything else breaks the expression on the server.
            if let Some(at) = single_space_problem(trimmed) {
                let offset = expr.len() - expr.trim_start().len();
                return Err(CronError {
                    field: None,
                    position: offset + at,
                    message: "Separate the fields with single spaces.".into(),
                });
            }
        }
        let fields = tokens
            .iter()
            .zip(kinds)
            .map(|((offset, text), kind)| parse_field(text, *offset, *kind, dialect))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            source: expr.trim().to_owned(),
            dialect,
            fields,
        })
    }

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
            && self
                .fields
                .iter()
                .zip(&other.fields)
                .all(|(a, b)| a.mask == b.mask && a.is_any() == b.is_any())
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

    fn day_matches(&self, date: NaiveDate) -> bool {
        let dom = self.f(FieldKind::DayOfMonth);
        let dow = self.f(FieldKind::DayOfWeek);
        let dom_ok = dom.matches(date.day());
        let dow_ok = dow.matches(date.weekday().num_days_from_sunday());
        match (dom.is_any_star(), dow.is_any_star(), self.dialect) {
            (true, true, _) => true,
            (true, false, _) => dow_ok,
            (false, true, _) => dom_ok,
            (false, false, Dialect::Standard) => dom_ok || dow_ok,
            (false, false, Dialect::CyBorgBackup) => dom_ok && dow_ok,
        }
    }

    fn date_matches(&self, date: NaiveDate) -> bool {
        self.field(FieldKind::Year)
            .is_none_or(|y| y.matches(date.year() as u32))
            && self.f(FieldKind::Month).matches(date.month())
            && self.day_matches(date)
    }

    /// The first wall-clock time at or after `start` that matches, up to the field's last year.
    pub fn next_match_from(&self, start: NaiveDateTime) -> Option<NaiveDateTime> {
        let mut date = start.date();
        let mut first_day = true;
        let last_year = self
            .field(FieldKind::Year)
            .map_or(start.year() + 30, |_| 2099);
        while date.year() <= last_year {
            if self.date_matches(date) {
                let (from_h, from_m) = if first_day {
                    (start.hour(), start.minute())
                } else {
                    (0, 0)
                };
                if let Some((h, m)) = self.first_time_from(from_h, from_m) {
                    return date.and_hms_opt(h, m, 0);
                }
            }
            first_day = false;
            date = date.succ_opt()?;
        }
        None
    }

    /// The first run strictly after `after`, evaluated in UTC.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let start = next_minute(after.naive_utc())?;
        self.next_match_from(start)
            .map(|naive| Utc.from_utc_datetime(&naive))
    }

    /// The next `count` runs after `after`, in UTC.
    pub fn next_runs(&self, after: DateTime<Utc>, count: usize) -> Vec<DateTime<Utc>> {
        self.next_runs_in(Tz::UTC, after, count)
            .into_iter()
            .map(|t| t.with_timezone(&Utc))
            .collect()
    }

    /// The next `count` runs after `after` when the schedule is read in the time zone `tz`.
    ///
    /// Daylight-saving rule (the one CyBorgBackup's scheduler applies, and cron's own
    /// wall-clock reading): a wall-clock time that does not exist (the hour skipped in spring)
    /// is skipped, and a wall-clock time that happens twice (the hour repeated in autumn) runs
    /// once, at its first occurrence.
    pub fn next_runs_in(&self, tz: Tz, after: DateTime<Utc>, count: usize) -> Vec<DateTime<Tz>> {
        let mut runs = Vec::with_capacity(count);
        let Some(mut cursor) = next_minute(after.with_timezone(&tz).naive_local()) else {
            return runs;
        };
        while runs.len() < count {
            let Some(naive) = self.next_match_from(cursor) else {
                break;
            };
            match tz.from_local_datetime(&naive) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _)
                    if t.with_timezone(&Utc) > after =>
                {
                    runs.push(t)
                }
                _ => {}
            }
            match next_minute(naive) {
                Some(next) => cursor = next,
                None => break,
            }
        }
        runs
    }

    fn first_time_from(&self, hour: u32, minute: u32) -> Option<(u32, u32)> {
        let hours = self.f(FieldKind::Hour);
        let minutes = self.f(FieldKind::Minute);
        (hour..24).filter(|h| hours.matches(*h)).find_map(|h| {
            let from = if h == hour { minute } else { 0 };
            (from..60).find(|m| minutes.matches(*m)).map(|m| (h, m))
        })
    }

    /// The expression in plain English, e.g. "At 05:00 on Monday".
    pub fn describe(&self) -> String {
        let mut out = describe_time(self.f(FieldKind::Minute), self.f(FieldKind::Hour));
        let dom = self.f(FieldKind::DayOfMonth);
        let dow = self.f(FieldKind::DayOfWeek);
        match (dom.is_any_star(), dow.is_any_star()) {
            (true, true) => {}
            (false, true) => out.push_str(&format!(" on {}", describe_dom(dom))),
            (true, false) => out.push_str(&format!(" on {}", describe_values(dow))),
            (false, false) if self.dialect == Dialect::Standard => out.push_str(&format!(
                " on {} or on {}",
                describe_dom(dom),
                describe_values(dow)
            )),
            (false, false) => out.push_str(&format!(
                " on {}, if it is a {}",
                describe_dom(dom),
                describe_values(dow)
            )),
        }
        let month = self.f(FieldKind::Month);
        if !month.is_any() {
            out.push_str(&format!(" in {}", describe_values(month)));
        }
        if let Some(year) = self.field(FieldKind::Year).filter(|y| !y.is_any()) {
            out.push_str(&format!(" in {}", describe_values(year)));
        }
        out
    }
}

impl Field {
    /// `*`, `?` and `*/1` leave the day unrestricted for the Vixie OR rule; `*/2` restricts it.
    fn is_any_star(&self) -> bool {
        self.is_any()
    }
}

const FIVE: [FieldKind; 5] = [
    FieldKind::Minute,
    FieldKind::Hour,
    FieldKind::DayOfMonth,
    FieldKind::Month,
    FieldKind::DayOfWeek,
];
const SIX: [FieldKind; 6] = [
    FieldKind::Minute,
    FieldKind::Hour,
    FieldKind::DayOfMonth,
    FieldKind::Month,
    FieldKind::DayOfWeek,
    FieldKind::Year,
];

/// Where an expression stops being single-space separated, if it does.
fn single_space_problem(trimmed: &str) -> Option<usize> {
    let chars: Vec<char> = trimmed.chars().collect();
    chars.iter().enumerate().position(|(i, c)| {
        c.is_whitespace() && (*c != ' ' || chars.get(i + 1).is_some_and(|n| n.is_whitespace()))
    })
}

/// The start of the minute after `t`.
fn next_minute(t: NaiveDateTime) -> Option<NaiveDateTime> {
    t.with_second(0)?
        .with_nanosecond(0)?
        .checked_add_signed(Duration::minutes(1))
}

fn shape_error(found: usize, expected: &str) -> CronError {
    CronError {
        field: None,
        position: 0,
        message: format!("Found {found} fields; expected {expected}."),
    }
}

/// Whitespace-separated tokens with their character offsets.
fn tokenize(expr: &str) -> Vec<(usize, String)> {
    let mut tokens = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (index, ch) in expr.chars().enumerate() {
        if ch.is_whitespace() {
            if let Some(token) = current.take() {
                tokens.push(token);
            }
        } else {
            current
                .get_or_insert_with(|| (index, String::new()))
                .1
                .push(ch);
        }
    }
    tokens.extend(current);
    tokens
}

fn parse_field(
    text: &str,
    offset: usize,
    kind: FieldKind,
    dialect: Dialect,
) -> Result<Field, CronError> {
    let mut parts = Vec::new();
    let mut position = offset;
    let err = |at: usize, message: String| CronError {
        field: Some(kind),
        position: at,
        message,
    };
    if dialect == Dialect::CyBorgBackup && kind == FieldKind::Year && text != "*" {
        if let Some(bad) = text.chars().position(|c| !c.is_ascii_digit()) {
            return Err(err(
                offset + bad,
                "CyBorgBackup takes * or a single year here, like 2027.".into(),
            ));
        }
    }
    for item in text.split(',') {
        if item.is_empty() {
            return Err(err(
                position,
                "An empty item in a list (two commas or a trailing comma).".into(),
            ));
        }
        parts.push(parse_part(item, position, kind, dialect).map_err(|(at, msg)| err(at, msg))?);
        position += item.chars().count() + 1;
    }
    let mut mask = 0u128;
    let (low, high) = kind.bounds_in(dialect);
    let offset_base = if kind == FieldKind::Year { 2000 } else { 0 };
    for part in &parts {
        let (start, end, step) = match *part {
            Part::Any { step } => (low, high, step),
            Part::Range { start, end, step } => (start, end, step),
        };
        let mut value = start;
        while value <= end {
            let folded = if kind == FieldKind::DayOfWeek && value == 7 {
                0
            } else {
                value
            };
            mask |= 1u128 << (folded - offset_base);
            value += step;
        }
    }
    Ok(Field { kind, parts, mask })
}

fn parse_part(
    item: &str,
    at: usize,
    kind: FieldKind,
    dialect: Dialect,
) -> Result<Part, (usize, String)> {
    let (low, high) = kind.bounds_in(dialect);
    let (range_text, step) = match item.split_once('/') {
        Some((range, step_text)) => {
            let step_at = at + range.chars().count() + 1;
            let step: u32 = step_text.parse().map_err(|_| {
                (
                    step_at,
                    format!("The step \"{step_text}\" is not a whole number."),
                )
            })?;
            if step == 0 || step > high - low + 1 {
                return Err((
                    step_at,
                    format!("The step must be between 1 and {}.", high - low + 1),
                ));
            }
            (range, step)
        }
        None => (item, 1),
    };
    if range_text == "*" || range_text == "?" {
        if range_text == "?" && dialect == Dialect::CyBorgBackup {
            return Err((at, "CyBorgBackup does not take \"?\"; use *.".into()));
        }
        if range_text == "?" && !matches!(kind, FieldKind::DayOfMonth | FieldKind::DayOfWeek) {
            return Err((at, "\"?\" is only allowed in the day fields.".into()));
        }
        return Ok(Part::Any { step });
    }
    let (start, end) = match range_text.split_once('-') {
        Some((a, b)) => {
            let start = parse_value(a, at, kind, dialect)?;
            let end = parse_value(b, at + a.chars().count() + 1, kind, dialect)?;
            if end < start {
                return Err((
                    at,
                    format!(
                        "The range {range_text} runs backwards; write the smaller value first."
                    ),
                ));
            }
            (start, end)
        }
        // `5/10` means from 5 to the end of the field.
        None => {
            let start = parse_value(range_text, at, kind, dialect)?;
            if step > 1 && dialect == Dialect::CyBorgBackup {
                // tzcron would read `5/10` as just 5: refuse rather than surprise.
                return Err((
                    at,
                    format!("Write a range before the step, like {start}-{high}/{step}."),
                ));
            }
            (start, if step > 1 { high } else { start })
        }
    };
    Ok(Part::Range { start, end, step })
}

fn parse_value(
    text: &str,
    at: usize,
    kind: FieldKind,
    dialect: Dialect,
) -> Result<u32, (usize, String)> {
    let (low, high) = kind.bounds_in(dialect);
    if text.is_empty() {
        return Err((at, "A value is missing.".into()));
    }
    if let Some(index) = kind
        .names()
        .iter()
        .position(|name| name.eq_ignore_ascii_case(text))
    {
        let value = index as u32 + kind.name_base();
        // tzcron numbers days Monday 1 to Sunday 7.
        return Ok(
            if dialect == Dialect::CyBorgBackup && kind == FieldKind::DayOfWeek && value == 0 {
                7
            } else {
                value
            },
        );
    }
    if let Some(bad) = text.chars().position(|c| matches!(c, 'L' | 'W' | '#')) {
        return Err((
            at + bad,
            format!(
                "\"{}\" (last / weekday / nth) is not supported by this service's cron dialect.",
                text.chars().nth(bad).unwrap_or('?')
            ),
        ));
    }
    if let Some(bad) = text.chars().position(|c| !c.is_ascii_digit()) {
        let hint = match (kind, dialect) {
            (FieldKind::Month, _) => " (use 1-12 or JAN-DEC)",
            (FieldKind::DayOfWeek, Dialect::Standard) => " (use 0-7 or SUN-SAT)",
            (FieldKind::DayOfWeek, Dialect::CyBorgBackup) => {
                " (use 1-7, Monday to Sunday, or MON-SUN)"
            }
            _ => "",
        };
        return Err((
            at + bad,
            format!("\"{text}\" is not a valid {}{hint}.", kind.name()),
        ));
    }
    let value: u32 = text
        .parse()
        .map_err(|_| (at, format!("\"{text}\" is too large.")))?;
    if value < low || value > high {
        let extra = if dialect == Dialect::CyBorgBackup && kind == FieldKind::DayOfWeek {
            " (1 is Monday, 7 is Sunday)"
        } else {
            ""
        };
        return Err((
            at,
            format!(
                "{value} is out of range; the {} runs from {low} to {high}{extra}.",
                kind.name()
            ),
        ));
    }
    Ok(value)
}

fn single(field: &Field) -> Option<u32> {
    match field.parts.as_slice() {
        [Part::Range { start, end, .. }] if start == end => Some(*start),
        _ => None,
    }
}

fn singles(field: &Field) -> Option<Vec<u32>> {
    field
        .parts
        .iter()
        .map(|part| match part {
            Part::Range { start, end, .. } if start == end => Some(*start),
            _ => None,
        })
        .collect()
}

fn describe_time(minute: &Field, hour: &Field) -> String {
    match (single(minute), singles(hour)) {
        (Some(m), Some(hours)) => {
            let times: Vec<String> = hours.iter().map(|h| format!("{h:02}:{m:02}")).collect();
            return format!("At {}", join_words(&times));
        }
        (Some(0), None) if hour.is_any() => return "At the start of every hour".into(),
        (Some(m), None) if hour.is_any() => return format!("At minute {m} past every hour"),
        _ => {}
    }
    let minute_text = if minute.is_any() {
        "Every minute".to_owned()
    } else if let [Part::Any { step }] = minute.parts.as_slice() {
        format!("Every {step} minutes")
    } else {
        format!("At minute {}", describe_values(minute))
    };
    if hour.is_any() {
        minute_text
    } else if let [Part::Any { step }] = hour.parts.as_slice() {
        format!("{minute_text} past every {step} hours")
    } else if let [Part::Range {
        start,
        end,
        step: 1,
    }] = hour.parts.as_slice()
    {
        format!("{minute_text}, between {start:02}:00 and {end:02}:59")
    } else {
        format!("{minute_text} past hour {}", describe_values(hour))
    }
}

fn describe_dom(field: &Field) -> String {
    format!("day {} of the month", describe_values(field))
}

fn value_name(kind: FieldKind, value: u32) -> String {
    match kind {
        FieldKind::Month => MONTHS[(value - 1) as usize].to_owned(),
        FieldKind::DayOfWeek => WEEKDAY_NAMES[(value % 7) as usize].to_owned(),
        _ => value.to_string(),
    }
}

fn describe_values(field: &Field) -> String {
    let items: Vec<String> = field
        .parts
        .iter()
        .map(|part| match *part {
            Part::Any { step } => {
                format!("every {step}{}", ordinal_suffix(step)) + " " + unit(field.kind)
            }
            Part::Range { start, end, .. } if start == end => value_name(field.kind, start),
            Part::Range {
                start,
                end,
                step: 1,
            } => format!(
                "{} through {}",
                value_name(field.kind, start),
                value_name(field.kind, end)
            ),
            Part::Range { start, end, step } => format!(
                "every {step}{} {} from {} through {}",
                ordinal_suffix(step),
                unit(field.kind),
                value_name(field.kind, start),
                value_name(field.kind, end)
            ),
        })
        .collect();
    join_words(&items)
}

fn unit(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Minute => "minute",
        FieldKind::Hour => "hour",
        FieldKind::DayOfMonth => "day",
        FieldKind::Month => "month",
        FieldKind::DayOfWeek => "day of the week",
        FieldKind::Year => "year",
    }
}

fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
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

    #[test]
    fn the_documents_examples_parse_and_read_well() {
        assert_eq!(cyborg("*/1 * * * * *").describe(), "Every minute");
        assert_eq!(cyborg("0 5 * * MON *").describe(), "At 05:00 on Monday");
        assert_eq!(cyborg("0 5 * * mon *").describe(), "At 05:00 on Monday");
    }

    #[test]
    fn descriptions_cover_common_shapes() {
        let d = |e| standard(e).describe();
        assert_eq!(d("30 2 1 * *"), "At 02:30 on day 1 of the month");
        assert_eq!(
            d("*/15 9-17 * * 1-5"),
            "Every 15 minutes, between 09:00 and 17:59 on Monday through Friday"
        );
        assert_eq!(d("0 0,12 * * *"), "At 00:00 and 12:00");
        assert_eq!(d("0 * * * *"), "At the start of every hour");
        assert_eq!(d("5 */2 * * *"), "At minute 5 past every 2 hours");
        assert_eq!(d("0 3 * JAN,JUL *"), "At 03:00 in January and July");
        assert_eq!(d("@daily"), "At 00:00");
    }

    #[test]
    fn errors_name_the_field_and_character() {
        let err = CronExpr::parse("0 25 * * *", Dialect::Standard).unwrap_err();
        assert_eq!(err.field, Some(FieldKind::Hour));
        assert_eq!(err.position, 2);
        assert!(err
            .to_string()
            .starts_with("Hour field (at character 3): 25 is out of range"));

        let err = CronExpr::parse("0 5 * * FUN", Dialect::Standard).unwrap_err();
        assert_eq!(err.field, Some(FieldKind::DayOfWeek));
        assert!(err.message.contains("SUN-SAT"));

        let err = CronExpr::parse("0 5 * * * *", Dialect::Standard).unwrap_err();
        assert_eq!(err.field, None);
        assert!(err.message.contains("Found 6 fields"));

        let err = CronExpr::parse("*/0 * * * *", Dialect::Standard).unwrap_err();
        assert_eq!((err.field, err.position), (Some(FieldKind::Minute), 2));

        let err = CronExpr::parse("0 5-3 * * *", Dialect::Standard).unwrap_err();
        assert!(err.message.contains("backwards"));
        assert!(CronExpr::parse("0 5 L * *", Dialect::Standard).is_err());
        assert!(CronExpr::parse("1,,2 * * * *", Dialect::Standard).is_err());
        assert!(CronExpr::parse("", Dialect::Standard).is_err());
        assert!(CronExpr::parse("@sometimes", Dialect::Standard).is_err());
    }

    #[test]
    fn next_runs_follow_the_fields() {
        let runs = cyborg("0 5 * * MON *").next_runs(at("2018-11-23T20:54:51Z"), 2);
        assert_eq!(
            runs,
            vec![at("2018-11-26T05:00:00Z"), at("2018-12-03T05:00:00Z")]
        );

        let runs = cyborg("*/1 * * * * *").next_runs(at("2020-01-01T00:00:30Z"), 2);
        assert_eq!(
            runs,
            vec![at("2020-01-01T00:01:00Z"), at("2020-01-01T00:02:00Z")]
        );

        // Vixie OR: the 13th, or any Friday.
        let runs = standard("0 0 13 * 5").next_runs(at("2026-11-01T00:00:00Z"), 3);
        assert_eq!(
            runs,
            vec![
                at("2026-11-06T00:00:00Z"),
                at("2026-11-13T00:00:00Z"),
                at("2026-11-20T00:00:00Z")
            ]
        );
        // 7 is Sunday too.
        assert_eq!(
            standard("0 0 * * 7").next_after(at("2026-11-27T00:00:00Z")),
            Some(at("2026-11-29T00:00:00Z"))
        );
        // February 30th never comes.
        assert_eq!(
            standard("0 0 30 2 *").next_after(at("2026-01-01T00:00:00Z")),
            None
        );
        // A past year never comes again.
        assert_eq!(
            cyborg("0 0 * * * 2020").next_after(at("2026-01-01T00:00:00Z")),
            None
        );
    }
}
