//! A plan: its repositories (attach and detach with a picker) and the whole-plan editor for
//! `modifygitplan` (fields, schedule options with their next runs, backup window, the JSON).

pub mod draft;
pub mod editor;
pub mod json;
pub mod members;
pub mod options;
pub mod page;
pub mod preview;
