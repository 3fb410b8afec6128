//! Organizations: the table, and one organization with its plans and repositories.

pub mod detail;
pub mod list;
