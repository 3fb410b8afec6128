//! Reading an expression: macros, the shape of each dialect, fields, items and values.

use super::{CronError, CronExpr, Dialect, Field, FieldKind, Part};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
