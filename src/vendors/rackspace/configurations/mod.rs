//! Backup configurations: all of them, one with its backups, and the create/edit form.

mod detail;
mod form;
mod list;

pub use detail::ConfigurationDetail;
pub use form::ConfigurationForm;
pub use list::ConfigurationList;
