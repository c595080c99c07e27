//! The hand-over from the first screen's small module to the whole app.
//!
//! The address step is all a new visitor needs first, so it ships as its own small WASM module
//! (`src/bin/checkout-first.rs`) and the rest of the flow follows as a second one, prefetched
//! while the customer types. `scripts/build-app` builds the second module and gives the page a
//! `window.checkoutFull()` that imports and starts it. What the whole app needs to carry on is
//! handed over in `sessionStorage`: the technology found at the address, nothing personal (the
//! proxy's session holds the address itself; the language is kept by `crate::lang_switch`).

use crate::storage;
use checkout_core::Technology;
use wasm_bindgen::{JsCast, JsValue};

/// The technology found at the address, set by the first screen, taken once by the whole app.
const HANDOVER: &str = "ck-handover";
/// Set once the whole app has run in this tab: a reload then goes straight to it, to resume.
const FULL_APP: &str = "ck-full-app";

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
    storage::set(HANDOVER, encode(technology));
    load_full_app()
}

/// Whole app: the technology the first screen handed over, if it just did (taken once).
pub fn take() -> Option<Technology> {
    let h = storage::get(HANDOVER).and_then(|t| decode(&t));
    storage::remove(HANDOVER);
    h
}

/// Whole app: note that this tab has used it, so a reload resumes in it.
pub fn mark_full_app() {
    storage::set(FULL_APP, "1");
}

/// First screen: the whole app could not be started, so this tab starts from the first screen.
pub fn forget_full_app() {
    storage::remove(FULL_APP);
}

/// First screen: whether this tab was already in the whole app (a reload mid-flow).
pub fn full_app_was_used() -> bool {
    storage::get(FULL_APP).is_some()
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
