//! Each vendor's pages; this file only dispatches to them.

pub mod cyborgbackup;
pub mod rackspace;

use backup_console_core::connection::Connection;
use backup_console_core::vendors::Vendor;
use leptos::prelude::*;

/// The sections of a vendor shown in navigation: (route name, title).
pub fn sections(vendor: Vendor) -> Vec<(&'static str, &'static str)> {
    match vendor {
        Vendor::CyBorgBackup => cyborgbackup::sections(),
        Vendor::Rackspace => rackspace::sections(),
        _ => Vec::new(),
    }
}

/// The page for `/c/{connection}/{resource}/{id}[/edit]`.
pub fn page(
    connection: Connection,
    resource: Option<String>,
    id: Option<String>,
    editing: bool,
) -> AnyView {
    match connection.vendor {
        Vendor::CyBorgBackup => cyborgbackup::page(connection, resource, id, editing),
        Vendor::Rackspace => rackspace::page(connection, resource, id, editing),
        vendor => view! {
            <h1>{connection.display_name().to_owned()}</h1>
            <p data-testid="vendor-unsupported">{vendor.title()}" is not supported by this console yet."</p>
        }
        .into_any(),
    }
}
