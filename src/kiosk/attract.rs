//! The screen a kiosk shows between customers: language first, in both languages at once (the
//! market's own first), so whoever walks up can read the first thing they must do.

use super::Kiosk;
use super::words::K;
use crate::i18n;
use checkout_core::{Lang, Market};
use leptos::prelude::*;

/// The language a kiosk's market reads first: Spanish in Panama; English in Jamaica, and in
/// Puerto Rico, where the web store starts in English too.
fn first_language(market: Option<Market>) -> Lang {
    match market {
        Some(Market::Panama) => Lang::Es,
        _ => Lang::En,
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::En => Lang::Es,
        Lang::Es => Lang::En,
    }
}

#[component]
pub fn Attract(on_choose: Callback<Lang>) -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let first = Memo::new(move |_| first_language(kiosk.view.get().map(|v| v.market)));
    Effect::new(move |_| {
        let (a, b) = (first.get(), other(first.get()));
        // Named as its heading reads, both languages (WCAG 2.4.2).
        let heading = format!("{} · {}", K::Welcome.text(a), K::Welcome.text(b));
        crate::lang_switch::set_title_text(&heading, a);
        crate::lang_switch::speak(a);
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
    move || {
        let (a, b) = (first.get(), other(first.get()));
        view! {
            <div class="attract">
                <h1 id="step-title" tabindex="-1">
                    {K::Welcome.text(a)}
                    " · "
                    <span lang=i18n::tag(b)>{K::Welcome.text(b)}</span>
                </h1>
                <p class="lede">{store}</p>
                <p>{K::ChooseLanguage.text(a)}</p>
                <p lang=i18n::tag(b)>{K::ChooseLanguage.text(b)}</p>
                <div class="attract-choices">
                    {choice(a)}
                    {choice(b)}
                </div>
            </div>
        }
    }
}
