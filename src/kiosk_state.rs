//! What kiosk mode's screens share (`crate::kiosk`), and whether this page is a kiosk's: a
//! leaf, so the flow's top level (`crate::app`) can read it without importing the kiosk's
//! screens, which import the flow.

use checkout_core::Market;
use checkout_core::kiosk::{Handoff, KioskOrderPlaced, KioskView, ScreenKind};
use leptos::prelude::*;

/// The page's path in kiosk mode (`checkout_core::kiosk::page::KIOSK`).
pub fn is_kiosk() -> bool {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|p| p == checkout_core::kiosk::page::KIOSK)
}

/// What the kiosk's screens share, by context.
#[derive(Debug, Clone, Copy)]
pub struct Kiosk {
    /// The kiosk as the proxy describes it (store, market, who is signed in).
    pub view: RwSignal<Option<KioskView>>,
    /// The staff dialog is open.
    pub staff_open: RwSignal<bool>,
    /// A hand-off link is being shown.
    pub handoff: RwSignal<Option<Handoff>>,
    /// What the current screen asks of the customer: how long until "Are you still there?".
    pub screen: RwSignal<ScreenKind>,
    /// An order is being placed: no idle question, no reset.
    pub placing: RwSignal<bool>,
    /// The checked address is in a market ordered by bundle (JM, PA).
    pub market: RwSignal<Option<Market>>,
    /// That market's order, once placed.
    pub placed: RwSignal<Option<KioskOrderPlaced>>,
    /// The customer asked for help.
    pub help_sent: RwSignal<bool>,
    /// "Start over?" is being asked.
    pub confirm_reset: RwSignal<bool>,
}

impl Kiosk {
    pub fn new() -> Self {
        Self {
            view: RwSignal::new(None),
            staff_open: RwSignal::new(false),
            handoff: RwSignal::new(None),
            screen: RwSignal::new(ScreenKind::Browsing),
            placing: RwSignal::new(false),
            market: RwSignal::new(None),
            placed: RwSignal::new(None),
            help_sent: RwSignal::new(false),
            confirm_reset: RwSignal::new(false),
        }
    }

    /// Ask the proxy how the kiosk stands now.
    pub fn refresh(self) {
        leptos::task::spawn_local(async move {
            if let Ok(v) = crate::api::kiosk::current().await {
                self.view.set(Some(v));
            }
        });
    }
}

impl Default for Kiosk {
    fn default() -> Self {
        Self::new()
    }
}
