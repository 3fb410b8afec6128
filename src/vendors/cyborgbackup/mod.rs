//! CyBorgBackup pages: a home with the service's status, and tables, details and forms for
//! every collection, all rendered from the core's resource descriptions.

mod detail;
mod form;
mod home;
mod list;

use backup_console_core::connection::Connection;
use backup_console_core::vendors::cyborgbackup::Resource;
use leptos::prelude::*;

pub fn sections() -> Vec<(&'static str, &'static str)> {
    Resource::ALL
        .iter()
        .map(|r| (r.name(), r.title()))
        .collect()
}

pub fn page(
    connection: Connection,
    resource: Option<String>,
    id: Option<String>,
    editing: bool,
) -> AnyView {
    let conn = connection.id.clone();
    let Some(name) = resource else {
        return view! { <home::Home connection=connection /> }.into_any();
    };
    let Some(resource) = Resource::from_name(&name) else {
        return view! {
            <h1>"Not found"</h1>
            <p data-testid="unknown-resource">"CyBorgBackup has no collection named \"" {name} "\"."</p>
        }
        .into_any();
    };
    match id.as_deref() {
        None => view! { <list::List conn=conn resource=resource /> }.into_any(),
        Some("new") if resource.writable() => view! { <form::Form conn=conn resource=resource id=None /> }.into_any(),
        Some(text) => match text.parse::<u64>() {
            Ok(id) if editing && resource.writable() => {
                view! { <form::Form conn=conn resource=resource id=Some(id) /> }.into_any()
            }
            Ok(id) => view! { <detail::Detail conn=conn resource=resource id=id /> }.into_any(),
            Err(_) => view! {
                <h1>"Not found"</h1>
                <p data-testid="unknown-resource">"\"" {text.to_owned()} "\" is not a " {resource.singular()} " id."</p>
            }
            .into_any(),
        },
    }
}
