//! The views across every connection: the overview (`/`) with every job's health, and the week
//! of schedules (`/schedule/week`). Both read the same [`board::Board`]: each connection's
//! jobs, loaded in parallel by the vendor's feed (`vendors::feed`).

pub mod board;
pub mod feed;
mod filters;
pub mod page;
pub mod timeline;
pub mod week;
