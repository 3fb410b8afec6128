//! A file made in the browser, offered as a download (the overview's CSV): a Blob behind a
//! temporary link, nothing sent anywhere.

use wasm_bindgen::{JsCast, JsValue};

/// Offer `text` as a file called `name` of type `mime`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("The file could not be made: {e:?}");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("There is no page to download from.")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    let body = document.body().ok_or("The page has no body.")?;
    body.append_child(&link).map_err(fail)?;
    link.click();
    link.remove();
    // Given up once the browser has surely read it.
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
