//! Each vendor's pages. This file is the one place a vendor's pages are registered: its
//! navigation sections, its page for a path below `/c/{connection}/`, its sign-in, and its
//! jobs for the overview.
//!
//! A vendor's pages are compiled into the console but loaded on demand: each vendor's `page`
//! is a split point (`vendor_chunk!`), so its screens, its models' decoders and the generic
//! views they instantiate go into a separate wasm chunk that the browser fetches the first
//! time a page of that vendor is shown (see ARCHITECTURE.md, "Bundle"). Its jobs feed is not:
//! the overview at `/` needs every vendor's at once.

pub mod cloudback;
pub mod cyborgbackup;
pub mod rackspace;
pub mod scheduled_backup;
pub mod xopero;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use backup_console_core::connection::Connection;
use backup_console_core::vendors::Vendor;
use leptos::prelude::*;

use crate::components::status::Loading;

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

/// One vendor's pages as a lazily loaded chunk: `vendor_chunk!(chunk_name, module)` declares
/// `async fn chunk_name(connection, path) -> Result<AnyView, ChunkFailed>`, which fetches the
/// chunk (once; a failed fetch is tried again on the next call) and then runs
/// `module::page(connection, &path)` from it. Natively it is a plain call.
#[cfg(feature = "split")]
macro_rules! vendor_chunk {
    ($chunk:ident, $vendor:ident) => {
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $chunk(connection: Connection, path: Vec<String>) -> Result<AnyView, ChunkFailed> {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            // Built inside the loader's future: reads while building must not subscribe it.
            Ok(untrack(|| $vendor::page(connection, &path)))
        }
    };
}

/// Without the `split` feature (component tests: wasm-bindgen-test-runner runs the real
/// wasm-bindgen, which cannot resolve the splitter's loader) the pages are a plain call.
#[cfg(not(feature = "split"))]
macro_rules! vendor_chunk {
    ($chunk:ident, $vendor:ident) => {
        async fn $chunk(connection: Connection, path: Vec<String>) -> Result<AnyView, ChunkFailed> {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            Ok(untrack(|| $vendor::page(connection, &path)))
        }
    };
}

vendor_chunk!(cyborgbackup_pages, cyborgbackup);
vendor_chunk!(rackspace_pages, rackspace);
vendor_chunk!(cloudback_pages, cloudback);
vendor_chunk!(scheduled_backup_pages, scheduled_backup);
vendor_chunk!(xopero_pages, xopero);

/// The views across connections (`/` and `/schedule/week`). They are a chunk of their own too:
/// they need the page framework and every vendor's jobs feed, which would otherwise all be in
/// the main module that every first page waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Across {
    Overview,
    Week,
}

fn across_view(which: Across) -> AnyView {
    match which {
        Across::Overview => view! { <crate::overview::page::OverviewPage /> }.into_any(),
        Across::Week => view! { <crate::overview::week::WeekPage /> }.into_any(),
    }
}

#[cfg(feature = "split")]
#[::leptos::wasm_split::wasm_split(overview_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn overview_pages(which: Across) -> Result<AnyView, ChunkFailed> {
    Ok(untrack(|| across_view(which)))
}

#[cfg(not(feature = "split"))]
async fn overview_pages(which: Across) -> Result<AnyView, ChunkFailed> {
    Ok(untrack(|| across_view(which)))
}

/// The overview or the week of schedules, loaded like a vendor's pages.
pub fn across(which: Across) -> AnyView {
    let attempt = RwSignal::new(0u32);
    let show = move || {
        attempt.track();
        loaded(Box::pin(overview_pages(which)), "overview", attempt)
    };
    show.into_any()
}

/// A vendor's chunk could not be fetched or instantiated (network, or a stale deployment).
#[derive(Clone, Copy, Debug)]
pub struct ChunkFailed;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkFailed
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

type PageLoad = Pin<Box<dyn Future<Output = Result<AnyView, ChunkFailed>>>>;

/// The page for `/c/{connection}/{path...}` (path segments already percent-decoded).
///
/// Once the vendor's chunk is loaded this is a synchronous call; the first time, the panel's
/// loading line shows until it arrives, and a failed load is an error with "Try again".
pub fn page(connection: Connection, path: &[&str]) -> AnyView {
    let path: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
    let attempt = RwSignal::new(0u32);
    let title = connection.vendor.title();
    let show = move || {
        attempt.track();
        let (connection, path) = (connection.clone(), path.clone());
        let load: PageLoad = match connection.vendor {
            Vendor::CyBorgBackup => Box::pin(cyborgbackup_pages(connection, path)),
            Vendor::Rackspace => Box::pin(rackspace_pages(connection, path)),
            Vendor::Cloudback => Box::pin(cloudback_pages(connection, path)),
            Vendor::ScheduledBackup => Box::pin(scheduled_backup_pages(connection, path)),
            Vendor::Xopero => Box::pin(xopero_pages(connection, path)),
        };
        loaded(load, title, attempt)
    };
    show.into_any()
}

/// The view of a page load: at once when the chunk is already there, else behind `Suspense`.
fn loaded(mut load: PageLoad, title: &'static str, attempt: RwSignal<u32>) -> AnyView {
    let finish = move |result: Result<AnyView, ChunkFailed>| match result {
        Ok(view) => view,
        Err(ChunkFailed) => chunk_failed(title, attempt),
    };
    if let Poll::Ready(result) = load.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        return finish(result);
    }
    // The load's future is not `Send` (it waits on a JS callback); wasm has one thread.
    let pending = send_wrapper::SendWrapper::new(async move { finish(load.await) });
    view! {
        <Suspense fallback=|| view! { <Loading label="Loading…" /> }>
            {Suspend::new(pending)}
        </Suspense>
    }
    .into_any()
}

fn chunk_failed(title: &'static str, attempt: RwSignal<u32>) -> AnyView {
    view! {
        <div class="banner error" role="alert" data-testid="error-banner" data-kind="chunk">
            <p>{format!("The console could not load its {title} pages. The network may be down, or the console was updated: try again, or reload the page.")}</p>
        </div>
        <p><button type="button" data-testid="retry" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button></p>
    }
    .into_any()
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
