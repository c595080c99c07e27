//! Step 9 (technician visit only): choose a window. The search holds the windows upstream
//! (4 min; order within 3), so its hold goes to the tray at once; when it lapses the tray
//! releases it and this step searches again. No window free (J4U22A) → the visit is booked
//! unscheduled and the customer is told we will call.

use crate::api::{self, CallError};
use crate::form::{BackButton, CallFailed, ErrorSummary, FieldError, check_submit, go_on};
use crate::i18n::{T, tx};
use crate::state::use_shop;
use crate::steps::slot_windows::SlotWindows;
use checkout_core::deadlines::HoldKind;
use checkout_core::installation::Appointment;
use checkout_core::problem::ErrorCode;
use checkout_core::wire_order::{SlotChoice, SlotSearch};
use leptos::prelude::*;

#[component]
pub fn SlotStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let search = RwSignal::new(None::<SlotSearch>);
    let chosen = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<CallError>);
    let busy = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let held = move || {
        shop.checkout
            .with(|c| c.holds().get(HoldKind::Slot).is_some())
    };

    let find = move || {
        busy.set(true);
        failed.set(None);
        chosen.set(None);
        leptos::task::spawn_local(async move {
            match api::search_slots().await {
                Ok(a) => {
                    shop.observe(a.skew);
                    shop.prices_changed();
                    match &a.body {
                        SlotSearch::Offered { hold, .. } => {
                            let hold = *hold;
                            shop.checkout.update(|c| c.hold(hold));
                        }
                        // No J4U22A problem here: the proxy answers it as `NoneAvailable`.
                        SlotSearch::NoneAvailable => {}
                    }
                    let _ = search.try_set(Some(a.body));
                }
                Err(e) => {
                    let no_slots = matches!(&e, CallError::Problem(p) if p.code == ErrorCode::NoSlotsAvailable);
                    if no_slots {
                        let _ = search.try_set(Some(SlotSearch::NoneAvailable));
                    } else {
                        let _ = failed.try_set(Some(e));
                    }
                }
            }
            let _ = busy.try_set(false);
        });
    };
    // First visit, or the windows' hold lapsed (the tray released it): search again. Not
    // after "none available" (nothing is held then) nor after a failure (Try again).
    Effect::new(move |_| {
        let none = search.with_untracked(|s| matches!(s, Some(SlotSearch::NoneAvailable)));
        let fresh = search.with_untracked(Option::is_none);
        if (!held() || fresh)
            && !none
            && !busy.get_untracked()
            && failed.with_untracked(Option::is_none)
        {
            find();
        }
    });

    let errors = Signal::derive(move || -> Vec<FieldError> {
        let offered = search.with(|s| match s {
            Some(SlotSearch::Offered { slots, .. }) => {
                slots.first().map(|s| format!("slot-{}", s.id))
            }
            _ => None,
        });
        match offered {
            Some(first) if submitted.get() && chosen.with(Option::is_none) => {
                vec![FieldError::new(first, T::ChooseATime.text(lang.get()))]
            }
            _ => Vec::new(),
        }
    });

    let book = move |choice: SlotChoice| {
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            match api::choose_slot(choice).await {
                Ok(a) => {
                    shop.observe(a.skew);
                    shop.prices_changed();
                    let now = shop.now.get_untracked();
                    shop.checkout.update(|c| match a.body.appointment {
                        Appointment::Slot(at) => {
                            c.slot_chosen(at, now);
                            if let Some(h) = a.body.hold {
                                c.hold(h);
                            }
                        }
                        Appointment::Unscheduled => c.unscheduled(),
                    });
                    go_on(shop);
                }
                Err(e) => {
                    let gone =
                        matches!(&e, CallError::Problem(p) if p.code == ErrorCode::SlotUnavailable);
                    let _ = failed.try_set(Some(e));
                    if gone {
                        let _ = busy.try_set(false);
                        find();
                        return;
                    }
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !check_submit(&errors.get_untracked()) {
            return;
        }
        if let Some(id) = chosen.get_untracked() {
            book(SlotChoice::Slot { id });
        }
    };

    view! {
        <h1 id="step-title" tabindex="-1">{tx(lang, T::SlotTitle)}</h1>
        <ErrorSummary errors lang/>
        {move || failed.get().map(|e| view! {
            <CallFailed error=e lang/>
            <button type="button" class="secondary" on:click=move |_| find()>{tx(lang, T::TryAgain)}</button>
        })}
        {move || match search.get() {
            None => view! { <p aria-live="polite">{tx(lang, T::Searching)}</p> }.into_any(),
            Some(SlotSearch::NoneAvailable) => view! {
                <div class="notice warning">
                    <p class="notice-title">{tx(lang, T::NoSlots)}</p>
                    <p>{tx(lang, T::NoSlotsWeCall)}</p>
                    <div class="actions">
                        <BackButton shop/>
                        <button type="button" class="primary" disabled=move || busy.get()
                            on:click=move |_| book(SlotChoice::Unscheduled)>{tx(lang, T::ContinueWithoutDate)}</button>
                    </div>
                </div>
            }.into_any(),
            Some(SlotSearch::Offered { slots, .. }) => view! {
                <SlotWindows slots chosen busy on_submit=Callback::new(on_submit)/>
            }.into_any(),
        }}
    }
}
