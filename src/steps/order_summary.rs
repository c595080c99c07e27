//! The order at a glance on the review: the package, how it is installed (and when), the
//! number, and the totals a month and once, from the live quote.

use crate::i18n::{self, T};
use crate::money;
use crate::state::use_shop;
use checkout_core::installation::{Appointment, Installation};
use leptos::prelude::*;

#[component]
pub fn OrderSummary() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    move || {
        let l = lang.get();
        let installation = shop.checkout.with(|c| c.installation());
        let how = match installation {
            Some(Installation::SelfInstall) => T::SelfInstall.text(l).to_owned(),
            Some(Installation::TechnicianVisit(Appointment::Slot(at))) => {
                format!("{}: {}", T::TechnicianVisit.text(l), i18n::day_time(at, l))
            }
            Some(Installation::TechnicianVisit(Appointment::Unscheduled)) => {
                format!("{}: {}", T::TechnicianVisit.text(l), T::WeWillCall.text(l))
            }
            None => String::new(),
        };
        let q = shop.quote.get();
        let cur = q.as_ref().map(|q| q.currency.clone()).unwrap_or_default();
        view! {
            <dl class="summary">
                <dt>{T::YourPackage.text(l)}</dt>
                <dd lang=i18n::BACK_OFFICE_LANG>{q.as_ref().and_then(|q| q.lines.first()).map(|x| x.name.clone())}</dd>
                <dt>{T::InstallLegend.text(l)}</dt>
                <dd>{how}</dd>
                {shop.number.get().map(|n| view! {
                    <dt>{T::PhoneNumber.text(l)}</dt>
                    <dd>{i18n::phone(n.as_str())}</dd>
                })}
                <dt>{T::TotalPerMonth.text(l)}</dt>
                <dd>{q.as_ref().map(|q| money::text(&q.monthly_total, &cur))}</dd>
                <dt>{T::OneTimeTotal.text(l)}</dt>
                <dd>{q.as_ref().map(|q| money::text(&q.one_time_total, &cur))}</dd>
            </dl>
        }
    }
}
