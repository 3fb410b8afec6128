//! Backup Console: the Leptos single-page app. UI only; the logic it shows lives in
//! `backup-console-core`.

pub mod action;
pub mod app;
pub mod calls;
pub mod clock;
pub mod components;
pub mod crash;
pub mod download;
pub mod embed;
pub mod load;
pub mod overview;
pub mod paths;
pub mod prefs;
pub mod session;
pub mod transport;
pub mod vendors;

/// Start the console in the page's `<body>`, inside its root element (the one its styles are
/// scoped to), unless a host page loaded it to mount it itself (`embed::mount`).
pub fn mount() {
    crash::install();
    if embed::loaded_by_host() {
        return;
    }
    leptos::mount::mount_to_body(|| {
        use leptos::prelude::*;
        view! { <div class="backup-console"><app::App /></div> }
    });
}
