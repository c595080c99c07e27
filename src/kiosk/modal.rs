//! A modal dialog on the kiosk: the browser's own `<dialog>` opened with `showModal()`, so focus
//! stays inside it and the page behind is inert until it closes (no focus trap of our own to
//! get wrong). Escape or the dialog's own close button call `on_close`.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Modal(
    /// Whether it is shown.
    #[prop(into)]
    open: Signal<bool>,
    /// The id of the heading that names it.
    labelled_by: &'static str,
    /// `alertdialog` for a question the customer must answer ("Are you still there?").
    #[prop(optional)]
    alert: bool,
    /// The id of the text that describes it, if any.
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// Called when the browser closes it (Escape).
    on_close: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class="kiosk-dialog"
            role=alert.then_some("alertdialog")
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                on_close.run(());
            }
        >
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}
