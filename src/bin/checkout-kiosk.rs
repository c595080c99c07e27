//! Entry point of kiosk mode's module (`checkout_app::kiosk`): the whole flow with the kiosk's
//! controls around it, loaded only by the `/kiosk` page of an enrolled store kiosk.

fn main() {
    console_error_panic_hook::set_once();
    checkout_app::kiosk::mount();
}
