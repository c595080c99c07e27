//! The little the browser keeps across a reload, in `sessionStorage` (gone with the tab): the
//! idempotency key of an order attempt, and the language (`crate::lang_switch`). Where the
//! checkout stands is the proxy's session's to say (`crate::resume`).
//!
//! It must never hold anything personal: no date of birth, SSN digits, one-time code or
//! contact details. The proxy's session (an HttpOnly cookie) is the real memory. Reached
//! through `js_sys::Reflect` rather than more `web-sys` features: a few calls, no new bindings.

use wasm_bindgen::{JsCast, JsValue};

/// The key of the order attempt in flight (DESIGN §3 step 12).
pub const ORDER_KEY: &str = "ck-order-key";

fn prop(obj: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(obj, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn call(obj: &JsValue, method: &str, args: &[&str]) -> Option<JsValue> {
    let f: js_sys::Function = prop(obj, method)?.dyn_into().ok()?;
    let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    f.apply(obj, &args).ok()
}

fn session() -> Option<JsValue> {
    // Throws in some privacy modes: then nothing is kept, which is safe.
    prop(&js_sys::global(), "sessionStorage")
}

pub fn get(key: &str) -> Option<String> {
    call(&session()?, "getItem", &[key])?.as_string()
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = call(&s, "setItem", &[key, value]);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = session() {
        let _ = call(&s, "removeItem", &[key]);
    }
}

/// The key of this order attempt: the one kept from before a reload or a retry, else a new
/// `crypto.randomUUID()`, kept at once so a reload mid-call reuses it.
pub fn order_key() -> String {
    if let Some(k) = get(ORDER_KEY) {
        return k;
    }
    let key = prop(&js_sys::global(), "crypto")
        .and_then(|c| call(&c, "randomUUID", &[]))
        .and_then(|v| v.as_string())
        // Secure contexts always have randomUUID; elsewhere the time is unique enough per tab.
        // (Integers only: formatting an f64 would pull float printing into the WASM.)
        .unwrap_or_else(|| {
            let (t, r) = (js_sys::Date::now() as u64, js_sys::Math::random() * 1e15);
            format!("ck-{t}-{}", r as u64)
        });
    set(ORDER_KEY, &key);
    key
}
