//! Schedules as the vendors express them.

pub mod cron;

pub use cron::{CronError, CronExpr, Dialect};
