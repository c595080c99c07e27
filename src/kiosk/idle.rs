//! "Are you still there?": after a screen's idle time (`ScreenKind::idle_secs`) without a
//! touch or a key, the kiosk asks, in a modal alert dialog the screen reader announces, with
//! `STILL_THERE_SECS` to answer and one large button. Answered, it asks again only after
//! another idle time, as often as needed (WCAG 2.2.1 asks for at least ten extensions; there
//! is no limit). Not answered, the kiosk resets. Never while an order is being placed.
//!
//! Time is read from `Date.now()` on each tick, never counted in ticks: a throttled tab or a
//! clock moved forward (the tests' fake clock) is right on its next tick.

use super::Kiosk;
use super::modal::Modal;
use super::words::{self, K};
use crate::state::Shop;
use checkout_core::flow::Step;
use checkout_core::kiosk::{STILL_THERE_SECS, ScreenKind};
use gloo_timers::callback::Interval;
use leptos::prelude::*;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[component]
pub fn IdleGuard() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let shop = expect_context::<Shop>();
    let tr = move |t: K| t.text(shop.lang.get());
    // What each step asks of the customer sets how long to wait; placing an order pauses it.
    Effect::new(move |_| {
        let step = shop.checkout.with(|c| c.step());
        kiosk.placing.set(step == Step::Placing);
        if kiosk.market.get().is_none() {
            kiosk.screen.set(screen_kind(step));
        }
    });
    let last_touch = StoredValue::new(now_ms());
    // When the question must be answered by (ms), while it is asked.
    let deadline = RwSignal::new(None::<f64>);
    let left = RwSignal::new(i64::from(STILL_THERE_SECS));
    let touched = move || {
        if deadline.get_untracked().is_none() {
            last_touch.set_value(now_ms());
        }
    };
    for ev in ["pointerdown", "keydown", "input", "wheel"] {
        let handle = window_event_listener_untyped(ev, move |_| touched());
        on_cleanup(move || handle.remove());
    }
    let tick = Interval::new(1_000, move || {
        let now = now_ms();
        if kiosk.placing.get_untracked() {
            last_touch.set_value(now);
            deadline.set(None);
            return;
        }
        match deadline.get_untracked() {
            Some(by) if now >= by => {
                deadline.set(None);
                super::reset();
            }
            Some(by) => left.set(((by - now) / 1000.0).ceil() as i64),
            None => {
                let idle_ms = f64::from(kiosk.screen.get_untracked().idle_secs()) * 1000.0;
                if now - last_touch.get_value() >= idle_ms {
                    left.set(i64::from(STILL_THERE_SECS));
                    deadline.set(Some(now + f64::from(STILL_THERE_SECS) * 1000.0));
                }
            }
        }
    });
    let tick = StoredValue::new_local(Some(tick));
    on_cleanup(move || {
        if let Some(t) = tick.try_update_value(Option::take).flatten() {
            t.cancel();
        }
    });
    let still_here = move || {
        deadline.set(None);
        last_touch.set_value(now_ms());
    };
    view! {
        <Modal
            open=Signal::derive(move || deadline.get().is_some())
            labelled_by="idle-title"
            described_by="idle-time"
            alert=true
            on_close=Callback::new(move |()| still_here())
        >
            <h2 id="idle-title">{move || tr(K::StillThere)}</h2>
            <p id="idle-time">{move || words::starts_over_in(left.get(), shop.lang.get())}</p>
            <button type="button" class="primary still-here" autofocus=true on:click=move |_| still_here()>
                {move || tr(K::StillHere)}
            </button>
        </Modal>
    }
}

/// How long a kiosk may sit untouched on each step (`ScreenKind::idle_secs`).
fn screen_kind(step: Step) -> ScreenKind {
    match step {
        Step::Address | Step::Identity | Step::Credit | Step::Installation | Step::Number => {
            ScreenKind::Form
        }
        Step::Terms | Step::Quote | Step::Review => ScreenKind::Reading,
        Step::Offers | Step::Cart | Step::Slot | Step::Placing | Step::Confirmed => {
            ScreenKind::Browsing
        }
    }
}
