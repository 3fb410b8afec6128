//! Keys the console keeps between reloads of a tab: non-extractable `CryptoKey`s in IndexedDB
//! (the browser stores them; no script can read their bytes, only use them). Web Storage holds
//! only what they sealed.

use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, IdbDatabase, IdbRequest, IdbTransactionMode};

const DATABASE: &str = "backup-console";
const STORE: &str = "keys";

/// An IndexedDB request as a future of its result.
async fn finished(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move |event: web_sys::Event| {
            let result = event
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.result().ok())
                .unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let failed = Closure::once_into_js(move |event: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &event);
        });
        request.set_onsuccess(Some(done.unchecked_ref()));
        request.set_onerror(Some(failed.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn database() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()?
        .ok_or("no IndexedDB")?;
    let opening = factory.open_with_u32(DATABASE, 1)?;
    // First use: the store is made before the database opens.
    let upgrade = Closure::once_into_js(move |event: web_sys::Event| {
        if let Some(db) = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        {
            let _ = db.create_object_store(STORE);
        }
    });
    opening.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    finished(&opening).await?.dyn_into()
}

pub async fn put(name: &str, key: &CryptoKey) -> Result<(), JsValue> {
    let db = database().await?;
    let store = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?
        .object_store(STORE)?;
    finished(&store.put_with_key(key, &name.into())?).await?;
    Ok(())
}

pub async fn get(name: &str) -> Option<CryptoKey> {
    let db = database().await.ok()?;
    let store = db
        .transaction_with_str(STORE)
        .ok()?
        .object_store(STORE)
        .ok()?;
    let found = finished(&store.get(&name.into()).ok()?).await.ok()?;
    found.dyn_into().ok()
}

pub async fn delete(name: &str) {
    let Ok(db) = database().await else {
        return;
    };
    let request = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .and_then(|t| t.object_store(STORE))
        .and_then(|s| s.delete(&name.into()));
    if let Ok(request) = request {
        let _ = finished(&request).await;
    }
}
