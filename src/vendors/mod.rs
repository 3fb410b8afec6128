//! Each vendor's pages. This file is the one place a vendor's pages are registered: its
//! navigation sections and its page for a path below `/c/{connection}/`.

pub mod cyborgbackup;
pub mod rackspace;
pub mod xopero;

use backup_console_core::connection::Connection;
use backup_console_core::vendors::Vendor;
use leptos::prelude::*;

/// The sections of a vendor shown in navigation: (route name, title).
pub fn sections(vendor: Vendor) -> Vec<(&'static str, &'static str)> {
    match vendor {
        Vendor::CyBorgBackup => cyborgbackup::sections(),
        Vendor::Rackspace => rackspace::sections(),
        Vendor::Xopero => xopero::sections(),
        _ => Vec::new(),
    }
}

/// The page for `/c/{connection}/{path...}` (path segments already percent-decoded).
pub fn page(connection: Connection, path: &[&str]) -> AnyView {
    match connection.vendor {
        Vendor::CyBorgBackup => cyborgbackup::page(connection, path),
        Vendor::Rackspace => rackspace::page(connection, path),
        Vendor::Xopero => xopero::page(connection, path),
        vendor => view! {
            <h1>{connection.display_name().to_owned()}</h1>
            <p data-testid="vendor-unsupported">{vendor.title()}" is not supported by this console yet."</p>
        }
        .into_any(),
    }
}

/// The vendor's own sign-in, besides pasting a token, when the connection allows it.
pub fn sign_in(connection: &Connection) -> Option<crate::session::sign_in::SignInMethod> {
    match connection.vendor {
        Vendor::Rackspace => rackspace::sign_in::method(connection),
        Vendor::Xopero => Some(xopero::sign_in::method()),
        _ => None,
    }
}

/// A path below a connection that names nothing.
pub fn not_found(message: String) -> AnyView {
    view! {
        <h1>"Not found"</h1>
        <p data-testid="unknown-resource">{message}</p>
    }
    .into_any()
}
