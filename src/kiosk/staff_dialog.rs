//! Staff sign-in on the kiosk: an employee's number and PIN, checked by the back office (which
//! counts wrong PINs and locks). Signed in, the dialog shows who is, whether a customer asked
//! for help, and the way out. Nothing of the customer's is shown here.

use super::Kiosk;
use super::modal::Modal;
use super::words::K;
use crate::api::CallError;
use crate::i18n::T;
use crate::state::Shop;
use checkout_core::kiosk::{EmployeeId, Pin, StaffSignIn};
use leptos::prelude::*;

#[component]
pub fn StaffDialog() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let shop = expect_context::<Shop>();
    let lang = shop.lang;
    let tr = move |t: K| t.text(lang.get());
    let employee = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let close = move || {
        kiosk.staff_open.set(false);
        pin.set(String::new());
        error.set(None);
    };
    let answered = move |r: Result<checkout_core::kiosk::KioskView, CallError>| {
        busy.set(false);
        match r {
            Ok(v) => {
                error.set(None);
                kiosk.view.set(Some(v));
            }
            Err(CallError::Problem(p)) => {
                error.set(Some(p.code.message(lang.get_untracked()).to_owned()))
            }
            Err(CallError::Network) => {
                error.set(Some(T::NetworkError.text(lang.get_untracked()).to_owned()))
            }
        }
    };
    let sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = EmployeeId::new(&employee.get_untracked())
            .and_then(|e| Pin::new(&pin.get_untracked()).map(|p| (e, p)));
        pin.set(String::new());
        match parsed {
            Ok((employee_id, pin)) => {
                busy.set(true);
                leptos::task::spawn_local(async move {
                    answered(crate::api::kiosk::sign_in(&StaffSignIn { employee_id, pin }).await);
                });
            }
            Err(_) => error.set(Some(
                checkout_core::problem::ErrorCode::StaffPinWrong
                    .message(lang.get_untracked())
                    .to_owned(),
            )),
        }
    };
    let sign_out = move |_| {
        busy.set(true);
        employee.set(String::new());
        leptos::task::spawn_local(async move { answered(crate::api::kiosk::sign_out().await) });
    };
    let helped = move |_| {
        leptos::task::spawn_local(async move { answered(crate::api::kiosk::helped().await) });
    };
    let staff = move || kiosk.view.get().and_then(|v| v.staff);
    view! {
        <Modal
            open=Signal::derive(move || kiosk.staff_open.get())
            labelled_by="staff-title"
            on_close=Callback::new(move |()| close())
        >
            <h2 id="staff-title">{move || tr(K::StaffSignIn)}</h2>
            <Show when=move || error.get().is_some()>
                <p class="notice error" role="alert">{move || error.get().unwrap_or_default()}</p>
            </Show>
            {move || match staff() {
                Some(name) => view! {
                    <p class="staff-name">{move || tr(K::SignedIn)}" "{name.clone()}</p>
                    <Show when=move || kiosk.view.get().is_some_and(|v| v.help_requested)>
                        <p class="notice warning">{move || tr(K::CustomerAskedHelp)}</p>
                        <button type="button" class="secondary" on:click=helped>
                            {move || tr(K::MarkHelped)}
                        </button>
                    </Show>
                    <div class="kiosk-actions">
                        <button type="button" class="secondary" on:click=sign_out disabled=move || busy.get()>
                            {move || tr(K::SignOut)}
                        </button>
                        <button type="button" class="primary" on:click=move |_| close()>
                            {move || tr(K::Close)}
                        </button>
                    </div>
                }.into_any(),
                None => view! {
                    <Show when=move || kiosk.view.get().is_some_and(|v| v.help_requested)>
                        <p class="notice warning">{move || tr(K::CustomerAskedHelp)}</p>
                    </Show>
                    <form on:submit=sign_in novalidate=true>
                        <div class="field">
                            <label for="staff-employee">{move || tr(K::EmployeeNumber)}</label>
                            <input id="staff-employee" type="text" inputmode="numeric" enterkeyhint="next"
                                autocomplete="off" maxlength="8"
                                prop:value=move || employee.get()
                                on:input=move |ev| employee.set(event_target_value(&ev))/>
                        </div>
                        <div class="field">
                            <label for="staff-pin">{move || tr(K::Pin)}</label>
                            <input id="staff-pin" type="password" inputmode="numeric" enterkeyhint="go"
                                autocomplete="off" maxlength="8"
                                prop:value=move || pin.get()
                                on:input=move |ev| pin.set(event_target_value(&ev))/>
                        </div>
                        <div class="kiosk-actions">
                            <button type="button" class="secondary" on:click=move |_| close()>
                                {move || tr(K::Close)}
                            </button>
                            <button type="submit" class="primary" disabled=move || busy.get()>
                                {move || tr(K::SignIn)}
                            </button>
                        </div>
                    </form>
                }.into_any(),
            }}
        </Modal>
    }
}
