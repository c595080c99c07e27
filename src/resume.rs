//! After a reload, pick up where the customer was.
//!
//! The proxy's session (an HttpOnly cookie) still knows the address, the held order and what
//! the back office was told; the browser keeps in `sessionStorage` only the codes the later
//! steps need to show it again: the credit decision with the install charges, the installation
//! kind, the reserved number and whether the terms were accepted. Never the date of birth, the
//! SSN digits, a one-time code or contact details. What held a clock that the reload could not
//! see (number, time slot, prices) is asked for again, and the customer is told.
//!
//! An order attempt whose key is still kept may have been placed: it is looked up first, and
//! never sent again under a new key.

use crate::api;
use crate::i18n::T;
use crate::state::Shop;
use crate::steps::{number, placing};
use crate::storage;
use checkout_core::cart::CartOp;
use checkout_core::flow::Step;
use checkout_core::installation::{CreditResult, InstallationKind, TelephoneNumber};
use checkout_core::wire_order::{CreditDecision, CreditOutcome, InstallOption, Money, OrderStatus};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

fn kind_code(k: InstallationKind) -> &'static str {
    match k {
        InstallationKind::SelfInstall => "self",
        InstallationKind::TechnicianVisit => "tech",
    }
}

fn kind_of(code: &str) -> Option<InstallationKind> {
    match code {
        "self" => Some(InstallationKind::SelfInstall),
        "tech" => Some(InstallationKind::TechnicianVisit),
        _ => None,
    }
}

/// Write down what the later steps need (`key=value;…`, codes and amounts only).
pub fn save(shop: Shop) {
    let mut out = String::new();
    if let Some(c) = shop.credit.get_untracked() {
        match c.decision {
            CreditDecision::Approved => out.push_str("credit=ok;"),
            CreditDecision::DepositRequired { deposit } => {
                out.push_str(&format!(
                    "credit=deposit;deposit={} {};",
                    deposit.amount, deposit.currency
                ));
            }
            // Nothing to resume: the order cannot go on online.
            CreditDecision::Refused => return,
        }
        for o in c.install_options {
            out.push_str(&format!(
                "opt={} {} {};",
                kind_code(o.kind),
                o.one_time.amount,
                o.one_time.currency
            ));
        }
    }
    if let Some(k) = shop
        .checkout
        .with_untracked(|c| c.cart().and_then(|c| c.installation()))
    {
        out.push_str(&format!("install={};", kind_code(k)));
    }
    if let Some(n) = shop.number.get_untracked() {
        out.push_str(&format!("number={};", n.as_str()));
    }
    if shop.checkout.with_untracked(|c| c.step() > Step::Terms) {
        out.push_str("terms=1;");
    }
    storage::set(storage::PROGRESS, &out);
}

fn money(text: &str) -> Option<Money> {
    let (amount, currency) = text.split_once(' ')?;
    Some(Money {
        amount: amount.to_owned(),
        currency: currency.to_owned(),
    })
}

/// Pick up after a reload (see the module comment).
pub fn resume(shop: Shop) {
    leptos::task::spawn_local(async move {
        if storage::get(storage::ORDER_KEY).is_some() && order_known(shop).await {
            return;
        }
        let Ok(held) = api::current_cart().await else {
            return;
        };
        // A cart no longer on hold may be one already ordered (its key was dropped once the
        // confirmation showed): show that confirmation again, never the cart as if to order.
        if held.body.hold.is_none()
            && let Ok(OrderStatus::Placed { outcome }) = api::order_status().await.map(|a| a.body)
        {
            placing::placed(shop, outcome);
            return;
        }
        shop.observe(held.skew);
        if let Ok(offers) = api::offers().await {
            shop.observe(offers.skew);
            shop.offers.set(Some(offers.body));
        }
        let cart = held.body.cart.clone();
        shop.held(held.body);
        let now = shop.now.get_untracked();
        shop.checkout.update(|c| {
            c.restore_cart(cart);
            // Address → Identity → Offers → Cart, through the usual guards.
            while c.step() != Step::Cart && c.advance(now).is_ok() {}
        });
        let lang = shop.lang.get_untracked();
        let later = restore_later_steps(shop).await;
        // A lapsed hold is renewed by the holds tray, which then says so instead.
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

/// The steps after the cart, from what was written down; whether there were any.
async fn restore_later_steps(shop: Shop) -> bool {
    let Some(saved) = storage::get(storage::PROGRESS) else {
        return false;
    };
    let mut result = None;
    let (mut deposit, mut options) = (None, Vec::new());
    let (mut install, mut number, mut terms) = (None, None, false);
    for (k, v) in saved.split(';').filter_map(|kv| kv.split_once('=')) {
        match k {
            "credit" => result = Some(v == "deposit"),
            "deposit" => deposit = money(v),
            "opt" => {
                if let Some((kind, m)) = v.split_once(' ')
                    && let (Some(kind), Some(one_time)) = (kind_of(kind), money(m))
                {
                    options.push(InstallOption { kind, one_time });
                }
            }
            "install" => install = kind_of(v),
            "number" => number = TelephoneNumber::new(v).ok(),
            "terms" => terms = v == "1",
            _ => {}
        }
    }
    let Some(deposit_needed) = result else {
        return false;
    };
    let (decision, credit) = match (deposit_needed, deposit) {
        (true, Some(deposit)) => (
            CreditDecision::DepositRequired { deposit },
            CreditResult::DepositRequired,
        ),
        _ => (CreditDecision::Approved, CreditResult::Approved),
    };
    shop.credit.set(Some(CreditOutcome {
        decision,
        install_options: options,
    }));
    shop.checkout.update(|c| {
        c.credit_done(credit);
        if let Some(installation) = install {
            let _ = c.apply(CartOp::ChooseInstallation {
                installation,
                credit,
            });
        }
        if terms {
            c.accept_terms();
        }
    });
    // The reservation's clock was not kept: reserve the same number again.
    if let Some(n) = number {
        let _ = number::reserve(shop, n).await;
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
