//! The kiosk's own controls, on every screen of a customer's visit: staff, help, start over,
//! and, once a cart is held, the hand-off to the customer's phone. Placed at the bottom of a
//! tall screen, within reach of someone standing.

use super::Kiosk;
use super::modal::Modal;
use super::words::K;
use crate::state::Shop;
use checkout_core::flow::Step;
use leptos::prelude::*;

#[component]
pub fn KioskBar() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let shop = expect_context::<Shop>();
    let tr = move |t: K| t.text(shop.lang.get());
    let handoff_failed = RwSignal::new(false);
    // The held cart of the web store's flow can go on on the customer's phone, from the cart
    // (the natural moment: everything after it is the customer's own details, better typed on
    // their own phone); a JM or PA order cannot (it needs the store).
    let can_hand_off =
        move || kiosk.market.get().is_none() && shop.checkout.with(|c| c.step()) == Step::Cart;
    let ask_help = move |_| {
        kiosk.help_sent.set(true);
        leptos::task::spawn_local(async move {
            if let Ok(v) = crate::api::kiosk::ask_for_help().await {
                kiosk.view.set(Some(v));
            }
        });
    };
    let hand_off = move |_| {
        handoff_failed.set(false);
        leptos::task::spawn_local(async move {
            match crate::api::kiosk::handoff().await {
                Ok(h) => kiosk.handoff.set(Some(h)),
                Err(_) => handoff_failed.set(true),
            }
        });
    };
    let no_placing = move || !kiosk.placing.get();
    view! {
        <div class="kiosk-status" role="status">
            <Show when=move || kiosk.help_sent.get()>
                <p class="notice info">{move || tr(K::HelpOnTheWay)}</p>
            </Show>
            <Show when=move || handoff_failed.get()>
                <p class="notice error">{move || tr(K::HandoffFailed)}</p>
            </Show>
        </div>
        <nav class="kiosk-bar" aria-label=move || tr(K::Nav)>
            <Show when=can_hand_off>
                <button type="button" class="secondary" on:click=hand_off>
                    {move || tr(K::ContinueOnPhone)}
                </button>
            </Show>
            <button type="button" class="secondary" on:click=ask_help>
                {move || tr(K::AskForHelp)}
            </button>
            <button type="button" class="secondary" on:click=move |_| kiosk.staff_open.set(true)>
                {move || tr(K::Staff)}
            </button>
            <Show when=no_placing>
                <button type="button" class="secondary" on:click=move |_| kiosk.confirm_reset.set(true)>
                    {move || tr(K::StartOver)}
                </button>
            </Show>
        </nav>
        <Modal
            open=Signal::derive(move || kiosk.confirm_reset.get())
            labelled_by="start-over-title"
            on_close=Callback::new(move |()| kiosk.confirm_reset.set(false))
        >
            <h2 id="start-over-title">{move || tr(K::StartOverQuestion)}</h2>
            <div class="kiosk-actions">
                <button type="button" class="secondary" on:click=move |_| kiosk.confirm_reset.set(false)>
                    {move || tr(K::KeepGoing)}
                </button>
                <button type="button" class="primary" on:click=move |_| super::reset()>
                    {move || tr(K::StartOver)}
                </button>
            </div>
        </Modal>
    }
}
