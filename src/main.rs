//! Entry point of the browser app: panic hook and mount, nothing else.

fn main() {
    console_error_panic_hook::set_once();
    checkout_app::mount();
}
