//! Step 1: is the customer's address served, and by what.
//!
//! The address is parsed with `checkout-core`'s `StreetAddress` before anything is sent, so
//! bad input gets an instant message and never reaches the network.

use crate::api::{self, CallError};
use crate::i18n::{self, T};
use crate::state::Shop;
use checkout_core::problem::Recovery;
use checkout_core::wire::{Alternative, Eligibility, EligibilityRequest, NotServedBecause};
use checkout_core::{Lang, Market, StreetAddress, Technology};
use leptos::prelude::*;

#[component]
pub fn AddressStep(
    /// Pre-filled value (carried over from the static first screen).
    #[prop(optional, into)]
    initial: String,
    /// Called with the address's technology when the customer goes on to the packages.
    #[prop(optional)]
    on_continue: Option<Callback<Technology>>,
    /// At a store's kiosk: called with a market that orders by bundle with staff (JM, PA),
    /// which the web store cannot take (`Market::orders_online`).
    #[prop(optional_no_strip)]
    on_market: Option<Callback<Market>>,
) -> impl IntoView {
    // Mounted alone (component tests) there is no shop: English then.
    let lang = use_context::<Shop>().map_or_else(|| RwSignal::new(Lang::En), |s| s.lang);
    let tr = move |t: T| t.text(lang.get());
    let address = RwSignal::new(initial);
    let submitted = RwSignal::new(false);
    // Derived, not stored: the message is a function of the input (and the language).
    let error = move || {
        submitted
            .get()
            .then(|| StreetAddress::try_from(address.get()).err())
            .flatten()
            .map(|e| e.message(lang.get()))
    };
    let check = Action::new_local(|a: &StreetAddress| {
        let req = EligibilityRequest { address: a.clone() };
        async move { api::eligibility(req).await }
    });
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // At a store's kiosk, a market the web store cannot take is ordered there, with staff.
    if let Some(go) = on_market {
        Effect::new(move |_| {
            if let Some(Ok(Eligibility::Serviceable { market, .. })) = check.value().get()
                && !market.orders_online()
            {
                go.run(market);
            }
        });
    }

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        match StreetAddress::try_from(address.get_untracked()) {
            Ok(a) => {
                check.dispatch(a);
            }
            Err(_) => {
                // The answer about the address before is not about this input: gone, so it
                // never stands beside the new error.
                check.value().set(None);
                if let Some(input) = input_ref.get_untracked() {
                    let _ = input.focus();
                }
            }
        }
    };

    view! {
        <h1 id="step-title" tabindex="-1">{move || tr(T::CheckYourAddress)}</h1>
        <p class="lede">{move || tr(T::AddressLede)}</p>
        <form class="card" on:submit=on_submit novalidate=true>
            <div class="field" class:field-error=move || error().is_some()>
                <label for="address">{move || tr(T::ServiceAddress)}</label>
                <p id="address-hint" class="hint">{move || tr(T::AddressHint)}</p>
                <Show when=move || error().is_some()>
                    <p id="address-error" class="error-message">
                        <span class="visually-hidden">{move || tr(T::ErrorPrefix)}</span>
                        {move || error().unwrap_or_default()}
                    </p>
                </Show>
                <input
                    id="address"
                    name="address"
                    type="text"
                    autocomplete="street-address"
                    node_ref=input_ref
                    prop:value=move || address.get()
                    on:input=move |ev| address.set(event_target_value(&ev))
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    aria-describedby=move || {
                        if error().is_some() { "address-hint address-error" } else { "address-hint" }
                    }
                />
            </div>
            <button type="submit" class="primary" disabled=move || check.pending().get()>
                {move || if check.pending().get() { tr(T::Checking) } else { tr(T::CheckAvailability) }}
            </button>
        </form>
        <section class="result" aria-live="polite" aria-labelledby="result-title">
            <h2 id="result-title" class="visually-hidden">{move || tr(T::Result)}</h2>
            {move || check.value().get().map(|r| view! { <EligibilityResult result=r on_continue on_market lang/> })}
        </section>
    }
}

/// The answer in plain words.
#[component]
fn EligibilityResult(
    result: Result<Eligibility, CallError>,
    on_continue: Option<Callback<Technology>>,
    on_market: Option<Callback<Market>>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let tr = move |t: T| t.text(lang.get());
    match result {
        // At a kiosk, such a market goes on to its bundles (`AddressStep`'s effect).
        Ok(Eligibility::Serviceable { market, .. })
            if !market.orders_online() && on_market.is_some() =>
        {
            ().into_any()
        }
        Ok(Eligibility::Serviceable { market, .. }) if !market.orders_online() => view! {
            <div class="notice warning">
                <p class="notice-title">{move || tr(T::GoodNews)}</p>
                <p>{move || tr(T::OrderByPhoneHere)}</p>
                <p><a href=i18n::SUPPORT_TEL>{i18n::SUPPORT_PHONE}</a></p>
            </div>
        }
        .into_any(),
        Ok(Eligibility::Serviceable {
            technology,
            existing_customer,
            ..
        }) => {
            let (what, choices) = match technology {
                Technology::Ftth => (T::FtthAvailable, T::FtthChoices),
                Technology::Coax => (T::CoaxAvailable, T::CoaxChoices),
            };
            view! {
                <div class="notice success">
                    <p class="notice-title">{move || tr(T::GoodNews)}</p>
                    <p>{move || tr(what)}</p>
                    <p>{move || tr(choices)}</p>
                    {existing_customer.then(|| view! {
                        <p>{move || tr(T::ExistingCustomer)}" "<a href=i18n::SUPPORT_TEL>{i18n::SUPPORT_PHONE}</a></p>
                    })}
                    {on_continue.map(|go| view! {
                        <button type="button" class="primary" on:click=move |_| go.run(technology)>
                            {move || tr(T::SeePackages)}
                        </button>
                    })}
                </div>
            }
            .into_any()
        }
        Ok(Eligibility::NotServiceable {
            because,
            alternative,
        }) => {
            let why = match because {
                NotServedBecause::NoNetworkAtAddress => T::NoNetwork,
                NotServedBecause::NetworkNotYetBuilt => T::NetworkBeingBuilt,
            };
            let next = match alternative {
                Alternative::NotifyWhenAvailable => T::NotifyWhenReady,
                Alternative::ContactUs => T::ContactUs,
            };
            view! {
                <div class="notice warning">
                    <p class="notice-title">{move || tr(T::CannotConnectYet)}</p>
                    <p>{move || tr(why)}</p>
                    <p>{move || tr(next)}</p>
                    <p><a href=i18n::SUPPORT_TEL>{i18n::SUPPORT_PHONE}</a></p>
                </div>
            }
            .into_any()
        }
        Err(CallError::Problem(p)) => {
            // A partner framing us hears the failure by its stable code (nothing else of it).
            crate::embed::post(checkout_core::embed::EmbedEvent::Error { code: p.code });
            // The next step the answer names: the phone line, or trying again.
            let next = match p.recovery {
                Recovery::CallUs => Some(view! {
                    <p>{move || tr(T::CallUsToOrder)}" "<a href=i18n::SUPPORT_TEL>{i18n::SUPPORT_PHONE}</a></p>
                }.into_any()),
                Recovery::Retry => Some(view! { <p>{move || tr(T::PleaseTryAgain)}</p> }.into_any()),
                _ => None,
            };
            view! {
                <div class="notice error" role="alert">
                    <p class="notice-title">{move || p.code.message(lang.get())}</p>
                    {next}
                    <p class="reference">{move || tr(T::Reference)} {p.correlation_id}</p>
                </div>
            }
            .into_any()
        }
        Err(CallError::Network) => view! {
            <div class="notice error" role="alert">
                <p class="notice-title">{move || tr(T::NetworkError)}</p>
            </div>
        }
        .into_any(),
    }
}
