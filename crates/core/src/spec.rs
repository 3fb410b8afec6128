//! Vendor-agnostic descriptions of tables and forms, which the UI renders generically.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Bool,
    Bytes,
    DateTime,
    /// A list of ids, shown as a count.
    Count,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: ColumnKind,
    pub sortable: bool,
}

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
    /// One object of another collection (named as the API names it), by id.
    Reference(&'static str),
    /// Several objects of another collection, by id.
    References(&'static str),
    Crontab,
    Choice(&'static [&'static str]),
    /// A JSON object as text, may be empty.
    JsonText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    pub help: &'static str,
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
    }
}

pub const fn col(
    key: &'static str,
    label: &'static str,
    kind: ColumnKind,
    sortable: bool,
) -> Column {
    Column {
        key,
        label,
        kind,
        sortable,
    }
}
