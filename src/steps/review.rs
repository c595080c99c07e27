//! Step 11: everything at a glance, the back office's own check of every rule, and who to
//! contact. "Place order" moves the flow to placing only through its guard, which refuses on
//! any lapsed hold (DESIGN §5: never submit on a lapsed hold). Contact details stay in memory.

use crate::api::{self, CallError};
use crate::form::{
    BackButton, CallFailed, ErrorSummary, Field, FieldError, check_submit, error_for, go_on,
};
use crate::i18n::{self, T, tx};
use crate::state::{ContactDraft, use_shop};
use crate::steps::order_summary::OrderSummary;
use checkout_core::wire_order::{ContactDetails, ContactPhone, Email, PersonName, Review};
use leptos::prelude::*;

#[component]
pub fn ReviewStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    // The shop's, not this view's: the review is left for the quote step when the prices
    // refresh themselves, and the customer comes back to what they typed.
    let ContactDraft { name, email, phone } = shop.contact_draft;
    let submitted = RwSignal::new(false);
    let review = RwSignal::new(None::<Result<Review, CallError>>);
    let blocked = RwSignal::new(None::<&'static str>);
    leptos::task::spawn_local(async move {
        let r = api::review().await;
        if let Ok(a) = &r {
            shop.observe(a.skew);
        }
        let _ = review.try_set(Some(r.map(|a| a.body)));
    });

    let errors = Signal::derive(move || -> Vec<FieldError> {
        if !submitted.get() {
            return Vec::new();
        }
        let l = lang.get();
        let mut out = Vec::new();
        if let Err(e) = PersonName::new(&name.get()) {
            out.push(FieldError::new("contact-name", e.message(l)));
        }
        if let Err(e) = Email::new(&email.get()) {
            out.push(FieldError::new("contact-email", e.message(l)));
        }
        if let Err(e) = ContactPhone::new(&phone.get()) {
            out.push(FieldError::new("contact-phone", e.message(l)));
        }
        out
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !check_submit(&errors.get_untracked()) {
            return;
        }
        let (Ok(name), Ok(email), Ok(phone)) = (
            PersonName::new(&name.get_untracked()),
            Email::new(&email.get_untracked()),
            ContactPhone::new(&phone.get_untracked()),
        ) else {
            return;
        };
        shop.contact
            .set(Some(ContactDetails { name, email, phone }));
        blocked.set(go_on(shop));
    };

    view! {
        <h1 id="step-title" tabindex="-1">{tx(lang, T::ReviewTitle)}</h1>
        <div class="card"><OrderSummary/></div>
        {move || review.with(|r| matches!(r, Some(Ok(Review { existing_customer: true, .. })))).then(|| view! {
            <div class="notice warning" role="status" id="existing-customer">
                <p>{tx(lang, T::ExistingCustomerAtReview)}" "
                    <a href=i18n::SUPPORT_TEL>{i18n::SUPPORT_PHONE}</a>
                </p>
            </div>
        })}
        {move || match review.get() {
            Some(Ok(r)) if !r.valid => Some(view! {
                <div class="notice error" role="alert">
                    <p class="notice-title">{tx(lang, T::ReviewProblems)}</p>
                    <ul>{r.problems.into_iter().map(|p| view! { <li lang=i18n::BACK_OFFICE_LANG>{p.message}</li> }).collect_view()}</ul>
                </div>
            }.into_any()),
            Some(Err(e)) => Some(view! { <CallFailed error=e lang/> }.into_any()),
            _ => None,
        }}
        <ErrorSummary errors lang/>
        <form class="card" on:submit=on_submit novalidate=true>
            <h2>{tx(lang, T::ContactTitle)}</h2>
            <p class="hint">{tx(lang, T::ContactLede)}</p>
            <Field id="contact-name" label=T::FullName value=name error=error_for(errors, "contact-name") autocomplete="name" lang/>
            <Field id="contact-email" label=T::Email value=email error=error_for(errors, "contact-email") kind="email" autocomplete="email" inputmode="email" lang/>
            <Field id="contact-phone" label=T::ContactPhone hint=T::PhoneHint value=phone error=error_for(errors, "contact-phone") kind="tel" autocomplete="tel" inputmode="tel" lang/>
            {move || blocked.get().map(|m| view! { <p class="error-message" role="alert">{m}</p> })}
            <div class="actions">
                <BackButton shop/>
                <button type="submit" class="primary"
                    disabled=move || review.with(|r| matches!(r, None | Some(Ok(Review { valid: false, .. }))))>
                    {tx(lang, T::PlaceOrder)}
                </button>
            </div>
        </form>
    }
}
