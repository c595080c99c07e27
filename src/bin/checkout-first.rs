//! Entry point of the first screen's small module (`checkout_app::first`): the address step
//! alone, then the hand-over to the whole app.

fn main() {
    console_error_panic_hook::set_once();
    checkout_app::first::mount();
}
