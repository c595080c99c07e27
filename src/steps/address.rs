//! Step 1: is the customer's address served, and by what.
//!
//! The address is parsed with `checkout-core`'s `StreetAddress` before anything is sent, so
//! bad input gets an instant message and never reaches the network.

use crate::api::{self, CallError};
use checkout_core::wire::{Alternative, Eligibility, EligibilityRequest, NotServedBecause};
use checkout_core::{StreetAddress, Technology};
use leptos::prelude::*;

#[component]
pub fn AddressStep(
    /// Pre-filled value (carried over from the static first screen).
    #[prop(optional, into)]
    initial: String,
    /// Called with the address's technology when the customer goes on to the packages.
    #[prop(optional)]
    on_continue: Option<Callback<Technology>>,
) -> impl IntoView {
    let address = RwSignal::new(initial);
    let submitted = RwSignal::new(false);
    // Derived, not stored: the message is a function of the input.
    let error = move || {
        submitted
            .get()
            .then(|| StreetAddress::try_from(address.get()).err())
            .flatten()
            .map(|e| e.to_string())
    };
    let check = Action::new_local(|a: &StreetAddress| {
        let req = EligibilityRequest { address: a.clone() };
        async move { api::eligibility(req).await }
    });
    let input_ref = NodeRef::<leptos::html::Input>::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        match StreetAddress::try_from(address.get_untracked()) {
            Ok(a) => {
                check.dispatch(a);
            }
            Err(_) => {
                if let Some(input) = input_ref.get_untracked() {
                    let _ = input.focus();
                }
            }
        }
    };

    view! {
        <h1 id="step-title">"Check your address"</h1>
        <p class="lede">"Tell us where you want service and we will show what we can connect there."</p>
        <form class="card" on:submit=on_submit novalidate=true>
            <div class="field" class:field-error=move || error().is_some()>
                <label for="address">"Service address"</label>
                <p id="address-hint" class="hint">"Street, number and town, for example: 12 Calle Luna, San Juan"</p>
                <Show when=move || error().is_some()>
                    <p id="address-error" class="error-message">
                        <span class="visually-hidden">"Error: "</span>
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
                {move || if check.pending().get() { "Checking…" } else { "Check availability" }}
            </button>
        </form>
        <section class="result" aria-live="polite" aria-labelledby="result-title">
            <h2 id="result-title" class="visually-hidden">"Result"</h2>
            {move || check.value().get().map(|r| view! { <EligibilityResult result=r on_continue/> })}
        </section>
    }
}

/// The answer in plain words.
#[component]
fn EligibilityResult(
    result: Result<Eligibility, CallError>,
    on_continue: Option<Callback<Technology>>,
) -> impl IntoView {
    match result {
        Ok(Eligibility::Serviceable {
            technology,
            existing_customer,
            ..
        }) => {
            let what = match technology {
                Technology::Ftth => "Fibre broadband (FTTH) is available at this address.",
                Technology::Coax => "Cable service (COAX) is available at this address.",
            };
            let offers = match technology {
                Technology::Ftth => "You can choose internet, phone, or internet with TV.",
                Technology::Coax => "You can choose internet, TV, phone, or any mix of them.",
            };
            view! {
                <div class="notice success">
                    <p class="notice-title">"Good news"</p>
                    <p>{what}</p>
                    <p>{offers}</p>
                    {existing_customer.then(|| view! {
                        <p>"Someone already has our service at this address. If that is you, sign in so we can add to your account instead of opening a new one."</p>
                    })}
                    {on_continue.map(|go| view! {
                        <button type="button" class="primary" on:click=move |_| go.run(technology)>
                            "See packages"
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
                NotServedBecause::NoNetworkAtAddress => "Our network does not reach this address.",
                NotServedBecause::NetworkNotYetBuilt => {
                    "Our network is being built in this area but is not ready yet."
                }
            };
            let next = match alternative {
                Alternative::NotifyWhenAvailable => {
                    "We can tell you as soon as it is ready: call us or visit a store to sign up."
                }
                Alternative::ContactUs => {
                    "Call us or visit a store and we will look at other ways to connect you."
                }
            };
            view! {
                <div class="notice warning">
                    <p class="notice-title">"We cannot connect this address yet"</p>
                    <p>{why}</p>
                    <p>{next}</p>
                </div>
            }
            .into_any()
        }
        Err(CallError::Problem(p)) => view! {
            <div class="notice error" role="alert">
                <p class="notice-title">{p.title}</p>
                <p class="reference">"Reference: " {p.correlation_id}</p>
            </div>
        }
        .into_any(),
        Err(CallError::Network) => view! {
            <div class="notice error" role="alert">
                <p class="notice-title">"We could not reach our systems. Check your connection and try again."</p>
            </div>
        }
        .into_any(),
    }
}
