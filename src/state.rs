//! The app's one store: the checkout state machine from `checkout-core` in one signal, and
//! what the calls taught us (server clock skew, the catalogue, the held cart), shared by
//! context. Views read it; only the step components and the holds tray write it.

use checkout_core::deadlines::ClockSkew;
use checkout_core::flow::{Checkout, Step};
use checkout_core::installation::TelephoneNumber;
use checkout_core::wire::{CartState, Offers};
use checkout_core::wire_order::{ContactDetails, CreditOutcome, Fulfillment, QuoteView};
use checkout_core::{Lang, UtcMillis};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy)]
pub struct Shop {
    pub checkout: RwSignal<Checkout>,
    /// Server time minus device time, from the latest answer.
    pub skew: RwSignal<ClockSkew>,
    /// Server time "now", re-read from the device clock every second (never counted in ticks,
    /// so a sleeping laptop or a throttled tab is right again on its first tick).
    pub now: RwSignal<UtcMillis>,
    pub lang: RwSignal<Lang>,
    pub offers: RwSignal<Option<Offers>>,
    pub cart: RwSignal<Option<CartState>>,
    /// The credit decision and what each installation costs once after it.
    pub credit: RwSignal<Option<CreditOutcome>>,
    /// The installation chosen and the terms it needs.
    pub fulfillment: RwSignal<Option<Fulfillment>>,
    /// The number reserved (kept to reserve the same one again if its hold lapses).
    pub number: RwSignal<Option<TelephoneNumber>>,
    /// Taxes and fees; `None` once its conversation lapsed (the quote step asks again).
    pub quote: RwSignal<Option<QuoteView>>,
    /// Who to contact, from the review form; memory only, never stored.
    pub contact: RwSignal<Option<ContactDetails>>,
    /// The review form's fields as typed, kept here so a trip to the quote step and back (the
    /// prices refreshed themselves) finds them as the customer left them. Memory only.
    pub contact_draft: ContactDraft,
    /// What changed behind the customer's back (a lapsed hold recovered, a resumed cart…),
    /// shown on the step it concerns and gone once the customer moves on.
    pub notice: RwSignal<Option<Notice>>,
}

/// The contact fields as typed, valid or not.
#[derive(Debug, Clone, Copy)]
pub struct ContactDraft {
    pub name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
}

/// A notice, on the step it concerns; a refusal carries the reference to quote on the phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub step: Step,
    pub text: &'static str,
    pub reference: Option<String>,
}

impl Shop {
    pub fn new() -> Self {
        Self {
            checkout: RwSignal::new(Checkout::new()),
            skew: RwSignal::new(ClockSkew::default()),
            now: RwSignal::new(device_now()),
            lang: RwSignal::new(crate::lang_switch::saved()),
            offers: RwSignal::new(None),
            cart: RwSignal::new(None),
            credit: RwSignal::new(None),
            fulfillment: RwSignal::new(None),
            number: RwSignal::new(None),
            quote: RwSignal::new(None),
            contact: RwSignal::new(None),
            contact_draft: ContactDraft {
                name: RwSignal::new(String::new()),
                email: RwSignal::new(String::new()),
                phone: RwSignal::new(String::new()),
            },
            notice: RwSignal::new(None),
        }
    }

    /// Learn the server's clock from an answer and re-read "now" with it.
    pub fn observe(&self, skew: Option<ClockSkew>) {
        if let Some(s) = skew {
            self.skew.set(s);
        }
        self.tick();
    }

    pub fn tick(&self) {
        self.now
            .set(self.skew.get_untracked().server_now(device_now()));
    }

    /// Say what changed, on the step the customer is on.
    pub fn tell(&self, text: &'static str) {
        self.tell_with_reference(text, None);
    }

    /// Say what went wrong, with the reference (correlation id) support can look up.
    pub fn tell_with_reference(&self, text: &'static str, reference: Option<String>) {
        let step = self.checkout.with_untracked(|c| c.step());
        self.notice.set(Some(Notice {
            step,
            text,
            reference,
        }));
    }

    /// The back office forgot the quote (a choice it priced changed): so do we.
    pub fn prices_changed(&self) {
        self.checkout.update(|c| c.prices_changed());
        self.quote.set(None);
    }

    /// A held cart answered: remember it and put its hold in the tray.
    pub fn held(&self, state: CartState) {
        if let Some(h) = state.hold {
            self.checkout.update(|c| c.hold(h));
        }
        self.cart.set(Some(state));
    }
}

impl Default for Shop {
    fn default() -> Self {
        Self::new()
    }
}

/// The device's clock. Only ever used through the learned skew.
pub fn device_now() -> UtcMillis {
    UtcMillis(js_sys::Date::now() as i64)
}

pub fn use_shop() -> Shop {
    expect_context::<Shop>()
}
