//! Step 10: taxes and fees. Asked for whenever there is no live quote (first visit, after its
//! conversation lapsed, after a DRO30E at the order), so the prices shown are always the ones
//! the order will be placed with; its 14-minute hold goes to the tray.

use crate::api::{self, CallError};
use crate::form::{BackButton, CallFailed, StepCall, failure, go_on};
use crate::i18n::{self, T, tx};
use crate::money;
use crate::state::{Shop, use_shop};
use checkout_core::deadlines::HoldKind;
use leptos::prelude::*;

/// Ask for a quote and put its hold in the tray.
pub async fn fetch_quote(shop: Shop) -> Result<(), CallError> {
    let a = api::quote().await?;
    shop.observe(a.skew);
    let hold = a.body.hold;
    let now = shop.now.get_untracked();
    shop.checkout.update(|c| {
        c.quoted(now);
        // The server's deadline, not ours: it knows when the conversation started.
        c.hold(hold);
    });
    shop.quote.set(Some(a.body));
    Ok(())
}

#[component]
pub fn QuoteStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let live = move || {
        shop.checkout
            .with(|c| c.holds().get(HoldKind::Quote).is_some())
    };
    let load: StepCall<()> = Action::new_local(move |_: &()| fetch_quote(shop));
    let busy = load.pending();
    let failed = failure(load);
    // No live quote (first visit, or its hold lapsed and the tray released it): ask again, but
    // not over a failure (Try again) nor while asking.
    Effect::new(move |_| {
        let failed = load.value().with_untracked(|v| matches!(v, Some(Err(_))));
        if !live() && !busy.get_untracked() && !failed {
            shop.quote.set(None);
            load.dispatch(());
        }
    });

    let cur = move || shop.quote.with(|q| q.as_ref().map(|q| q.currency.clone()));
    let amount = move |a: &str| money::text(a, &cur().unwrap_or_default());
    view! {
        <h1 id="step-title" tabindex="-1">{tx(lang, T::QuoteTitle)}</h1>
        {move || failed.get().map(|e| view! {
            <CallFailed error=e lang/>
            <button type="button" class="secondary" on:click=move |_| { load.dispatch(()); }>{tx(lang, T::TryAgain)}</button>
        })}
        <Show when=move || shop.quote.with(Option::is_some)
            fallback=move || view! { <p aria-live="polite">{move || busy.get().then(|| T::Calculating.text(lang.get()))}</p> }>
            {move || shop.quote.get().map(|q| {
                let l = lang.get();
                view! {
                    <div class="card">
                        <table class="cart-table">
                            <caption class="visually-hidden">{T::QuoteCaption.text(l)}</caption>
                            <thead><tr>
                                <th scope="col">{T::Item.text(l)}</th>
                                <th scope="col">{T::PerMonth.text(l)}</th>
                                <th scope="col">{T::OneTime.text(l)}</th>
                            </tr></thead>
                            <tbody>
                                {q.lines.iter().map(|line| view! {
                                    <tr><td lang=i18n::BACK_OFFICE_LANG>{line.name.clone()}</td><td>{amount(&line.monthly)}</td><td>{amount(&line.one_time)}</td></tr>
                                }).collect_view()}
                                {q.charges.iter().map(|c| {
                                    let (m, o) = if c.recurring { (amount(&c.amount), String::new()) } else { (String::new(), amount(&c.amount)) };
                                    view! { <tr><td lang=i18n::BACK_OFFICE_LANG>{c.name.clone()}</td><td>{m}</td><td>{o}</td></tr> }
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr>
                                <th scope="row">{T::Total.text(l)}</th>
                                <td>{amount(&q.monthly_total)}</td>
                                <td>{amount(&q.one_time_total)}</td>
                            </tr></tfoot>
                        </table>
                        <p class="totals">
                            {i18n::totals(&amount(&q.monthly_total), &amount(&q.one_time_total), l)}
                        </p>
                        {q.notices.iter().map(|n| view! {
                            <div class="notice warning"><p>{n.message(l)}</p></div>
                        }).collect_view()}
                        <p class="hint">{T::PricesHeld.text(l)}</p>
                        <div class="actions">
                            <BackButton shop/>
                            <button type="button" class="primary" on:click=move |_| { go_on(shop); }>
                                {T::Continue.text(l)}
                            </button>
                        </div>
                    </div>
                }
            })}
        </Show>
    }
}
