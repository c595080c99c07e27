//! The four clocks of a checkout (DESIGN §5): cart hold, number reservation, slot hold and
//! quote conversation; server-time skew correction; and what each lapse needs.
//!
//! Everything is computed from absolute server instants, never from counting ticks, so a tab
//! in the background or a laptop waking from sleep sees the right state on its first look.
//! The device clock is only trusted for *differences* once corrected by [`ClockSkew`].

use crate::instant::{Millis, UtcMillis};
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// How long before our deadline the customer is warned. WCAG 2.2.1 asks for at least 20 s to
/// react; 30 s leaves 20 s even if the warning is first seen a few ticks late.
pub const WARNING_LEAD: Millis = Millis::from_secs(30);

/// The least time a customer must have to react to a warning (WCAG 2.2.1).
pub const MIN_REACTION: Millis = Millis::from_secs(20);

/// Seed 004: "BSS will block the slot for 4 mins after the searchTimeSlot call".
pub const SLOT_HELD_UPSTREAM: Millis = Millis::from_mins(4);
/// Seed 004: "Order should be placed within 3 minutes from the searchTimeSlot call
/// considering the API processing time."
pub const SLOT_ORDER_WITHIN: Millis = Millis::from_mins(3);
/// Seed 004: "This limitation is due to 15 mins session validity from BSS".
pub const QUOTE_HELD_UPSTREAM: Millis = Millis::from_mins(15);
/// Seed 004: "Order should be placed within 14 minutes from tax and fees API call".
pub const QUOTE_ORDER_WITHIN: Millis = Millis::from_mins(14);

/// Server time minus device time, learned from each response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClockSkew(pub Millis);

impl ClockSkew {
    /// Learn the skew from a response carrying the server's time. The server stamped it some
    /// time between our send and our receipt; the midpoint halves the error.
    pub fn observe(
        server_now: UtcMillis,
        device_sent: UtcMillis,
        device_received: UtcMillis,
    ) -> Self {
        // A device clock that jumped backwards mid-call gives received < sent: use receipt.
        let mid = if device_received < device_sent {
            device_received
        } else {
            UtcMillis(device_sent.0 + (device_received.0 - device_sent.0) / 2)
        };
        Self(server_now.since(mid))
    }

    /// The server's "now", given the device's.
    pub fn server_now(self, device_now: UtcMillis) -> UtcMillis {
        device_now.plus(self.0)
    }
}

/// The kinds of hold a checkout can have at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldKind {
    /// Seed cart: the order starts `ON_HOLD` with `utcExpiresAt`.
    Cart,
    /// `number.reserve`: the chosen number is held.
    NumberReservation,
    /// `searchTimeSlot`: the slot is held 4 min upstream.
    Slot,
    /// Tax-and-fees quote: the BSS conversation lives 15 min.
    Quote,
}

/// What the app does by itself when a hold lapses (DESIGN §5: "re-quote, re-search slots,
/// re-reserve the same number").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LapseRecovery {
    /// Create the cart again with the same selection.
    RecreateCart,
    /// Reserve the same number again (or pick another if it is gone).
    ReReserveNumber,
    /// Search slots again.
    ReSearchSlots,
    /// Call the quote again and redo the steps after it (seed 004, "Key Considerations" 17).
    ReQuote,
}

impl HoldKind {
    pub fn on_lapse(self) -> LapseRecovery {
        match self {
            Self::Cart => LapseRecovery::RecreateCart,
            Self::NumberReservation => LapseRecovery::ReReserveNumber,
            Self::Slot => LapseRecovery::ReSearchSlots,
            Self::Quote => LapseRecovery::ReQuote,
        }
    }

    /// Only the cart can be extended upstream (seed cart: "/extend … reason … minutes").
    pub fn extendable(self) -> bool {
        matches!(self, Self::Cart)
    }

    /// The holds tray label.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Cart => lang.pick("Your cart", "Su carrito"),
            Self::NumberReservation => lang.pick("Your phone number", "Su número de teléfono"),
            Self::Slot => lang.pick("Your installation time", "Su hora de instalación"),
            Self::Quote => lang.pick("Your prices", "Sus precios"),
        }
    }
}

impl LapseRecovery {
    /// What the customer is told happened.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Self::RecreateCart => lang.pick(
                "Your cart expired, so we started a new one with the same choices.",
                "Su carrito venció; creamos uno nuevo con la misma selección.",
            ),
            Self::ReReserveNumber => lang.pick(
                "Your number's reservation ended; we are reserving it again.",
                "La reserva de su número terminó; la estamos renovando.",
            ),
            Self::ReSearchSlots => lang.pick(
                "Your installation time is no longer held. Please choose a time again.",
                "Su hora de instalación ya no está reservada. Por favor, elija una hora de nuevo.",
            ),
            Self::ReQuote => lang.pick(
                "Your prices needed refreshing; we have updated them. Please review them.",
                "Sus precios debían actualizarse; ya los actualizamos. Por favor, revíselos.",
            ),
        }
    }
}

/// Where a hold stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "remaining")]
pub enum HoldState {
    Live(Millis),
    /// Within [`WARNING_LEAD`] of our deadline: announce it and offer to extend if possible.
    Warning(Millis),
    /// Past our deadline: never submit on it.
    Lapsed,
}

/// One held thing: when upstream lets go, and the earlier instant by which we must act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hold {
    pub kind: HoldKind,
    pub upstream_expires_at: UtcMillis,
    /// Our deadline: at or before `upstream_expires_at`.
    pub act_by: UtcMillis,
}

impl Hold {
    /// Seed cart: `utcExpiresAt` is the deadline; no margin is documented.
    pub fn cart(utc_expires_at: UtcMillis) -> Self {
        Self {
            kind: HoldKind::Cart,
            upstream_expires_at: utc_expires_at,
            act_by: utc_expires_at,
        }
    }

    pub fn number(expires_at: UtcMillis) -> Self {
        Self {
            kind: HoldKind::NumberReservation,
            upstream_expires_at: expires_at,
            act_by: expires_at,
        }
    }

    /// From the server time of the `searchTimeSlot` answer.
    pub fn slot(searched_at: UtcMillis) -> Self {
        Self {
            kind: HoldKind::Slot,
            upstream_expires_at: searched_at.plus(SLOT_HELD_UPSTREAM),
            act_by: searched_at.plus(SLOT_ORDER_WITHIN),
        }
    }

    /// From the server time of the quote answer.
    pub fn quote(quoted_at: UtcMillis) -> Self {
        Self {
            kind: HoldKind::Quote,
            upstream_expires_at: quoted_at.plus(QUOTE_HELD_UPSTREAM),
            act_by: quoted_at.plus(QUOTE_ORDER_WITHIN),
        }
    }

    /// Time left until our deadline (negative once past).
    pub fn remaining(&self, server_now: UtcMillis) -> Millis {
        self.act_by.since(server_now)
    }

    pub fn state(&self, server_now: UtcMillis) -> HoldState {
        let left = self.remaining(server_now);
        if left.0 <= 0 {
            HoldState::Lapsed
        } else if left <= WARNING_LEAD {
            HoldState::Warning(left)
        } else {
            HoldState::Live(left)
        }
    }

    pub fn is_lapsed(&self, server_now: UtcMillis) -> bool {
        self.state(server_now) == HoldState::Lapsed
    }

    /// The next instant at which [`Hold::state`] changes, for a single timer that survives
    /// sleep (re-read the state on wake rather than counting ticks).
    pub fn next_change(&self, server_now: UtcMillis) -> Option<UtcMillis> {
        let warn_at = UtcMillis(self.act_by.0.saturating_sub(WARNING_LEAD.0));
        if server_now < warn_at {
            Some(warn_at)
        } else if server_now < self.act_by {
            Some(self.act_by)
        } else {
            None
        }
    }

    /// The cart after an accepted `/extend` (the OBS "may … extend the hold by the requested
    /// duration, or any arbitrary duration": trust the new instant it answers).
    pub fn extended(&self, new_expires_at: UtcMillis) -> Result<Self, NotExtendable> {
        if !self.kind.extendable() {
            return Err(NotExtendable(self.kind));
        }
        Ok(Self::cart(new_expires_at.max(self.upstream_expires_at)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {0:?} hold cannot be extended")]
pub struct NotExtendable(pub HoldKind);

/// All holds of a checkout, at most one per kind: the one holds tray.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Holds(Vec<Hold>);

impl Holds {
    /// Set (or replace) the hold of its kind.
    pub fn set(&mut self, hold: Hold) {
        self.0.retain(|h| h.kind != hold.kind);
        self.0.push(hold);
        self.0.sort_by_key(|h| h.kind);
    }
    pub fn release(&mut self, kind: HoldKind) {
        self.0.retain(|h| h.kind != kind);
    }
    pub fn get(&self, kind: HoldKind) -> Option<&Hold> {
        self.0.iter().find(|h| h.kind == kind)
    }
    pub fn iter(&self) -> impl Iterator<Item = &Hold> {
        self.0.iter()
    }
    /// Kinds that have lapsed, in tray order.
    pub fn lapsed(&self, server_now: UtcMillis) -> Vec<HoldKind> {
        self.0
            .iter()
            .filter(|h| h.is_lapsed(server_now))
            .map(|h| h.kind)
            .collect()
    }
    /// The soonest state change across the tray.
    pub fn next_change(&self, server_now: UtcMillis) -> Option<UtcMillis> {
        self.0
            .iter()
            .filter_map(|h| h.next_change(server_now))
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: UtcMillis = UtcMillis(1_700_000_000_000);

    /// Seed 004: "BSS will block the slot for 4 mins … Order should be placed within 3 minutes
    /// from the searchTimeSlot call".
    #[test]
    fn slot_is_held_4_minutes_but_must_be_ordered_within_3() {
        let h = Hold::slot(T0);
        assert_eq!(h.upstream_expires_at, T0.plus(Millis::from_mins(4)));
        assert_eq!(h.act_by, T0.plus(Millis::from_mins(3)));
        assert!(!h.is_lapsed(T0.plus(Millis(179_999))));
        assert!(h.is_lapsed(T0.plus(Millis::from_mins(3))));
        assert_eq!(h.kind.on_lapse(), LapseRecovery::ReSearchSlots);
    }

    /// Seed 004: "Order should be placed within 14 minutes from tax and fees API call … due to
    /// 15 mins session validity from BSS".
    #[test]
    fn quote_conversation_lives_15_minutes_and_orders_within_14() {
        let h = Hold::quote(T0);
        assert_eq!(h.upstream_expires_at.since(T0), Millis::from_mins(15));
        assert_eq!(h.act_by.since(T0), Millis::from_mins(14));
        assert_eq!(h.kind.on_lapse(), LapseRecovery::ReQuote);
    }

    /// DESIGN §5 / WCAG 2.2.1: "warn at least 20 s before a hold lapses".
    #[test]
    fn warning_starts_early_enough_to_react() {
        let h = Hold::cart(T0);
        let first_warning = T0.plus(Millis(-WARNING_LEAD.0));
        assert_eq!(h.state(first_warning), HoldState::Warning(WARNING_LEAD));
        assert!(WARNING_LEAD >= MIN_REACTION);
        assert!(matches!(
            h.state(T0.plus(Millis(-WARNING_LEAD.0 - 1))),
            HoldState::Live(_)
        ));
        assert_eq!(h.state(T0), HoldState::Lapsed);
    }

    /// Seed cart: "An Order may have its hold period extended"; nothing else can be.
    #[test]
    fn only_the_cart_extends() {
        let later = T0.plus(Millis::from_mins(10));
        assert_eq!(Hold::cart(T0).extended(later).unwrap().act_by, later);
        assert_eq!(
            Hold::slot(T0).extended(later),
            Err(NotExtendable(HoldKind::Slot))
        );
    }

    #[test]
    fn skew_is_measured_at_the_midpoint_of_the_call() {
        // Device is 10 s behind the server; the call took 2 s.
        let skew = ClockSkew::observe(T0, T0.plus(Millis(-11_000)), T0.plus(Millis(-9_000)));
        assert_eq!(skew, ClockSkew(Millis(10_000)));
        assert_eq!(skew.server_now(T0.plus(Millis(-10_000))), T0);
    }

    #[test]
    fn the_tray_reports_lapsed_holds_and_the_next_change() {
        let mut holds = Holds::default();
        holds.set(Hold::quote(T0));
        holds.set(Hold::slot(T0));
        let at = T0.plus(Millis::from_mins(3));
        assert_eq!(holds.lapsed(at), vec![HoldKind::Slot]);
        assert_eq!(
            holds.next_change(T0),
            Some(T0.plus(Millis(Millis::from_mins(3).0 - WARNING_LEAD.0)))
        );
        holds.release(HoldKind::Slot);
        assert!(holds.lapsed(at).is_empty());
    }
}
