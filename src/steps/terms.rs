//! Step 8: the terms. Each required term is its own checkbox and every one must be ticked;
//! titles and versions come from the back office's answer, and the versions shown are the
//! versions sent back as accepted.

use crate::api::{self};
use crate::form::{
    Actions, BackOfficeText, ErrorSummary, Failure, FieldError, StepCall, check_submit, failure,
    go_on,
};
use crate::i18n::{self, T, tx};
use crate::state::use_shop;
use checkout_core::wire_order::{AcceptTermsRequest, InstallationRequest, TermAcceptance};
use leptos::prelude::*;

#[component]
pub fn TermsStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let terms = move || {
        shop.fulfillment
            .with(|f| f.as_ref().map(|f| f.required_terms.clone()))
            .unwrap_or_default()
    };
    // Ticked ids; those accepted before (going back and forth) start ticked.
    let ticked = RwSignal::new(
        shop.fulfillment
            .with_untracked(|f| f.as_ref().map(|f| f.accepted_terms.clone()))
            .unwrap_or_default(),
    );
    // After a reload the terms are not known: the installation answer lists them.
    if shop.fulfillment.with_untracked(Option::is_none)
        && let Some(kind) = shop
            .checkout
            .with_untracked(|c| c.cart().and_then(|c| c.installation()))
    {
        leptos::task::spawn_local(async move {
            if let Ok(a) = api::installation(InstallationRequest { kind }).await {
                shop.observe(a.skew);
                shop.fulfillment.set(Some(a.body));
            }
        });
    }
    let submitted = RwSignal::new(false);
    let id_of = |term: &str| format!("term-{term}");
    let errors = Signal::derive(move || -> Vec<FieldError> {
        if !submitted.get() {
            return Vec::new();
        }
        let l = lang.get();
        terms()
            .into_iter()
            .filter(|t| !ticked.with(|k| k.contains(&t.id)))
            .map(|t| FieldError::new(id_of(&t.id), i18n::accept_term(l)).quoting(t.title))
            .collect()
    });

    let send: StepCall<AcceptTermsRequest> = Action::new_local(move |req: &AcceptTermsRequest| {
        let req = req.clone();
        async move {
            let a = api::accept_terms(req).await?;
            shop.observe(a.skew);
            shop.fulfillment.set(Some(a.body));
            shop.checkout.update(|c| c.accept_terms());
            go_on(shop);
            Ok(())
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !check_submit(&errors.get_untracked()) {
            return;
        }
        let accepted = terms()
            .into_iter()
            .map(|t| TermAcceptance {
                id: t.id,
                version: t.version,
            })
            .collect();
        send.dispatch(AcceptTermsRequest { accepted });
    };

    view! {
        <h1 id="step-title" tabindex="-1">{tx(lang, T::TermsTitle)}</h1>
        <p class="lede">{tx(lang, T::TermsLede)}</p>
        <ErrorSummary errors lang/>
        <form class="card" on:submit=on_submit novalidate=true>
            <fieldset>
                <legend>{tx(lang, T::TermsLegend)}</legend>
                {move || terms().into_iter().map(|t| {
                    let id = id_of(&t.id);
                    let err_id = format!("{id}-error");
                    let term = t.id.clone();
                    let term2 = t.id.clone();
                    let missing = move || submitted.get() && !ticked.with(|k| k.contains(&term2));
                    let missing2 = missing.clone();
                    let missing3 = missing.clone();
                    let title = t.title.clone();
                    view! {
                        <div class="choice" class:field-error=missing.clone()>
                            <input type="checkbox" id=id.clone()
                                aria-invalid=move || if missing2() { "true" } else { "false" }
                                aria-describedby=err_id.clone()
                                prop:checked={
                                    let term = term.clone();
                                    move || ticked.with(|k| k.contains(&term))
                                }
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    ticked.update(|k| {
                                        k.retain(|x| *x != term);
                                        if on { k.push(term.clone()); }
                                    });
                                }/>
                            <label for=id>
                                <span class="choice-name">{move || i18n::i_accept(lang.get())}<BackOfficeText text=t.title.clone()/></span>
                                <span class="choice-detail">{move || i18n::version(&t.version, lang.get())}</span>
                            </label>
                            <p class="error-message choice-reason" id=err_id>
                                {move || missing3().then(|| view! { {i18n::accept_term(lang.get())}" "<BackOfficeText text=title.clone()/> })}
                            </p>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <Failure failed=failure(send) lang/>
            <Actions shop label=T::AcceptAndContinue busy=send.pending()/>
        </form>
    }
}
