//! The add-ons of the packages step: each a tick box, enabled only if `checkout-core`'s rules
//! accept it with the cart as it stands, else disabled with the rule's own message beside it.

use crate::i18n::{self, T};
use crate::money;
use crate::state::use_shop;
use checkout_core::cart::Cart;
use checkout_core::catalog::{LineKind, Package, ProductCode};
use checkout_core::compose::{compose, customer_choosable};
use checkout_core::wire::{CartChoices, OfferedAddOn};
use leptos::prelude::*;

/// Add-ons shown as a tick box: the customer's own picks, and the extra set-top box (which
/// brings its installation charge and activation with it).
pub fn shown_as_add_on(kind: LineKind) -> bool {
    customer_choosable(kind) || kind == LineKind::ExtraStb
}

/// The add-ons the customer may choose, each enabled only if the rules accept it with the
/// cart as it stands.
#[component]
pub fn AddOns(
    chosen: RwSignal<Vec<ProductCode>>,
    package: Memo<Option<Package>>,
    cart: Memo<Option<Result<Cart, &'static str>>>,
    choices: Memo<Option<CartChoices>>,
) -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let list = move || -> Vec<OfferedAddOn> {
        shop.offers
            .get()
            .map(|o| {
                o.add_ons
                    .into_iter()
                    .filter(|a| shown_as_add_on(a.line.kind()))
                    .collect()
            })
            .unwrap_or_default()
    };
    view! {
        <Show when=move || package.with(Option::is_some)>
            <fieldset>
                <legend>{move || T::AddOns.text(lang.get())}</legend>
                <For
                    each=list
                    key=|a| a.line.code().clone()
                    children=move |a| {
                        let code = a.line.code().clone();
                        let id = format!("addon-{code}");
                        let reason_id = format!("{id}-why");
                        let ticked = a.line.code().clone();
                        let is_box = a.line.kind() == LineKind::ExtraStb;
                        let is_chosen = {
                            let code = code.clone();
                            move || chosen.with(|c| c.contains(&code))
                        };
                        // Why this add-on cannot be added to the cart as it is, if it cannot.
                        let refusal = {
                            let is_chosen = is_chosen.clone();
                            move || -> Option<&'static str> {
                                if is_chosen() {
                                    return None;
                                }
                                let Some(Ok(_)) = cart.get() else { return None };
                                let mut with_it = choices.get()?;
                                if is_box {
                                    with_it.extra_stb = true;
                                } else {
                                    with_it.add_ons.push(ticked.clone());
                                }
                                shop.offers.with(|o| compose(o.as_ref()?, &with_it).err())
                                    .map(|v| v.message(lang.get()))
                            }
                        };
                        let refusal2 = refusal.clone();
                        let refusal3 = refusal.clone();
                        let price = money::cents(&a.price.monthly_price)
                            .map(|c| money::show(c, &a.price.currency))
                            .unwrap_or_default();
                        let toggle_code = code.clone();
                        view! {
                            <div class="choice" class:choice-disabled=move || refusal3().is_some()>
                                <input type="checkbox" id=id.clone()
                                    aria-describedby=reason_id.clone()
                                    prop:checked=is_chosen
                                    disabled=move || refusal2().is_some()
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| {
                                            c.retain(|k| *k != toggle_code);
                                            if on { c.push(toggle_code.clone()); }
                                        });
                                    }/>
                                <label for=id>
                                    <span class="choice-name" lang=i18n::BACK_OFFICE_LANG>{a.name.clone()}</span>
                                    <span class="choice-detail">{price}{move || T::AMonth.text(lang.get())}</span>
                                </label>
                                <p class="hint choice-reason" id=reason_id>{refusal}</p>
                            </div>
                        }
                    }
                />
            </fieldset>
        </Show>
    }
}
