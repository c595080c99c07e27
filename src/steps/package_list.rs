//! The packages on offer at the address, as radio buttons: the back office's names, the app's
//! words for their kind and price. Choosing one clears a build-your-own pick.

use crate::i18n::{self, T};
use crate::money;
use crate::state::use_shop;
use checkout_core::catalog::{ProductCode, ProductKind};
use leptos::prelude::*;

#[component]
pub fn PackageList(
    chosen: RwSignal<Option<ProductCode>>,
    picked: RwSignal<Vec<ProductKind>>,
) -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let tr = move |t: T| t.text(lang.get());
    view! {
        <fieldset>
            <legend>{move || tr(T::OurPackages)}</legend>
            <For
                each=move || shop.offers.get().map(|o| o.packages).unwrap_or_default()
                key=|p| p.package.code().clone()
                children=move |p| {
                    let code = p.package.code().clone();
                    let id = format!("pkg-{code}");
                    let price = money::cents(&p.price.monthly_price)
                        .map(|c| money::show(c, &p.price.currency))
                        .unwrap_or_default();
                    let kind = p.package.kind();
                    let checked = {
                        let code = code.clone();
                        move || chosen.get().as_ref() == Some(&code)
                    };
                    view! {
                        <div class="choice">
                            <input type="radio" name="package" id=id.clone()
                                prop:checked=checked
                                on:change=move |_| {
                                    picked.set(Vec::new());
                                    chosen.set(Some(code.clone()));
                                }/>
                            <label for=id>
                                <span class="choice-name" lang=i18n::BACK_OFFICE_LANG>{p.name.clone()}</span>
                                <span class="choice-detail">{move || i18n::package_kind(kind, lang.get())}" · "{price.clone()}{move || tr(T::AMonth)}</span>
                            </label>
                        </div>
                    }
                }
            />
        </fieldset>
    }
}
