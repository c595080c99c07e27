//! A Jamaica or Panama order at the kiosk (seed 004's JM and PA bodies): the customer picks the
//! market's bundle and says who they are; an employee signed in at the kiosk approves; the
//! proxy adds the address's exchange data, the store's codes and the employee's ids.

use super::Kiosk;
use super::words::{self, K};
use crate::api::CallError;
use crate::i18n::T;
use crate::state::Shop;
use checkout_core::kiosk::{KioskOrderRequest, OfferedBundle};
use checkout_core::problem::ErrorCode;
use checkout_core::wire_order::{ContactPhone, Email, PersonName};
use checkout_core::{InputError, Lang};
use leptos::prelude::*;

/// The form's fields as typed.
#[derive(Debug, Clone, Copy)]
struct Fields {
    bundle: RwSignal<Option<String>>,
    name: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
}

/// The order request the fields make, or the first thing to fix.
fn request(f: Fields, lang: Lang) -> Result<KioskOrderRequest, String> {
    let msg = |e: InputError| e.message(lang);
    let bundle = f
        .bundle
        .get_untracked()
        .and_then(|c| checkout_core::catalog::ProductCode::new(&c).ok())
        .ok_or_else(|| K::ChooseABundle.text(lang).to_owned())?;
    Ok(KioskOrderRequest {
        bundle,
        name: PersonName::new(&f.name.get_untracked()).map_err(msg)?,
        email: Email::new(&f.email.get_untracked()).map_err(msg)?,
        phone: ContactPhone::new(&f.phone.get_untracked()).map_err(msg)?,
    })
}

/// How often, and how far apart, an order whose answer was lost is asked after again.
const OUTCOME_RETRIES: usize = 6;
const OUTCOME_RETRY_MS: u32 = 5_000;

/// The language a market's back office names its bundles in.
pub(crate) fn names_lang(market: Option<checkout_core::Market>) -> &'static str {
    match market {
        Some(checkout_core::Market::Jamaica) => "en",
        _ => "es",
    }
}

#[component]
pub fn MarketOrder() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let shop = expect_context::<Shop>();
    let lang = shop.lang;
    let tr = move |t: T| t.text(lang.get());
    let kt = move |t: K| t.text(lang.get());
    kiosk.screen.set(checkout_core::kiosk::ScreenKind::Form);
    Effect::new(move |_| {
        crate::lang_switch::set_title_text(K::ChooseBundle.text(lang.get()), lang.get());
    });
    let bundles = RwSignal::new(None::<Result<Vec<OfferedBundle>, ()>>);
    leptos::task::spawn_local(async move {
        bundles.set(Some(crate::api::kiosk::bundles().await.map_err(|_| ())));
    });
    let f = Fields {
        bundle: RwSignal::new(None),
        name: RwSignal::new(String::new()),
        email: RwSignal::new(String::new()),
        phone: RwSignal::new(String::new()),
    };
    let error = RwSignal::new(None::<String>);
    let place = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if kiosk.placing.get_untracked() {
            return;
        }
        let req = match request(f, lang.get_untracked()) {
            Ok(r) => r,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        error.set(None);
        kiosk.placing.set(true);
        let key = crate::storage::order_key();
        leptos::task::spawn_local(async move {
            // An answer lost on the way (the order may exist): ask again with the same key,
            // which the proxy answers by finding the order, never by placing a second.
            let mut answer = crate::api::kiosk::order(&req, &key).await;
            for _ in 0..OUTCOME_RETRIES {
                let unknown = matches!(
                    &answer,
                    Err(CallError::Problem(p)) if matches!(
                        p.code,
                        ErrorCode::OrderOutcomeUnknown | ErrorCode::IdempotencyInFlight
                    )
                ) || matches!(answer, Err(CallError::Network));
                if !unknown {
                    break;
                }
                gloo_timers::future::TimeoutFuture::new(OUTCOME_RETRY_MS).await;
                answer = crate::api::kiosk::order(&req, &key).await;
            }
            kiosk.placing.set(false);
            match answer {
                Ok(a) => {
                    crate::storage::remove(crate::storage::ORDER_KEY);
                    kiosk.placed.set(Some(a.body));
                }
                Err(CallError::Problem(p)) => {
                    // A refusal that settled the key: the next attempt is a new request.
                    if !matches!(
                        p.code,
                        ErrorCode::OrderOutcomeUnknown | ErrorCode::IdempotencyInFlight
                    ) {
                        crate::storage::remove(crate::storage::ORDER_KEY);
                    }
                    error.set(Some(p.code.message(lang.get_untracked()).to_owned()));
                }
                Err(CallError::Network) => {
                    error.set(Some(T::NetworkError.text(lang.get_untracked()).to_owned()));
                }
            }
        });
    };
    let field = move |id: &'static str,
                      label: T,
                      value: RwSignal<String>,
                      kind: &'static str,
                      mode: &'static str| {
        view! {
            <div class="field">
                <label for=id>{move || tr(label)}</label>
                <input id=id type=kind inputmode=mode enterkeyhint="next" autocomplete="off"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    let approver = move || kiosk.view.get().and_then(|v| v.staff);
    view! {
        <h1 id="step-title" tabindex="-1">{move || kt(K::ChooseBundle)}</h1>
        <p class="lede">{move || kt(K::BundlesLede)}</p>
        <form class="card" on:submit=place novalidate=true>
            {move || match bundles.get() {
                None => view! { <p role="status">{move || kt(K::LoadingBundles)}</p> }.into_any(),
                Some(Err(())) => view! { <p class="notice error" role="alert">{move || kt(K::BundlesFailed)}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <fieldset class="bundles">
                        <legend>{move || kt(K::Bundle)}</legend>
                        {list.into_iter().map(|b| {
                            let code = b.code.as_str().to_owned();
                            let id = format!("bundle-{code}");
                            let price = crate::money::text(&b.monthly_price, &b.currency);
                            let chosen = {
                                let code = code.clone();
                                move || f.bundle.get().as_deref() == Some(code.as_str())
                            };
                            view! {
                                <label class="bundle" for=id.clone()>
                                    <input type="radio" name="bundle" id=id.clone() value=code.clone()
                                        prop:checked=chosen
                                        on:change=move |_| f.bundle.set(Some(code.clone()))/>
                                    <span class="bundle-name" lang=names_lang(kiosk.market.get_untracked())>{b.name}</span>
                                    <span class="bundle-price">{price}" "{move || tr(T::AMonth)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                }.into_any(),
            }}
            <fieldset>
                <legend>{move || kt(K::YourDetails)}</legend>
                {field("kiosk-name", T::FullName, f.name, "text", "text")}
                {field("kiosk-email", T::Email, f.email, "email", "email")}
                {field("kiosk-phone", T::ContactPhone, f.phone, "tel", "tel")}
            </fieldset>
            <section class="approval" aria-labelledby="approval-title">
                <h2 id="approval-title">{move || kt(K::StaffApproval)}</h2>
                {move || match approver() {
                    Some(name) => view! { <p>{move || words::approved_by(&name, lang.get())}</p> }.into_any(),
                    None => view! {
                        <p>{move || kt(K::NeedsApproval)}</p>
                        <button type="button" class="secondary" on:click=move |_| kiosk.staff_open.set(true)>
                            {move || kt(K::Staff)}
                        </button>
                    }.into_any(),
                }}
            </section>
            <div aria-live="assertive">
                <Show when=move || error.get().is_some()>
                    <p class="notice error" role="alert">{move || error.get().unwrap_or_default()}</p>
                </Show>
            </div>
            <button type="submit" class="primary" disabled=move || kiosk.placing.get()>
                {move || if kiosk.placing.get() { tr(T::PlacingTitle) } else { tr(T::PlaceOrder) }}
            </button>
        </form>
    }
}
