//! Step 12: placing the order, exactly once (DESIGN §3 step 12).
//!
//! One `Idempotency-Key` per attempt, kept in `sessionStorage` before the call so a reload or a
//! retry sends the same key. If no answer comes within `PLACE_ORDER_TIMEOUT_MS` (or the network
//! fails) the customer sees "Confirming your order…" while the app asks the proxy where the
//! order stands; it never sends a second order under a new key while one might exist. Only a
//! refusal (the order certainly does not exist) frees the key for a new attempt.

use crate::api::{self, CallError};
use crate::i18n::{T, tx};
use crate::state::{Shop, use_shop};
use crate::storage;
use checkout_core::deadlines::HoldKind;
use checkout_core::problem::{ErrorCode, Recovery};
use checkout_core::tmf622::OrderOutcome;
use checkout_core::wire::PlaceOrderRequest;
use checkout_core::wire_order::{OrderStatus, PLACE_ORDER_TIMEOUT_MS};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

/// How often "Confirming your order…" asks again.
const POLL_MS: u32 = 2_000;

/// The order exists: show its confirmation and forget the key.
pub fn placed(shop: Shop, outcome: OrderOutcome) {
    storage::remove(storage::ORDER_KEY);
    // A partner framing us hears of it: the reference and the totals, nothing about who.
    if let Some(q) = shop.quote.get_untracked() {
        crate::embed::post(checkout_core::embed::EmbedEvent::OrderPlaced {
            reference: outcome.order_id.clone(),
            monthly_total: q.monthly_total,
            one_time_total: q.one_time_total,
            currency: q.currency,
        });
    }
    let now = shop.now.get_untracked();
    shop.checkout.update(|c| {
        if c.step() == checkout_core::flow::Step::Placing {
            c.confirmed(outcome);
            let _ = c.advance(now);
        } else {
            c.placed_earlier(outcome);
        }
    });
}

/// The order was refused, so it does not exist: free the key, go back as far as core's
/// recovery for the refusal says and say why. An expired conversation (DRO30E) goes back to a
/// new quote, a window that cannot be booked (JBE10E) to the windows; then the customer
/// confirms again.
fn refused(shop: Shop, code: ErrorCode, reference: Option<String>) {
    storage::remove(storage::ORDER_KEY);
    shop.checkout.update(|c| c.placing_failed(code.recovery()));
    if shop
        .checkout
        .with_untracked(|c| c.holds().get(HoldKind::Quote).is_none())
    {
        shop.quote.set(None);
    }
    shop.tell_with_reference(code.message(shop.lang.get_untracked()), reference);
}

#[component]
pub fn PlacingStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let confirming = RwSignal::new(false);
    let request = shop.checkout.with_untracked(|c| {
        Some(PlaceOrderRequest {
            installation: c.installation()?,
            contact: shop.contact.get_untracked()?,
        })
    });
    let Some(request) = request else {
        // Nothing to place (cannot happen through the flow's guards): back to the review.
        shop.checkout.update(|c| c.placing_failed(Recovery::Retry));
        return view! { <h1 id="step-title" tabindex="-1">{tx(lang, T::PlacingTitle)}</h1> }
            .into_any();
    };
    let key = storage::order_key();
    let done = Rc::new(Cell::new(false));

    let send = {
        let (done, key, request) = (done.clone(), key.clone(), request.clone());
        move || {
            let (done, key, request) = (done.clone(), key.clone(), request.clone());
            leptos::task::spawn_local(async move {
                let r = api::place_order(&request, &key).await;
                if done.get() {
                    return;
                }
                match r {
                    Ok(a) => {
                        done.set(true);
                        shop.observe(a.skew);
                        placed(shop, a.body.outcome);
                    }
                    // "Confirming" is not a refusal: the order may exist.
                    Err(CallError::Problem(p))
                        if !matches!(
                            p.code,
                            ErrorCode::OrderOutcomeUnknown
                                | ErrorCode::UpstreamTimeout
                                | ErrorCode::IdempotencyInFlight
                        ) =>
                    {
                        done.set(true);
                        refused(shop, p.code, Some(p.correlation_id));
                    }
                    Err(_) => {
                        let _ = confirming.try_set(true);
                    }
                }
            });
        }
    };

    // No answer in time, or no answer at all: ask where the order stands until we know.
    {
        let (done, send) = (done.clone(), send.clone());
        Effect::new(move |started: Option<bool>| {
            if started == Some(true) || !confirming.get() {
                return started.unwrap_or(false);
            }
            let (done, send) = (done.clone(), send.clone());
            leptos::task::spawn_local(async move {
                while !done.get() {
                    TimeoutFuture::new(POLL_MS).await;
                    if done.get() {
                        break;
                    }
                    if let Ok(a) = api::order_status().await {
                        match a.body {
                            OrderStatus::Placed { outcome } => {
                                done.set(true);
                                placed(shop, outcome);
                            }
                            OrderStatus::Failed { code } => {
                                done.set(true);
                                let code = if code.contains("conversation_expired") {
                                    ErrorCode::ConversationExpired
                                } else {
                                    ErrorCode::OrderRejected
                                };
                                refused(shop, code, None);
                            }
                            // The call never arrived: the same key again is safe.
                            OrderStatus::NotPlaced => send(),
                            OrderStatus::Confirming => {}
                        }
                    }
                }
            });
            true
        });
    }

    // Never on a lapsed hold: the flow's guard let us in, but check the clock once more.
    let lapsed = shop.checkout.with_untracked(|c| {
        !c.holds().lapsed(shop.now.get_untracked()).is_empty()
            || c.holds().get(HoldKind::Quote).is_none()
    });
    if lapsed {
        shop.checkout.update(|c| c.placing_failed(Recovery::Retry));
        shop.tell(T::HoldEndedBeforeOrder.text(lang.get_untracked()));
    } else {
        send();
        leptos::task::spawn_local(async move {
            TimeoutFuture::new(u32::try_from(PLACE_ORDER_TIMEOUT_MS).unwrap_or(15_000)).await;
            if !done.get() {
                let _ = confirming.try_set(true);
            }
        });
    }

    view! {
        <h1 id="step-title" tabindex="-1">
            {move || if confirming.get() { T::ConfirmingTitle.text(lang.get()) } else { T::PlacingTitle.text(lang.get()) }}
        </h1>
        <div class="card" role="status" aria-live="polite">
            <p>{move || if confirming.get() { T::ConfirmingLede.text(lang.get()) } else { T::PlacingLede.text(lang.get()) }}</p>
            <p class="spinner" aria-hidden="true"></p>
        </div>
    }
    .into_any()
}
