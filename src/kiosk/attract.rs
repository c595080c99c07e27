//! The screen a kiosk shows between customers: language first, in both languages at once, so
//! whoever walks up can read the first thing they must do.

use super::Kiosk;
use super::words::K;
use crate::i18n;
use checkout_core::Lang;
use leptos::prelude::*;

#[component]
pub fn Attract(on_choose: Callback<Lang>) -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    Effect::new(move |_| {
        // Named as its heading reads, both languages (WCAG 2.4.2).
        let heading = format!(
            "{} · {}",
            K::Welcome.text(Lang::En),
            K::Welcome.text(Lang::Es)
        );
        crate::lang_switch::set_title_text(&heading, Lang::En);
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", "en");
        }
    });
    let store = move || kiosk.view.get().map(|v| v.store).unwrap_or_default();
    let choice = move |lang: Lang| {
        view! {
            <button type="button" class="primary attract-language" lang=i18n::tag(lang)
                on:click=move |_| on_choose.run(lang)>
                {match lang { Lang::En => "English", Lang::Es => "Español" }}
            </button>
        }
    };
    view! {
        <div class="attract">
            <h1 id="step-title" tabindex="-1">
                {K::Welcome.text(Lang::En)}
                " · "
                <span lang="es">{K::Welcome.text(Lang::Es)}</span>
            </h1>
            <p class="lede">{store}</p>
            <p>{K::ChooseLanguage.text(Lang::En)}</p>
            <p lang="es">{K::ChooseLanguage.text(Lang::Es)}</p>
            <div class="attract-choices">
                {choice(Lang::En)}
                {choice(Lang::Es)}
            </div>
        </div>
    }
}
