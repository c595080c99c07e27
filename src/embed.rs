//! The checkout framed by a partner's page (docs/embedding.md). The proxy serves the app at
//! `/embed?partner=…&parent=<origin>` only to that partner's registered origins; here the app
//! learns it is framed, posts the typed events of `checkout_core::embed` to the parent (and only
//! to the parent's origin, which the proxy checked), and keeps the session key the proxy hands
//! a frame in the page's memory (a `window` property of our own origin, out of the host's reach:
//! never storage, never a URL), since a browser that blocks third-party cookies keeps none for
//! a framed site.

use checkout_core::UtcMillis;
use checkout_core::embed::{EmbedEvent, Envelope, VERSION};
use wasm_bindgen::JsValue;

/// The `window` property the session key of a framed checkout is kept in (both modules of the
/// app read it; it is gone with the page).
const SESSION: &str = "ckSession";

/// `window` properties of the page, not of one module: both of the app's modules post, so the
/// event sequence and the height last reported are kept where both see them.
const SEQ: &str = "ckEventSeq";
const HEIGHT: &str = "ckHeight";

/// A number kept on the page (0 until set).
fn page_number(name: &str) -> u64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u64
}

fn set_page_number(name: &str, n: u64) {
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &JsValue::from_str(name),
        &JsValue::from_f64(n as f64),
    );
}

/// The next number of the page's event sequence, from 1.
fn next_seq() -> u64 {
    let seq = page_number(SEQ) + 1;
    set_page_number(SEQ, seq);
    seq
}

/// A parameter of the embed's URL, when the app runs at `/embed`.
fn embed_param(name: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    if location.pathname().ok()? != "/embed" {
        return None;
    }
    let search = location.search().ok()?;
    let raw = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))?;
    js_sys::decode_uri_component(raw)
        .ok()
        .and_then(|v| v.as_string())
}

/// The origin of the page framing us, when the app runs at `/embed`.
pub fn parent_origin() -> Option<String> {
    embed_param("parent").filter(|o| o.starts_with("http://") || o.starts_with("https://"))
}

/// The partner framing us (its id, as the proxy checked it when it served the page).
pub fn partner() -> Option<String> {
    parent_origin().and(embed_param("partner"))
}

/// Whether the app runs framed by a partner.
pub fn is_embedded() -> bool {
    parent_origin().is_some()
}

/// Framed, the page is the partner's: our masthead and footer go (its page has its own), and
/// our `main` is named, so the page's landmarks stay unique.
pub fn fit_into_frame() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for id in ["masthead", "footer", "skip-link"] {
        if let Some(el) = doc.get_element_by_id(id) {
            el.remove();
        }
    }
    if let Some(main) = doc.get_element_by_id("app") {
        let _ = main.set_attribute("aria-label", "Checkout");
    }
}

/// Take the partner's theme when the loader posts it (after our `ready`): only from the parent's
/// origin and the parent window, only values `checkout_core::theme` accepts (strict grammar, AA
/// contrast); each value left out is named in a console warning for the partner's developers.
pub fn take_theme() {
    use wasm_bindgen::JsCast;
    let Some(origin) = parent_origin() else {
        return;
    };
    let handler = move |ev: web_sys::MessageEvent| {
        let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
        let from_parent = match (ev.source(), parent) {
            (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
            _ => false,
        };
        if ev.origin() != origin || !from_parent {
            return;
        }
        let data = ev.data();
        let field = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).ok();
        if field(&data, "type").and_then(|t| t.as_string()).as_deref() != Some("theme") {
            return;
        }
        let Some(values) = field(&data, "data").filter(|d| d.is_object()) else {
            return;
        };
        let input: Vec<(String, String)> = js_sys::Object::entries(values.unchecked_ref())
            .iter()
            .filter_map(|pair| {
                let pair: js_sys::Array = pair.dyn_into().ok()?;
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .take(16)
            .collect();
        let (apply, ignored) = checkout_core::theme::resolve(&input);
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let style = root.style();
            for (name, value) in apply {
                let _ = style.set_property(name, &value);
            }
        }
        for i in ignored {
            web_sys::console::warn_1(&JsValue::from_str(&i.warning()));
        }
    };
    let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(handler);
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("message", closure.as_ref().unchecked_ref());
    }
    closure.forget();
}

/// The session key a framed checkout was handed, if any.
pub fn session_key() -> Option<String> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(SESSION))
        .ok()
        .and_then(|v| v.as_string())
}

/// Keep the session key the proxy handed this frame.
pub fn keep_session_key(key: &str) {
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &JsValue::from_str(SESSION),
        &JsValue::from_str(key),
    );
}

/// Tell the partner's page, if we are framed. Nothing personal is in any event (see
/// `checkout_core::embed`).
pub fn post(event: EmbedEvent) {
    let Some(origin) = parent_origin() else {
        return;
    };
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
        return;
    };
    let seq = next_seq();
    let envelope = Envelope {
        v: VERSION,
        id: format!("{}-{seq}", page_id()),
        seq,
        ts: UtcMillis(js_sys::Date::now() as i64),
        event,
    };
    // Posted as a plain object (structured clone), parsed from our own JSON.
    if let Ok(text) = serde_json::to_string(&envelope)
        && let Ok(value) = js_sys::JSON::parse(&text)
    {
        let _ = parent.post_message(&value, &origin);
    }
}

/// The page's content height, posted when it changed, so the loader sizes the iframe to it
/// and the partner's page never shows a scrollbar inside a scrollbar.
pub fn report_height() {
    if !is_embedded() {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let height = doc
        .document_element()
        .map(|e| e.scroll_height())
        .unwrap_or(0)
        .max(0) as u32;
    if page_number(HEIGHT) != u64::from(height) {
        set_page_number(HEIGHT, u64::from(height));
        post(EmbedEvent::Resize { height });
    }
}

/// A per-load prefix for event ids: when the page started (the time origin, the same for both
/// modules of the app).
fn page_id() -> String {
    let origin = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| js_sys::Reflect::get(&p, &JsValue::from_str("timeOrigin")).ok())
        .and_then(|t| t.as_f64())
        .unwrap_or(0.0);
    format!("{:x}", origin as u64)
}
