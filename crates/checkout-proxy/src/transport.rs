//! The HTTP/1.1 connections to the back office: hyper's client (hyper-util's pooled client),
//! one per worker thread (workers.rs), so a call goes out on a keep-alive connection its own
//! runtime drives. Each answer is read whole, up to a limit.
//!
//! hyper frames requests and answers, keeps connections alive, drops an idle one the back
//! office closed, and sends a request again on a new connection only when the old one closed
//! before the request was written (so a request is never sent twice). We own none of that:
//! why, after a time with our own client: docs/decisions/0007-hyper-for-the-back-office.md.

use axum::body::Bytes;
use axum::http::header::CONTENT_LENGTH;
use axum::http::{HeaderValue, Method, Request, Response};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use std::time::Duration;

/// A connection idle this long is closed rather than reused: the back office may have let go
/// of it already.
const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// Why a request got no whole answer. The text names a socket or protocol failure, never a
/// header or a body, so it may be logged.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("cannot connect to the back office: {0}")]
    Connect(String),
    #[error("the back office connection failed: {0}")]
    Http(String),
    #[error("the back office's answer is larger than {0} bytes")]
    TooLarge(usize),
}

type Pooled = Client<HttpConnector, Full<Bytes>>;

#[derive(Debug)]
pub struct Transport {
    clients: Vec<Pooled>,
}

impl Transport {
    /// Clients for `workers` threads, keeping up to `max_idle` idle connections in all.
    pub fn new(workers: usize, max_idle: usize) -> Self {
        let workers = workers.max(1);
        let per_worker = max_idle.div_ceil(workers);
        let clients = (0..workers)
            .map(|_| {
                let mut connector = HttpConnector::new();
                // A request leaves in one write; nothing is gained by holding it back.
                connector.set_nodelay(true);
                Client::builder(TokioExecutor::new())
                    .pool_idle_timeout(IDLE_TIMEOUT)
                    .pool_max_idle_per_host(per_worker)
                    .pool_timer(TokioTimer::new())
                    .build(connector)
            })
            .collect();
        Self { clients }
    }

    /// Send `req` (an absolute `http` URI) and read its answer whole, refusing one longer than
    /// `limit` bytes. Dropped before the answer is whole (a timeout), its connection closes.
    pub async fn send(
        &self,
        mut req: Request<Bytes>,
        limit: usize,
    ) -> Result<Response<Bytes>, TransportError> {
        let client = &self.clients[crate::worker_index::index() % self.clients.len()];
        // hyper writes no length for an empty body; a POST without one is refused by some
        // servers (411 Length Required), so say it is empty.
        if req.body().is_empty()
            && [Method::POST, Method::PUT, Method::PATCH].contains(req.method())
        {
            req.headers_mut()
                .insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
        }
        let res = client.request(req.map(Full::new)).await.map_err(|e| {
            let why = chain(&e);
            if e.is_connect() {
                TransportError::Connect(why)
            } else {
                TransportError::Http(why)
            }
        })?;
        let (parts, body) = res.into_parts();
        let body = Limited::new(body, limit).collect().await.map_err(|e| {
            if e.downcast_ref::<LengthLimitError>().is_some() {
                TransportError::TooLarge(limit)
            } else {
                TransportError::Http(chain(e.as_ref()))
            }
        })?;
        Ok(Response::from_parts(parts, body.to_bytes()))
    }
}

/// An error and its causes, one line: hyper-util's own text is only "client error (Connect)".
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use std::net::SocketAddr;
    use std::sync::{Arc, Mutex};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    const LIMIT: usize = 1 << 16;
    const PONG: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\npong";

    fn get(addr: SocketAddr) -> Request<Bytes> {
        Request::get(format!("http://{addr}/ping"))
            .body(Bytes::new())
            .unwrap()
    }

    /// `transport.send`, within 5 s: one waiting for bytes that never come fails the test
    /// rather than hang it.
    async fn send(
        t: &Transport,
        req: Request<Bytes>,
        limit: usize,
    ) -> Result<Response<Bytes>, TransportError> {
        tokio::time::timeout(Duration::from_secs(5), t.send(req, limit))
            .await
            .expect("no answer within 5 s")
    }

    async fn answer(t: &Transport, addr: SocketAddr) -> Result<Bytes, TransportError> {
        send(t, get(addr), LIMIT).await.map(Response::into_body)
    }

    /// A back office at the other end of the connections it accepts, and what it saw.
    struct BackOffice {
        addr: SocketAddr,
        connections: tokio::sync::watch::Receiver<usize>,
        requests: Arc<Mutex<Vec<Vec<u8>>>>,
    }

    impl BackOffice {
        fn connections(&self) -> usize {
            *self.connections.borrow()
        }

        fn requests(&self) -> Vec<String> {
            let seen = self.requests.lock().unwrap();
            seen.iter()
                .map(|r| String::from_utf8_lossy(r).into_owned())
                .collect()
        }
    }

    /// A back office that answers `per_connection` requests on each connection it accepts,
    /// each with `reply` after `delay`, then closes it without a word 20 ms later (as one whose
    /// keep-alive timeout ran out). It reads each request's body by its `Content-Length`.
    async fn back_office(
        per_connection: usize,
        reply: &'static [u8],
        delay: Duration,
    ) -> BackOffice {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (count, connections) = tokio::sync::watch::channel(0);
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        tokio::spawn(async move {
            loop {
                let (mut socket, _) = listener.accept().await.unwrap();
                count.send_modify(|n| *n += 1);
                let seen = seen.clone();
                tokio::spawn(async move {
                    let mut got = Vec::new();
                    for _ in 0..per_connection {
                        let Some(request) = read_request(&mut socket, &mut got).await else {
                            return;
                        };
                        seen.lock().unwrap().push(request);
                        tokio::time::sleep(delay).await;
                        if socket.write_all(reply).await.is_err() {
                            return;
                        }
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                });
            }
        });
        BackOffice {
            addr,
            connections,
            requests,
        }
    }

    /// A back office answering at once, and a transport of one worker to it.
    async fn serving(per_connection: usize, reply: &'static [u8]) -> (BackOffice, Transport) {
        let office = back_office(per_connection, reply, Duration::ZERO).await;
        (office, Transport::new(1, 4))
    }

    /// The next request on a connection, head and body; None at its end.
    async fn read_request(socket: &mut TcpStream, got: &mut Vec<u8>) -> Option<Vec<u8>> {
        let mut buf = [0; 4096];
        loop {
            if let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&got[..end]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length: "))
                    .map_or(0, |v| v.parse::<usize>().unwrap());
                if got.len() >= end + 4 + length {
                    return Some(got.drain(..end + 4 + length).collect());
                }
            }
            let n = socket.read(&mut buf).await.ok()?;
            if n == 0 {
                return None;
            }
            got.extend_from_slice(&buf[..n]);
        }
    }

    #[tokio::test]
    async fn one_connection_serves_request_after_request() {
        let (office, t) = serving(usize::MAX, PONG).await;
        for _ in 0..5 {
            assert_eq!(answer(&t, office.addr).await.unwrap(), "pong");
        }
        assert_eq!(office.connections(), 1);
    }

    #[tokio::test]
    async fn the_request_goes_out_with_its_headers_host_and_length() {
        let (office, t) = serving(usize::MAX, PONG).await;
        let post = |body: &'static str| {
            Request::post(format!("http://{}/v1/serviceability?x=1", office.addr))
                .header("session-id", "s-1")
                .body(Bytes::from_static(body.as_bytes()))
                .unwrap()
        };
        for req in [post("{\"a\":1}"), post("")] {
            send(&t, req, LIMIT).await.unwrap();
        }
        let seen = office.requests();
        assert_eq!(seen.len(), 2);
        let first = seen[0].to_ascii_lowercase();
        assert!(
            first.starts_with("post /v1/serviceability?x=1 http/1.1\r\n"),
            "{first}"
        );
        assert!(first.contains("session-id: s-1\r\n"), "{first}");
        assert!(
            first.contains(&format!("host: {}\r\n", office.addr)),
            "{first}"
        );
        assert!(first.contains("content-length: 7\r\n"), "{first}");
        assert!(first.ends_with("\r\n\r\n{\"a\":1}"), "{first}");
        assert!(
            seen[1]
                .to_ascii_lowercase()
                .contains("content-length: 0\r\n")
        );
    }

    #[tokio::test]
    async fn status_and_headers_come_back_and_a_204_has_no_body() {
        let (office, t) = serving(
            usize::MAX,
            b"HTTP/1.1 204 No Content\r\nx-server-time: 2026-12-04T10:00:00Z\r\n\
              x-server-time: again\r\n\r\n",
        )
        .await;
        for _ in 0..2 {
            let res = send(&t, get(office.addr), LIMIT).await.unwrap();
            assert_eq!(res.status(), StatusCode::NO_CONTENT);
            assert_eq!(res.headers().get_all("x-server-time").iter().count(), 2);
            assert!(res.body().is_empty());
        }
        assert_eq!(office.connections(), 1);
    }

    #[tokio::test]
    async fn a_chunked_answer_is_joined_and_its_connection_kept() {
        let (office, t) = serving(
            usize::MAX,
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n\
              4\r\npong\r\n3;ext=1\r\n!!!\r\n0\r\nx-trailer: 1\r\n\r\n",
        )
        .await;
        for _ in 0..2 {
            assert_eq!(answer(&t, office.addr).await.unwrap(), "pong!!!");
        }
        assert_eq!(office.connections(), 1);
    }

    #[tokio::test]
    async fn the_answer_to_a_head_request_has_no_body() {
        let (office, t) =
            serving(usize::MAX, b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\n").await;
        for _ in 0..2 {
            let mut head = get(office.addr);
            *head.method_mut() = Method::HEAD;
            let res = send(&t, head, LIMIT).await.unwrap();
            assert!(res.body().is_empty());
        }
        assert_eq!(office.connections(), 1);
    }

    #[tokio::test]
    async fn an_answer_the_connection_ends_is_read_to_its_end_and_not_kept() {
        for reply in [
            &b"HTTP/1.1 200 OK\r\n\r\npong"[..],
            b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 4\r\n\r\npong",
        ] {
            let (office, t) = serving(1, reply).await;
            assert_eq!(answer(&t, office.addr).await.unwrap(), "pong");
            assert_eq!(answer(&t, office.addr).await.unwrap(), "pong");
            assert_eq!(
                office.connections(),
                2,
                "{}",
                String::from_utf8_lossy(reply)
            );
        }
    }

    #[tokio::test]
    async fn answers_over_the_limit_are_refused() {
        for reply in [
            &b"HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\nhello world"[..],
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\n\r\nhello world",
        ] {
            let (office, t) = serving(1, reply).await;
            let res = send(&t, get(office.addr), 10).await;
            assert!(matches!(res, Err(TransportError::TooLarge(10))), "{res:?}");
        }
    }

    #[tokio::test]
    async fn a_malformed_answer_is_an_error_not_a_guess() {
        for reply in [
            &b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\ncontent-length: 5\r\n\r\npong!"[..],
            b"HTTP/1.1 200 OK\r\ncontent-length: -4\r\n\r\npong",
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\npong\r\n0\r\n\r\n",
            b"pong\r\n\r\n",
        ] {
            let (office, t) = serving(1, reply).await;
            let res = send(&t, get(office.addr), LIMIT).await;
            assert!(
                matches!(res, Err(TransportError::Http(_))),
                "{}: {res:?}",
                String::from_utf8_lossy(reply)
            );
        }
    }

    #[tokio::test]
    async fn a_back_office_that_hangs_up_mid_answer_is_an_error() {
        let (office, t) = serving(1, b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\npong").await;
        let res = send(&t, get(office.addr), LIMIT).await;
        assert!(matches!(res, Err(TransportError::Http(_))), "{res:?}");
    }

    #[tokio::test]
    async fn a_connection_the_back_office_closed_is_replaced_not_reported() {
        let (office, t) = serving(1, PONG).await;
        assert_eq!(answer(&t, office.addr).await.unwrap(), "pong");
        // The back office closes the idle connection 20 ms after its one answer.
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(answer(&t, office.addr).await.unwrap(), "pong");
        assert_eq!(office.connections(), 2);
    }

    #[tokio::test]
    async fn a_connection_given_up_on_mid_answer_is_not_kept() {
        let (office, t) = serving(
            usize::MAX,
            b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\npo",
        )
        .await;
        for _ in 0..2 {
            let late = tokio::time::timeout(Duration::from_millis(50), answer(&t, office.addr));
            assert!(late.await.is_err(), "a timeout must cut the call short");
        }
        assert_eq!(office.connections(), 2);
    }

    #[tokio::test]
    async fn concurrent_calls_get_their_own_connections_then_reuse_them() {
        let office = back_office(usize::MAX, PONG, Duration::from_millis(50)).await;
        let t = Transport::new(1, 4);
        for _ in 0..2 {
            let (a, b, c) = tokio::join!(
                answer(&t, office.addr),
                answer(&t, office.addr),
                answer(&t, office.addr)
            );
            for body in [a, b, c] {
                assert_eq!(body.unwrap(), "pong");
            }
        }
        assert_eq!(office.connections(), 3);
    }

    #[tokio::test]
    async fn nothing_listening_is_a_connect_error() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let t = Transport::new(1, 2);
        let res = send(&t, get(addr), LIMIT).await;
        assert!(matches!(res, Err(TransportError::Connect(_))), "{res:?}");
    }
}
