//! The hand-over from the first screen's small module to the whole app.
//!
//! The address step is all a new visitor needs first, so it ships as its own small WASM module
//! (`src/bin/checkout-first.rs`) and the rest of the flow follows as a second one, prefetched
//! while the customer types. `scripts/build-app` builds the second module and gives the page a
//! `window.checkoutFull()` that imports and starts it. What the whole app needs to carry on is
//! handed over on the page itself (a property of `window`, gone with the page): the technology
//! found at the address, nothing personal (the proxy's session holds the address itself; the
//! language is kept by `crate::lang_switch`).
//!
//! After a reload the first screen starts as on any visit, and asks the proxy whether a checkout
//! is under way in this browser (`GET /api/v1/checkout`): if one is, the whole app takes over
//! and picks it up from the server. The browser keeps nothing of its own for that.

use checkout_core::Technology;
use wasm_bindgen::{JsCast, JsValue};

/// The `window` property the technology is handed over in, set by the first screen and taken
/// once by the whole app.
const HANDOVER: &str = "ckHandover";

fn encode(t: Technology) -> &'static str {
    match t {
        Technology::Ftth => "FTTH",
        Technology::Coax => "COAX",
    }
}

fn decode(text: &str) -> Option<Technology> {
    [Technology::Ftth, Technology::Coax]
        .into_iter()
        .find(|t| encode(*t) == text)
}

/// First screen: leave what the whole app needs, then start it.
pub fn hand_over(technology: Technology) -> js_sys::Promise {
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &JsValue::from_str(HANDOVER),
        &JsValue::from_str(encode(technology)),
    );
    load_full_app()
}

/// Whole app: the technology the first screen handed over, if it just did (taken once).
pub fn take() -> Option<Technology> {
    let global = js_sys::global();
    let key = JsValue::from_str(HANDOVER);
    let h = js_sys::Reflect::get(&global, &key)
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|t| decode(&t));
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    h
}

/// First screen, after a load: whether a checkout is under way in this browser, so the whole
/// app should take over and pick it up. An order attempt kept in this tab is one; otherwise the
/// proxy's session says, by whether it holds a cart. Read with the browser's own JSON parser,
/// so the first module carries no decoder for the answer.
pub async fn checkout_under_way() -> bool {
    if crate::storage::get(crate::storage::ORDER_KEY).is_some() {
        return true;
    }
    let url = format!(
        "{}{}",
        checkout_core::wire::API_PREFIX,
        checkout_core::wire_order::path::CHECKOUT
    );
    let mut req = gloo_net::http::Request::get(&url);
    // Framed: the partner's partitioned cookie may still hold the checkout (a reload of the
    // partner's page); say whose frame this is.
    if let Some(partner) = crate::embed::partner() {
        req = req.header(checkout_core::wire::EMBED_HEADER, &partner);
    }
    let Ok(res) = req.send().await else {
        return false;
    };
    if !res.ok() {
        return false;
    }
    let Ok(text) = res.text().await else {
        return false;
    };
    js_sys::JSON::parse(&text)
        .ok()
        .and_then(|v| js_sys::Reflect::get(&v, &JsValue::from_str("cart")).ok())
        .is_some_and(|cart| !cart.is_null() && !cart.is_undefined())
}

/// First screen, once mounted and idle: let the browser fetch the whole app at low priority
/// while the customer types, so going on costs a compile, not a download. Not earlier: on a
/// slow link it would share the bandwidth with the first screen's own module.
pub fn prefetch_full_app() {
    if let Some(f) = page_hook("checkoutPrefetch") {
        let _ = f.call0(&JsValue::NULL);
    }
}

/// Import and start the whole app through the page's `checkoutFull()`. Rejects when the page
/// has none (a build without the second module) or the download fails.
pub fn load_full_app() -> js_sys::Promise {
    match page_hook("checkoutFull").map(|f| f.call0(&JsValue::NULL)) {
        Some(Ok(p)) => p
            .dyn_into::<js_sys::Promise>()
            .unwrap_or_else(|v| js_sys::Promise::resolve(&v)),
        Some(Err(e)) => js_sys::Promise::reject(&e),
        None => js_sys::Promise::reject(&JsValue::from_str("no checkoutFull() on this page")),
    }
}

/// Import and start kiosk mode (`src/bin/checkout-kiosk.rs`) through the page's
/// `checkoutKiosk()`: a module of its own, so the web store's customers never download it.
pub fn load_kiosk() -> js_sys::Promise {
    match page_hook("checkoutKiosk").map(|f| f.call0(&JsValue::NULL)) {
        Some(Ok(p)) => p
            .dyn_into::<js_sys::Promise>()
            .unwrap_or_else(|v| js_sys::Promise::resolve(&v)),
        Some(Err(e)) => js_sys::Promise::reject(&e),
        None => js_sys::Promise::reject(&JsValue::from_str("no checkoutKiosk() on this page")),
    }
}

/// A function the page's inline loader defines (`scripts/build-app`), if this page has it.
fn page_hook(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_handover_reads_back_as_written_and_nothing_else_reads() {
        for t in [Technology::Ftth, Technology::Coax] {
            assert_eq!(decode(encode(t)), Some(t));
        }
        assert_eq!(decode("DSL"), None);
        assert_eq!(decode(""), None);
    }
}
