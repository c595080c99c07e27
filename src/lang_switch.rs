//! The English / Español switch, and `<html lang>` following it (screen readers pick their
//! voice by it). Shared by the first screen and the whole app. The choice is kept for the tab
//! (`sessionStorage`), so a reload or the hand-over to the whole app keeps the language.

use crate::i18n::{self, T};
use crate::state::Shop;
use crate::storage;
use checkout_core::Lang;
use leptos::prelude::*;

const LANG: &str = "ck-lang";

/// The language chosen earlier in this tab, else English.
pub fn saved() -> Lang {
    match storage::get(LANG).as_deref() {
        Some("es") => Lang::Es,
        _ => Lang::En,
    }
}

#[component]
pub fn LangSwitch() -> impl IntoView {
    let shop = expect_context::<Shop>();
    Effect::new(move |_| {
        let tag = i18n::tag(shop.lang.get());
        storage::set(LANG, tag);
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", tag);
        }
    });
    let other = move || match shop.lang.get() {
        Lang::En => Lang::Es,
        Lang::Es => Lang::En,
    };
    view! {
        <div class="lang-switch">
            <button type="button" class="link-button"
                lang=move || i18n::tag(other())
                on:click=move |_| shop.lang.set(other())>
                {move || T::SwitchLanguage.text(shop.lang.get())}
            </button>
        </div>
    }
}
