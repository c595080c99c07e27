//! A request's headers for its handler, moved out of the request rather than copied.
//!
//! axum's `HeaderMap` extractor clones the whole map (every name, every value and the index
//! table) in case a later extractor reads it too, and the request drops the original: work
//! callgrind counts on every proxied request, for nothing. A handler is the last to read a
//! request's headers: the layers around it (edge, compression, CORS, rate limit) read theirs
//! before calling in, and the body extractor reads the body alone. So the handler may have
//! the map itself.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use std::convert::Infallible;

/// The request's headers. Put it after every other extractor that reads headers, since it
/// leaves the request none.
#[derive(Debug)]
pub struct RequestHeaders(pub HeaderMap);

impl<S: Send + Sync> FromRequestParts<S> for RequestHeaders {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Self(std::mem::take(&mut parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, Bytes};
    use axum::extract::Request;
    use axum::http::header;
    use axum::routing::post;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_handler_gets_every_header_and_still_its_body() {
        let app = axum::Router::new().route(
            "/",
            post(
                |RequestHeaders(h): RequestHeaders, body: Bytes| async move {
                    let cookies: Vec<_> = h.get_all(header::COOKIE).iter().collect();
                    format!(
                        "{} {} {:?} {}",
                        h.len(),
                        h[header::CONTENT_TYPE].to_str().unwrap(),
                        cookies,
                        String::from_utf8_lossy(&body)
                    )
                },
            ),
        );
        let req = Request::post("/")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, "a=1")
            .header(header::COOKIE, "b=2")
            .body(Body::from("{}"))
            .unwrap();
        let res = app.oneshot(req).await.unwrap();
        let text = axum::body::to_bytes(res.into_body(), 1024).await.unwrap();
        assert_eq!(text, r#"3 application/json ["a=1", "b=2"] {}"#);
    }
}
