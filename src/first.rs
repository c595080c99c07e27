//! The first screen as its own small module: the address step, the language switch, and the
//! hand-over to the whole app (`crate::handover`) when the customer goes on to the packages.
//!
//! Only this reaches the browser before the first step works (DESIGN §10's critical path); the
//! whole app is prefetched meanwhile, so going on costs a compile, not a download.

use crate::handover;
use crate::i18n::T;
use crate::lang_switch::{self, LangSwitch};
use crate::state::Shop;
use crate::steps::address::AddressStep;
use checkout_core::Technology;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[component]
pub fn FirstScreen(
    /// What the customer typed into the static first screen before this module took over.
    #[prop(optional, into)]
    initial_address: String,
) -> impl IntoView {
    let shop = Shop::new();
    provide_context(shop);
    let failed = RwSignal::new(false);
    let go_on = Callback::new(move |technology: Technology| {
        failed.set(false);
        leptos::task::spawn_local(async move {
            // On success the whole app takes the page over; this module's view goes with it.
            if JsFuture::from(handover::hand_over(technology))
                .await
                .is_err()
            {
                failed.set(true);
            }
        });
    });
    Effect::new(move |_| lang_switch::set_title(T::CheckYourAddress, shop.lang.get()));
    view! {
        <LangSwitch/>
        <AddressStep initial=initial_address on_continue=go_on/>
        <div aria-live="assertive">
            <Show when=move || failed.get()>
                <p class="notice warning">{move || T::CouldNotLoadPackages.text(shop.lang.get())}</p>
            </Show>
        </div>
    }
}

/// Start the first screen, and, when this browser has a checkout under way (a reload mid-flow),
/// let the whole app take over and pick it up from the proxy's session. If the whole app
/// cannot load then (offline, or a new release removed the module this page names), the first
/// screen keeps working: a working address step beats a page whose button never wakes up.
pub fn mount() {
    // A store's kiosk starts on its attract screen, which is the whole app's: no address
    // screen to show meanwhile.
    if crate::kiosk_state::is_kiosk() {
        wasm_bindgen_futures::spawn_local(async {
            let _ = JsFuture::from(handover::load_kiosk()).await;
        });
        return;
    }
    mount_first_screen();
    if crate::embed::is_embedded() {
        use checkout_core::embed::{EmbedEvent, StepName};
        crate::embed::fit_into_frame();
        crate::embed::take_theme();
        crate::embed::post(EmbedEvent::Ready);
        crate::embed::post(EmbedEvent::StepViewed {
            step: StepName::Address,
        });
        // Heights change with any answer, on this screen and in the whole app after it (which
        // also reports at once on a new step): one timer for the page's lifetime.
        gloo_timers::callback::Interval::new(500, crate::embed::report_height).forget();
    }
    // Not Leptos's spawn_local: this runs beside the mounted view, not inside it.
    wasm_bindgen_futures::spawn_local(async {
        if handover::checkout_under_way().await {
            let _ = JsFuture::from(handover::load_full_app()).await;
        }
    });
}

fn mount_first_screen() {
    crate::mount_into_app_root(|typed| view! { <FirstScreen initial_address=typed/> });
    request_idle_callback(handover::prefetch_full_app);
}
