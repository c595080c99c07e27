//! The browser's Back and Forward buttons move through the checkout's steps: each step the
//! customer reaches is a history entry (`#offers`, `#cart`, …). Without a router (its cost in
//! the WASM: docs/performance.md) this is a few lines over `history.pushState`.
//!
//! The core flow still decides: Back runs the flow's `back()`, Forward its guarded `advance()`,
//! so history can never skip a step the rules would not allow.

use crate::state::Shop;
use checkout_core::flow::Step;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

fn slug(step: Step) -> &'static str {
    match step {
        Step::Address => "address",
        Step::Identity => "identity",
        Step::Offers => "offers",
        Step::Cart => "cart",
        Step::Credit => "credit",
        Step::Installation => "installation",
        Step::Number => "number",
        Step::Terms => "terms",
        Step::Slot => "slot",
        Step::Quote => "quote",
        Step::Review => "review",
        Step::Placing => "placing",
        Step::Confirmed => "confirmed",
    }
}

fn from_slug(hash: &str) -> Option<Step> {
    let s = hash.trim_start_matches('#');
    [
        Step::Address,
        Step::Identity,
        Step::Offers,
        Step::Cart,
        Step::Credit,
        Step::Installation,
        Step::Number,
        Step::Terms,
        Step::Slot,
        Step::Quote,
        Step::Review,
        Step::Placing,
        Step::Confirmed,
    ]
    .into_iter()
    .find(|st| slug(*st) == s)
}

/// Keep history in step with the flow, both ways. Framed by a partner, the steps replace the
/// frame's entry instead of adding to it, so the partner's Back button never walks through our
/// steps (our own Back button does).
pub fn sync(shop: Shop, step: Memo<Step>) {
    // Framed, the partner's Back button is not ours; at a kiosk, the next customer's Back must
    // find nothing of the last one: both replace the entry instead of adding one.
    let embedded = crate::embed::is_embedded() || crate::kiosk_state::is_kiosk();
    let history = window().history().ok();
    let entry = |s: Step| Some(format!("#{}", slug(s)));
    // A page loaded at a later step's address starts again at the address (a resumed cart
    // then moves on through the flow), so the address bar must say so.
    if let Some(h) = &history {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", entry(Step::Address).as_deref());
    }
    let moved_by_history = StoredValue::new(false);
    Effect::new(move |prev: Option<Step>| {
        let now = step.get();
        // The first run may already be past the address (handed over by the first screen's
        // module, `crate::handover`): that step needs its own entry above the address's.
        if prev.map_or(now != Step::Address, |p| p != now)
            && !moved_by_history.get_value()
            && let Ok(h) = window().history()
        {
            let url = entry(now);
            let _ = if embedded {
                h.replace_state_with_url(&JsValue::NULL, "", url.as_deref())
            } else {
                h.push_state_with_url(&JsValue::NULL, "", url.as_deref())
            };
        }
        moved_by_history.set_value(false);
        now
    });
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        let wanted = window().location().hash().ok().and_then(|h| from_slug(&h));
        let Some(wanted) = wanted else { return };
        let current = step.get_untracked();
        moved_by_history.set_value(true);
        shop.checkout.update(|c| {
            let now = shop.now.get_untracked();
            // Towards the entry's step, through steps that have no entry of their own (the
            // optional identity step is passed by); the flow's guards have the last word.
            if wanted < current {
                while c.step() > wanted && c.back().is_ok() {}
            } else {
                while c.step() < wanted && c.advance(now).is_ok() {}
            }
        });
        let reached = step.get_untracked();
        if reached == current {
            moved_by_history.set_value(false);
        }
        if reached != wanted
            && let Ok(h) = window().history()
        {
            // The flow stopped short: put the address bar where the customer really is.
            let _ = h.replace_state_with_url(&JsValue::NULL, "", entry(reached).as_deref());
        }
    });
}
