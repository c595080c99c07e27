//! Step 2 (optional): an existing customer proves who they are with a one-time code.
//!
//! Every answer reads the same whether or not an account exists for the contact (DESIGN §3
//! step 2): "if this contact is on an account, a code is on its way". Wrong codes say how many
//! tries are left, the lock says how long it lasts, an expired code asks for a new one. The
//! code itself is never stored.

use crate::api::{self, CallError};
use crate::form::{
    BackButton, ErrorSummary, Failure, Field, FieldError, StepCall, check_submit, error_for,
    failure, go_on,
};
use crate::i18n::{self, T, tx};
use crate::state::use_shop;
use checkout_core::Lang;
use checkout_core::wire_order::{OtpCode, OtpContact, OtpRequest, VerifyRequest};
use leptos::prelude::*;

/// A refused code in plain words: wrong (with the tries left, if the proxy said), locked for
/// 15 minutes, or expired.
fn otp_refusal(e: &CallError, lang: Lang) -> String {
    let CallError::Problem(p) = e else {
        return T::NetworkError.text(lang).to_owned();
    };
    match p.status {
        429 => T::OtpLocked.text(lang).to_owned(),
        409 | 410 => T::OtpExpired.text(lang).to_owned(),
        400 | 401 | 403 | 422 => {
            let left = p
                .detail
                .as_deref()
                .and_then(|d| d.chars().find(char::is_ascii_digit))
                .and_then(|c| c.to_digit(10));
            i18n::otp_wrong(left, lang)
        }
        _ => p.code.message(lang).to_owned(),
    }
}

/// What the identity form sends: a contact to send a code to, or the code.
#[derive(Debug, Clone)]
enum OtpCall {
    Send(OtpContact),
    Verify(OtpCode),
}

#[component]
pub fn IdentityStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let contact = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let refused = RwSignal::new(None::<CallError>);
    let welcome = RwSignal::new(None::<String>);

    let errors = Signal::derive(move || -> Vec<FieldError> {
        if !submitted.get() {
            return Vec::new();
        }
        let l = lang.get();
        if sent.get() {
            if let Err(e) = OtpCode::new(&code.get()) {
                return vec![FieldError::new("otp-code", e.message(l))];
            }
            if let Some(r) = refused.get() {
                return vec![FieldError::new("otp-code", otp_refusal(&r, l))];
            }
        } else if let Err(e) = OtpContact::new(&contact.get()) {
            return vec![FieldError::new("otp-contact", e.message(l))];
        }
        Vec::new()
    });

    // A refusal (a wrong code, too many tries) is the form's to show beside the code; only a
    // call that got no answer is the action's failure.
    let send: StepCall<OtpCall> = Action::new_local(move |call: &OtpCall| {
        let call = call.clone();
        async move {
            match call {
                OtpCall::Send(contact) => match api::send_otp(OtpRequest { contact }).await {
                    Ok(a) => {
                        shop.observe(a.skew);
                        let _ = submitted.try_set(false);
                        let _ = sent.try_set(true);
                        Ok(())
                    }
                    Err(e) if matches!(&e, CallError::Problem(p) if p.status == 429) => {
                        let _ = refused.try_set(Some(e));
                        let _ = sent.try_set(true);
                        Ok(())
                    }
                    Err(e) => Err(e),
                },
                OtpCall::Verify(otp) => match api::verify_otp(VerifyRequest { otp }).await {
                    Ok(a) => {
                        shop.observe(a.skew);
                        let l = lang.get_untracked();
                        let _ = welcome
                            .try_set(Some(i18n::verified(a.body.customer.map(|c| c.name), l)));
                        Ok(())
                    }
                    Err(CallError::Network) => Err(CallError::Network),
                    Err(e) => {
                        let _ = refused.try_set(Some(e));
                        request_animation_frame(|| crate::form::focus("error-summary"));
                        Ok(())
                    }
                },
            }
        }
    });
    let busy = send.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        refused.set(None);
        submitted.set(true);
        if !check_submit(&errors.get_untracked()) {
            return;
        }
        let call = if sent.get_untracked() {
            OtpCode::new(&code.get_untracked())
                .map(OtpCall::Verify)
                .ok()
        } else {
            OtpContact::new(&contact.get_untracked())
                .map(OtpCall::Send)
                .ok()
        };
        if let Some(call) = call {
            send.dispatch(call);
        }
    };
    let ask_again = move |_| {
        sent.set(false);
        code.set(String::new());
        refused.set(None);
        submitted.set(false);
    };

    view! {
        <h1 id="step-title" tabindex="-1">{tx(lang, T::IdentityTitle)}</h1>
        <p class="lede">{tx(lang, T::IdentityLede)}</p>
        {move || match welcome.get() {
            Some(w) => view! {
                <div class="notice success" role="status">
                    <p class="notice-title">{w}</p>
                    <button type="button" class="primary" on:click=move |_| { go_on(shop); }>{tx(lang, T::SeePackages)}</button>
                </div>
            }.into_any(),
            None => view! {
                <ErrorSummary errors lang/>
                <form class="card" on:submit=on_submit novalidate=true>
                    <Show when=move || !sent.get()
                        fallback=move || view! {
                            <p role="status">{tx(lang, T::OtpMaybeSent)}</p>
                            <Field id="otp-code" label=T::OtpCodeLabel hint=T::OtpCodeHint value=code
                                error=error_for(errors, "otp-code") inputmode="numeric" autocomplete="one-time-code" lang/>
                            <div class="actions">
                                <button type="submit" class="primary" disabled=move || busy.get()>{tx(lang, T::Verify)}</button>
                                <button type="button" class="secondary" on:click=ask_again>{tx(lang, T::NewCode)}</button>
                            </div>
                        }>
                        <Field id="otp-contact" label=T::EmailOrPhone hint=T::EmailOrPhoneHint value=contact
                            error=error_for(errors, "otp-contact") autocomplete="email" lang/>
                        <button type="submit" class="primary" disabled=move || busy.get()>{tx(lang, T::SendCode)}</button>
                    </Show>
                </form>
                <Failure failed=failure(send) lang/>
                <div class="actions">
                    <BackButton shop/>
                    <button type="button" class="secondary" on:click=move |_| { go_on(shop); }>{tx(lang, T::SkipIdentity)}</button>
                </div>
            }.into_any(),
        }}
    }
}
