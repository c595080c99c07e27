//! What every handler needs from a request, as axum extractors, so that a handler's arguments
//! say what it requires and a request that lacks it is refused, as problem+json, before the
//! handler runs: the CSRF header of a state-changing call, a typed JSON command, the browser's
//! session, and the idempotency key of an order. (The session holding an order is `HeldSession`,
//! in held_session.rs.)
//!
//! The session extractors read the cookie from the request's parts in place: no copy of the
//! header map.

use crate::error::ApiError;
use crate::session::{self, ServerSession};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, header};
use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE, IDEMPOTENCY_KEY_HEADER};
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// [`CSRF_HEADER`] as a header name, made once: looking a header up by `&str` parses the name
/// on every request.
pub(crate) const CSRF: HeaderName = HeaderName::from_static(CSRF_HEADER);

/// A state-changing call carries the CSRF header (see `checkout_core::wire::CSRF_HEADER`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Csrf;

fn check_csrf(headers: &HeaderMap) -> Result<(), ApiError> {
    if headers.get(&CSRF).and_then(|v| v.to_str().ok()) == Some(CSRF_VALUE) {
        Ok(())
    } else {
        Err(ApiError::Csrf)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Csrf {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        check_csrf(&parts.headers).map(|()| Self)
    }
}

/// A state-changing JSON call: the CSRF header, a JSON content type, and a body that parses as
/// `T` (the request body limit is the app's layer). A body that does not parse is refused with
/// `checkout-core`'s own customer-facing message, never serde's position in the text.
#[derive(Debug)]
pub(crate) struct Command<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Command<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        check_csrf(req.headers())?;
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(';').next() == Some("application/json"));
        if !is_json {
            return Err(ApiError::NotJson);
        }
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::InvalidInput("The request body could not be read.".into()))?;
        parse(&body).map(Self)
    }
}

/// `T` from a JSON body, or the customer-facing reason it is not one.
pub(crate) fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        let msg = e.to_string();
        // serde_json appends " at line L column C": a position means nothing to a customer.
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m);
        ApiError::InvalidInput(msg.to_owned())
    })
}

/// The browser's session, which must already exist (the eligibility step makes it).
#[derive(Debug)]
pub(crate) struct BrowserSession {
    /// The cookie's key (never logged, never in an answer).
    pub key: String,
    pub session: ServerSession,
}

impl FromRequestParts<Arc<AppState>> for BrowserSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<AppState>) -> Result<Self, ApiError> {
        MaybeSession::from_request_parts(parts, app)
            .await?
            .0
            .ok_or(ApiError::NoSession)
    }
}

impl BrowserSession {
    /// The session as stored now (another request may have changed it since this one began).
    pub async fn reload(app: &AppState, key: &str) -> Result<Self, ApiError> {
        let session = app.sessions.get(key).await?.ok_or(ApiError::NoSession)?;
        Ok(Self {
            key: key.to_owned(),
            session,
        })
    }

    pub async fn save(&self, app: &AppState) -> Result<(), ApiError> {
        app.sessions.put(&self.key, &self.session).await?;
        Ok(())
    }
}

/// The browser's session if it has one (the eligibility step starts one when not).
#[derive(Debug)]
pub(crate) struct MaybeSession(pub Option<BrowserSession>);

impl FromRequestParts<Arc<AppState>> for MaybeSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<AppState>) -> Result<Self, ApiError> {
        let Some(key) = session::key_from(&parts.headers, app.config.secure_cookies) else {
            return Ok(Self(None));
        };
        let delivery = KeyDelivery::of(&parts.headers);
        Ok(Self(
            app.sessions
                .get(&key)
                .await?
                // A framed session's key works only from its own partner's frame (and a store
                // session's never from a frame): a key carried off elsewhere finds nothing.
                .filter(|session| session.partner.as_deref() == delivery.partner())
                // A kiosk's customer session works only on that kiosk, and a kiosk's own
                // record or a hand-off waiting for its phone is nobody's session.
                .filter(|session| {
                    session.is_customers()
                        && session.kiosk.as_deref()
                            == crate::kiosk_device::kiosk_of(&parts.headers, app)
                                .map(|k| k.id.as_str())
                })
                .map(|session| BrowserSession { key, session }),
        ))
    }
}

/// How this browser is handed a session key: a cookie on the store, the [`session::SESSION_HEADER`]
/// when the app is framed by a partner, which says so, and which partner, in
/// [`session::EMBED_HEADER`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyDelivery {
    Cookie,
    Header { partner: String },
}

impl KeyDelivery {
    fn of(headers: &HeaderMap) -> Self {
        match headers
            .get(session::EMBED_HEADER)
            .and_then(|v| v.to_str().ok())
        {
            Some(partner) => Self::Header {
                partner: partner.to_owned(),
            },
            None => Self::Cookie,
        }
    }

    /// The partner a framed request names, if it is framed.
    pub(crate) fn partner(&self) -> Option<&str> {
        match self {
            Self::Cookie => None,
            Self::Header { partner } => Some(partner),
        }
    }

    /// Give the browser its (new) session key on this answer: the store's cookie, or, framed,
    /// the partitioned cookie (kept where the browser allows it) and the header (for the page's
    /// memory, when it does not).
    pub(crate) fn hand_out(&self, res: &mut axum::response::Response, key: &str, app: &AppState) {
        let values = match self {
            Self::Cookie => vec![
                session::set_cookie(key, app.config.secure_cookies, app.config.same_site)
                    .map(|c| (header::SET_COOKIE, c)),
            ],
            Self::Header { .. } => vec![
                session::set_frame_cookie(key).map(|c| (header::SET_COOKIE, c)),
                axum::http::HeaderValue::from_str(key)
                    .ok()
                    .map(|v| (HeaderName::from_static(session::SESSION_HEADER), v)),
            ],
        };
        for (name, mut value) in values.into_iter().flatten() {
            value.set_sensitive(true);
            res.headers_mut().insert(name, value);
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for KeyDelivery {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::of(&parts.headers))
    }
}

/// The `Idempotency-Key` an order attempt must carry: 1 to 100 printable characters.
#[derive(Debug)]
pub(crate) struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts
            .headers
            .get(IDEMPOTENCY_KEY_HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|k| crate::idempotency::valid_key(k))
            .map(|k| Self(k.to_owned()))
            .ok_or_else(|| {
                ApiError::InvalidInput(
                    "An Idempotency-Key header of 1 to 100 printable characters is required."
                        .into(),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::post;
    use tower::ServiceExt;

    #[derive(Debug, serde::Deserialize)]
    struct Ping {
        n: u8,
    }

    /// A route taking a `Command<Ping>`; the status and body it answers `req` with.
    async fn command(req: axum::http::Request<Body>) -> (u16, String) {
        let app = axum::Router::new().route(
            "/",
            post(|Command(p): Command<Ping>| async move { format!("n={}", p.n) }),
        );
        let res = app.oneshot(req).await.unwrap();
        let status = res.status().as_u16();
        let body = axum::body::to_bytes(res.into_body(), 4096).await.unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    fn post_json(csrf: Option<&str>, content_type: &str, body: &'static str) -> Request {
        let mut req = axum::http::Request::post("/")
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        if let Some(v) = csrf {
            req.headers_mut().insert(CSRF, v.parse().unwrap());
        }
        req
    }

    #[tokio::test]
    async fn a_command_needs_the_csrf_header_json_and_a_body_that_parses() {
        let ok = command(post_json(
            Some(CSRF_VALUE),
            "application/json; charset=utf-8",
            r#"{"n":7}"#,
        ))
        .await;
        assert_eq!(ok, (200, "n=7".to_owned()));

        let (status, body) = command(post_json(None, "application/json", r#"{"n":7}"#)).await;
        assert_eq!(status, 403, "{body}");
        let (status, _) = command(post_json(Some("nope"), "application/json", r#"{"n":7}"#)).await;
        assert_eq!(status, 403);
        let (status, _) = command(post_json(Some(CSRF_VALUE), "text/plain", r#"{"n":7}"#)).await;
        assert_eq!(status, 415);

        // A body that does not parse is told why, without serde's position in the text.
        let (status, body) = command(post_json(
            Some(CSRF_VALUE),
            "application/json",
            r#"{"n":700}"#,
        ))
        .await;
        assert_eq!(status, 400, "{body}");
        match parse::<Ping>(br#"{"n":700}"#) {
            Err(ApiError::InvalidInput(msg)) => {
                assert!(msg.starts_with("invalid value: integer `700`"), "{msg}");
                assert!(!msg.contains(" at line "), "{msg}");
            }
            other => panic!("{other:?}"),
        }
    }
}
