//! Each vendor's pages. This file is the one place a vendor's pages are registered: its
//! navigation sections, its page for a path below `/c/{connection}/`, its sign-in, and its
//! jobs for the overview.

pub mod cloudback;
pub mod cyborgbackup;
pub mod rackspace;
pub mod scheduled_backup;
pub mod xopero;

use backup_console_core::connection::Connection;
use backup_console_core::vendors::Vendor;
use leptos::prelude::*;

/// The sections of a vendor shown in navigation: (route name, title).
pub fn sections(vendor: Vendor) -> Vec<(&'static str, &'static str)> {
    match vendor {
        Vendor::CyBorgBackup => cyborgbackup::sections(),
        Vendor::Rackspace => rackspace::sections(),
        Vendor::Cloudback => cloudback::sections(),
        Vendor::ScheduledBackup => scheduled_backup::sections(),
        Vendor::Xopero => xopero::sections(),
    }
}

/// The page for `/c/{connection}/{path...}` (path segments already percent-decoded).
pub fn page(connection: Connection, path: &[&str]) -> AnyView {
    match connection.vendor {
        Vendor::CyBorgBackup => cyborgbackup::page(connection, path),
        Vendor::Rackspace => rackspace::page(connection, path),
        Vendor::Cloudback => cloudback::page(connection, path),
        Vendor::ScheduledBackup => scheduled_backup::page(connection, path),
        Vendor::Xopero => xopero::page(connection, path),
    }
}

/// The connection's backup units as jobs, for the overview and the week of schedules.
pub fn feed(input: crate::overview::feed::FeedInput) -> crate::overview::feed::Feed {
    match input.connection.vendor {
        Vendor::CyBorgBackup => cyborgbackup::jobs::feed(input),
        Vendor::Rackspace => rackspace::jobs::feed(input),
        Vendor::Cloudback => cloudback::jobs::feed(input),
        Vendor::ScheduledBackup => scheduled_backup::jobs::feed(input),
        Vendor::Xopero => xopero::jobs::feed(input),
    }
}

/// The vendor's own sign-in, besides pasting a token, when the connection allows it.
pub fn sign_in(connection: &Connection) -> Option<crate::session::sign_in::SignInMethod> {
    match connection.vendor {
        Vendor::Rackspace => rackspace::sign_in::method(connection),
        Vendor::CyBorgBackup => cyborgbackup::sign_in::method(connection),
        Vendor::ScheduledBackup => scheduled_backup::sign_in::method(connection),
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
