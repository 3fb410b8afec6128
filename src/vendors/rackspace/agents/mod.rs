//! Agents: the list with live status, and one agent with its settings, encryption, vault
//! migration, configurations and activity.

mod detail;
mod encryption;
mod list;
mod migrate;
mod related;
mod settings;

pub use detail::AgentDetail;
pub use list::AgentList;
