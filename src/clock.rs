//! The app's sense of time: one tick a second that re-reads "now" from the device clock
//! through the learned server skew, and a fresh look at the holds whenever the page comes
//! back (tab refocused, laptop woken, page restored from the back-forward cache).

use crate::api;
use crate::state::Shop;
use gloo_timers::callback::Interval;
use leptos::prelude::*;

pub fn start(shop: Shop) {
    Interval::new(1_000, move || shop.tick()).forget();
    let refresh = move || {
        shop.tick();
        if shop.cart.with_untracked(Option::is_some) {
            leptos::task::spawn_local(async move {
                if let Ok(a) = api::current_cart().await {
                    shop.observe(a.skew);
                    shop.held(a.body);
                }
            });
        }
    };
    // The handles are dropped on purpose: these listen for the page's whole life.
    let _ = window_event_listener(leptos::ev::focus, move |_| refresh());
    let _ = window_event_listener(leptos::ev::pageshow, move |_| refresh());
}
