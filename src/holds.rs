//! The holds tray: everything held for the customer (cart, number, slot, prices), each with
//! the time left on the back office's clock, in one place.
//!
//! WCAG 2.2.1 (Timing Adjustable): before a hold lapses (`checkout-core`'s warning lead) it is
//! announced through a polite live region, which never moves focus, and an extendable hold
//! offers a one-press extend (only the cart can be extended upstream). A lapsed hold is
//! recovered by itself, as `checkout-core`'s `LapseRecovery` says (same cart held again, same
//! number reserved again, windows searched again, prices quoted again), and the customer is
//! told what changed; nothing is ever submitted on a lapsed hold (the core flow refuses).

use crate::api::{self, CallError};
use crate::i18n::{self, T};
use crate::state::{Shop, use_shop};
use crate::step_notice::StepNotice;
use crate::steps::number;
use checkout_core::deadlines::{Hold, HoldKind, HoldState};
use checkout_core::flow::Step;
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
    // Once the order is placed nothing is held for the customer any more: it is theirs.
    let holds = move || {
        shop.checkout.with(|c| {
            if c.step() == Step::Confirmed {
                Vec::new()
            } else {
                c.holds().iter().copied().collect::<Vec<Hold>>()
            }
        })
    };
    let announcement = RwSignal::new(None::<Said>);
    let say = move |text: String, about: Option<(HoldKind, UtcMillis)>| {
        announcement.set(Some(Said {
            text,
            at: shop.now.get_untracked(),
            about,
        }));
    };
    let warned = RwSignal::new(None::<(HoldKind, UtcMillis)>);
    let extending = RwSignal::new(false);

    // One effect per tick: announce a hold entering its warning once, recover lapsed ones.
    Effect::new(move |_| {
        let now = shop.now.get();
        // A message stays only while it is true: a warning while its hold is still in its
        // warning, anything else for a short while after it was spoken. A screen-reader user
        // reading the page later never finds "held for 25 more seconds" about a lapsed hold.
        if announcement.with_untracked(|a| {
            a.as_ref()
                .is_some_and(|a| !a.still_true(now, &holds_at(shop)))
        }) {
            announcement.set(None);
        }
        for h in holds() {
            if let HoldState::Warning(left) = h.state(now)
                && warned.get_untracked() != Some((h.kind, h.act_by))
            {
                warned.set(Some((h.kind, h.act_by)));
                crate::embed::post(checkout_core::embed::EmbedEvent::HoldWarning {
                    hold: h.kind.into(),
                    seconds_left: u32::try_from(left.ceil_secs()).unwrap_or(0),
                });
                let lang = lang.get_untracked();
                let extend_hint = if h.kind.extendable() {
                    T::PressExtend.text(lang)
                } else {
                    ""
                };
                say(
                    format!(
                        "{}{extend_hint}",
                        i18n::held_for_seconds(h.kind, left.ceil_secs(), lang)
                    ),
                    Some((h.kind, h.act_by)),
                );
            }
        }
        let (lapsed, step) = shop
            .checkout
            .with_untracked(|c| (!c.holds().lapsed(now).is_empty(), c.step()));
        // While placing, the placing step owns the outcome; after, nothing is held.
        if lapsed && step < Step::Placing {
            recover(shop, now);
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
                    say(
                        i18n::cart_held_for_minutes(mins, lang.get_untracked()),
                        None,
                    );
                }
                Err(CallError::Problem(p)) => {
                    say(p.code.message(lang.get_untracked()).to_owned(), None);
                    // The hold may have changed under us: read it again.
                    if let Ok(a) = api::current_cart().await {
                        shop.observe(a.skew);
                        shop.held(a.body);
                    }
                }
                Err(CallError::Network) => {
                    say(T::ExtendFailed.text(lang.get_untracked()).to_owned(), None)
                }
            }
            extending.set(false);
        });
    };
    let can_extend = move || shop.cart.with(|c| c.as_ref().is_some_and(|c| c.extendable));

    view! {
        // Always in the page, so screen readers have registered it before it speaks.
        <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || announcement.with(|a| a.as_ref().map(|a| a.text.clone()))}
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
        <StepNotice/>
    }
}

/// How long a message that is not about a hold's warning stays in the live region: long
/// enough to be read out, short enough not to be found later as if it were news.
const SAID_FOR_MS: i64 = 15_000;

/// What the live region last said, when, and the warning it was about, if one.
#[derive(Debug, Clone, PartialEq)]
struct Said {
    text: String,
    at: UtcMillis,
    about: Option<(HoldKind, UtcMillis)>,
}

impl Said {
    fn still_true(&self, now: UtcMillis, holds: &[Hold]) -> bool {
        match self.about {
            Some((kind, act_by)) => holds.iter().any(|h| {
                h.kind == kind
                    && h.act_by == act_by
                    && matches!(h.state(now), HoldState::Warning(_))
            }),
            None => (0..SAID_FOR_MS).contains(&(now.0 - self.at.0)),
        }
    }
}

fn holds_at(shop: Shop) -> Vec<Hold> {
    shop.checkout
        .with_untracked(|c| c.holds().iter().copied().collect())
}

/// Holds lapsed: release them (the flow steps back to the earliest step that gets one again)
/// and get each again, telling the customer what changed (DESIGN §5).
fn recover(shop: Shop, now: UtcMillis) {
    let lang: Lang = shop.lang.get_untracked();
    let was = shop.checkout.with_untracked(|c| c.step());
    let recovered = shop
        .checkout
        .try_update(|c| c.recover(now))
        .unwrap_or_default();
    let Some(first) = recovered.first().copied() else {
        return;
    };
    for kind in &recovered {
        crate::embed::post(checkout_core::embed::EmbedEvent::HoldLapsed {
            hold: (*kind).into(),
        });
    }
    if recovered.contains(&HoldKind::Quote) {
        // The quote step asks again when it has no live quote.
        shop.quote.set(None);
    }
    match first {
        HoldKind::Cart => renew_cart(shop, lang),
        HoldKind::NumberReservation => {
            let only = recovered.len() == 1;
            let Some(n) = shop.number.get_untracked() else {
                return;
            };
            shop.tell(first.on_lapse().message(lang));
            leptos::task::spawn_local(async move {
                if number::reserve(shop, n).await.is_ok() {
                    if only {
                        // The same number again: back to where the customer was.
                        let now = shop.now.get_untracked();
                        shop.checkout
                            .update(|c| while c.step() < was && c.advance(now).is_ok() {});
                    }
                    shop.tell(first.on_lapse().message(lang));
                } else {
                    shop.number.set(None);
                    shop.tell(T::NumberGone.text(lang));
                }
            });
        }
        HoldKind::Slot | HoldKind::Quote => shop.tell(first.on_lapse().message(lang)),
    }
}

/// The cart hold lapsed: hold the same cart again and say so.
fn renew_cart(shop: Shop, lang: Lang) {
    let Some(choices) = shop
        .cart
        .get_untracked()
        .and_then(|s| checkout_core::compose::choices_of(&s.cart))
    else {
        return;
    };
    leptos::task::spawn_local(async move {
        match api::hold_cart(&choices).await {
            Ok(a) => {
                shop.observe(a.skew);
                shop.held(a.body);
                shop.tell(HoldKind::Cart.on_lapse().message(lang));
            }
            Err(_) => shop.tell(T::RenewFailed.text(lang)),
        }
    });
}
