//! Form fields as data: kind, label, help and when a field shows. The UI renders them
//! generically; each vendor validates the values and builds the request body in core.

use std::collections::BTreeMap;

use serde_json::{json, Value};

/// Form field key to the text in the input (booleans are `"true"`/`"false"`).
pub type FormValues = BTreeMap<String, String>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Email,
    Hostname,
    /// Comma-separated IP addresses, may be empty.
    IpList,
    /// A secret the form shows masked.
    Secret,
    Bool,
    /// Optional non-negative whole number (`null` when empty).
    Count,
    /// A whole number within bounds, required unless the field says otherwise.
    Number {
        min: i64,
        max: i64,
    },
    /// One object of another collection (named as the API names it), by id.
    Reference(&'static str),
    /// Several objects of another collection, by id.
    References(&'static str),
    Crontab,
    Choice(&'static [&'static str]),
    /// Choices as (value, label).
    Labeled(&'static [(&'static str, &'static str)]),
    /// Choices the page supplies at run time under this name (time zones, agents), no empty entry.
    Options(&'static str),
    /// Free text, with suggestions the page supplies at run time under this name (names the
    /// service knows but does not list).
    Suggest(&'static str),
    /// One item per line (paths, addresses).
    Lines,
    /// A JSON object as text, may be empty.
    JsonText,
}

/// Whether a field shows, given the form's current values (dependent fields).
pub type VisibleFn = fn(&FormValues) -> bool;

#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    pub help: &'static str,
    pub visible: Option<VisibleFn>,
    /// The control's `data-testid` when it is not `field-{key}` (kept stable for tests).
    pub testid: Option<&'static str>,
}

impl FieldSpec {
    /// Shown only when `visible` says so.
    pub const fn when(mut self, visible: VisibleFn) -> Self {
        self.visible = Some(visible);
        self
    }

    pub const fn testid(mut self, testid: &'static str) -> Self {
        self.testid = Some(testid);
        self
    }

    pub fn is_visible(&self, values: &FormValues) -> bool {
        self.visible.is_none_or(|f| f(values))
    }
}

pub const fn field(
    key: &'static str,
    label: &'static str,
    kind: FieldKind,
    required: bool,
    help: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        kind,
        required,
        help,
        visible: None,
        testid: None,
    }
}

/// Checks every vendor shares: required, numbers, emails, choices. `Ok` carries the JSON value.
pub fn check_common(spec: &FieldSpec, raw: &str) -> Result<Value, String> {
    let text = raw.trim();
    if spec.required && text.is_empty() && spec.kind != FieldKind::Bool {
        return Err(format!("{} is required.", spec.label));
    }
    match spec.kind {
        FieldKind::Bool => Ok(json!(text == "true")),
        FieldKind::Email if !text.is_empty() && !is_email(text) => {
            Err("Enter an email address like name@example.com.".into())
        }
        FieldKind::Number { min, max } => match text.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(json!(n)),
            _ if text.is_empty() => Ok(Value::Null),
            _ => Err(format!("Enter a whole number from {min} to {max}.")),
        },
        FieldKind::Count if !text.is_empty() => text
            .parse::<u32>()
            .map(|n| json!(n))
            .map_err(|_| "Enter a whole number, 0 or more, or leave it empty.".into()),
        FieldKind::Count => Ok(Value::Null),
        FieldKind::Choice(options) if !text.is_empty() && !options.contains(&text) => {
            Err(format!("Choose one of: {}.", options.join(", ")))
        }
        FieldKind::Labeled(options)
            if !text.is_empty() && !options.iter().any(|(v, _)| *v == text) =>
        {
            Err(format!("Choose a {}.", spec.label.to_lowercase()))
        }
        FieldKind::Lines => Ok(json!(lines(raw))),
        _ => Ok(json!(text)),
    }
}

/// A field's text, trimmed ("" when absent).
pub fn text_of(values: &FormValues, key: &str) -> String {
    values
        .get(key)
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

/// Whether a checkbox is ticked.
pub fn flag_of(values: &FormValues, key: &str) -> bool {
    values.get(key).is_some_and(|v| v == "true")
}

/// The non-empty, trimmed lines of a text area.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A pragmatic check: one `@`, something before it, a dot inside the domain, no spaces.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOURS: FieldSpec = field(
        "interval",
        "Every (hours)",
        FieldKind::Number { min: 1, max: 23 },
        true,
        "",
    );

    #[test]
    fn common_checks_name_the_problem() {
        assert_eq!(check_common(&HOURS, "6"), Ok(json!(6)));
        assert_eq!(
            check_common(&HOURS, "24"),
            Err("Enter a whole number from 1 to 23.".into())
        );
        assert_eq!(
            check_common(&HOURS, " "),
            Err("Every (hours) is required.".into())
        );
        let email = field("to", "Notify", FieldKind::Email, false, "");
        assert!(check_common(&email, "ops@example").is_err());
        assert!(check_common(&email, "").is_ok());
        let paths = field("paths", "Paths", FieldKind::Lines, false, "");
        assert_eq!(
            check_common(&paths, "/a\n\n /b \n"),
            Ok(json!(["/a", "/b"]))
        );
    }

    #[test]
    fn dependent_fields_show_only_when_their_condition_holds() {
        let weekly = HOURS.when(|v| v.get("frequency").is_some_and(|f| f == "Hourly"));
        let mut values = FormValues::new();
        assert!(!weekly.is_visible(&values));
        values.insert("frequency".into(), "Hourly".into());
        assert!(weekly.is_visible(&values));
        assert!(HOURS.is_visible(&FormValues::new()));
    }
}
