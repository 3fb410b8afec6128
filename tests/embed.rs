//! Component tests of embedding: the page's link style, and `BackupConsole.mount` with memory
//! routing (a shadow root, connections in memory, the handle, events), in headless Chromium.
#![cfg(target_arch = "wasm32")]

use backup_console::embed::mount::mount_console;
use backup_console::paths::{self, LinkStyle};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

async fn settle() {
    for _ in 0..10 {
        leptos::task::tick().await;
    }
    gloo_timers::future::TimeoutFuture::new(20).await;
}

#[wasm_bindgen_test]
fn links_follow_the_page_s_link_style() {
    paths::reset_link_style();
    paths::configure(LinkStyle::Fragment).unwrap();
    assert_eq!(paths::href("/c/demo/users"), "#/c/demo/users");
    assert_eq!(paths::base_path(), paths::VIRTUAL_BASE);
    assert_eq!(
        paths::route_of("#/c/demo/users?page=2").as_deref(),
        Some("/c/demo/users?page=2")
    );
    assert_eq!(paths::route_of("#main"), None);
    assert!(
        paths::configure(LinkStyle::Fragment).is_ok(),
        "more fragment-linked consoles"
    );
    assert!(
        paths::configure(LinkStyle::Path("/admin")).is_err(),
        "not a path-routed one"
    );
    paths::reset_link_style();
    paths::configure(LinkStyle::Path(paths::normalize_base("/admin/backups/"))).unwrap();
    assert_eq!(paths::href("/c/demo"), "/admin/backups/c/demo");
    assert_eq!(
        paths::route_of("/admin/backups/c/demo").as_deref(),
        Some("/c/demo")
    );
    assert_eq!(paths::route_of("/admin/backups").as_deref(), Some("/"));
    assert_eq!(paths::route_of("/admin/backupsx"), None);
    assert_eq!(paths::route_of("/elsewhere"), None);
    assert!(paths::configure(LinkStyle::Fragment).is_err());
    paths::reset_link_style();
}

fn shadow_root(host: &HtmlElement) -> web_sys::ShadowRoot {
    host.shadow_root()
        .expect("the console renders into a shadow root")
}

fn text(host: &HtmlElement) -> String {
    shadow_root(host)
        .query_selector(".backup-console")
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_mounted_console_lives_in_its_element_and_tells_its_host() {
    paths::reset_link_style();
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let events = js_sys::Array::new();
    let on_event = {
        let events = events.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            events.push(&e);
        })
    };
    let options = js_sys::JSON::parse(
        r#"{"routing": "memory", "route": "/connections",
            "connections": [{"id": "given", "vendor": "cyborgbackup", "label": "Given", "base_url": "/cyborgbackup", "token": "secret-token"}]}"#,
    )
    .unwrap();
    js_sys::Reflect::set(&options, &"onEvent".into(), on_event.as_ref()).unwrap();
    let handle = mount_console(host.clone(), options).unwrap();
    settle().await;

    let shown = text(&host);
    assert!(shown.contains("Connections"), "{shown}");
    assert!(
        shown.contains("Memory (given by the hosting page)"),
        "{shown}"
    );
    assert!(!shown.contains("secret-token"), "never shown in full");
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    for i in 0..storage.length().unwrap() {
        let key = storage.key(i).unwrap().unwrap();
        let value = storage.get_item(&key).unwrap().unwrap_or_default();
        assert!(
            !value.contains("secret-token"),
            "{key} keeps no given token"
        );
    }
    let types: Vec<String> = events
        .iter()
        .map(|e| {
            js_sys::Reflect::get(&e, &"type".into())
                .unwrap()
                .as_string()
                .unwrap()
        })
        .collect();
    assert_eq!(types, ["ready", "navigated"]);
    let route = js_sys::Reflect::get(&events.get(1), &"route".into()).unwrap();
    assert_eq!(route.as_string().as_deref(), Some("/connections"));

    // The host moves it; a fragment link inside it moves it too, without the page's address.
    let address = web_sys::window().unwrap().location().href().unwrap();
    handle.navigate("/schedule").unwrap();
    settle().await;
    assert!(text(&host).contains("Schedule"));
    let link: HtmlElement = shadow_root(&host)
        .query_selector("[data-testid=nav-connections]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(link.get_attribute("href").as_deref(), Some("#/connections"));
    link.click();
    settle().await;
    assert!(text(&host).contains("Memory (given by the hosting page)"));
    assert_eq!(
        web_sys::window().unwrap().location().href().unwrap(),
        address
    );
    assert!(handle.navigate("https://elsewhere.example.com/").is_err());

    // Mistakes in the options are refused with a reason.
    let again = mount_console(host.clone(), JsValue::from(js_sys::Object::new()));
    assert!(again.is_err(), "one console per element");
    let other: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    let bad = js_sys::JSON::parse(r#"{"routing": "sideways"}"#).unwrap();
    let message = mount_console(other, bad).err().map(|e| {
        e.unchecked_into::<js_sys::Error>()
            .message()
            .as_string()
            .unwrap_or_default()
    });
    assert!(message.unwrap_or_default().contains("routing"));

    handle.unmount();
    assert_eq!(shadow_root(&host).child_element_count(), 0);
    drop(on_event);
    paths::reset_link_style();
}
