//! The English / Español switch, and the page following it: `<html lang>` (screen readers pick
//! their voice by it), the static frame of `index.html` (skip link, masthead, footer) and the
//! document title, so no English is left untagged on a Spanish page (WCAG 3.1.2). Shared by
//! the first screen and the whole app. The choice is kept for the tab (`sessionStorage`), so a
//! reload or the hand-over to the whole app keeps the language.

use crate::i18n::{self, T};
use crate::state::Shop;
use crate::storage;
use checkout_core::Lang;
use leptos::prelude::*;

pub const LANG: &str = "ck-lang";

/// The language chosen earlier in this tab, else English.
pub fn saved() -> Lang {
    match storage::get(LANG).as_deref() {
        Some("es") => Lang::Es,
        _ => Lang::En,
    }
}

/// Name the page by the step's heading and the site, in the page's language (WCAG 2.4.2).
pub fn set_title(heading: T, lang: Lang) {
    set_title_text(heading.text(lang), lang);
}

/// The same, for a heading that is not one of [`T`]'s (the kiosk's own words).
pub fn set_title_text(heading: &str, lang: Lang) {
    document().set_title(&format!("{heading} · {}", T::SiteName.text(lang)));
}

/// Put the page in `lang`: `<html lang>` and the static frame of `index.html` (skip link,
/// masthead, footer), which no component renders.
pub fn speak(lang: Lang) {
    let doc = document();
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", i18n::tag(lang));
    }
    for (id, text) in [
        ("skip-link", T::SkipToContent),
        ("brand", T::SiteName),
        ("footer-note", T::FooterNote),
    ] {
        if let Some(el) = doc.get_element_by_id(id) {
            el.set_text_content(Some(text.text(lang)));
        }
    }
}

#[component]
pub fn LangSwitch() -> impl IntoView {
    let shop = expect_context::<Shop>();
    Effect::new(move |_| {
        let lang = shop.lang.get();
        storage::set(LANG, i18n::tag(lang));
        speak(lang);
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
