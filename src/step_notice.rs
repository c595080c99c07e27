//! What changed behind the customer's back (a lapsed hold recovered, a resumed cart, a refusal
//! with its reference), shown on the step it concerns and gone once the customer moves on.

use crate::i18n::{self, T};
use crate::state::use_shop;
use leptos::prelude::*;

#[component]
pub fn StepNotice() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    move || {
        shop.notice
            .get()
            .filter(|n| n.step == shop.checkout.with(|c| c.step()))
            .map(|n| {
                view! {
                    <div class="notice warning" role="status">
                        <p>{n.text}</p>
                        {n.reference.map(|r| view! {
                            <p class="reference">{move || T::Reference.text(lang.get())} {r}</p>
                            <p><a href=i18n::SUPPORT_TEL>{i18n::SUPPORT_PHONE}</a></p>
                        })}
                    </div>
                }
            })
    }
}
