//! Table columns as data: what a cell shows, how it sorts, where it links, how wide it is.
//!
//! A column reads a row of any type through a plain function, so typed models (Rackspace agents)
//! and schemaless JSON objects (CyBorgBackup collections) are shown by the same generic table.
//! Cells carry meaning (a time, a size, a status), not markup: the UI decides how each kind reads.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::format;

/// How good or bad a status is. Always shown with its text, never by colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tone {
    Good,
    Warning,
    Bad,
    /// Running or waiting: something is under way.
    Busy,
    Neutral,
}

impl Tone {
    /// A stable name for CSS classes and tests.
    pub fn name(self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Warning => "warning",
            Tone::Bad => "bad",
            Tone::Busy => "busy",
            Tone::Neutral => "neutral",
        }
    }
}

/// One table cell's content.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// Ids, paths, expressions: shown in a monospace font.
    Mono(String),
    /// An instant; `None` reads as "never"/unknown.
    Time(Option<DateTime<Utc>>),
    Bytes(Option<u64>),
    Flag(Option<bool>),
    Number(Option<f64>),
    Status {
        label: String,
        tone: Tone,
    },
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    pub fn status(label: impl Into<String>, tone: Tone) -> Self {
        Cell::Status {
            label: label.into(),
            tone,
        }
    }

    /// The text a cell reads as (times in UTC; the UI may show them in another zone).
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Mono(s) if s.is_empty() => "—".to_owned(),
            Cell::Text(s) | Cell::Mono(s) => s.clone(),
            Cell::Time(Some(t)) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
            Cell::Bytes(Some(n)) => format::bytes(*n),
            Cell::Flag(Some(true)) => "Yes".to_owned(),
            Cell::Flag(Some(false)) => "No".to_owned(),
            Cell::Number(Some(n)) => format_number(*n),
            Cell::Status { label, .. } => label.clone(),
            Cell::Time(None) | Cell::Bytes(None) | Cell::Flag(None) | Cell::Number(None) => {
                "—".to_owned()
            }
        }
    }

    /// The value a client-side sort compares, computed once per row and load.
    pub fn sort_key(&self) -> SortKey {
        match self {
            Cell::Text(s) | Cell::Mono(s) | Cell::Status { label: s, .. } if !s.is_empty() => {
                SortKey::Text(s.to_lowercase())
            }
            Cell::Time(Some(t)) => SortKey::Number(t.timestamp_millis() as f64),
            Cell::Bytes(Some(n)) => SortKey::Number(*n as f64),
            Cell::Flag(Some(b)) => SortKey::Number(f64::from(u8::from(*b))),
            Cell::Number(Some(n)) if n.is_finite() => SortKey::Number(*n),
            _ => SortKey::Missing,
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        // serde_json's float printing, which the console has anyway, rather than the standard
        // library's (11 KB more in the browser's wasm).
        serde_json::Number::from_f64(n).map_or_else(|| "—".to_owned(), |x| x.to_string())
    }
}

/// What rows are ordered by. Missing values sort last in either direction.
#[derive(Clone, Debug, PartialEq)]
pub enum SortKey {
    Number(f64),
    Text(String),
    Missing,
}

impl SortKey {
    /// Ascending order; numbers before text, missing values last.
    pub fn compare(&self, other: &SortKey) -> std::cmp::Ordering {
        use std::cmp::Ordering::*;
        match (self, other) {
            (SortKey::Number(a), SortKey::Number(b)) => a.partial_cmp(b).unwrap_or(Equal),
            (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
            (SortKey::Missing, SortKey::Missing) => Equal,
            (SortKey::Missing, _) => Greater,
            (_, SortKey::Missing) => Less,
            (SortKey::Number(_), SortKey::Text(_)) => Less,
            (SortKey::Text(_), SortKey::Number(_)) => Greater,
        }
    }
}

/// Who orders the rows when an operator clicks a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sorting {
    None,
    /// The API orders by the column's key (`order_by=key` / `-key`).
    Server,
    /// The console orders the rows it has, by the cell's sort key.
    Client,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    Auto,
    Narrow,
    Wide,
}

impl Width {
    pub fn class(self) -> &'static str {
        match self {
            Width::Auto => "",
            Width::Narrow => "col-narrow",
            Width::Wide => "col-wide",
        }
    }
}

/// A cell's content from a row; `key` is the column's key, for rows read by field name.
pub type CellFn<T> = fn(&T, &'static str) -> Cell;
/// A route below the connection (`/agents/5`) that a cell links to.
pub type LinkFn<T> = fn(&T) -> Option<String>;

pub struct Column<T: 'static> {
    /// Stable name: `sort-{key}` test ids, `data-col`, and the server's ordering field.
    pub key: &'static str,
    pub label: &'static str,
    pub cell: CellFn<T>,
    pub sort: Sorting,
    pub link: Option<LinkFn<T>>,
    pub width: Width,
}

// Manual impls: a derive would demand `T: Clone`, but only fn pointers are stored.
impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Column<T> {}

impl<T> std::fmt::Debug for Column<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Column")
            .field("key", &self.key)
            .field("label", &self.label)
            .field("sort", &self.sort)
            .finish()
    }
}

impl<T> Column<T> {
    pub const fn new(key: &'static str, label: &'static str, cell: CellFn<T>) -> Self {
        Self {
            key,
            label,
            cell,
            sort: Sorting::None,
            link: None,
            width: Width::Auto,
        }
    }

    /// Sorted by the console.
    pub const fn sorted(mut self) -> Self {
        self.sort = Sorting::Client;
        self
    }

    /// Sorted by the API, by this column's key.
    pub const fn server_sorted(mut self) -> Self {
        self.sort = Sorting::Server;
        self
    }

    pub const fn link(mut self, link: LinkFn<T>) -> Self {
        self.link = Some(link);
        self
    }

    pub const fn narrow(mut self) -> Self {
        self.width = Width::Narrow;
        self
    }

    pub const fn wide(mut self) -> Self {
        self.width = Width::Wide;
        self
    }

    pub fn cell_of(&self, row: &T) -> Cell {
        (self.cell)(row, self.key)
    }

    pub fn link_of(&self, row: &T) -> Option<String> {
        self.link.and_then(|f| f(row))
    }
}

/// Readers for rows that are JSON objects, by the column's key.
pub mod json {
    use super::*;

    pub fn text(row: &Value, key: &'static str) -> Cell {
        Cell::Text(plain_or_empty(&row[key]))
    }

    pub fn mono(row: &Value, key: &'static str) -> Cell {
        Cell::Mono(plain_or_empty(&row[key]))
    }

    pub fn flag(row: &Value, key: &'static str) -> Cell {
        Cell::Flag(row[key].as_bool())
    }

    pub fn bytes(row: &Value, key: &'static str) -> Cell {
        match &row[key] {
            Value::Number(n) => n
                .as_u64()
                .map_or_else(|| Cell::Text(n.to_string()), |b| Cell::Bytes(Some(b))),
            _ => Cell::Bytes(None),
        }
    }

    pub fn time(row: &Value, key: &'static str) -> Cell {
        match &row[key] {
            Value::String(s) => match format::parse_instant(s) {
                Some(t) => Cell::Time(Some(t)),
                None if s.is_empty() || s.starts_with("/Date(") => Cell::Time(None),
                None => Cell::Text(s.clone()),
            },
            _ => Cell::Time(None),
        }
    }

    /// A list of ids shown as how many there are.
    pub fn count(row: &Value, key: &'static str) -> Cell {
        match &row[key] {
            Value::Array(items) => Cell::Number(Some(items.len() as f64)),
            other => Cell::Text(plain_or_empty(other)),
        }
    }

    fn plain_or_empty(value: &Value) -> String {
        match value {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => format::plain(other),
        }
    }

    /// An id as text: numbers and strings alike, without quotes.
    pub fn id(value: &Value) -> String {
        match value {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NAME: Column<Value> = Column::new("name", "Name", json::text).sorted();
    const SIZE: Column<Value> = Column::new("size", "Size", json::bytes).sorted();

    #[test]
    fn cells_read_and_sort_by_meaning() {
        let row =
            json!({"name": "Beta", "size": 1536, "when": "2018-11-26T05:00:00Z", "ids": [1, 2]});
        assert_eq!(NAME.cell_of(&row).display(), "Beta");
        assert_eq!(SIZE.cell_of(&row).display(), "1.5 KiB");
        assert_eq!(json::time(&row, "when").display(), "2018-11-26 05:00 UTC");
        assert_eq!(json::count(&row, "ids").display(), "2");
        assert_eq!(json::text(&row, "missing").display(), "—");
        assert_eq!(json::flag(&json!({"on": false}), "on").display(), "No");
        assert_eq!(NAME.cell_of(&row).sort_key(), SortKey::Text("beta".into()));
        assert_eq!(SIZE.cell_of(&row).sort_key(), SortKey::Number(1536.0));
    }

    #[test]
    fn missing_values_sort_last_and_numbers_compare_as_numbers() {
        let mut keys = [
            SortKey::Missing,
            SortKey::Number(10.0),
            SortKey::Number(9.0),
            SortKey::Text("a".into()),
        ];
        keys.sort_by(SortKey::compare);
        assert_eq!(
            keys,
            [
                SortKey::Number(9.0),
                SortKey::Number(10.0),
                SortKey::Text("a".into()),
                SortKey::Missing
            ]
        );
    }

    #[test]
    fn statuses_carry_text_and_tone() {
        let cell = Cell::status("Failed", Tone::Bad);
        assert_eq!(cell.display(), "Failed");
        assert_eq!(Tone::Bad.name(), "bad");
    }
}
