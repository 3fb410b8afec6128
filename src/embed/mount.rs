//! `BackupConsole.mount(element, options)`, exported to JavaScript (`backup-console-embed.js`
//! re-exports it):
//!
//! ```js
//! const handle = BackupConsole.mount(element, {
//!   connections: [{ id, vendor, label, base_url, token }], // in memory only
//!   routing: 'memory',        // or 'hash' (route in the address's #fragment) or 'path'
//!   base: '/admin/backups/',  // path routing only: the path the console's routes live under
//!   route: '/c/demo/users',   // memory routing: the first route (default '/')
//!   onEvent: (event) => {},   // ready, navigated, credentials-refused, signed-out, error
//! });
//! handle.navigate('/connections');
//! handle.setConnections([...]); handle.setCredentials('demo', 'new-token');
//! handle.unmount();
//! ```
//!
//! The console renders into an open shadow root of `element` with its own stylesheet link, so
//! its styles stay inside and the page's stay out; themes reach it through CSS custom
//! properties, which do cross (README, "Embed").

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use backup_console_core::embed::{parse_host_message, HostMessage};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{Control, Host, Routing};
use crate::paths::{self, LinkStyle};

thread_local! {
    /// The roots of the consoles mounted now, for the crash notice.
    static ROOTS: RefCell<Vec<web_sys::HtmlElement>> = const { RefCell::new(Vec::new()) };
    static MOUNTED: Cell<usize> = const { Cell::new(0) };
    /// Whether a console with hash routing runs: the fragment has room for one route.
    static HASH_TAKEN: Cell<bool> = const { Cell::new(false) };
}

fn error(message: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(message.as_ref()).into()
}

fn option(options: &JsValue, key: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn text_option(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    match option(options, key) {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| error(format!("BackupConsole.mount: {key} must be a string."))),
    }
}

/// Connections as a host passes them (plain objects), read and checked like a message's.
fn connections_of(
    value: Option<JsValue>,
) -> Result<Vec<backup_console_core::connection::Connection>, JsValue> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let json = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .ok_or_else(|| error("connections must be a list of plain objects."))?;
    match parse_host_message(&serde_json::json!({"type": "connections", "connections": json})) {
        Ok(Some(HostMessage::Connections(list))) => Ok(list),
        Ok(_) => Ok(Vec::new()),
        Err(problem) => Err(error(problem)),
    }
}

/// The stylesheets `backup-console-embed.js` found beside the console's files.
fn styles() -> Vec<String> {
    js_sys::Reflect::get(
        &js_sys::global(),
        &JsValue::from_str("__BACKUP_CONSOLE_EMBED__"),
    )
    .ok()
    .and_then(|e| js_sys::Reflect::get(&e, &JsValue::from_str("styles")).ok())
    .filter(|s| s.is_object())
    .map(|s| {
        js_sys::Array::from(&s)
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    })
    .unwrap_or_default()
}

/// A running console, as the host holds it.
#[wasm_bindgen]
pub struct ConsoleHandle {
    control: Control,
    mounted: Rc<RefCell<Option<Mounted>>>,
}

struct Mounted {
    routing: Routing,
    shadow: web_sys::ShadowRoot,
    nodes: Vec<web_sys::Node>,
    root: web_sys::HtmlElement,
    app: Box<dyn std::any::Any>,
    _click: Option<Closure<dyn FnMut(web_sys::MouseEvent)>>,
}

#[wasm_bindgen]
impl ConsoleHandle {
    /// Show a console route (`/c/demo/users`).
    pub fn navigate(&self, route: &str) -> Result<(), JsValue> {
        self.control.navigate(route).map_err(error)
    }

    /// Add or replace connections (with credentials), in memory only.
    #[wasm_bindgen(js_name = setConnections)]
    pub fn set_connections(&self, connections: JsValue) -> Result<(), JsValue> {
        let list = connections_of(Some(connections))?;
        self.control.give(list).map_err(error)
    }

    /// New credentials for a connection the host gave (after `credentials-refused`).
    #[wasm_bindgen(js_name = setCredentials)]
    pub fn set_credentials(
        &self,
        connection: &str,
        token: &str,
        refresh_token: Option<String>,
    ) -> Result<(), JsValue> {
        if token.trim().is_empty() {
            return Err(error("setCredentials needs a token."));
        }
        self.control
            .credentials(connection, token.to_owned(), refresh_token)
            .map_err(error)
    }

    /// Remove the console from the element; what it held in memory goes with it.
    pub fn unmount(&self) {
        let Some(mounted) = self.mounted.borrow_mut().take() else {
            return;
        };
        drop(mounted.app);
        for node in &mounted.nodes {
            let _ = mounted.shadow.remove_child(node);
        }
        ROOTS.with(|r| r.borrow_mut().retain(|root| root != &mounted.root));
        if mounted.routing == Routing::Hash {
            HASH_TAKEN.with(|h| h.set(false));
        }
        MOUNTED.with(|m| {
            m.set(m.get().saturating_sub(1));
            if m.get() == 0 {
                paths::reset_link_style();
            }
        });
    }
}

/// `BackupConsole.mount(element, options)`.
#[wasm_bindgen(js_name = mount)]
pub fn mount_console(
    element: web_sys::HtmlElement,
    options: JsValue,
) -> Result<ConsoleHandle, JsValue> {
    let routing = match text_option(&options, "routing")? {
        None => Routing::Memory,
        Some(name) => Routing::from_name(&name).ok_or_else(|| {
            error(format!(
                "BackupConsole.mount: routing is \"path\", \"hash\" or \"memory\", not {name:?}."
            ))
        })?,
    };
    let start = text_option(&options, "route")?.unwrap_or_else(|| "/".to_owned());
    if !backup_console_core::embed::is_console_route(&start) {
        return Err(error(
            "BackupConsole.mount: route is a console route starting with /.",
        ));
    }
    let connections = connections_of(option(&options, "connections"))?;
    let on_event = match option(&options, "onEvent") {
        None => None,
        Some(f) => Some(
            f.dyn_into::<js_sys::Function>()
                .map_err(|_| error("BackupConsole.mount: onEvent must be a function."))?,
        ),
    };
    let style = match routing {
        Routing::Path => {
            let base = text_option(&options, "base")?.unwrap_or_else(|| "/".to_owned());
            if !base.starts_with('/') {
                return Err(error(
                    "BackupConsole.mount: base is a path starting with /.",
                ));
            }
            LinkStyle::Path(paths::normalize_base(&base))
        }
        Routing::Hash | Routing::Memory => LinkStyle::Fragment,
    };
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| error("no document"))?;
    let shadow = match element.shadow_root() {
        Some(shadow)
            if shadow
                .query_selector(".backup-console")
                .ok()
                .flatten()
                .is_some() =>
        {
            return Err(error(
                "A console is already mounted in this element; unmount it first.",
            ))
        }
        Some(shadow) => shadow,
        None => {
            element.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?
        }
    };
    if routing == Routing::Hash && HASH_TAKEN.with(Cell::get) {
        return Err(error(
            "Another console in this page keeps its route in the address's fragment; mount this one with routing \"memory\".",
        ));
    }
    paths::configure(style).map_err(error)?;
    HASH_TAKEN.with(|h| h.set(h.get() || routing == Routing::Hash));

    let mut nodes: Vec<web_sys::Node> = Vec::new();
    for href in styles() {
        let link = document.create_element("link")?;
        link.set_attribute("rel", "stylesheet")?;
        link.set_attribute("href", &href)?;
        shadow.append_child(&link)?;
        nodes.push(link.into());
    }
    let root: web_sys::HtmlElement = document.create_element("div")?.unchecked_into();
    root.set_class_name("backup-console");
    root.set_attribute(
        "data-embedded",
        match routing {
            Routing::Path => "path",
            Routing::Hash => "hash",
            Routing::Memory => "memory",
        },
    )?;
    shadow.append_child(&root)?;
    nodes.push(root.clone().into());

    let control = Control::default();
    // Fragment links inside this console go to its own router, before the page sees them.
    let click = (routing != Routing::Path).then(|| {
        let control = control.clone();
        let handler =
            Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
                if let Some(go) = control.follow_link() {
                    super::routing::follow_link(&ev, &*go);
                }
            });
        let _ = root.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref());
        handler
    });

    let host = Host {
        routing,
        start,
        connections,
        on_event,
        control: control.clone(),
    };
    let app = leptos::mount::mount_to(root.clone(), move || {
        provide_context(StoredValue::new_local(host));
        view! { <crate::app::App /> }
    });
    ROOTS.with(|r| r.borrow_mut().push(root.clone()));
    MOUNTED.with(|m| m.set(m.get() + 1));
    Ok(ConsoleHandle {
        control,
        mounted: Rc::new(RefCell::new(Some(Mounted {
            routing,
            shadow,
            nodes,
            root,
            app: Box::new(app),
            _click: click,
        }))),
    })
}

/// A panic stopped every console: each mounted one says so in its own box. Returns whether
/// there were any (the console's own page shows its notice over the page instead).
pub fn show_crash_in_roots() -> bool {
    let roots = ROOTS.with(|r| r.borrow().clone());
    for root in &roots {
        root.set_inner_html("");
        let Some(document) = root.owner_document() else {
            continue;
        };
        if let (Ok(notice), Ok(text)) =
            (document.create_element("div"), document.create_element("p"))
        {
            notice.set_class_name("crash-screen");
            let _ = notice.set_attribute("role", "alert");
            let _ = notice.set_attribute("data-testid", "crash-screen");
            text.set_text_content(Some(
                "The console stopped working. Reload the page to start it again; your connections are kept by the page.",
            ));
            let _ = notice.append_child(&text);
            let _ = root.append_child(&notice);
        }
    }
    !roots.is_empty()
}
