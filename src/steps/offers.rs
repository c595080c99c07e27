//! Step 3: choose a package, or build your own, and add-ons. Every choice is checked live
//! with `checkout-core`'s rules: a choice the rules refuse stays visible but disabled, with
//! the rule's own message as the reason (seed 004: the back office validates nothing).

use crate::api::{self, CallError};
use crate::form::BackOfficeText;
use crate::i18n::{self, T};
use crate::money;
use crate::state::use_shop;
use checkout_core::cart::Cart;
use checkout_core::catalog::{LineKind, Package, ProductCode, ProductKind};
use checkout_core::compose::{cart_ops, compose, customer_choosable, keep_what_fits};
use checkout_core::rules::{BuiltPackage, RuleViolation, build_your_own};
use checkout_core::wire::{CartChoices, OfferedAddOn, Offers};
use leptos::prelude::*;

/// Add-ons shown as a tick box: the customer's own picks, and the extra set-top box (which
/// brings its installation charge and activation with it).
fn shown_as_add_on(kind: LineKind) -> bool {
    customer_choosable(kind) || kind == LineKind::ExtraStb
}

/// What the ticks mean to the proxy: the package, the add-ons, and the box or not. Only these
/// choices are sent; the proxy composes the cart from its catalogue with the same core code.
pub fn choices(offers: &Offers, package: &Package, ticked: &[ProductCode]) -> CartChoices {
    let is_box = |code: &ProductCode| {
        offers
            .add_ons
            .iter()
            .any(|a| a.line.code() == code && a.line.kind() == LineKind::ExtraStb)
    };
    CartChoices {
        package: package.code().clone(),
        add_ons: ticked.iter().filter(|c| !is_box(c)).cloned().collect(),
        extra_stb: ticked.iter().any(is_box),
    }
}

#[component]
pub fn OffersStep() -> impl IntoView {
    let shop = use_shop();
    let lang = shop.lang;
    let tr = move |t: T| t.text(lang.get());
    let load_error = RwSignal::new(None::<CallError>);
    if shop.offers.get_untracked().is_none() {
        leptos::task::spawn_local(async move {
            match api::offers().await {
                Ok(a) => {
                    shop.observe(a.skew);
                    shop.offers.set(Some(a.body));
                }
                Err(e) => load_error.set(Some(e)),
            }
        });
    }

    // Back from a held cart ("Change your choices"), the page opens on what was chosen.
    let held = shop.cart.get_untracked().map(|s| s.cart);
    let chosen = RwSignal::new(
        held.as_ref()
            .and_then(|c| c.package().map(|p| p.code().clone())),
    );
    let picked = RwSignal::new(Vec::<ProductKind>::new());
    let add_ons = RwSignal::new(
        held.as_ref()
            .map(|c| {
                c.lines()
                    .iter()
                    .filter(|l| shown_as_add_on(l.kind()))
                    .map(|l| l.code().clone())
                    .collect::<Vec<ProductCode>>()
            })
            .unwrap_or_default(),
    );
    let hold_error = RwSignal::new(None::<String>);
    let holding = RwSignal::new(false);

    // Build your own: the package kind the picks make, or the rule they break.
    let built = Memo::new(move |_| {
        let picks = picked.get();
        let offers = shop.offers.get()?;
        (!picks.is_empty()).then(|| build_your_own(&picks, offers.technology))
    });
    // A built package becomes the cheapest offered package of that kind.
    Effect::new(move |_| {
        if let Some(Ok(BuiltPackage { kind, .. })) = built.get()
            && let Some(offers) = shop.offers.get_untracked()
        {
            let cheapest = offers
                .packages
                .iter()
                .filter(|p| p.package.kind() == kind)
                .min_by_key(|p| money::cents(&p.price.monthly_price).unwrap_or(i64::MAX));
            chosen.set(cheapest.map(|p| p.package.code().clone()));
        }
    });

    let package = Memo::new(move |_| {
        let code = chosen.get()?;
        shop.offers.with(|o| {
            o.as_ref()?
                .packages
                .iter()
                .find(|p| p.package.code() == &code)
                .map(|p| p.package.clone())
        })
    });
    // A change of package takes out the ticked extras it cannot have, and says which and why;
    // the others stay ticked and every extra keeps its own rule.
    let dropped = RwSignal::new(Vec::<(String, RuleViolation)>::new());
    Effect::new(move |prev: Option<Option<ProductCode>>| {
        let now = package.with(|p| p.as_ref().map(|p| p.code().clone()));
        if prev.is_some_and(|p| p != now)
            && let Some(package) = package.get_untracked()
        {
            let result = shop.offers.with_untracked(|o| {
                let o = o.as_ref()?;
                let (kept, gone) =
                    keep_what_fits(o, &choices(o, &package, &add_ons.get_untracked()));
                let told = gone
                    .into_iter()
                    .map(|d| {
                        let name = o
                            .add_ons
                            .iter()
                            .find(|a| a.line.code() == &d.code)
                            .map_or(d.code.to_string(), |a| a.name.clone());
                        (name, d.why)
                    })
                    .collect::<Vec<_>>();
                let stb = o
                    .add_ons
                    .iter()
                    .find(|a| a.line.kind() == LineKind::ExtraStb)
                    .map(|a| a.line.code().clone());
                let mut ticked = kept.add_ons;
                if kept.extra_stb {
                    ticked.extend(stb);
                }
                Some((ticked, told))
            });
            if let Some((ticked, told)) = result {
                if !told.is_empty() {
                    add_ons.set(ticked);
                }
                dropped.set(told);
            }
        }
        now
    });
    let chosen_choices = Memo::new(move |_| {
        let package = package.get()?;
        shop.offers
            .with(|o| o.as_ref().map(|o| choices(o, &package, &add_ons.get())))
    });
    let cart = Memo::new(move |_| {
        let choices = chosen_choices.get()?;
        shop.offers.with(|o| {
            o.as_ref()
                .map(|o| compose(o, &choices).map_err(|v| v.message(lang.get())))
        })
    });

    let on_hold = move |_| {
        let Some(Ok(cart)) = cart.get_untracked() else {
            return;
        };
        let Some(choices) = chosen_choices.get_untracked() else {
            return;
        };
        let Some(Ok(ops)) = shop
            .offers
            .with_untracked(|o| o.as_ref().map(|o| cart_ops(o, &choices)))
        else {
            return;
        };
        holding.set(true);
        hold_error.set(None);
        leptos::task::spawn_local(async move {
            match api::hold_cart(&choices).await {
                Ok(a) => {
                    shop.observe(a.skew);
                    let technology = cart.technology();
                    shop.checkout.update(|c| {
                        c.eligible(technology);
                        for op in ops {
                            // Already accepted by the same rules on this very cart.
                            let _ = c.apply(op);
                        }
                    });
                    shop.held(a.body);
                    let now = shop.now.get_untracked();
                    shop.checkout.update(|c| {
                        let _ = c.advance(now);
                    });
                }
                Err(CallError::Problem(p)) => {
                    hold_error.set(Some(p.code.message(lang.get_untracked()).to_owned()))
                }
                Err(CallError::Network) => {
                    hold_error.set(Some(T::NetworkError.text(lang.get_untracked()).to_owned()))
                }
            }
            holding.set(false);
        });
    };

    view! {
        <h1 id="step-title" tabindex="-1">{move || tr(T::ChooseYourPackage)}</h1>
        <p>
            <button type="button" class="link-button" on:click=move |_| {
                shop.checkout.update(|c| {
                    let _ = c.back();
                });
            }>{move || tr(T::AlreadyCustomer)}</button>
        </p>
        {move || load_error.get().map(|_| view! {
            <div class="notice error" role="alert">
                <p class="notice-title">{move || tr(T::OffersFailed)}</p>
            </div>
        })}
        <Show when=move || shop.offers.with(Option::is_some) fallback=move || view! { <p>{move || tr(T::LoadingPackages)}</p> }>
            <form class="card" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
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
                <div role="status" class="took-out">
                    {move || {
                        let l = lang.get();
                        dropped
                            .get()
                            .into_iter()
                            .map(|(name, why)| {
                                let (before, after) = i18n::took_out(l);
                                view! { <p>{before}<BackOfficeText text=name/>{after}{why.message(l)}</p> }
                            })
                            .collect_view()
                    }}
                </div>
                <AddOns chosen=add_ons package=package cart=cart choices=chosen_choices/>
                {move || match cart.get() {
                    Some(Err(reason)) => Some(view! { <p class="error-message" role="alert">{reason}</p> }.into_any()),
                    _ => None,
                }}
                {move || hold_error.get().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
                <button type="button" class="primary"
                    disabled=move || holding.get() || !matches!(cart.get(), Some(Ok(_)))
                    on:click=on_hold>
                    {move || if holding.get() { tr(T::HoldingCart) } else { tr(T::HoldMyCart) }}
                </button>
            </form>
        </Show>
    }
}

/// The add-ons the customer may choose, each enabled only if the rules accept it with the
/// cart as it stands.
#[component]
fn AddOns(
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
