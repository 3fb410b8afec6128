//! Links that work under any base path and in any routing mode.
//!
//! - *Path* routing (the console's own page, or `BackupConsole.mount` with `routing: "path"`):
//!   Trunk writes `<base href="{public_url}">` (or the host passes `base`), and every route the
//!   console links to is that path plus the route: `/admin/backups/c/demo/users`.
//! - *Hash* and *memory* routing (mounted into a page whose address belongs to the host): links
//!   are fragments, `#/c/demo/users`; the console's router sees them below [`VIRTUAL_BASE`], an
//!   address no page link has, so it never takes over the host page's own links. Hash routing
//!   keeps the route in the address's fragment, memory routing nowhere (`crate::embed`).
//!
//! Every console in one page shares the link style, so a page holds either one console with
//! path routing or any number with hash or memory routing (`configure` refuses a mix).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;

/// Where the router of a hash- or memory-routed console sees its routes.
pub const VIRTUAL_BASE: &str = "/~backup-console";

/// How links look in this page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkStyle {
    /// Paths below a base (without its trailing slash: `""` at the root).
    Path(&'static str),
    /// `#/route`, read by the console's own click handling.
    Fragment,
}

thread_local! {
    static STYLE: RefCell<Option<LinkStyle>> = const { RefCell::new(None) };
}

/// The base path from the page's `<base href>` (Trunk's public URL), without its trailing slash.
fn document_base() -> String {
    let uri = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new(&uri)
        .map(|u| u.pathname())
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_owned()
}

/// Settle the page's link style (the first console mounted decides); a console that needs
/// another one cannot share the page.
pub fn configure(style: LinkStyle) -> Result<(), String> {
    STYLE.with(|s| {
        let mut s = s.borrow_mut();
        match &*s {
            None => {
                *s = Some(style);
                Ok(())
            }
            Some(current) if *current == style && style == LinkStyle::Fragment => Ok(()),
            Some(LinkStyle::Path(_)) => Err(
                "Another console in this page uses path routing; only one console can own the address. Mount this one with routing \"memory\".".into(),
            ),
            Some(LinkStyle::Fragment) => Err(
                "Other consoles in this page use hash or memory routing; mount this one with routing \"memory\" too.".into(),
            ),
        }
    })
}

/// No console is mounted any more: the next one may choose another link style.
pub fn reset_link_style() {
    STYLE.with(|s| *s.borrow_mut() = None);
}

/// A base path as the router wants it: `/admin/backups/` -> `/admin/backups`, `/` -> ``.
pub fn normalize_base(base: &str) -> &'static str {
    let trimmed = base.trim().trim_end_matches('/');
    let with_slash = if trimmed.is_empty() || trimmed.starts_with('/') {
        trimmed.to_owned()
    } else {
        format!("/{trimmed}")
    };
    Box::leak(with_slash.into_boxed_str())
}

pub fn link_style() -> LinkStyle {
    STYLE.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| LinkStyle::Path(normalize_base(&document_base())))
            .clone()
    })
}

/// The router's base: the base path, or [`VIRTUAL_BASE`] for fragment links.
pub fn base_path() -> &'static str {
    match link_style() {
        LinkStyle::Path(base) => base,
        LinkStyle::Fragment => VIRTUAL_BASE,
    }
}

/// A console route (`/c/demo/users`) as a link.
pub fn href(route: &str) -> String {
    match link_style() {
        LinkStyle::Path(base) => format!("{base}{route}"),
        LinkStyle::Fragment => format!("#{route}"),
    }
}

/// The console route a link built by [`href`] goes to (`None`: not one of the console's).
pub fn route_of(link: &str) -> Option<String> {
    match link_style() {
        LinkStyle::Path(base) => {
            let rest = link.strip_prefix(base)?;
            (rest.is_empty() || rest.starts_with(['/', '?', '#'])).then(|| {
                if rest.starts_with('/') {
                    rest.to_owned()
                } else {
                    format!("/{rest}")
                }
            })
        }
        LinkStyle::Fragment => link
            .strip_prefix('#')
            .filter(|r| r.starts_with('/'))
            .map(str::to_owned),
    }
}

pub fn connection_route(connection: &str, rest: &str) -> String {
    href(&format!("/c/{connection}{rest}"))
}

/// Go to an href built here. It already carries the base path, so the router must not add it
/// again (its default resolves absolute paths against the base).
pub fn go_to() -> NavigateOptions {
    NavigateOptions {
        resolve: false,
        ..Default::default()
    }
}

/// Change the address in place (query edits), without a history entry or a scroll.
pub fn replace_here() -> NavigateOptions {
    NavigateOptions {
        resolve: false,
        replace: true,
        scroll: false,
        ..Default::default()
    }
}

/// Navigation for a hash- or memory-routed console, provided by `crate::embed` inside its
/// router: it moves the router without touching the page's history (or only its fragment).
#[derive(Clone, Copy)]
pub struct VirtualNavigate(pub StoredValue<GoRoute, LocalStorage>);

/// Go to a console route (`/c/demo`), replacing the current entry or not.
pub type GoRoute = Rc<dyn Fn(&str, bool)>;

type RouterNavigate = std::sync::Arc<dyn Fn(&str, NavigateOptions) + Send + Sync>;

#[derive(Clone)]
enum Navigate {
    Router(RouterNavigate),
    Virtual(VirtualNavigate),
}

/// Go to an href built by [`href`], in whatever routing mode this console runs: the router's
/// own navigation for path routing, the console's for hash and memory routing.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + Send + Sync + 'static {
    let navigate = match use_context::<VirtualNavigate>() {
        Some(virtual_go) => Navigate::Virtual(virtual_go),
        None => Navigate::Router(std::sync::Arc::new(leptos_router::hooks::use_navigate())),
    };
    move |link: &str, options: NavigateOptions| match &navigate {
        Navigate::Router(go) => go(link, options),
        Navigate::Virtual(VirtualNavigate(go)) => {
            if let (Some(route), Some(go)) = (route_of(link), go.try_get_value()) {
                go(&route, options.replace);
            }
        }
    }
}

/// The decoded path segments of a console route after its first `skip` ones:
/// `segments_below("/admin/c/demo/x%2Fy/1", 2)` under base `/admin` is `["x/y", "1"]`.
pub fn segments_below(pathname: &str, skip: usize) -> Vec<String> {
    let route = pathname.strip_prefix(base_path()).unwrap_or(pathname);
    route
        .split('/')
        .filter(|s| !s.is_empty())
        .skip(skip)
        .map(|s| {
            js_sys::decode_uri_component(s)
                .ok()
                .and_then(|d| d.as_string())
                .unwrap_or_else(|| s.to_owned())
        })
        .collect()
}

/// A value as one path segment of a console route.
pub fn segment(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// The page's query, as (key, value) pairs.
pub fn use_query_pairs() -> Memo<Vec<(String, String)>> {
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            q.into_iter()
                .map(|(k, v)| (k.to_string(), v.to_owned()))
                .collect()
        })
    })
}

/// `base?k=v&...`, each part encoded.
pub fn with_query(base: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return base.to_owned();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", segment(k), segment(v)))
        .collect();
    format!("{base}?{}", query.join("&"))
}
