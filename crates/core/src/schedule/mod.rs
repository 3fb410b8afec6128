//! Schedules as the vendors express them.

pub mod cron;
pub mod rackspace;
pub mod window;
pub mod windows_zones;
mod windows_zones_data;
pub mod xopero;
pub mod xopero_words;
pub mod zone;
mod zone_data;

pub use cron::{CronError, CronExpr, Dialect};
pub use window::BackupWindow;
pub use zone::Zone;
