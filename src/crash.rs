//! When the console panics anyway. A panic leaves the WebAssembly instance unusable, so the
//! page cannot recover by itself: the hook logs the panic as before and replaces the page with
//! a plain notice and a reload link (no script needed to use it).

use std::panic::PanicHookInfo;

fn show_crash_screen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    // Once is enough: a second panic during the first leaves the notice as it is.
    if document.get_element_by_id("crash").is_some() {
        return;
    }
    let Ok(screen) = document.create_element("div") else {
        return;
    };
    screen.set_id("crash");
    screen.set_class_name("crash-screen");
    let _ = screen.set_attribute("role", "alert");
    let _ = screen.set_attribute("data-testid", "crash-screen");
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let title = document.create_element("h1");
    let text = document.create_element("p");
    let link = document.create_element("a");
    if let (Ok(title), Ok(text), Ok(link)) = (title, text, link) {
        title.set_text_content(Some("The console stopped working"));
        text.set_text_content(Some(
            "Something went wrong inside the console itself. Your connections are kept; \
             form input you had not saved may be restored as a draft after reloading.",
        ));
        link.set_text_content(Some("Reload the console"));
        let _ = link.set_attribute("href", &here);
        let _ = link.set_attribute("class", "button primary");
        let _ = link.set_attribute("data-testid", "crash-reload");
        let _ = screen.append_child(&title);
        let _ = screen.append_child(&text);
        let _ = screen.append_child(&link);
    }
    let _ = body.append_child(&screen);
}

fn hook(info: &PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    show_crash_screen();
}

pub fn install() {
    std::panic::set_hook(Box::new(hook));
}
