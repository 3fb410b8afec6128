//! Where a console's events go (its parent window, or a mounting page's callback), and the
//! registry of every running console's sink, so a panic, which stops them all, is still told.

use std::cell::RefCell;

use backup_console_core::embed::{origin_allowed, ConsoleEvent};
use wasm_bindgen::JsValue;

use super::mount;

/// Where the console's events go.
#[derive(Clone)]
pub(super) enum Sink {
    /// The parent window, at these origins (the configured ones, narrowed to the parent's when
    /// the browser says which it is).
    Parent(Vec<String>),
    Callback(js_sys::Function),
}

impl Sink {
    pub(super) fn post(&self, event: &ConsoleEvent) {
        let Ok(value) = js_sys::JSON::parse(&event.to_json().to_string()) else {
            return;
        };
        match self {
            Sink::Parent(origins) => {
                let Some(parent) = parent_window() else {
                    return;
                };
                for origin in origins {
                    let _ = parent.post_message(&value, origin);
                }
            }
            Sink::Callback(f) => {
                let _ = f.call1(&JsValue::NULL, &value);
            }
        }
    }
}

thread_local! {
    /// Every running console's sink, so a panic (which stops them all) can still be told.
    static SINKS: RefCell<Vec<(u64, Sink)>> = const { RefCell::new(Vec::new()) };
    static NEXT_SINK: RefCell<u64> = const { RefCell::new(0) };
}

pub(super) fn register(sink: Sink) -> u64 {
    let id = NEXT_SINK.with(|n| {
        let mut n = n.borrow_mut();
        *n += 1;
        *n
    });
    SINKS.with(|s| s.borrow_mut().push((id, sink)));
    id
}

pub(super) fn unregister(id: u64) {
    SINKS.with(|s| s.borrow_mut().retain(|(i, _)| *i != id));
}

/// The console panicked: tell every host. Returns whether consoles are mounted into host
/// elements (which then show the crash notice themselves, not over the whole page).
pub fn crashed(message: &str) -> bool {
    let event = ConsoleEvent::Error {
        message: format!("The console stopped working: {message}"),
    };
    let sinks: Vec<Sink> = SINKS.with(|s| s.borrow().iter().map(|(_, s)| s.clone()).collect());
    for sink in sinks {
        sink.post(&event);
    }
    mount::show_crash_in_roots()
}

/// The window framing this one, if any.
pub(super) fn parent_window() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    let same = js_sys::Object::is(parent.as_ref(), window.as_ref());
    (!same).then_some(parent)
}

/// The parent's origin when the browser tells (`location.ancestorOrigins`, Chromium and
/// Safari), so events go to that origin only.
fn parent_origin() -> Option<String> {
    let location = web_sys::window()?.location();
    let origins = js_sys::Reflect::get(&location, &JsValue::from_str("ancestorOrigins")).ok()?;
    if !origins.is_object() {
        return None;
    }
    js_sys::Reflect::get(&origins, &JsValue::from_f64(0.0))
        .ok()?
        .as_string()
}

/// Events for a framed console: to the parent, at the listed origins.
pub(super) fn parent_targets(allowed: &[String]) -> Vec<String> {
    match parent_origin() {
        Some(origin) if origin_allowed(&origin, allowed) => vec![origin],
        Some(_) => Vec::new(),
        None => allowed.to_vec(),
    }
}
