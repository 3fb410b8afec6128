//! WebCrypto for the credential store: AES-GCM keys (random, or derived from a passphrase with
//! PBKDF2-SHA-256) that scripts cannot read out (non-extractable), and sealing with a fresh
//! random IV every time.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// PBKDF2 rounds for a vault passphrase (OWASP's advice for SHA-256, 2023).
pub const PBKDF2_ITERATIONS: u32 = 600_000;

fn subtle() -> Result<SubtleCrypto, JsValue> {
    Ok(web_sys::window().ok_or("no window")?.crypto()?.subtle())
}

fn dict(entries: &[(&str, JsValue)]) -> Result<Object, JsValue> {
    let object = Object::new();
    for (key, value) in entries {
        Reflect::set(&object, &(*key).into(), value)?;
    }
    Ok(object)
}

fn usages() -> Array {
    Array::of2(&"encrypt".into(), &"decrypt".into())
}

pub fn random_bytes(n: usize) -> Result<Vec<u8>, JsValue> {
    let mut bytes = vec![0u8; n];
    web_sys::window()
        .ok_or("no window")?
        .crypto()?
        .get_random_values_with_u8_array(&mut bytes)?;
    Ok(bytes)
}

/// A fresh AES-GCM key (a tab's key).
pub async fn random_key() -> Result<CryptoKey, JsValue> {
    let algorithm = dict(&[("name", "AES-GCM".into()), ("length", 256.into())])?;
    let key =
        JsFuture::from(subtle()?.generate_key_with_object(&algorithm, false, &usages())?).await?;
    key.dyn_into()
}

/// The vault key for `passphrase` and `salt`.
pub async fn derive_key(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, JsValue> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base = JsFuture::from(subtle.import_key_with_str(
        "raw",
        &raw,
        "PBKDF2",
        false,
        &Array::of2(&"deriveKey".into(), &"deriveBits".into()),
    )?)
    .await?
    .dyn_into::<CryptoKey>()?;
    let params = dict(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("iterations", iterations.into()),
        ("salt", Uint8Array::from(salt).into()),
    ])?;
    let target = dict(&[("name", "AES-GCM".into()), ("length", 256.into())])?;
    JsFuture::from(subtle.derive_key_with_object_and_object(
        &params,
        &base,
        &target,
        false,
        &usages(),
    )?)
    .await?
    .dyn_into()
}

/// `plaintext` sealed under `key`: `"iv.ciphertext"` in base64, a new IV each time.
pub async fn seal(key: &CryptoKey, plaintext: &[u8]) -> Result<String, JsValue> {
    let iv = random_bytes(12)?;
    let params = dict(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv.as_slice()).into()),
    ])?;
    let sealed =
        JsFuture::from(subtle()?.encrypt_with_object_and_u8_array(&params, key, plaintext)?)
            .await?;
    let bytes = Uint8Array::new(&sealed).to_vec();
    Ok(format!("{}.{}", B64.encode(iv), B64.encode(bytes)))
}

/// What [`seal`] sealed; `None` when `key` is not the one (a wrong passphrase) or it was altered.
pub async fn open(key: &CryptoKey, sealed: &str) -> Option<Vec<u8>> {
    let (iv, data) = sealed.split_once('.')?;
    let (iv, data) = (B64.decode(iv).ok()?, B64.decode(data).ok()?);
    let params = dict(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv.as_slice()).into()),
    ])
    .ok()?;
    let opened = JsFuture::from(
        subtle()
            .ok()?
            .decrypt_with_object_and_u8_array(&params, key, &data)
            .ok()?,
    )
    .await
    .ok()?;
    Some(Uint8Array::new(&opened).to_vec())
}

pub fn encode(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

pub fn decode(text: &str) -> Option<Vec<u8>> {
    B64.decode(text).ok()
}
