//! Links that work under any base path: Trunk writes `<base href="{public_url}">`, and every
//! absolute route the console builds is prefixed with that path.

use std::sync::OnceLock;

use leptos_router::NavigateOptions;

/// The base path without its trailing slash: `""` at the root, `"/admin/backups"` below it.
pub fn base_path() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let uri = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default();
        web_sys::Url::new(&uri)
            .map(|u| u.pathname())
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_owned()
    })
}

/// A console route (`/c/demo/users`) as a link under the base path.
pub fn href(route: &str) -> String {
    format!("{}{route}", base_path())
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
