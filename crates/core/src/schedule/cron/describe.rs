//! A schedule in plain English.

use super::{CronExpr, Field, FieldKind, Part, MONTHS, WEEKDAY_NAMES};

impl CronExpr {
    /// The expression in plain English, e.g. "At 05:00 on Monday".
    pub fn describe(&self) -> String {
        let mut out = describe_time(self.f(FieldKind::Minute), self.f(FieldKind::Hour));
        let days = self.describe_days();
        if !days.is_empty() {
            out.push(' ');
            out.push_str(&days);
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

    /// The day part of [`CronExpr::describe`], worded after the rule that combines the two day
    /// fields ("" when every day qualifies).
    fn describe_days(&self) -> String {
        let dom = self.f(FieldKind::DayOfMonth);
        let dow = self.f(FieldKind::DayOfWeek);
        if self.days_match_either() {
            // One field taking every day makes every day qualify.
            if dom.is_full() || dow.is_full() {
                return String::new();
            }
            return format!(
                "on {} or on {}",
                describe_dom(dom),
                weekdays(dow, true, "and")
            );
        }
        match (dom.is_full(), dow.is_full()) {
            (true, true) => String::new(),
            (true, false) => format!("on {}", weekdays(dow, false, "and")),
            (false, true) => format!("on {}", describe_dom(dom)),
            // One day of the month: say when it counts.
            (false, false) if single_day(dom) => match weekday_values(dow).as_slice() {
                [one] => format!(
                    "on {}, if it is a {}",
                    describe_dom(dom),
                    WEEKDAY_NAMES[*one as usize]
                ),
                _ => format!(
                    "on {}, if it falls on {}",
                    describe_dom(dom),
                    weekdays(dow, false, "or")
                ),
            },
            (false, false) => format!(
                "on {} that are {}",
                describe_dom(dom),
                weekdays(dow, true, "and")
            ),
        }
    }

    /// A warning for the editor when the day fields combine in a way people misread: in the
    /// standard dialect, two restricted day fields mean either one (`0 0 13 * 5` runs on every
    /// 13th and every Friday, not on Friday the 13th). `None` when there is nothing to misread.
    pub fn day_rule_warning(&self) -> Option<String> {
        self.days_match_either().then(|| {
            format!(
                "Both day fields are set, so this runs on {} or on {} (standard cron matches \
                 either field), not only on days that match both.",
                describe_dom(self.f(FieldKind::DayOfMonth)),
                weekdays(self.f(FieldKind::DayOfWeek), true, "and")
            )
        })
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

/// Days of the month from the values that match (exact whatever the spelling: `*/10`, `1-31/2`).
fn describe_dom(field: &Field) -> String {
    let days: Vec<u32> = (1..=31).filter(|d| field.matches(*d)).collect();
    if days == (1..=31).step_by(2).collect::<Vec<_>>() {
        return "odd days of the month".into();
    }
    if days == (2..=30).step_by(2).collect::<Vec<_>>() {
        return "even days of the month".into();
    }
    let items = runs(&days, |d| d.to_string());
    let noun = if days.len() == 1 { "day" } else { "days" };
    format!("{noun} {} of the month", join_with(&items, "and"))
}

fn single_day(field: &Field) -> bool {
    field.mask.count_ones() == 1
}

/// The matching days of the week, Monday first so that weekends read as one stretch.
fn weekday_values(field: &Field) -> Vec<u32> {
    [1, 2, 3, 4, 5, 6, 0]
        .into_iter()
        .filter(|d| field.matches(*d))
        .collect()
}

/// "Monday through Friday", "Saturday and Sunday"; plural: "Mondays and Fridays".
fn weekdays(field: &Field, plural: bool, conjunction: &str) -> String {
    // Positions in the Monday-first week, so that runs are found in that order.
    let positions: Vec<u32> = weekday_values(field)
        .into_iter()
        .map(|d| (d + 6) % 7)
        .collect();
    let name = |position: u32| {
        let day = WEEKDAY_NAMES[((position + 1) % 7) as usize];
        if plural {
            format!("{day}s")
        } else {
            day.to_owned()
        }
    };
    join_with(&runs(&positions, name), conjunction)
}

/// Ascending values as items: three or more consecutive ones become "a through b".
fn runs(values: &[u32], name: impl Fn(u32) -> String) -> Vec<String> {
    let mut items = Vec::new();
    let mut index = 0;
    while index < values.len() {
        let mut end = index;
        while end + 1 < values.len() && values[end + 1] == values[end] + 1 {
            end += 1;
        }
        if end - index >= 2 {
            items.push(format!(
                "{} through {}",
                name(values[index]),
                name(values[end])
            ));
        } else {
            items.extend(values[index..=end].iter().map(|v| name(*v)));
        }
        index = end + 1;
    }
    items
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
    join_with(items, "and")
}

fn join_with(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Dialect;

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

    #[test]
    fn descriptions_say_how_the_day_fields_combine() {
        let d = |e| standard(e).describe();
        assert_eq!(
            d("0 0 */2 * 1"),
            "At 00:00 on odd days of the month that are Mondays"
        );
        assert_eq!(
            d("0 0 13 * 5"),
            "At 00:00 on day 13 of the month or on Fridays"
        );
        assert_eq!(
            d("0 0 1,15 * SAT,SUN"),
            "At 00:00 on days 1 and 15 of the month or on Saturdays and Sundays"
        );
        assert_eq!(
            d("0 0 */10 * 1-5"),
            "At 00:00 on days 1, 11, 21 and 31 of the month that are Mondays through Fridays"
        );
        assert_eq!(
            d("0 0 1 * */2"),
            "At 00:00 on day 1 of the month, if it falls on Tuesday, Thursday, Saturday or Sunday"
        );
        assert_eq!(d("0 0 2-30/2 * *"), "At 00:00 on even days of the month");
        assert_eq!(
            d("0 0 1-7 * *"),
            "At 00:00 on days 1 through 7 of the month"
        );
        // Either field matching every day: every day.
        assert_eq!(d("0 0 1-31 * 1"), "At 00:00");
        assert_eq!(
            cyborg("0 0 1-7 * 1,5 *").describe(),
            "At 00:00 on days 1 through 7 of the month that are Mondays and Fridays"
        );
        assert_eq!(
            cyborg("0 0 13 * 5,6 *").describe(),
            "At 00:00 on day 13 of the month, if it falls on Friday or Saturday"
        );
    }

    #[test]
    fn a_warning_when_both_day_fields_are_restricted() {
        let w = |e| standard(e).day_rule_warning();
        assert_eq!(
            w("0 0 13 * 5").as_deref(),
            Some(
                "Both day fields are set, so this runs on day 13 of the month or on Fridays \
                 (standard cron matches either field), not only on days that match both."
            )
        );
        assert!(w("0 0 1-31 * MON").is_some());
        for quiet in [
            "0 0 */2 * 1",
            "0 0 13 * *",
            "0 0 * * 5",
            "0 0 ? * 5",
            "@daily",
        ] {
            assert_eq!(w(quiet), None, "{quiet}");
        }
        // CyBorgBackup always needs both: nothing to misread.
        assert_eq!(cyborg("0 0 13 * 5 *").day_rule_warning(), None);
    }
}
