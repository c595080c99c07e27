//! A kiosk's Jamaica or Panama order, placed: its reference and when, on the market's own
//! clocks (UTC−5), whatever the kiosk's time zone. "Finish" ends the visit (reset).

use super::Kiosk;
use super::words::{self, K};
use crate::state::Shop;
use leptos::prelude::*;

#[component]
pub fn MarketConfirmation() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let shop = expect_context::<Shop>();
    let lang = shop.lang;
    let tr = move |t: K| t.text(lang.get());
    kiosk.screen.set(checkout_core::kiosk::ScreenKind::Browsing);
    Effect::new(move |_| {
        crate::lang_switch::set_title_text(K::OrderPlaced.text(lang.get()), lang.get());
    });
    move || {
        kiosk.placed.get().map(|p| {
            let reference = p.reference.clone();
            let at = p.placed_at;
            let market = p.market;
            let approver = p.approved_by.clone();
            view! {
                <h1 id="step-title" tabindex="-1">{move || tr(K::OrderPlaced)}</h1>
                <div class="card">
                    <p class="reference-big">{move || words::order_reference(&reference, lang.get())}</p>
                    <p><span lang=super::market_order::names_lang(Some(market))>{p.bundle.name.clone()}</span></p>
                    <p>{move || words::ordered_at(at, market, lang.get())}</p>
                    <p>{move || words::approved_by(&approver, lang.get())}</p>
                </div>
                <div class="kiosk-actions">
                    <button type="button" class="primary" on:click=move |_| super::reset()>
                        {move || tr(K::Finish)}
                    </button>
                </div>
            }
        })
    }
}
