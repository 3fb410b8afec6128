//! Vendor-agnostic descriptions of tables and forms, which the UI renders generically.

pub mod form;
pub mod table;

pub use form::{check_common, field, flag_of, text_of, FieldKind, FieldSpec, FormValues};
pub use table::{json, Cell, Column, SortKey, Sorting, Tone, Width};
