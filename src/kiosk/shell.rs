//! The kiosk's top level: the attract screen until a customer chooses a language, then the
//! customer's flow (`crate::app::App`, which adds the kiosk's bar, dialogs and idle guard when
//! it finds the [`Kiosk`] context).

use super::Kiosk;
use super::attract::Attract;
use super::bar::KioskBar;
use super::handoff_dialog::HandoffDialog;
use super::idle::IdleGuard;
use super::market_confirmation::MarketConfirmation;
use super::market_order::MarketOrder;
use super::staff_dialog::StaffDialog;
use crate::app::App;
use crate::i18n;
use checkout_core::Lang;
use leptos::prelude::*;

#[component]
pub fn KioskShell() -> impl IntoView {
    let kiosk = Kiosk::new();
    provide_context(kiosk);
    kiosk.refresh();
    let started = RwSignal::new(false);
    let on_choose = Callback::new(move |lang: Lang| {
        // The flow's store reads the language chosen from the page's session storage, which
        // the reset clears with everything else.
        crate::storage::set(crate::lang_switch::LANG, i18n::tag(lang));
        started.set(true);
    });
    view! {
        <Show when=move || started.get() fallback=move || view! { <Attract on_choose/> }>
            <App
                kiosk_chrome=ViewFn::from(|| view! {
                    <KioskBar/>
                    <StaffDialog/>
                    <HandoffDialog/>
                    <IdleGuard/>
                })
                market_order=ViewFn::from(move || {
                    if kiosk.placed.get().is_some() {
                        view! { <MarketConfirmation/> }.into_any()
                    } else {
                        view! { <MarketOrder/> }.into_any()
                    }
                })
            />
        </Show>
    }
}
