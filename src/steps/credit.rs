//! Step 5: the credit check. Name, date of birth and the last four SSN digits, parsed with
//! `checkout-core`'s newtypes before anything is sent; none of them is ever kept in the
//! browser. The answer says whether a deposit is needed, what each installation costs once,
//! or, when refused, that the phone line can still help.

use crate::api;
use crate::form::{
    BackButton, ErrorSummary, Failure, Field, FieldError, StepCall, check_submit, error_for,
    failure,
};
use crate::i18n::{T, tx};
use crate::state::use_shop;
use crate::steps::credit_decision::CreditDecisionView;
use checkout_core::installation::CreditResult;
use checkout_core::wire_order::{BirthDate, CreditDecision, CreditRequest, Last4Ssn, PersonName};
use leptos::prelude::*;

#[component]
pub fn CreditStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let name = RwSignal::new(String::new());
    let dob = RwSignal::new(String::new());
    let ssn = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);

    let errors = Signal::derive(move || -> Vec<FieldError> {
        if !submitted.get() {
            return Vec::new();
        }
        let l = lang.get();
        let mut out = Vec::new();
        if let Err(e) = PersonName::new(&name.get()) {
            out.push(FieldError::new("credit-name", e.message(l)));
        }
        if let Err(e) = BirthDate::new(&dob.get()) {
            out.push(FieldError::new("credit-dob", e.message(l)));
        }
        if let Err(e) = Last4Ssn::new(&ssn.get()) {
            out.push(FieldError::new("credit-ssn", e.message(l)));
        }
        out
    });

    let send: StepCall<CreditRequest> = Action::new_local(move |req: &CreditRequest| {
        let req = req.clone();
        async move {
            let a = api::credit(req).await?;
            shop.observe(a.skew);
            let result = match a.body.decision {
                CreditDecision::Approved => Some(CreditResult::Approved),
                CreditDecision::DepositRequired { .. } => Some(CreditResult::DepositRequired),
                CreditDecision::Refused => None,
            };
            if let Some(r) = result {
                shop.checkout.update(|c| c.credit_done(r));
            }
            shop.credit.set(Some(a.body));
            shop.prices_changed();
            Ok(())
        }
    });
    let busy = send.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !check_submit(&errors.get_untracked()) {
            return;
        }
        let (Ok(name), Ok(date_of_birth), Ok(last4_ssn)) = (
            PersonName::new(&name.get_untracked()),
            BirthDate::new(&dob.get_untracked()),
            Last4Ssn::new(&ssn.get_untracked()),
        ) else {
            return;
        };
        send.dispatch(CreditRequest {
            name,
            date_of_birth,
            last4_ssn,
        });
    };

    // A decision stands beside the details that got it: while the form shows errors in new
    // details, the old decision (and its Continue) is not shown as if it answered them.
    let decision = Signal::derive(move || {
        errors
            .with(Vec::is_empty)
            .then(|| shop.credit.get())
            .flatten()
    });
    view! {
        <h1 id="step-title" tabindex="-1">{tx(lang, T::CreditTitle)}</h1>
        <p class="lede">{tx(lang, T::CreditLede)}</p>
        <ErrorSummary errors lang/>
        <form class="card" on:submit=on_submit novalidate=true>
            <Field id="credit-name" label=T::FullName value=name error=error_for(errors, "credit-name")
                autocomplete="name" lang/>
            <Field id="credit-dob" label=T::DateOfBirth hint=T::DobHint value=dob
                error=error_for(errors, "credit-dob") autocomplete="bday" lang/>
            <Field id="credit-ssn" label=T::Last4Ssn hint=T::Last4Hint value=ssn
                error=error_for(errors, "credit-ssn") inputmode="numeric" lang/>
            <div class="actions">
                <BackButton shop/>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { T::Checking.text(lang.get()) } else { T::CheckCredit.text(lang.get()) }}
                </button>
            </div>
        </form>
        <Failure failed=failure(send) lang/>
        <CreditDecisionView decision/>
    }
}
