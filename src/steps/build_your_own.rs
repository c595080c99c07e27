//! Build your own: tick Internet, TV and Phone, and `checkout-core`'s rules say which package
//! kind that makes (adding the phone an Internet + TV pick needs) or which rule it breaks.

use crate::i18n::{self, T};
use crate::state::use_shop;
use checkout_core::catalog::{ProductCode, ProductKind};
use checkout_core::rules::{BuiltPackage, RuleViolation};
use leptos::prelude::*;

#[component]
pub fn BuildYourOwn(
    picked: RwSignal<Vec<ProductKind>>,
    chosen: RwSignal<Option<ProductCode>>,
    built: Memo<Option<Result<BuiltPackage, RuleViolation>>>,
) -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let tr = move |t: T| t.text(lang.get());
    view! {
        <fieldset>
            <legend>{move || tr(T::BuildYourOwn)}</legend>
            <p class="hint" id="byo-hint">{move || tr(T::ByoHint)}</p>
            {[ProductKind::Internet, ProductKind::Tv, ProductKind::Telephone].into_iter().map(|kind| {
                let id = format!("byo-{kind:?}").to_lowercase();
                let label = match kind {
                    ProductKind::Internet => T::Internet,
                    ProductKind::Tv => T::Tv,
                    ProductKind::Telephone => T::Phone,
                };
                view! {
                    <div class="choice">
                        <input type="checkbox" id=id.clone() aria-describedby="byo-hint byo-result"
                            // Phone added for the customer (Internet + TV) shows ticked,
                            // as the result line says.
                            prop:checked=move || {
                                picked.with(|p| p.contains(&kind))
                                    || (kind == ProductKind::Telephone
                                        && matches!(built.get(), Some(Ok(b)) if b.telephone_added))
                            }
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                picked.update(|p| {
                                    p.retain(|k| *k != kind);
                                    if on { p.push(kind); }
                                });
                                if !on && picked.with_untracked(Vec::is_empty) {
                                    chosen.set(None);
                                }
                            }/>
                        <label for=id>{move || tr(label)}</label>
                    </div>
                }
            }).collect_view()}
            <p id="byo-result" class="byo-result" aria-live="polite">
                {move || match built.get() {
                    Some(Ok(b)) => format!(
                        "{}{}.{}",
                        tr(T::YourPackage),
                        i18n::package_kind(b.kind, lang.get()),
                        if b.telephone_added { tr(T::PhoneAddedBecause) } else { "" }
                    ),
                    Some(Err(v)) => v.message(lang.get()).to_owned(),
                    None => String::new(),
                }}
            </p>
        </fieldset>
    }
}
