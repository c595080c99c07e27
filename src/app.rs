//! Top-level component: holds the one store, and shows the view of the current step of the
//! core state machine. Views never decide what comes next; `checkout-core`'s flow does. The
//! page frame (masthead, footer) is static HTML in `index.html`, so it paints before the WASM.

use crate::clock;
use crate::history;
use crate::holds::HoldsTray;
use crate::i18n::T;
use crate::lang_switch::{self, LangSwitch};
use crate::state::Shop;
use crate::steps::address::AddressStep;
use crate::steps::cart::CartStep;
use crate::steps::confirmation::ConfirmationStep;
use crate::steps::credit::CreditStep;
use crate::steps::identity::IdentityStep;
use crate::steps::installation::InstallationStep;
use crate::steps::number::NumberStep;
use crate::steps::offers::OffersStep;
use crate::steps::placing::PlacingStep;
use crate::steps::quote::QuoteStep;
use crate::steps::review::ReviewStep;
use crate::steps::slot::SlotStep;
use crate::steps::terms::TermsStep;
use checkout_core::Technology;
use checkout_core::flow::Step;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn App(
    /// What the customer typed into the static first screen before the app took over.
    #[prop(optional, into)]
    initial_address: String,
    /// The technology the first screen's module found, when it handed over (`crate::handover`).
    #[prop(optional_no_strip)]
    handover: Option<Technology>,
    /// At a store's kiosk (`crate::kiosk`): its controls and dialogs, shown on every step…
    #[prop(optional)]
    kiosk_chrome: Option<ViewFn>,
    /// …and the order of a market ordered by bundle (JM, PA), in place of the steps. Passed in,
    /// not named here, so the web store's module links none of the kiosk's code.
    #[prop(optional)]
    market_order: Option<ViewFn>,
) -> impl IntoView {
    let shop = Shop::new();
    provide_context(shop);
    clock::start(shop);
    let step = Memo::new(move |_| shop.checkout.with(|c| c.step()));
    history::sync(shop, step);

    // A new step moves focus to its heading, so keyboard and screen-reader users start there.
    Effect::new(move |prev: Option<Step>| {
        let now = step.get();
        if prev.is_some_and(|p| p != now) {
            request_animation_frame(focus_step_title);
        }
        now
    });

    // Framed by a partner: tell it which step the customer is on, and how tall we are now.
    Effect::new(move |_| {
        let now = step.get();
        crate::embed::post(checkout_core::embed::EmbedEvent::StepViewed { step: now.into() });
        request_animation_frame(crate::embed::report_height);
    });

    // Every step names itself in the document title (WCAG 2.4.2), in the page's language:
    // the tab, the history list and a screen reader's window list say where the customer is.
    Effect::new(move |_| {
        // A kiosk's market order names its own screens.
        if use_context::<crate::kiosk_state::Kiosk>().is_none_or(|k| k.market.get().is_none()) {
            lang_switch::set_title(step_title(step.get()), shop.lang.get());
        }
    });

    crate::resume::resume(shop);

    let kiosk = use_context::<crate::kiosk_state::Kiosk>();
    let on_market = kiosk.map(|k| Callback::new(move |m| k.market.set(Some(m))));

    let on_eligible = Callback::new(move |technology| {
        let now = shop.now.get_untracked();
        shop.offers.set(None);
        shop.checkout.update(|c| {
            c.eligible(technology);
            // Address → Identity → Offers: new customers go straight on; existing ones can
            // step back to verify from the packages ("Already a customer?").
            let _ = c.advance(now);
            let _ = c.advance(now);
        });
    });

    // Handed over by the first screen: the address was checked there; carry on at the
    // packages, with focus on the new step's heading.
    if let Some(technology) = handover {
        on_eligible.run(technology);
        request_animation_frame(focus_step_title);
    }

    view! {
        <LangSwitch/>
        <HoldsTray/>
        {move || match step.get() {
            _ if kiosk.is_some_and(|k| k.market.get().is_some()) => {
                market_order.as_ref().map(ViewFn::run).into_any()
            }
            Step::Address => {
                view! { <AddressStep initial=initial_address.clone() on_continue=on_eligible on_market/> }
                    .into_any()
            }
            Step::Identity => view! { <IdentityStep/> }.into_any(),
            Step::Offers => view! { <OffersStep/> }.into_any(),
            Step::Cart => view! { <CartStep/> }.into_any(),
            Step::Credit => view! { <CreditStep/> }.into_any(),
            Step::Installation => view! { <InstallationStep/> }.into_any(),
            Step::Number => view! { <NumberStep/> }.into_any(),
            Step::Terms => view! { <TermsStep/> }.into_any(),
            Step::Slot => view! { <SlotStep/> }.into_any(),
            Step::Quote => view! { <QuoteStep/> }.into_any(),
            Step::Review => view! { <ReviewStep/> }.into_any(),
            Step::Placing => view! { <PlacingStep/> }.into_any(),
            Step::Confirmed => view! { <ConfirmationStep/> }.into_any(),
        }}
        {kiosk_chrome.as_ref().map(ViewFn::run)}
    }
}

/// The heading of each step, which is its title too.
fn step_title(step: Step) -> T {
    match step {
        Step::Address => T::CheckYourAddress,
        Step::Identity => T::IdentityTitle,
        Step::Offers => T::ChooseYourPackage,
        Step::Cart => T::YourCart,
        Step::Credit => T::CreditTitle,
        Step::Installation => T::InstallTitle,
        Step::Number => T::NumberTitle,
        Step::Terms => T::TermsTitle,
        Step::Slot => T::SlotTitle,
        Step::Quote => T::QuoteTitle,
        Step::Review => T::ReviewTitle,
        Step::Placing => T::PlacingTitle,
        Step::Confirmed => T::ConfirmedTitle,
    }
}

fn focus_step_title() {
    if let Some(h) = document()
        .get_element_by_id("step-title")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = h.focus();
    }
}
