//! The pieces every form step shares: a labelled text field with its hint and error, the error
//! summary that links to the fields, a problem notice, and the Back button. Shared rather than
//! copied, so each exists once in the WASM (the module is over its size budget).

use crate::api::CallError;
use crate::i18n::T;
use crate::state::Shop;
use checkout_core::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// An invalid field: its element id, what is wrong in the customer's language, and any text it
/// quotes from the back office (a term's title), which is English and tagged so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub id: String,
    pub text: String,
    pub quoted: Option<String>,
}

impl FieldError {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            text: text.into(),
            quoted: None,
        }
    }

    /// Ends the message with the back office's own words.
    pub fn quoting(self, quoted: String) -> Self {
        Self {
            quoted: Some(quoted),
            ..self
        }
    }
}

/// The back office's words (catalogue names, term titles, its own messages): English in every
/// market, so a Spanish page tags them for screen readers to voice them right (WCAG 3.1.2).
#[component]
pub fn BackOfficeText(text: String) -> impl IntoView {
    view! { <span lang=crate::i18n::BACK_OFFICE_LANG>{text}</span> }
}

/// Move focus to the element with this id (error summary links, first invalid field).
pub fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A text field: label, hint, error message and input, tied together for screen readers.
#[component]
pub fn Field(
    id: &'static str,
    label: T,
    #[prop(optional)] hint: Option<T>,
    value: RwSignal<String>,
    /// The message when the field is invalid (shown once the form was submitted).
    error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = "text")] inputmode: &'static str,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(h.as_str());
            }
            if error.with(Option::is_some) {
                ids.push(e.as_str());
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field" class:field-error=move || error.with(Option::is_some)>
            <label for=id>{move || label.text(lang.get())}</label>
            {hint.map(|h| view! { <p id=hint_id class="hint">{move || h.text(lang.get())}</p> })}
            {move || error.get().map(|e| view! {
                <p id=error_id.clone() class="error-message">
                    <span class="visually-hidden">{T::ErrorPrefix.text(lang.get())}</span>
                    {e}
                </p>
            })}
            <input id=id name=id type=kind autocomplete=autocomplete inputmode=inputmode
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described
            />
        </div>
    }
}

/// "There is a problem": every invalid field as a link that moves focus to it. Shown after a
/// submit with errors, and focused then (`error-summary` id) so it is read first.
#[component]
pub fn ErrorSummary(errors: Signal<Vec<FieldError>>, lang: RwSignal<Lang>) -> impl IntoView {
    view! {
        <Show when=move || errors.with(|e| !e.is_empty())>
            <div class="error-summary" id="error-summary" tabindex="-1" role="alert"
                aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{move || T::ThereIsAProblem.text(lang.get())}</h2>
                <ul>
                    {move || errors.get().into_iter().map(|FieldError { id, text, quoted }| view! {
                        <li>
                            <a href=format!("#{id}") on:click=move |ev| {
                                // Focus the field without a history entry for the fragment.
                                ev.prevent_default();
                                focus(&id);
                            }>{text}{quoted.map(|q| view! { " " <BackOfficeText text=q/> })}</a>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

/// After a submit: focus the summary if there are errors; say whether the form may go.
pub fn check_submit(errors: &[FieldError]) -> bool {
    if errors.is_empty() {
        return true;
    }
    request_animation_frame(|| focus("error-summary"));
    false
}

/// What a failed call means for the customer: the problem's own message, or "no answer".
pub fn call_message(e: &CallError, lang: Lang) -> &'static str {
    match e {
        CallError::Problem(p) => p.code.message(lang),
        CallError::Network => T::NetworkError.text(lang),
    }
}

/// A failed call, in plain words, with the reference support can look up.
#[component]
pub fn CallFailed(error: CallError, lang: RwSignal<Lang>) -> impl IntoView {
    let reference = match &error {
        CallError::Problem(p) => Some(p.correlation_id.clone()),
        CallError::Network => None,
    };
    // A partner framing us hears the failure by its stable code (nothing else of it).
    if let CallError::Problem(p) = &error {
        crate::embed::post(checkout_core::embed::EmbedEvent::Error { code: p.code });
    }
    view! {
        <div class="notice error" role="alert">
            <p class="notice-title">{move || call_message(&error, lang.get())}</p>
            {reference.map(|r| view! {
                <p class="reference">{move || T::Reference.text(lang.get())}{r.clone()}</p>
            })}
        </div>
    }
}

/// Back one step (the flow decides which).
#[component]
pub fn BackButton(shop: Shop) -> impl IntoView {
    view! {
        <button type="button" class="secondary" on:click=move |_| {
            shop.checkout.update(|c| {
                let _ = c.back();
            });
        }>{move || T::Back.text(shop.lang.get())}</button>
    }
}

/// Move the flow on (its guards have the last word) and say why not, if not.
pub fn go_on(shop: Shop) -> Option<&'static str> {
    let now = shop.now.get_untracked();
    let lang = shop.lang.get_untracked();
    shop.checkout
        .try_update(|c| c.advance(now).err().map(|b| b.message(lang)))
        .flatten()
}

/// The message of one field, from the form's list of errors (one closure type for every field
/// of every form).
pub fn error_for(errors: Signal<Vec<FieldError>>, id: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| e.iter().find(|f| f.id == id).map(|f| f.text.clone())))
}

/// A step's call to the proxy, as a Leptos `Action`: `pending()` while in flight, and its
/// outcome kept for the step to show a failure. The call itself and what its answer changes in
/// the shop are the action's body.
pub type StepCall<I> = Action<I, Result<(), CallError>>;

/// The failure of a step's last call, if it failed.
pub fn failure<I: 'static>(call: StepCall<I>) -> Signal<Option<CallError>> {
    Signal::derive(move || call.value().get().and_then(Result::err))
}

/// The failure of the step's last call, if any.
#[component]
pub fn Failure(
    #[prop(into)] failed: Signal<Option<CallError>>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    move || failed.get().map(|e| view! { <CallFailed error=e lang/> })
}

/// Back, and the step's submit button (disabled while its call is in flight).
#[component]
pub fn Actions(shop: Shop, label: T, #[prop(into)] busy: Signal<bool>) -> impl IntoView {
    view! {
        <div class="actions">
            <BackButton shop/>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || label.text(shop.lang.get())}
            </button>
        </div>
    }
}
