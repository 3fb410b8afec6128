//! Backup Console: the Leptos single-page app. UI only; the logic it shows lives in
//! `backup-console-core`.

pub mod action;
pub mod app;
pub mod calls;
pub mod clock;
pub mod components;
pub mod crash;
pub mod load;
pub mod paths;
pub mod session;
pub mod transport;
pub mod vendors;

/// Start the console in the page's `<body>`.
pub fn mount() {
    crash::install();
    leptos::mount::mount_to_body(app::App);
}
