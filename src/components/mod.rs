//! Generic, vendor-agnostic building blocks.

pub mod confirm;
pub mod data_table;
pub mod form_field;
pub mod pager;
pub mod schedule;
pub mod status;
