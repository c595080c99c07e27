//! The hand-off link on screen: a QR code for the customer's phone and the same link as text.
//! The cart is the phone's from now on (the proxy moved it off this kiosk's session), so the
//! only way on is "Done", which resets the kiosk.

use super::Kiosk;
use super::modal::Modal;
use super::words::K;
use crate::state::Shop;
use leptos::prelude::*;

#[component]
pub fn HandoffDialog() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let shop = expect_context::<Shop>();
    let tr = move |t: K| t.text(shop.lang.get());
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
            <div class="kiosk-actions">
                <button type="button" class="primary" on:click=move |_| super::reset()>
                    {move || tr(K::Done)}
                </button>
            </div>
        </Modal>
    }
}
