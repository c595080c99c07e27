//! Top-level component: picks the view for the current step. The page frame (masthead,
//! footer) is static HTML in `index.html`, so it paints before the WASM arrives.

use crate::steps::address::AddressStep;
use leptos::prelude::*;

#[component]
pub fn App(
    /// What the customer typed into the static first screen before the app took over.
    #[prop(optional, into)]
    initial_address: String,
) -> impl IntoView {
    view! { <AddressStep initial=initial_address/> }
}
