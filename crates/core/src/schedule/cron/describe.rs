//! A schedule in plain English.

use super::{CronExpr, Dialect, Field, FieldKind, Part, MONTHS, WEEKDAY_NAMES};

impl CronExpr {
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

    fn standard(expr: &str) -> CronExpr {
        CronExpr::parse(expr, Dialect::Standard).unwrap()
    }

    fn cyborg(expr: &str) -> CronExpr {
        CronExpr::parse(expr, Dialect::CyBorgBackup).unwrap()
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
}
