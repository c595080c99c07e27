//! Step 13: the order is placed. Its id and job number, who comes (or that we will call), and
//! the back office's warnings as plain-language notices (`Notice::message`), never its raw text.

use crate::i18n::{self, T, tx};
use crate::state::use_shop;
use checkout_core::installation::{Appointment, Installation};
use leptos::prelude::*;

#[component]
pub fn ConfirmationStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let outcome = shop.checkout.with_untracked(|c| c.outcome().cloned());
    let installation = shop.checkout.with_untracked(|c| c.installation());
    let body = move || {
        let l = lang.get();
        let o = outcome.clone()?;
        let visit = match installation {
            Some(Installation::TechnicianVisit(Appointment::Slot(at))) => Some(format!(
                "{} {}",
                i18n::day_time(at, l),
                o.technician
                    .as_ref()
                    .map(|t| i18n::technician(t, l))
                    .unwrap_or_default()
            )),
            Some(Installation::TechnicianVisit(Appointment::Unscheduled)) => {
                Some(T::WeWillCall.text(l).to_owned())
            }
            Some(Installation::SelfInstall) => Some(T::KitOnItsWay.text(l).to_owned()),
            None => None,
        };
        Some(view! {
            <div class="notice success">
                <p class="notice-title">{T::ThankYou.text(l)}</p>
                <dl class="summary">
                    <dt>{T::OrderNumber.text(l)}</dt>
                    <dd>{o.order_id.clone()}</dd>
                    {o.job_number.clone().map(|j| view! {
                        <dt>{T::JobNumber.text(l)}</dt>
                        <dd>{j}</dd>
                    })}
                    <dt>{T::InstallLegend.text(l)}</dt>
                    <dd>{visit}</dd>
                </dl>
            </div>
            {o.notices.iter().map(|n| view! {
                <div class="notice warning"><p>{n.message(l)}</p></div>
            }).collect_view()}
        })
    };
    view! {
        <h1 id="step-title" tabindex="-1">{tx(lang, T::ConfirmedTitle)}</h1>
        {body}
    }
}
