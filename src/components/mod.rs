//! Generic, vendor-agnostic building blocks.

pub mod confirm;
pub mod data_table;
pub mod draft;
pub mod edit_form;
pub mod form_field;
pub mod pager;
pub mod panel;
pub mod schedule;
pub mod status;
