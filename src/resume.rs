//! After a reload, pick up where the customer was, from the proxy's session.
//!
//! The session (an HttpOnly cookie) knows the address, the held order and what each step told
//! the back office; `GET /api/v1/checkout` answers what the app needs of it: the held cart and
//! its hold, the credit decision with its install charges, the installation kind, the reserved
//! number with its hold, and whether the terms were accepted. The browser keeps nothing of its
//! own for this. What the session holds a clock for that has lapsed (the number) is asked for
//! again; the time slot and the prices are always asked again, and the customer is told.
//!
//! An order attempt whose key is still kept may have been placed: it is looked up first, and
//! never sent again under a new key.

use crate::api;
use crate::i18n::T;
use crate::state::Shop;
use crate::steps::{number, placing};
use crate::storage;
use checkout_core::cart::CartOp;
use checkout_core::deadlines::HoldState;
use checkout_core::flow::Step;
use checkout_core::installation::CreditResult;
use checkout_core::wire_order::{CheckoutProgress, CreditDecision, OrderStatus};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

/// Pick up after a reload (see the module comment).
pub fn resume(shop: Shop) {
    leptos::task::spawn_local(async move {
        if storage::get(storage::ORDER_KEY).is_some() && order_known(shop).await {
            return;
        }
        let Ok(progress) = api::checkout_progress().await else {
            return;
        };
        shop.observe(progress.skew);
        let CheckoutProgress {
            cart: Some(held),
            credit,
            installation,
            number,
            terms_accepted,
        } = progress.body
        else {
            return;
        };
        // A cart no longer on hold may be one already ordered (its key was dropped once the
        // confirmation showed): show that confirmation again, never the cart as if to order.
        if held.hold.is_none()
            && let Ok(OrderStatus::Placed { outcome }) = api::order_status().await.map(|a| a.body)
        {
            placing::placed(shop, outcome);
            return;
        }
        if let Ok(offers) = api::offers().await {
            shop.observe(offers.skew);
            shop.offers.set(Some(offers.body));
        }
        let cart = held.cart.clone();
        shop.held(held);
        let now = shop.now.get_untracked();
        shop.checkout.update(|c| {
            c.restore_cart(cart);
            // Address → Identity → Offers → Cart, through the usual guards.
            while c.step() != Step::Cart && c.advance(now).is_ok() {}
        });
        let lang = shop.lang.get_untracked();
        let later = match credit {
            Some(outcome) => {
                let result = match outcome.decision {
                    CreditDecision::Approved => Some(CreditResult::Approved),
                    CreditDecision::DepositRequired { .. } => Some(CreditResult::DepositRequired),
                    // Nothing to pick up: the order cannot go on online; the credit step says so.
                    CreditDecision::Refused => None,
                };
                shop.credit.set(Some(outcome));
                match result {
                    Some(credit) => {
                        restore_later_steps(shop, credit, installation, number, terms_accepted)
                            .await
                    }
                    None => false,
                }
            }
            None => false,
        };
        // A lapsed hold is renewed by the holds tray, which then says so instead.
        let now = shop.now.get_untracked();
        if shop
            .checkout
            .with_untracked(|c| c.holds().lapsed(now).is_empty())
        {
            shop.tell(
                if later {
                    T::WelcomeBackLater
                } else {
                    T::WelcomeBack
                }
                .text(lang),
            );
        }
    });
}

/// The steps after the cart, as the server kept them; whether there were any.
async fn restore_later_steps(
    shop: Shop,
    credit: CreditResult,
    installation: Option<checkout_core::installation::InstallationKind>,
    number: Option<checkout_core::wire_order::NumberReserved>,
    terms_accepted: bool,
) -> bool {
    shop.checkout.update(|c| {
        c.credit_done(credit);
        if let Some(installation) = installation {
            let _ = c.apply(CartOp::ChooseInstallation {
                installation,
                credit,
            });
        }
        if terms_accepted {
            c.accept_terms();
        }
    });
    if let Some(reserved) = number {
        let now = shop.now.get_untracked();
        if matches!(reserved.hold.state(now), HoldState::Lapsed) {
            // Its reservation ended while the page was away: reserve the same number again.
            let _ = number::reserve(shop, reserved.number).await;
        } else {
            number::reserved(shop, reserved);
        }
    }
    let now = shop.now.get_untracked();
    // On through the usual guards: up to the time slot or the quote, which are asked again.
    shop.checkout.update(|c| while c.advance(now).is_ok() {});
    true
}

/// An order attempt was in flight before the reload: find out what became of it. True when
/// the order is placed (its confirmation is shown).
async fn order_known(shop: Shop) -> bool {
    let lang = shop.lang.get_untracked();
    for _ in 0..30 {
        match api::order_status().await.map(|a| a.body) {
            Ok(OrderStatus::Placed { outcome }) => {
                placing::placed(shop, outcome);
                return true;
            }
            Ok(OrderStatus::Confirming) => {
                shop.tell(T::ConfirmingTitle.text(lang));
                TimeoutFuture::new(2_000).await;
            }
            // Not placed, or refused: the key is free for a new attempt.
            Ok(_) => {
                storage::remove(storage::ORDER_KEY);
                return false;
            }
            Err(_) => TimeoutFuture::new(2_000).await,
        }
    }
    false
}
