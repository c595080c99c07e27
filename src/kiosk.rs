//! Kiosk mode (docs/kiosk.md): the checkout on a touch screen in a store, shared by strangers.
//!
//! The proxy serves the app at `/kiosk` only to an enrolled device, and every kiosk call of the
//! API checks the device again: this module decides nothing about who may use it. It adds what
//! a shared screen needs around the customer's flow: a language-first attract screen, staff
//! sign-in, a call for help, an idle question and a reset that leaves nothing of the last
//! customer, the hand-off to a phone, and the Jamaica and Panama orders a store can place.

pub mod attract;
pub mod bar;
pub mod handoff_dialog;
pub mod idle;
pub mod market_confirmation;
pub mod market_order;
pub mod modal;
pub mod shell;
pub mod staff_dialog;
pub mod words;

pub use crate::kiosk_state::{Kiosk, is_kiosk};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// End the customer's visit: the proxy revokes the sessions, cancels the holds and answers with
/// `Clear-Site-Data`; the page then clears what it can itself and loads `/kiosk` again, a
/// fresh WASM instance with nothing of this customer in memory. The page is replaced, not
/// pushed, so the history has no entry to go back to.
pub fn reset() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = crate::api::kiosk::reset().await;
        if let Some(w) = web_sys::window() {
            for storage in [w.local_storage(), w.session_storage()] {
                if let Ok(Some(s)) = storage {
                    let _ = s.clear();
                }
            }
            let _ = w.location().replace(checkout_core::kiosk::page::KIOSK);
        }
    });
}

/// Start kiosk mode in place of the static first screen.
pub fn mount() {
    let doc = document();
    if let Some(html) = doc.document_element() {
        let _ = html.class_list().add_1("kiosk");
    }
    // The kiosk's own styles, which the web store's pages never load.
    if let (Ok(link), Some(head)) = (doc.create_element("link"), doc.head()) {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", "/kiosk.css");
        let _ = head.append_child(&link);
    }
    // A long press on a touch panel opens the browser's menu (save, print, inspect, open in a
    // new window): none of it belongs on a shared kiosk. Fields keep theirs (paste, select).
    let _ = window_event_listener(leptos::ev::contextmenu, |ev| {
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.closest("input, textarea").ok().flatten().is_some());
        if !in_field {
            ev.prevent_default();
        }
    });
    crate::mount_into_app_root(|_| view! { <shell::KioskShell/> });
}
