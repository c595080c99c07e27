//! Step 4: the held cart. What is in it, what it costs a month, and (in the holds tray above)
//! how long it is held. Changing it goes back to the packages; the new cart replaces the
//! old hold.

use crate::form::go_on;
use crate::i18n::{self, T, tx};
use crate::money;
use crate::state::use_shop;
use leptos::prelude::*;

#[component]
pub fn CartStep() -> impl IntoView {
    let shop = use_shop();
    let tr = move |t: T| t.text(shop.lang.get());
    // Names and prices come from the catalogue; the cart holds only codes.
    let rows = move || {
        let cart = shop.cart.get()?.cart;
        let offers = shop.offers.get()?;
        let package = cart.package()?;
        let mut rows = Vec::new();
        if let Some(p) = offers
            .packages
            .iter()
            .find(|p| p.package.code() == package.code())
        {
            rows.push((
                p.name.clone(),
                money::cents(&p.price.monthly_price),
                p.price.currency.clone(),
            ));
        }
        for line in cart.lines() {
            if let Some(a) = offers.add_ons.iter().find(|a| a.line.code() == line.code()) {
                rows.push((
                    a.name.clone(),
                    money::cents(&a.price.monthly_price),
                    a.price.currency.clone(),
                ));
            }
        }
        Some(rows)
    };
    let total = move || {
        let rows = rows()?;
        let currency = rows.first()?.2.clone();
        let sum = rows.iter().map(|r| r.1.unwrap_or(0)).sum();
        Some(money::show(sum, &currency))
    };
    let blocked = RwSignal::new(None::<&'static str>);
    let change = move |_| {
        shop.checkout.update(|c| {
            let _ = c.back();
        });
    };
    view! {
        <h1 id="step-title" tabindex="-1">{move || tr(T::YourCart)}</h1>
        <div class="card">
            <table class="cart-table">
                <caption class="visually-hidden">{move || tr(T::CartCaption)}</caption>
                <thead><tr><th scope="col">{move || tr(T::Item)}</th><th scope="col">{move || tr(T::PerMonth)}</th></tr></thead>
                <tbody>
                    {move || rows().unwrap_or_default().into_iter().map(|(name, cents, currency)| view! {
                        <tr>
                            <td lang=i18n::BACK_OFFICE_LANG>{name}</td>
                            <td>{cents.map(|c| money::show(c, &currency)).unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row">{move || tr(T::TotalPerMonth)}</th><td>{total}</td></tr></tfoot>
            </table>
            <p class="hint">{move || tr(T::TaxesLater)}</p>
            {move || blocked.get().map(|m| view! { <p class="error-message" role="alert">{m}</p> })}
            <div class="actions">
                <button type="button" class="secondary" on:click=change>{move || tr(T::ChangeChoices)}</button>
                <button type="button" class="primary" on:click=move |_| blocked.set(go_on(shop))>
                    {tx(shop.lang, T::ContinueToCredit)}
                </button>
            </div>
        </div>
    }
}
