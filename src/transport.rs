//! `ApiRequest` -> browser fetch -> `ApiResponse`, with the connection's credentials and a
//! timeout. Nothing here interprets a response; vendors' core modules do.

use std::cell::Cell;
use std::rc::Rc;

use backup_console_core::api::{ApiError, ApiRequest, ApiResponse};
use backup_console_core::connection::Connection;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, Response};

pub const DEFAULT_TIMEOUT_SECONDS: u32 = 30;

/// A connection may set `timeout_seconds` for slow services.
fn timeout_of(connection: &Connection) -> u32 {
    connection
        .extra
        .get("timeout_seconds")
        .and_then(|v| v.as_u64())
        .map_or(DEFAULT_TIMEOUT_SECONDS, |s| s.clamp(1, 600) as u32)
}

/// Send a request to a connection, authorized the way its vendor expects.
pub async fn send(connection: &Connection, request: ApiRequest) -> Result<ApiResponse, ApiError> {
    let controller = AbortController::new().map_err(js_unreachable)?;
    send_cancellable(connection, request, controller).await
}

/// Like [`send`], with the caller holding `controller` to cancel the request (a view that goes
/// away aborts what it asked for); the timeout aborts through the same controller.
pub async fn send_cancellable(
    connection: &Connection,
    request: ApiRequest,
    controller: AbortController,
) -> Result<ApiResponse, ApiError> {
    watch_policy();
    let request = connection.vendor.authorize(connection, request);
    let url = request.url(&connection.base_url);
    let seconds = timeout_of(connection);

    let headers = Headers::new().map_err(js_unreachable)?;
    headers
        .set("Accept", "application/json")
        .map_err(js_unreachable)?;
    for (name, value) in &request.headers {
        headers.set(name, value).map_err(js_unreachable)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    if let Some(body) = &request.body {
        headers
            .set("Content-Type", body.content_type())
            .map_err(js_unreachable)?;
        init.set_body(&body.encode().into());
    }
    init.set_headers(&headers);
    let signal = controller.signal();
    init.set_signal(Some(&signal));

    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let timed_out = timed_out.clone();
        Timeout::new(seconds * 1000, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let window = web_sys::window().ok_or_else(|| ApiError::Unreachable {
        detail: "no window".into(),
    })?;
    let outcome = async {
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
            .await?
            .dyn_into()?;
        let body = JsFuture::from(response.text()?)
            .await?
            .as_string()
            .unwrap_or_default();
        Ok::<_, wasm_bindgen::JsValue>(ApiResponse {
            status: response.status(),
            headers: headers_of(&response),
            body,
        })
    }
    .await;
    drop(timer);
    match outcome {
        Ok(response) => Ok(response),
        Err(_) if timed_out.get() => Err(ApiError::Timeout { seconds }),
        // Cancelled by its view: nobody reads the answer.
        Err(err) if signal.aborted() => Err(js_unreachable(err)),
        Err(err) => Err(diagnose(&url, err).await),
    }
}

thread_local! {
    /// Origins the page's Content Security Policy refused to connect to, as the browser
    /// reported them (`securitypolicyviolation`), watched from the first request on.
    static REFUSED: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Start recording the origins the page's policy refuses (`connect-src`).
fn watch_policy() {
    if REFUSED.with(|r| r.borrow().is_some()) {
        return;
    }
    REFUSED.with(|r| *r.borrow_mut() = Some(Vec::new()));
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
        |event: web_sys::Event| {
            let read = |key: &str| {
                js_sys::Reflect::get(&event, &key.into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            if read("effectiveDirective") != "connect-src" {
                return;
            }
            if let Ok(blocked) = web_sys::Url::new(&read("blockedURI")) {
                REFUSED.with(|r| {
                    if let Some(all) = r.borrow_mut().as_mut() {
                        if !all.contains(&blocked.origin()) {
                            all.push(blocked.origin());
                        }
                    }
                });
            }
        },
    );
    let _ = window.add_event_listener_with_callback(
        "securitypolicyviolation",
        listener.as_ref().unchecked_ref(),
    );
    // For the page's lifetime.
    listener.forget();
}

fn refused_by_policy(origin: &str) -> bool {
    REFUSED.with(|r| {
        r.borrow()
            .as_ref()
            .is_some_and(|all| all.iter().any(|o| o == origin))
    })
}

/// Why a fetch got no answer: the browser does not tell (on purpose), so ask the host once more
/// in `no-cors` mode. If it answers that way, it is reachable and the first answer was withheld
/// for want of CORS headers; if not, it is unreachable, or the console's own Content Security
/// Policy kept the request from leaving (the browser reports that as a violation).
async fn diagnose(url: &str, err: wasm_bindgen::JsValue) -> ApiError {
    let unreachable = js_unreachable(err);
    let Some(window) = web_sys::window() else {
        return unreachable;
    };
    let base = window
        .document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let Ok(target) = web_sys::Url::new_with_base(url, &base) else {
        return unreachable;
    };
    let origin = target.origin();
    // The console's own origin never needs CORS: a proxy there is down, not refusing.
    if window.location().origin().ok().as_deref() == Some(origin.as_str()) {
        return unreachable;
    }
    let init = RequestInit::new();
    init.set_mode(web_sys::RequestMode::NoCors);
    let controller = AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let _timer = controller.map(|c| Timeout::new(PROBE_MS, move || c.abort()));
    match JsFuture::from(window.fetch_with_str_and_init(&format!("{origin}/"), &init)).await {
        Ok(_) => ApiError::Blocked { origin },
        Err(_) => {
            // The violation's event is a task of its own: let it run first.
            gloo_timers::future::TimeoutFuture::new(0).await;
            if refused_by_policy(&origin) {
                ApiError::NotAllowed { origin }
            } else {
                unreachable
            }
        }
    }
}

/// How long the reachability probe may take.
const PROBE_MS: u32 = 5000;

/// The answer's headers a script may read (CORS exposes only some of them).
fn headers_of(response: &Response) -> Vec<(String, String)> {
    let Ok(Some(entries)) = js_sys::try_iter(&response.headers()) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let pair: js_sys::Array = entry.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

fn js_unreachable(err: wasm_bindgen::JsValue) -> ApiError {
    // The browser hides the reason (refused, DNS, CORS) from scripts on purpose.
    ApiError::Unreachable {
        detail: err
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default(),
    }
}

/// Fetch a same-site text file; `Ok(None)` when it does not exist. Gives up after `seconds`,
/// so a stalled request cannot hold the console at "Starting…".
pub async fn fetch_text(url: &str, seconds: u32) -> Result<Option<String>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let controller = AbortController::new().map_err(|_| "no AbortController".to_owned())?;
    let init = RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let timed_out = timed_out.clone();
        Timeout::new(seconds * 1000, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let outcome = async {
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|_| "could not be fetched".to_owned())?
            .dyn_into()
            .map_err(|_| "not a response".to_owned())?;
        if response.status() == 404 {
            return Ok(None);
        }
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        let text = JsFuture::from(response.text().map_err(|_| "unreadable body".to_owned())?)
            .await
            .map_err(|_| "unreadable body".to_owned())?;
        Ok(text.as_string())
    }
    .await;
    drop(timer);
    outcome.map_err(|e| {
        if timed_out.get() {
            format!("no answer within {seconds} seconds")
        } else {
            e
        }
    })
}
