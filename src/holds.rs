//! The holds tray: everything held for the customer (cart, number, slot, prices), each with
//! the time left on the back office's clock, in one place.
//!
//! WCAG 2.2.1 (Timing Adjustable): before a hold lapses (`checkout-core`'s warning lead) it is
//! announced through a polite live region, which never moves focus, and an extendable hold
//! offers a one-press extend. A lapsed cart hold is renewed by itself with the same choices and
//! the customer is told; nothing is ever submitted on a lapsed hold (the core flow refuses).

use crate::api::{self, CallError};
use crate::i18n::{self, T};
use crate::state::{Shop, use_shop};
use checkout_core::deadlines::{Hold, HoldKind, HoldState};
use checkout_core::{Lang, UtcMillis};
use leptos::prelude::*;

fn mm_ss(ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    format!("{}:{:02}", secs / 60, secs % 60)
}

#[component]
pub fn HoldsTray() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let holds = move || {
        shop.checkout
            .with(|c| c.holds().iter().copied().collect::<Vec<Hold>>())
    };
    let announcement = RwSignal::new(String::new());
    let warned = RwSignal::new(None::<(HoldKind, UtcMillis)>);
    let extending = RwSignal::new(false);

    // One effect per tick: announce a hold entering its warning once, recover lapsed ones.
    Effect::new(move |_| {
        let now = shop.now.get();
        for h in holds() {
            if let HoldState::Warning(left) = h.state(now)
                && warned.get_untracked() != Some((h.kind, h.act_by))
            {
                warned.set(Some((h.kind, h.act_by)));
                let lang = lang.get_untracked();
                let extend_hint = if h.kind.extendable() {
                    T::PressExtend.text(lang)
                } else {
                    ""
                };
                announcement.set(format!(
                    "{}{extend_hint}",
                    i18n::held_for_seconds(h.kind.label(lang), left.ceil_secs(), lang)
                ));
            }
        }
        let lapsed = shop.checkout.with_untracked(|c| c.holds().lapsed(now));
        if lapsed.contains(&HoldKind::Cart) {
            renew_cart(shop, now);
        }
    });

    let extend = move |_| {
        extending.set(true);
        leptos::task::spawn_local(async move {
            match api::extend_cart().await {
                Ok(a) => {
                    shop.observe(a.skew);
                    let mins = a
                        .body
                        .hold
                        .map(|h| h.remaining(shop.now.get_untracked()).0 / 60_000)
                        .unwrap_or(0);
                    shop.held(a.body);
                    announcement.set(i18n::cart_held_for_minutes(mins, lang.get_untracked()));
                }
                Err(CallError::Problem(p)) => {
                    announcement.set(p.code.message(lang.get_untracked()).to_owned());
                    // The hold may have changed under us: read it again.
                    if let Ok(a) = api::current_cart().await {
                        shop.observe(a.skew);
                        shop.held(a.body);
                    }
                }
                Err(CallError::Network) => {
                    announcement.set(T::ExtendFailed.text(lang.get_untracked()).to_owned())
                }
            }
            extending.set(false);
        });
    };
    let can_extend = move || shop.cart.with(|c| c.as_ref().is_some_and(|c| c.extendable));

    view! {
        // Always in the page, so screen readers have registered it before it speaks.
        <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || announcement.get()}
        </p>
        <Show when=move || !holds().is_empty()>
            <section class="holds" aria-labelledby="holds-title">
                <h2 id="holds-title">{move || T::HeldForYou.text(lang.get())}</h2>
                <ul>
                    {move || holds().into_iter().map(|h| {
                        let now = shop.now.get();
                        let state = h.state(now);
                        let left = match state {
                            HoldState::Live(l) | HoldState::Warning(l) => i18n::time_left(&mm_ss(l.0), lang.get()),
                            HoldState::Lapsed => T::Ended.text(lang.get()).to_owned(),
                        };
                        let warning = matches!(state, HoldState::Warning(_));
                        let extendable = h.kind.extendable();
                        view! {
                            <li class="hold" class:hold-warning=warning>
                                <span class="hold-label">{h.kind.label(lang.get())}</span>
                                <span class="hold-left">{left}</span>
                                {(extendable && can_extend()).then(|| view! {
                                    <button type="button" class="secondary" on:click=extend
                                        disabled=move || extending.get()>
                                        {move || T::Extend.text(lang.get())}
                                    </button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
        {move || shop.notice.get().filter(|(step, _)| *step == shop.checkout.with(|c| c.step())).map(|(_, n)| view! {
            <div class="notice warning" role="status">
                <p>{n}</p>
            </div>
        })}
    }
}

/// The cart hold lapsed: hold the same cart again and say so (DESIGN §5: "recovers by itself
/// where it can … and tells the customer what changed").
fn renew_cart(shop: Shop, now: UtcMillis) {
    let Some(cart) = shop.cart.get_untracked().map(|s| s.cart) else {
        return;
    };
    let lang: Lang = shop.lang.get_untracked();
    // Releases the lapsed hold (so this runs once) and steps back to the cart.
    let recovered = shop
        .checkout
        .try_update(|c| c.recover(now))
        .unwrap_or_default();
    leptos::task::spawn_local(async move {
        match api::hold_cart(cart).await {
            Ok(a) => {
                shop.observe(a.skew);
                shop.held(a.body);
                let what = recovered
                    .first()
                    .map(|k| k.on_lapse().message(lang))
                    .unwrap_or_default();
                shop.tell(what);
            }
            Err(_) => shop.tell(T::RenewFailed.text(lang)),
        }
    });
}
