//! CyBorgBackup pages: a home with the service's status, and tables, details and forms for
//! every collection, all rendered from the core's resource descriptions.

mod calendar;
mod detail;
mod form;
mod home;
pub mod jobs;
mod list;
pub mod sign_in;

use backup_console_core::connection::Connection;
use backup_console_core::vendors::cyborgbackup::Resource;
use leptos::prelude::*;

use super::not_found;

pub fn sections() -> Vec<(&'static str, &'static str)> {
    Resource::ALL
        .iter()
        .map(|r| (r.name(), r.title()))
        .collect()
}

/// The page at `/c/{connection}/{path...}`.
pub fn page(connection: Connection, path: &[&str]) -> AnyView {
    let conn = connection.id.clone();
    let Some((name, rest)) = path.split_first() else {
        return view! { <home::Home connection=connection /> }.into_any();
    };
    let Some(resource) = Resource::from_name(name) else {
        return not_found(format!("CyBorgBackup has no collection named \"{name}\"."));
    };
    let id = |text: &str| text.parse::<u64>().ok();
    match rest {
        [] => view! { <list::List conn=conn resource=resource /> }.into_any(),
        ["new"] if resource.writable() => {
            view! { <form::Form conn=conn resource=resource id=None /> }.into_any()
        }
        [text] => match id(text) {
            Some(id) => view! { <detail::Detail conn=conn resource=resource id=id /> }.into_any(),
            None => not_found(format!("\"{text}\" is not a {} id.", resource.singular())),
        },
        [text, "edit"] if resource.writable() => match id(text) {
            Some(id) => view! { <form::Form conn=conn resource=resource id=Some(id) /> }.into_any(),
            None => not_found(format!("\"{text}\" is not a {} id.", resource.singular())),
        },
        _ => not_found(format!("CyBorgBackup has no page \"{}\".", path.join("/"))),
    }
}
