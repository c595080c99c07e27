//! The technician windows the search offered, as radio buttons in Puerto Rico time, and the
//! form that books the one chosen.

use crate::form::Actions;
use crate::i18n::{self, T, tx};
use crate::state::use_shop;
use checkout_core::wire_order::Slot;
use leptos::prelude::*;

#[component]
pub fn SlotWindows(
    slots: Vec<Slot>,
    chosen: RwSignal<Option<String>>,
    #[prop(into)] busy: Signal<bool>,
    on_submit: Callback<leptos::ev::SubmitEvent>,
) -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let slot_row = move |s: Slot| {
        let id = format!("slot-{}", s.id);
        let (sid, sid2) = (s.id.clone(), s.id);
        view! {
            <div class="choice">
                <input type="radio" name="slot" id=id.clone()
                    prop:checked=move || chosen.with(|c| c.as_deref() == Some(sid.as_str()))
                    on:change=move |_| chosen.set(Some(sid2.clone()))/>
                <label for=id><span class="choice-name">{move || i18n::window(s.start, s.end, lang.get())}</span></label>
            </div>
        }
    };
    view! {
        <form class="card" on:submit=move |ev| on_submit.run(ev) novalidate=true>
            <fieldset aria-describedby="slot-hint">
                <legend>{tx(lang, T::SlotLegend)}</legend>
                <p class="hint" id="slot-hint">{tx(lang, T::PrTime)}</p>
                {slots.into_iter().map(slot_row).collect_view()}
            </fieldset>
            <Actions shop label=T::Continue busy/>
        </form>
    }
}
