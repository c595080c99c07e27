//! Step 3: choose a package, or build your own, and add-ons. Every choice is checked live
//! with `checkout-core`'s rules: a choice the rules refuse stays visible but disabled, with
//! the rule's own message as the reason (seed 004: the back office validates nothing).

use crate::api::{self, CallError};
use crate::form::{BackOfficeText, StepCall};
use crate::i18n::{self, T};
use crate::money;
use crate::state::use_shop;
use crate::steps::add_ons::{AddOns, shown_as_add_on};
use crate::steps::build_your_own::BuildYourOwn;
use crate::steps::package_list::PackageList;
use checkout_core::cart::{Cart, CartOp};
use checkout_core::catalog::{LineKind, Package, ProductCode, ProductKind};
use checkout_core::compose::{cart_ops, compose, keep_what_fits};
use checkout_core::rules::{BuiltPackage, RuleViolation, build_your_own};
use checkout_core::wire::{CartChoices, Offers};
use leptos::prelude::*;

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

    // Hold the cart upstream, then move the flow on with the very operations the rules accepted.
    let hold: StepCall<(CartChoices, Cart, Vec<CartOp>)> = Action::new_local(
        move |(choices, cart, ops): &(CartChoices, Cart, Vec<CartOp>)| {
            let (choices, technology, ops) = (choices.clone(), cart.technology(), ops.clone());
            async move {
                let a = api::hold_cart(&choices).await?;
                shop.observe(a.skew);
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
                Ok(())
            }
        },
    );
    let holding = hold.pending();
    let hold_error = move || {
        hold.value()
            .get()
            .and_then(Result::err)
            .map(|e| crate::form::call_message(&e, lang.get()))
    };

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
        hold.dispatch((choices, cart, ops));
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
                <PackageList chosen picked/>
                <BuildYourOwn picked chosen built/>
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
                {move || hold_error().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
                <button type="button" class="primary"
                    disabled=move || holding.get() || !matches!(cart.get(), Some(Ok(_)))
                    on:click=on_hold>
                    {move || if holding.get() { tr(T::HoldingCart) } else { tr(T::HoldMyCart) }}
                </button>
            </form>
        </Show>
    }
}
