//! Generic, vendor-agnostic building blocks.

pub mod confirm;
pub mod cron_field;
pub mod data_table;
pub mod form_field;
pub mod pager;
pub mod status;
