//! Step 7 (only with a phone product): choose a phone number from those free, and reserve it.
//! The reservation is a hold with its own expiry, shown in the tray; if it lapses the tray
//! reserves the same number again by itself.

use crate::api::{self, CallError};
use crate::form::{Actions, ErrorSummary, Failure, FieldError, StepCall, check_submit, go_on};
use crate::i18n::{self, T, tx};
use crate::state::{Shop, use_shop};
use checkout_core::installation::TelephoneNumber;
use checkout_core::wire_order::{NumberReserved, ReserveNumberRequest};
use leptos::prelude::*;

/// Reserve `number` and put its hold in the tray.
pub async fn reserve(shop: Shop, number: TelephoneNumber) -> Result<(), CallError> {
    let a = api::reserve_number(ReserveNumberRequest { number }).await?;
    shop.observe(a.skew);
    // The number is on the quote: a new reservation needs new prices.
    shop.prices_changed();
    reserved(shop, a.body);
    Ok(())
}

/// A number reserved (now, or before a reload): keep it and put its hold in the tray.
pub fn reserved(shop: Shop, reserved: NumberReserved) {
    let NumberReserved { number, hold } = reserved;
    shop.number.set(Some(number.clone()));
    shop.checkout.update(|c| {
        c.number_reserved(number, hold.act_by);
        c.hold(hold);
    });
}

#[component]
pub fn NumberStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let numbers = RwSignal::new(None::<Vec<TelephoneNumber>>);
    let chosen = RwSignal::new(shop.number.get_untracked());
    let failed = RwSignal::new(None::<CallError>);
    let submitted = RwSignal::new(false);
    let search = move || {
        failed.set(None);
        leptos::task::spawn_local(async move {
            match api::search_numbers().await {
                Ok(a) => {
                    shop.observe(a.skew);
                    let mut list = a.body.numbers;
                    // The number already reserved stays a choice.
                    if let Some(n) = shop.number.get_untracked()
                        && !list.contains(&n)
                    {
                        list.insert(0, n);
                    }
                    let _ = numbers.try_set(Some(list));
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    search();
    let errors = Signal::derive(move || -> Vec<FieldError> {
        if submitted.get() && chosen.with(Option::is_none) {
            let first = numbers
                .with(|n| {
                    n.as_ref()
                        .and_then(|n| n.first().map(|x| format!("number-{}", x.as_str())))
                })
                .unwrap_or_default();
            vec![FieldError::new(first, T::ChooseANumber.text(lang.get()))]
        } else {
            Vec::new()
        }
    });

    let send: StepCall<TelephoneNumber> = Action::new_local(move |n: &TelephoneNumber| {
        let n = n.clone();
        async move {
            match reserve(shop, n).await {
                Ok(()) => {
                    go_on(shop);
                    Ok(())
                }
                Err(e) => {
                    // Taken meanwhile, perhaps: show what is free now.
                    search();
                    Err(e)
                }
            }
        }
    });
    // The search's failure, else the reservation's.
    let shown_failure = Signal::derive(move || {
        failed
            .get()
            .or_else(|| send.value().get().and_then(Result::err))
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !check_submit(&errors.get_untracked()) {
            return;
        }
        if let Some(n) = chosen.get_untracked() {
            failed.set(None);
            send.dispatch(n);
        }
    };

    view! {
        <h1 id="step-title" tabindex="-1">{tx(lang, T::NumberTitle)}</h1>
        <ErrorSummary errors lang/>
        <form class="card" on:submit=on_submit novalidate=true>
            <fieldset>
                <legend>{tx(lang, T::NumberLegend)}</legend>
                {move || numbers.get().is_none().then(|| view! { <p>{tx(lang, T::Searching)}</p> })}
                {move || numbers.get().unwrap_or_default().into_iter().map(|n| {
                    let id = format!("number-{}", n.as_str());
                    let shown = i18n::phone(n.as_str());
                    let n2 = n.clone();
                    view! {
                        <div class="choice">
                            <input type="radio" name="number" id=id.clone()
                                prop:checked=move || chosen.with(|c| c.as_ref() == Some(&n))
                                on:change=move |_| chosen.set(Some(n2.clone()))/>
                            <label for=id><span class="choice-name">{shown}</span></label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <Failure failed=shown_failure lang/>
            <Actions shop label=T::ReserveNumber busy=send.pending()/>
        </form>
    }
}
