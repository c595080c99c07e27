//! Step 6: self install or a technician visit, each with the one-time charge the credit
//! decision gave it. The choice goes into the cart (its install-charge line follows from it
//! and the credit result, in `checkout-core`) and to the back office, which answers the terms
//! the order needs.

use crate::api;
use crate::form::{
    Actions, ErrorSummary, Failure, FieldError, StepCall, check_submit, failure, go_on,
};
use crate::i18n::{self, T, tx};
use crate::money;
use crate::state::use_shop;
use checkout_core::cart::CartOp;
use checkout_core::installation::{CreditResult, InstallationKind};
use checkout_core::wire_order::{CreditDecision, InstallationRequest};
use leptos::prelude::*;

fn radio_id(kind: InstallationKind) -> &'static str {
    match kind {
        InstallationKind::SelfInstall => "install-self",
        InstallationKind::TechnicianVisit => "install-technician",
    }
}

#[component]
pub fn InstallationStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let chosen = RwSignal::new(
        shop.checkout
            .with_untracked(|c| c.cart().and_then(|c| c.installation())),
    );
    let submitted = RwSignal::new(false);
    let errors = Signal::derive(move || -> Vec<FieldError> {
        if submitted.get() && chosen.get().is_none() {
            vec![FieldError::new(
                "install-self",
                T::ChooseInstallation.text(lang.get()),
            )]
        } else {
            Vec::new()
        }
    });
    let credit = move || {
        shop.credit.with(|c| match c.as_ref().map(|c| &c.decision) {
            Some(CreditDecision::DepositRequired { .. }) => CreditResult::DepositRequired,
            _ => CreditResult::Approved,
        })
    };

    let send: StepCall<(InstallationKind, CreditResult)> = Action::new_local(
        move |&(kind, credit): &(InstallationKind, CreditResult)| async move {
            let a = api::installation(InstallationRequest { kind }).await?;
            shop.observe(a.skew);
            shop.fulfillment.set(Some(a.body));
            shop.prices_changed();
            shop.checkout.update(|c| {
                let _ = c.apply(CartOp::ChooseInstallation {
                    installation: kind,
                    credit,
                });
            });
            go_on(shop);
            Ok(())
        },
    );

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !check_submit(&errors.get_untracked()) {
            return;
        }
        if let Some(kind) = chosen.get_untracked() {
            send.dispatch((kind, credit()));
        }
    };

    let options = move || {
        shop.credit
            .get()
            .map(|c| c.install_options)
            .unwrap_or_default()
    };
    view! {
        <h1 id="step-title" tabindex="-1">{tx(lang, T::InstallTitle)}</h1>
        <ErrorSummary errors lang/>
        <form class="card" on:submit=on_submit novalidate=true>
            <fieldset aria-describedby=move || errors.with(|e| (!e.is_empty()).then_some("install-error"))>
                <legend>{tx(lang, T::InstallLegend)}</legend>
                {move || errors.get().first().map(|e| view! {
                    <p id="install-error" class="error-message">{e.text.clone()}</p>
                })}
                {move || options().into_iter().map(|o| {
                    let id = radio_id(o.kind);
                    let kind = o.kind;
                    let (name, detail) = match kind {
                        InstallationKind::SelfInstall => (T::SelfInstall, T::SelfInstallDetail),
                        InstallationKind::TechnicianVisit => (T::TechnicianVisit, T::TechnicianDetail),
                    };
                    let charge = money::text(&o.one_time.amount, &o.one_time.currency);
                    view! {
                        <div class="choice">
                            <input type="radio" name="installation" id=id
                                prop:checked=move || chosen.get() == Some(kind)
                                on:change=move |_| chosen.set(Some(kind))/>
                            <label for=id>
                                <span class="choice-name">{tx(lang, name)}</span>
                                <span class="choice-detail">{tx(lang, detail)}</span>
                                <span class="choice-detail">{move || i18n::one_time(&charge, lang.get())}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <Failure failed=failure(send) lang/>
            <Actions shop label=T::Continue busy=send.pending()/>
        </form>
    }
}
