//! Hash and memory routing on top of leptos_router's path router (0.8 has no other location
//! provider): the router sees routes below [`VIRTUAL_BASE`], which the console sets on the
//! router's URL signal itself. Links are fragments (`#/c/demo`) the console's root catches, so
//! neither the router's page-wide click handling nor the page's history is involved; hash
//! routing also writes the route into the address's fragment and follows it back.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::location::{BrowserUrl, LocationProvider};
use wasm_bindgen::JsCast;

use crate::paths::{GoRoute, VirtualNavigate, VIRTUAL_BASE};

/// Where a mounted console keeps its route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Routing {
    /// The address's path, below a base (the console's own page, and `routing: "path"`).
    Path,
    /// The address's fragment: `admin.html#/c/demo/users`.
    Hash,
    /// Nowhere but the console: the host owns the address.
    Memory,
}

impl Routing {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "path" => Some(Self::Path),
            "hash" => Some(Self::Hash),
            "memory" => Some(Self::Memory),
            _ => None,
        }
    }
}

/// The route in the address's fragment, if it is one of the console's.
fn route_in_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let route = hash.strip_prefix('#')?;
    backup_console_core::embed::is_console_route(route).then(|| route.to_owned())
}

/// Point the router at `start` (for hash routing, the fragment's route if it has one), follow
/// the fragment and history from now on, and provide [`VirtualNavigate`] to the pages. Returns
/// the navigation, `(route, replace)`. Call inside the `Router`.
pub fn install(routing: Routing, start: &str) -> GoRoute {
    let browser = expect_context::<BrowserUrl>();
    let url = browser.as_url().clone();
    let show = move |route: &str| {
        if let Ok(parsed) = BrowserUrl::parse(&format!("{VIRTUAL_BASE}{route}")) {
            if url.get_untracked() != parsed {
                url.set(parsed);
            }
        }
    };
    let first = match routing {
        Routing::Hash => route_in_hash().unwrap_or_else(|| start.to_owned()),
        _ => start.to_owned(),
    };
    let current = Rc::new(RefCell::new(first.clone()));
    show(&first);

    let go: GoRoute = {
        let current = current.clone();
        let show = show.clone();
        Rc::new(move |route: &str, replace: bool| {
            *current.borrow_mut() = route.to_owned();
            show(route);
            if routing == Routing::Hash {
                if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                    let fragment = format!("#{route}");
                    let _ = if replace {
                        history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some(&fragment),
                        )
                    } else {
                        history.push_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some(&fragment),
                        )
                    };
                }
            }
        })
    };

    // The router follows the page's history by itself, to the page's path: back to the
    // console's route (for hash routing, the one the fragment now names).
    let follow = move || {
        if routing == Routing::Hash {
            if let Some(route) = route_in_hash() {
                *current.borrow_mut() = route;
            }
        }
        let route = current.borrow().clone();
        show(&route);
    };
    let follow = Rc::new(follow);
    let on_pop = {
        let follow = follow.clone();
        window_event_listener(leptos::ev::popstate, move |_| follow())
    };
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| follow());
    on_cleanup(move || {
        on_pop.remove();
        on_hash.remove();
    });

    provide_context(VirtualNavigate(StoredValue::new_local(go.clone())));
    go
}

/// The console's click handling for fragment links: a plain click on `<a href="#/route">`
/// inside the console's root goes there without leaving the page; anything else (other
/// links, modified clicks, new tabs) is left to the browser.
pub fn follow_link(ev: &web_sys::MouseEvent, go: &dyn Fn(&str, bool)) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let path = ev.composed_path();
    let anchor = (0..path.length())
        .filter_map(|i| path.get(i).dyn_into::<web_sys::Element>().ok())
        .find(|el| el.tag_name().eq_ignore_ascii_case("a"));
    let Some(anchor) = anchor else {
        return;
    };
    if anchor.has_attribute("download")
        || anchor
            .get_attribute("target")
            .is_some_and(|t| !t.is_empty() && t != "_self")
    {
        return;
    }
    let Some(route) = anchor
        .get_attribute("href")
        .and_then(|href| crate::paths::route_of(&href))
    else {
        return;
    };
    ev.prevent_default();
    go(&route, false);
}
