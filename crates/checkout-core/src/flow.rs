//! The checkout as one state machine (DESIGN §3): the steps, and guarded transitions that say
//! why the customer cannot move on yet.
//!
//! The app holds one [`Checkout`] and renders its [`Step`]; views never decide what comes
//! next. Steps that do not apply are skipped by the machine itself (no number step without
//! phone, no slot step for self install), and nothing reaches [`Step::Placing`] on a lapsed
//! hold.

use crate::cart::{Cart, CartOp};
use crate::catalog::{ProductKind, Technology};
use crate::deadlines::{Hold, HoldKind, Holds};
use crate::installation::{
    Appointment, CreditResult, Installation, InstallationKind, TelephoneNumber,
};
use crate::instant::UtcMillis;
use crate::lang::Lang;
use crate::problem::Recovery;
use crate::rules::RuleViolation;
use crate::tmf622::OrderOutcome;
use serde::{Deserialize, Serialize};

/// The page the customer is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Address,
    Identity,
    Offers,
    Cart,
    Credit,
    Installation,
    Number,
    Terms,
    Slot,
    Quote,
    Review,
    Placing,
    Confirmed,
}

/// Why the customer cannot go on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "snake_case", tag = "blocker")]
pub enum Blocker {
    #[error("the address has not been found eligible")]
    NotEligible,
    #[error("no package chosen")]
    NoPackage,
    #[error(transparent)]
    Rule(RuleViolation),
    #[error("credit step not done")]
    NoCredit,
    #[error("installation not chosen")]
    NoInstallation,
    #[error("no number reserved")]
    NoNumber,
    #[error("terms not accepted")]
    TermsNotAccepted,
    #[error("no appointment chosen")]
    NoAppointment,
    #[error("no quote")]
    NoQuote,
    #[error("the {0:?} hold has lapsed")]
    HoldLapsed(HoldKind),
    #[error("the order outcome is not known yet")]
    AwaitingOutcome,
    #[error("the checkout is finished")]
    Finished,
    #[error("there is no step before this one")]
    AtStart,
}

impl Blocker {
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            Self::NotEligible => lang.pick(
                "Please check your address first.",
                "Por favor, verifique primero su dirección.",
            ),
            Self::NoPackage => {
                lang.pick("Please choose a package.", "Por favor, elija un paquete.")
            }
            Self::Rule(v) => v.message(lang),
            Self::NoCredit => lang.pick(
                "Please complete the credit check.",
                "Por favor, complete la verificación de crédito.",
            ),
            Self::NoInstallation => lang.pick(
                "Please choose how you want your service installed.",
                "Por favor, elija cómo desea instalar su servicio.",
            ),
            Self::NoNumber => lang.pick(
                "Please choose your phone number.",
                "Por favor, elija su número de teléfono.",
            ),
            Self::TermsNotAccepted => lang.pick(
                "Please accept each of the terms to continue.",
                "Por favor, acepte cada uno de los términos para continuar.",
            ),
            Self::NoAppointment => lang.pick(
                "Please choose an installation time.",
                "Por favor, elija una hora de instalación.",
            ),
            Self::NoQuote => lang.pick(
                "We are still calculating your taxes and fees.",
                "Todavía estamos calculando sus impuestos y cargos.",
            ),
            Self::HoldLapsed(kind) => kind.on_lapse().message(lang),
            Self::AwaitingOutcome => lang.pick(
                "We are confirming your order. Please do not order again.",
                "Estamos confirmando su pedido. Por favor, no lo pida de nuevo.",
            ),
            Self::Finished => lang.pick("Your order is placed.", "Su pedido está hecho."),
            Self::AtStart => lang.pick("This is the first step.", "Este es el primer paso."),
        }
    }
}

/// One customer's checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkout {
    step: Step,
    cart: Option<Cart>,
    credit: Option<CreditResult>,
    appointment: Option<Appointment>,
    number: Option<TelephoneNumber>,
    terms_accepted: bool,
    quoted: bool,
    outcome: Option<OrderOutcome>,
    holds: Holds,
}

impl Default for Checkout {
    fn default() -> Self {
        Self::new()
    }
}

impl Checkout {
    pub fn new() -> Self {
        Self {
            step: Step::Address,
            cart: None,
            credit: None,
            appointment: None,
            number: None,
            terms_accepted: false,
            quoted: false,
            outcome: None,
            holds: Holds::default(),
        }
    }

    pub fn step(&self) -> Step {
        self.step
    }
    pub fn cart(&self) -> Option<&Cart> {
        self.cart.as_ref()
    }
    pub fn holds(&self) -> &Holds {
        &self.holds
    }
    pub fn outcome(&self) -> Option<&OrderOutcome> {
        self.outcome.as_ref()
    }

    /// The installation with its appointment, once both are known.
    pub fn installation(&self) -> Option<Installation> {
        match self.cart.as_ref()?.installation()? {
            InstallationKind::SelfInstall => Some(Installation::SelfInstall),
            InstallationKind::TechnicianVisit => {
                self.appointment.map(Installation::TechnicianVisit)
            }
        }
    }

    fn has_phone(&self) -> bool {
        self.cart
            .as_ref()
            .is_some_and(|c| c.has(ProductKind::Telephone))
    }

    fn technician(&self) -> bool {
        self.cart.as_ref().and_then(Cart::installation) == Some(InstallationKind::TechnicianVisit)
    }

    // ---- facts the app records as the calls answer ----

    /// Step 1 answered "serviceable": the cart starts empty for this technology.
    pub fn eligible(&mut self, technology: Technology) {
        self.cart = Some(Cart::new(technology));
    }

    /// Resume with a cart the back office still holds for this session (after a reload). The
    /// cart re-checked every rule when it was deserialised, so it is taken as it is; the
    /// customer continues from its step via the usual guarded [`Checkout::advance`].
    pub fn restore_cart(&mut self, cart: Cart) {
        self.cart = Some(cart);
    }

    /// A cart operation, all or nothing (see [`Cart::apply`]).
    pub fn apply(&mut self, op: CartOp) -> Result<(), Blocker> {
        let cart = self.cart.as_mut().ok_or(Blocker::NotEligible)?;
        cart.apply(op).map_err(Blocker::Rule)
    }

    pub fn hold(&mut self, hold: Hold) {
        self.holds.set(hold);
    }
    pub fn credit_done(&mut self, credit: CreditResult) {
        self.credit = Some(credit);
    }
    /// `number.reserve` answered.
    pub fn number_reserved(&mut self, number: TelephoneNumber, expires_at: UtcMillis) {
        self.number = Some(number);
        self.holds.set(Hold::number(expires_at));
    }
    pub fn accept_terms(&mut self) {
        self.terms_accepted = true;
    }
    /// A slot picked from a search answered at `searched_at` (server time).
    pub fn slot_chosen(&mut self, at: UtcMillis, searched_at: UtcMillis) {
        self.appointment = Some(Appointment::Slot(at));
        self.holds.set(Hold::slot(searched_at));
    }
    /// No slot free: go on unscheduled (seed 004: "Call Product Order API with Unscheduled Job").
    pub fn unscheduled(&mut self) {
        self.appointment = Some(Appointment::Unscheduled);
        self.holds.release(HoldKind::Slot);
    }
    /// The quote answered at `quoted_at` (server time).
    pub fn quoted(&mut self, quoted_at: UtcMillis) {
        self.quoted = true;
        self.holds.set(Hold::quote(quoted_at));
    }
    pub fn confirmed(&mut self, outcome: OrderOutcome) {
        self.outcome = Some(outcome);
    }

    /// Something the quote priced changed (credit, installation, number, time slot): the back
    /// office forgets the quote, so the flow does too and the quote step asks again.
    pub fn prices_changed(&mut self) {
        self.quoted = false;
        self.holds.release(HoldKind::Quote);
    }

    /// The place-order call answered with a refusal, so no order exists: go back as far as
    /// the refusal's recovery needs, and no further.
    /// * The BSS conversation expired (seed 004 "Key Considerations" 17, DRO30E): back to the
    ///   quote, which is gone, so that it is asked for again.
    /// * The window cannot be booked (seed 004 "SCHED_TM-JBE10E-INVALID SCHEDULED TIME OF
    ///   DAY", or its hold lapsed on the way): back to the windows, which are searched again,
    ///   and then to a new quote (it priced the old window's job).
    /// * Anything else: back to the review, to try again.
    pub fn placing_failed(&mut self, recovery: Recovery) {
        if self.step != Step::Placing || self.outcome.is_some() {
            return;
        }
        match recovery {
            Recovery::RedoFromQuote => {
                self.prices_changed();
                self.step = Step::Quote;
            }
            Recovery::PickAnotherSlot if matches!(self.appointment, Some(Appointment::Slot(_))) => {
                self.appointment = None;
                self.holds.release(HoldKind::Slot);
                self.prices_changed();
                self.step = Step::Slot;
            }
            _ => self.step = Step::Review,
        }
    }

    /// After a reload, the session's order turns out to have been placed already: show its
    /// confirmation (never order again).
    pub fn placed_earlier(&mut self, outcome: OrderOutcome) {
        self.outcome = Some(outcome);
        self.holds = Holds::default();
        self.step = Step::Confirmed;
    }

    // ---- transitions ----

    fn live(&self, kind: HoldKind, now: UtcMillis) -> Result<(), Blocker> {
        match self.holds.get(kind) {
            Some(h) if h.is_lapsed(now) => Err(Blocker::HoldLapsed(kind)),
            _ => Ok(()),
        }
    }

    /// The step after the current one, or why the customer cannot move on yet. `now` is server
    /// time (see [`crate::deadlines::ClockSkew`]).
    pub fn next(&self, now: UtcMillis) -> Result<Step, Blocker> {
        let cart = || self.cart.as_ref().ok_or(Blocker::NotEligible);
        Ok(match self.step {
            Step::Address => {
                cart()?;
                Step::Identity
            }
            Step::Identity => Step::Offers,
            Step::Offers => {
                cart()?.package().ok_or(Blocker::NoPackage)?;
                Step::Cart
            }
            Step::Cart => {
                cart()?.package().ok_or(Blocker::NoPackage)?;
                self.live(HoldKind::Cart, now)?;
                Step::Credit
            }
            Step::Credit => {
                self.credit.ok_or(Blocker::NoCredit)?;
                Step::Installation
            }
            Step::Installation => {
                cart()?.installation().ok_or(Blocker::NoInstallation)?;
                if self.has_phone() {
                    Step::Number
                } else {
                    Step::Terms
                }
            }
            Step::Number => {
                self.number.as_ref().ok_or(Blocker::NoNumber)?;
                self.live(HoldKind::NumberReservation, now)?;
                Step::Terms
            }
            Step::Terms => {
                if !self.terms_accepted {
                    return Err(Blocker::TermsNotAccepted);
                }
                if self.technician() {
                    Step::Slot
                } else {
                    Step::Quote
                }
            }
            Step::Slot => {
                self.appointment.ok_or(Blocker::NoAppointment)?;
                self.live(HoldKind::Slot, now)?;
                Step::Quote
            }
            Step::Quote => {
                if !self.quoted {
                    return Err(Blocker::NoQuote);
                }
                self.live(HoldKind::Quote, now)?;
                Step::Review
            }
            Step::Review => {
                cart()?.check_complete().map_err(Blocker::Rule)?;
                self.installation().ok_or(Blocker::NoAppointment)?;
                if self.has_phone() && self.number.is_none() {
                    return Err(Blocker::NoNumber);
                }
                // DESIGN §5: "it never submits on a lapsed hold".
                if let Some(kind) = self.holds.lapsed(now).into_iter().next() {
                    return Err(Blocker::HoldLapsed(kind));
                }
                if !self.quoted {
                    return Err(Blocker::NoQuote);
                }
                Step::Placing
            }
            Step::Placing => {
                self.outcome.as_ref().ok_or(Blocker::AwaitingOutcome)?;
                Step::Confirmed
            }
            Step::Confirmed => return Err(Blocker::Finished),
        })
    }

    /// Move on if the guard allows.
    pub fn advance(&mut self, now: UtcMillis) -> Result<Step, Blocker> {
        let next = self.next(now)?;
        self.step = next;
        Ok(next)
    }

    /// The step before the current one, skipping steps that do not apply. Placing and
    /// Confirmed have no way back (the order may exist).
    pub fn back(&mut self) -> Result<Step, Blocker> {
        let prev = match self.step {
            Step::Address => return Err(Blocker::AtStart),
            Step::Placing | Step::Confirmed => return Err(Blocker::AwaitingOutcome),
            Step::Identity => Step::Address,
            Step::Offers => Step::Identity,
            Step::Cart => Step::Offers,
            Step::Credit => Step::Cart,
            Step::Installation => Step::Credit,
            Step::Number => Step::Installation,
            Step::Terms if self.has_phone() => Step::Number,
            Step::Terms => Step::Installation,
            Step::Slot => Step::Terms,
            Step::Quote if self.technician() => Step::Slot,
            Step::Quote => Step::Terms,
            Step::Review => Step::Quote,
        };
        self.step = prev;
        Ok(prev)
    }

    /// After a hold lapsed: forget it and go back to the step that gets it again, telling the
    /// customer what changed (DESIGN §5). Returns the lapsed kinds, earliest step first.
    pub fn recover(&mut self, now: UtcMillis) -> Vec<HoldKind> {
        let lapsed = self.holds.lapsed(now);
        for kind in &lapsed {
            self.holds.release(*kind);
            let (step, redo) = match kind {
                HoldKind::Cart => (Step::Cart, None),
                HoldKind::NumberReservation => (Step::Number, None),
                HoldKind::Slot => (Step::Slot, Some(&mut self.appointment)),
                HoldKind::Quote => (Step::Quote, None),
            };
            if let Some(slot) = redo {
                *slot = None;
            }
            if *kind == HoldKind::Quote {
                self.quoted = false;
            }
            if *kind == HoldKind::NumberReservation {
                self.number = None;
            }
            if self.step > step && self.step < Step::Placing {
                self.step = step;
            }
        }
        lapsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome() -> OrderOutcome {
        OrderOutcome {
            order_id: "1200040000000001".into(),
            state: None,
            billing_account_id: None,
            job_id: None,
            job_number: None,
            technician: None,
            credit_limit: None,
            requested_function: None,
            notices: vec![],
        }
    }

    fn placing() -> Checkout {
        let mut c = Checkout::new();
        c.step = Step::Placing;
        c.quoted = true;
        c.holds.set(Hold::quote(UtcMillis(0)));
        c
    }

    /// Seed 004 "Key Considerations" 17: on DRO30E redo from the quote.
    #[test]
    fn an_expired_conversation_sends_the_customer_back_to_a_new_quote() {
        let mut c = placing();
        c.placing_failed(Recovery::RedoFromQuote);
        assert_eq!(c.step(), Step::Quote);
        assert!(c.holds().get(HoldKind::Quote).is_none());
        assert_eq!(c.next(UtcMillis(0)), Err(Blocker::NoQuote));
    }

    /// Seed 004 "SCHED_TM-JBE10E-INVALID SCHEDULED TIME OF DAY": the window cannot be booked,
    /// so the customer picks another, and the new window gets a new quote.
    #[test]
    fn a_window_that_cannot_be_booked_goes_back_to_the_windows_then_a_new_quote() {
        let mut c = placing();
        c.appointment = Some(Appointment::Slot(UtcMillis(1)));
        c.holds.set(Hold::slot(UtcMillis(0)));
        c.placing_failed(crate::problem::ErrorCode::SlotUnavailable.recovery());
        assert_eq!(c.step(), Step::Slot);
        assert!(c.holds().get(HoldKind::Slot).is_none());
        assert!(c.holds().get(HoldKind::Quote).is_none());
        assert_eq!(c.next(UtcMillis(0)), Err(Blocker::NoAppointment));
        c.slot_chosen(UtcMillis(2), UtcMillis(0));
        assert_eq!(c.advance(UtcMillis(0)), Ok(Step::Quote));
        assert_eq!(c.next(UtcMillis(0)), Err(Blocker::NoQuote));
    }

    /// Unscheduled visits have no window to lose: a refusal then goes back to the review.
    #[test]
    fn an_unscheduled_visit_refused_goes_back_to_the_review() {
        let mut c = placing();
        c.appointment = Some(Appointment::Unscheduled);
        c.placing_failed(Recovery::PickAnotherSlot);
        assert_eq!(c.step(), Step::Review);
    }

    #[test]
    fn a_changed_choice_needs_a_new_quote() {
        let mut c = placing();
        c.step = Step::Quote;
        c.prices_changed();
        assert!(c.holds().get(HoldKind::Quote).is_none());
        assert_eq!(c.next(UtcMillis(0)), Err(Blocker::NoQuote));
    }

    #[test]
    fn another_refusal_goes_back_to_the_review_and_keeps_the_quote() {
        let mut c = placing();
        c.placing_failed(Recovery::CallUs);
        assert_eq!(c.step(), Step::Review);
        assert!(c.holds().get(HoldKind::Quote).is_some());
    }

    #[test]
    fn a_placed_order_is_never_sent_back() {
        let mut c = placing();
        c.confirmed(outcome());
        c.placing_failed(Recovery::RedoFromQuote);
        assert_eq!(c.step(), Step::Placing);
        assert_eq!(c.advance(UtcMillis(0)), Ok(Step::Confirmed));
    }

    #[test]
    fn an_order_placed_before_a_reload_shows_its_confirmation() {
        let mut c = Checkout::new();
        c.placed_earlier(outcome());
        assert_eq!(c.step(), Step::Confirmed);
        assert!(c.holds().iter().next().is_none());
        assert_eq!(c.back(), Err(Blocker::AwaitingOutcome));
    }
}
