//! Backup Console's logic, free of web dependencies so it is tested natively.
//!
//! - [`api`]: requests and responses as data, errors in the operator's words, pagination.
//! - [`connection`]: where a vendor API lives and how to authenticate to it.
//! - [`vendors`]: models, request builders and validation per vendor.
//! - [`schedule`]: cron expressions and other schedule forms.

pub mod api;
pub mod connection;
pub mod format;
pub mod json_path;
pub mod retry;
pub mod schedule;
pub mod single_flight;
pub mod spec;
pub mod vendors;
