//! The credit decision, as the customer reads it: approved, a deposit needed (how much), or
//! refused with the phone line; what each installation costs once after it; and Continue
//! unless refused.

use crate::form::go_on;
use crate::i18n::{self, T, tx};
use crate::money;
use crate::state::use_shop;
use checkout_core::wire_order::{CreditDecision, CreditOutcome};
use leptos::prelude::*;

#[component]
pub fn CreditDecisionView(
    /// The decision to show; none while there is none, or while new details show errors.
    decision: Signal<Option<CreditOutcome>>,
) -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    view! {
        <section class="result" aria-live="polite" aria-labelledby="credit-result">
            <h2 id="credit-result" class="visually-hidden">{tx(lang, T::Result)}</h2>
            {move || decision.get().map(|o| {
                let l = lang.get();
                let (class, title, more) = match &o.decision {
                    CreditDecision::Approved => ("notice success", T::CreditApproved.text(l), String::new()),
                    CreditDecision::DepositRequired { deposit } => (
                        "notice warning",
                        T::DepositNeeded.text(l),
                        i18n::deposit(&money::text(&deposit.amount, &deposit.currency), l),
                    ),
                    CreditDecision::Refused => ("notice error", T::CreditRefused.text(l), T::CallUsLine.text(l).to_owned()),
                };
                let refused = matches!(o.decision, CreditDecision::Refused);
                view! {
                    <div class=class>
                        <p class="notice-title">{title}</p>
                        <p>{more}</p>
                        {refused.then(|| view! {
                            <p><a href=i18n::SUPPORT_TEL>{i18n::SUPPORT_PHONE}</a></p>
                        })}
                        <ul class="plain">
                            {o.install_options.iter().map(|opt| view! {
                                <li>{i18n::install_charge(opt.kind, &money::text(&opt.one_time.amount, &opt.one_time.currency), l)}</li>
                            }).collect_view()}
                        </ul>
                        {(!refused).then(|| view! {
                            <button type="button" class="primary" on:click=move |_| { go_on(shop); }>
                                {T::Continue.text(l)}
                            </button>
                        })}
                    </div>
                }
            })}
        </section>
    }
}
