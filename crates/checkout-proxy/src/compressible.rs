//! Which answers the proxy may gzip: tower-http's default rule (not gRPC, not images but SVG,
//! not server-sent events, nothing under 32 bytes), decided on one read of the content type.
//!
//! The rule runs on every answer, whether or not the browser takes gzip (it also decides
//! `Vary: Accept-Encoding`). tower-http's `DefaultPredicate` chains three content-type rules,
//! and each looks the header up and checks its bytes again, a cost callgrind shows on every
//! request, where one look does the same.

use axum::http::{Response, header};
use http_body::Body;
use tower_http::compression::Predicate;

/// Answers smaller than this gain nothing from gzip (tower-http's default).
const MIN_SIZE: u64 = 32;

#[derive(Debug, Clone, Copy, Default)]
pub struct Compressible;

impl Predicate for Compressible {
    fn should_compress<B: Body>(&self, response: &Response<B>) -> bool {
        let headers = response.headers();
        let size = response.body().size_hint().exact().or_else(|| {
            headers
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok())
        });
        if size.is_some_and(|s| s < MIN_SIZE) {
            return false;
        }
        let kind = headers
            .get(header::CONTENT_TYPE)
            .map_or(&b""[..], |v| v.as_bytes());
        !(kind.starts_with(b"application/grpc")
            || kind.starts_with(b"image/") && !kind.starts_with(b"image/svg+xml")
            || kind.starts_with(b"text/event-stream"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use http_body_util::Full;
    use tower_http::compression::DefaultPredicate;

    /// The same decision as tower-http's default, on the answers the proxy and its app send
    /// and on the edges of each rule.
    #[test]
    fn decides_as_tower_https_default_rule() {
        let kinds = [
            None,
            Some("application/json"),
            Some("application/problem+json"),
            Some("application/openmetrics-text; version=1.0.0; charset=utf-8"),
            Some("text/html; charset=utf-8"),
            Some("application/wasm"),
            Some("text/css"),
            Some("image/png"),
            Some("image/svg+xml"),
            Some("image/"),
            Some("application/grpc"),
            Some("application/grpc+proto"),
            Some("text/event-stream"),
            Some("IMAGE/PNG"),
        ];
        for kind in kinds {
            for size in [0, 31, 32, 33, 4096] {
                for declared in [false, true] {
                    let mut res =
                        Response::new(Full::new(axum::body::Bytes::from(vec![b'x'; size])));
                    if let Some(k) = kind {
                        res.headers_mut()
                            .insert(header::CONTENT_TYPE, HeaderValue::from_static(k));
                    }
                    if declared {
                        res.headers_mut()
                            .insert(header::CONTENT_LENGTH, HeaderValue::from(size));
                    }
                    assert_eq!(
                        Compressible.should_compress(&res),
                        DefaultPredicate::new().should_compress(&res),
                        "{kind:?}, {size} bytes"
                    );
                }
            }
        }
    }

    /// A body whose size is not known until it has been sent, as a streamed file's.
    struct Streamed;

    impl Body for Streamed {
        type Data = axum::body::Bytes;
        type Error = std::convert::Infallible;
        fn poll_frame(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
            std::task::Poll::Ready(None)
        }
    }

    /// A body of unknown size is judged by its declared length, or compressed if none.
    #[test]
    fn a_streamed_body_goes_by_its_declared_length() {
        let streamed = |len: Option<u64>| {
            let mut res = Response::new(Streamed);
            if let Some(len) = len {
                res.headers_mut()
                    .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            }
            res
        };
        for len in [None, Some(10), Some(100)] {
            let res = streamed(len);
            assert_eq!(
                Compressible.should_compress(&res),
                DefaultPredicate::new().should_compress(&res),
                "{len:?}"
            );
        }
        assert!(!Compressible.should_compress(&streamed(Some(10))));
        assert!(Compressible.should_compress(&streamed(None)));
    }
}
