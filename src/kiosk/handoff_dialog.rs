//! The hand-off link on screen: a QR code for the customer's phone and the same link as text.
//! The cart is the phone's from now on (the proxy moved it off this kiosk's session), so the
//! only way on is "Done", which resets the kiosk.

use super::Kiosk;
use super::modal::Modal;
use super::words::K;
use crate::state::Shop;
use leptos::prelude::*;

/// How often the kiosk asks whether the phone has the cart, and how long it then leaves the
/// screen's last words up before starting over.
const POLL_MS: u32 = 2_000;
const READ_MS: u32 = 3_000;

#[component]
pub fn HandoffDialog() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let shop = expect_context::<Shop>();
    let tr = move |t: K| t.text(shop.lang.get());
    // Once the phone has the cart (the link used, or expired), the kiosk starts over by itself:
    // nobody has to remember to press Done.
    let used = RwSignal::new(false);
    Effect::new(move |_| {
        if kiosk.handoff.get().is_none() {
            return;
        }
        leptos::task::spawn_local(async move {
            while kiosk.handoff.get_untracked().is_some() {
                gloo_timers::future::TimeoutFuture::new(POLL_MS).await;
                if let Ok(v) = crate::api::kiosk::current().await
                    && !v.handoff_waiting
                {
                    used.set(true);
                    gloo_timers::future::TimeoutFuture::new(READ_MS).await;
                    super::reset();
                    break;
                }
            }
        });
    });
    view! {
        <Modal
            open=Signal::derive(move || kiosk.handoff.get().is_some())
            labelled_by="handoff-title"
            described_by="handoff-lede"
            on_close=Callback::new(move |()| super::reset())
        >
            <h2 id="handoff-title">{move || tr(K::ContinueOnPhone)}</h2>
            <p id="handoff-lede">{move || tr(K::HandoffLede)}</p>
            {move || kiosk.handoff.get().map(|h| {
                let view_box = format!("0 0 {0} {0}", h.qr_size);
                view! {
                    <svg class="qr" role="img" aria-label="QR code" viewBox=view_box
                        width="264" height="264" shape-rendering="crispEdges">
                        <rect width="100%" height="100%" fill="#fff"/>
                        <path d=h.qr_path fill="#000"/>
                    </svg>
                    <p>{move || tr(K::OrTypeAddress)}" "<span class="handoff-url">{h.url}</span></p>
                }
            })}
            <p role="status">
                <Show when=move || used.get()>{move || tr(K::HandoffUsed)}</Show>
            </p>
            <div class="kiosk-actions">
                <button type="button" class="primary" on:click=move |_| super::reset()>
                    {move || tr(K::Done)}
                </button>
            </div>
        </Modal>
    }
}
