//! The customer-facing checkout, compiled to WebAssembly.
//!
//! Views and effects only: rules, wire types and messages' meaning come from `checkout-core`;
//! every call to the back end goes through [`api`]. A library (not just a binary) so
//! `wasm-bindgen-test` can mount the components in a real browser.

pub mod api;
pub mod app;
pub mod clock;
pub mod embed;
pub mod first;
pub mod form;
pub mod handover;
pub mod history;
pub mod holds;
pub mod i18n;
pub mod kiosk;
pub mod kiosk_state;
pub mod lang_switch;
pub mod money;
pub mod resume;
pub mod state;
pub mod step_notice;
pub mod storage;
// The unit tests of the app's modules run in the browser, with the component tests
// (`cargo test --target wasm32-unknown-unknown --lib --test web`): the app is built for wasm32
// only, so the test run needs no native build of Leptos.
#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

pub mod steps {
    pub mod add_ons;
    pub mod address;
    pub mod build_your_own;
    pub mod cart;
    pub mod confirmation;
    pub mod credit;
    pub mod credit_decision;
    pub mod identity;
    pub mod installation;
    pub mod number;
    pub mod offers;
    pub mod order_summary;
    pub mod package_list;
    pub mod placing;
    pub mod quote;
    pub mod review;
    pub mod slot;
    pub mod slot_windows;
    pub mod terms;
}

/// Replace the static first screen of `index.html` with the live whole app.
///
/// The first screen's module (`crate::first`) may have handed over what the address step found;
/// otherwise the app picks up from the proxy's session (`crate::resume`).
pub fn mount() {
    let handover = handover::take();
    mount_into_app_root(move |typed| leptos::view! { <app::App initial_address=typed handover/> });
}

/// Mount a view in place of the static first screen (or of the first screen's module).
///
/// The static shell lets the page paint before the WASM arrives; anything the customer typed
/// into it meanwhile is carried over.
pub fn mount_into_app_root<V: leptos::IntoView + 'static>(
    view: impl FnOnce(String) -> V + 'static,
) {
    use wasm_bindgen::JsCast;
    let document = leptos::prelude::document();
    let typed = document
        .get_element_by_id("address")
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default();
    match document
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(root) => {
            root.set_inner_html("");
            leptos::mount::mount_to(root, move || view(typed)).forget();
        }
        None => leptos::mount::mount_to_body(move || view(typed)),
    }
}
