//! An organization's repositories: filters in the URL, licences in bulk, removal.

pub mod bulk;
pub mod filters;
pub mod list;
pub mod remove;
