//! Response headers that make the app safe to serve: a strict Content-Security-Policy, and
//! cache rules that let hashed assets live forever while `index.html` is always revalidated.
//!
//! Trunk's loader is one inline `<script type="module">`. Rather than allow inline scripts, we
//! hash each inline script of the built `index.html` at start-up and allow exactly those.

use axum::http::{HeaderMap, HeaderValue, header};
use base64::Engine;
use sha2::{Digest, Sha256};

/// The CSP for the app: only our own origin, plus WebAssembly compilation, plus the exact
/// inline scripts of the built page. Only the listed partner origins may frame it.
pub fn content_security_policy(index_html: &str, partner_origins: &[String]) -> String {
    let frame_ancestors = if partner_origins.is_empty() {
        "'none'".to_owned()
    } else {
        format!("'self' {}", partner_origins.join(" "))
    };
    let hashes: String = inline_scripts(index_html)
        .map(|body| {
            let digest = Sha256::digest(body.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}"
    )
}

/// Bodies of `<script>` elements without a `src` attribute.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attrs, after) = rest.split_once('>')?;
        if attrs.contains("src=") {
            return None;
        }
        let (body, _) = after.split_once("</script>")?;
        Some(body)
    })
}

/// The headers every answer carries, whatever the app set: the CSP, no MIME sniffing, and no
/// referrer sent on to other sites.
pub fn response_headers(csp: HeaderValue, https: bool) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if https {
        // Served over HTTPS (secure cookies): browsers must never come back over plain HTTP,
        // where the session cookie could be stripped or a page rewritten. Two years, as the
        // preload list asks.
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    headers
}

/// `Strict-Transport-Security` when the store is served over HTTPS.
pub const HSTS: &str = "max-age=63072000; includeSubDomains";

/// The CSP of API answers: JSON is never a document, so it may load nothing and be framed by
/// no one (OWASP's REST Security Cheat Sheet). The app's policy, with its script hashes and
/// partner origins, is for pages; on a JSON answer it only cost 200 bytes.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Whether `path` is under the API (rather than the app's files or the operations routes).
pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// The cache rule for an answer at `path`: the API's answers carry a customer's data, so no
/// cache may keep them (`no-store`, errors included); of the app's files, successful answers
/// only: forever for assets named `name-<hash>.ext` (`HASH_DIGITS`, so a changed file is a new
/// URL), and revalidation for anything else (`index.html` under every deep link).
pub fn cache_control(path: &str, success: bool) -> Option<&'static str> {
    if is_api(path) || is_device_page(path) {
        Some("no-store")
    } else if !success {
        None
    } else if is_hashed_asset(path) || is_embed_loader(path) {
        Some("public, max-age=31536000, immutable")
    } else {
        Some("no-cache")
    }
}

/// A kiosk's pages and a hand-off's link (docs/kiosk.md): what they answer depends on who asks
/// (an enrolled device, a one-time token), so no cache may keep one for the next.
fn is_device_page(path: &str) -> bool {
    path == checkout_core::kiosk::page::KIOSK
        || path.starts_with("/kiosk/")
        || path.starts_with("/continue/")
}

/// How many hex digits a hashed name has. Trunk writes its 64-bit hash with `{:x}`, so without
/// leading zeros: one build in sixteen names the first module with 15 digits (seen once:
/// `checkout-first-a1e1cf97e68b61a.js`, which then went out `no-cache`). From 8 digits up, a
/// real hash is missed once in 2^32 builds, and no name of ours without a hash matches.
const HASH_DIGITS: std::ops::RangeInclusive<usize> = 8..=16;

/// The embed's loader, `/embed/v<N>.js`: partners pin its bytes with an SRI hash
/// (docs/embedding.md), so a version never changes; a change is a new version.
pub fn is_embed_loader(path: &str) -> bool {
    path.strip_prefix("/embed/v")
        .and_then(|rest| rest.strip_suffix(".js"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    // wasm-bindgen names the module `<name>-<hash>_bg.wasm`.
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, h)| {
        HASH_DIGITS.contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_loader_is_cached_for_good_and_nothing_else_of_embed() {
        assert_eq!(
            cache_control("/embed/v1.js", true),
            Some("public, max-age=31536000, immutable")
        );
        for other in ["/embed", "/embed/v1.js.map", "/embed/vx.js", "/embed/v.js"] {
            assert_eq!(cache_control(other, true), Some("no-cache"), "{other}");
        }
    }

    #[test]
    fn hashes_only_inline_scripts() {
        let html = r#"<script src="/a.js"></script><script type="module">init()</script>"#;
        let csp = content_security_policy(html, &[]);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init()"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("sha256-").count(), 1);
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.ends_with("frame-ancestors 'none'"));
    }

    #[test]
    fn partners_may_frame_the_app() {
        let csp = content_security_policy("", &["https://shop.example".to_owned()]);
        assert!(
            csp.ends_with("frame-ancestors 'self' https://shop.example"),
            "{csp}"
        );
    }

    #[test]
    fn the_api_is_never_cached_and_only_hashed_assets_forever() {
        for success in [true, false] {
            assert_eq!(
                cache_control("/api/v1/eligibility", success),
                Some("no-store")
            );
        }
        assert_eq!(
            cache_control("/checkout-app-0123456789abcdef.js", true),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(cache_control("/", true), Some("no-cache"));
        assert_eq!(cache_control("/index.html", true), Some("no-cache"));
        // A missing file's 404 is no file to keep.
        assert_eq!(cache_control("/index.html", false), None);
    }

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed_asset("/checkout-app-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("/checkout-app-0123456789abcdef.js"));
        // Trunk drops leading zeros of its hash.
        assert!(is_hashed_asset("/checkout-first-a1e1cf97e68b61a_bg.wasm"));
        assert!(!is_hashed_asset("/checkout-app-cafe.js"));
        assert!(!is_hashed_asset("/checkout-app-0123456789abcdef0.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/"));
    }
}
