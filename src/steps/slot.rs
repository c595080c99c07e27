//! Step 9 (technician visit only): choose a window. The search holds the windows upstream
//! (4 min; order within 3), so its hold goes to the tray at once; when it lapses the tray
//! releases it and this step searches again. No window free (J4U22A) → the visit is booked
//! unscheduled and the customer is told we will call.

use crate::api::{self, CallError};
use crate::form::{
    BackButton, CallFailed, ErrorSummary, FieldError, StepCall, check_submit, go_on,
};
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
    let submitted = RwSignal::new(false);
    let held = move || {
        shop.checkout
            .with(|c| c.holds().get(HoldKind::Slot).is_some())
    };

    // The search holds what it offers: its hold goes to the tray at once.
    let find: StepCall<()> = Action::new_local(move |_: &()| async move {
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
                Ok(())
            }
            Err(e) if matches!(&e, CallError::Problem(p) if p.code == ErrorCode::NoSlotsAvailable) =>
            {
                let _ = search.try_set(Some(SlotSearch::NoneAvailable));
                Ok(())
            }
            Err(e) => Err(e),
        }
    });
    let search_again = move || {
        chosen.set(None);
        find.dispatch(());
    };
    // First visit, or the windows' hold lapsed (the tray released it): search again. Not
    // after "none available" (nothing is held then) nor after a failure (Try again).
    Effect::new(move |_| {
        let none = search.with_untracked(|s| matches!(s, Some(SlotSearch::NoneAvailable)));
        let fresh = search.with_untracked(Option::is_none);
        let failed = find.value().with_untracked(|v| matches!(v, Some(Err(_))));
        if (!held() || fresh) && !none && !find.pending().get_untracked() && !failed {
            search_again();
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

    let book: StepCall<SlotChoice> = Action::new_local(move |choice: &SlotChoice| {
        let choice = choice.clone();
        async move {
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
                    Ok(())
                }
                Err(e) => {
                    // Taken meanwhile: say so, and offer what is free now.
                    if matches!(&e, CallError::Problem(p) if p.code == ErrorCode::SlotUnavailable) {
                        search_again();
                    }
                    Err(e)
                }
            }
        }
    });
    let busy = Signal::derive(move || find.pending().get() || book.pending().get());
    // The booking's failure, else the search's.
    let failed = Signal::derive(move || {
        book.value()
            .get()
            .and_then(Result::err)
            .or_else(|| find.value().get().and_then(Result::err))
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !check_submit(&errors.get_untracked()) {
            return;
        }
        if let Some(id) = chosen.get_untracked() {
            book.dispatch(SlotChoice::Slot { id });
        }
    };

    view! {
        <h1 id="step-title" tabindex="-1">{tx(lang, T::SlotTitle)}</h1>
        <ErrorSummary errors lang/>
        {move || failed.get().map(|e| view! {
            <CallFailed error=e lang/>
            <button type="button" class="secondary" on:click=move |_| search_again()>{tx(lang, T::TryAgain)}</button>
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
                            on:click=move |_| { book.dispatch(SlotChoice::Unscheduled); }>{tx(lang, T::ContinueWithoutDate)}</button>
                    </div>
                </div>
            }.into_any(),
            Some(SlotSearch::Offered { slots, .. }) => view! {
                <SlotWindows slots chosen busy on_submit=Callback::new(on_submit)/>
            }.into_any(),
        }}
    }
}
