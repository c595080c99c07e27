//! The back office's keep-alive connections: HTTP/1.1 over plain TCP, one idle list per worker
//! (workers.rs), the most recently used connection taken first.
//!
//! hyper_util's pooled client did this job until 2026-12-03, for 8.2k of the proxy's 74.9k
//! instructions per request (callgrind, `scripts/proxy-instructions`). It is built for any
//! number of hosts: its pool is a map keyed by scheme and authority, hashed with SipHash on
//! every checkout and again on every return (3.3k per request), and each request goes through
//! futures for connectors, connection metadata and absolute-URI rewriting. We call one back
//! office, from one list per worker, so a list is all the pool needs.

use axum::body::Bytes;
use axum::http::{Request, Response};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use std::collections::VecDeque;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use url::{Host, Url};

/// A connection idle this long is closed rather than reused: the back office may have let go
/// of it already. hyper_util's client used the same.
const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

type Sender = SendRequest<Full<Bytes>>;

/// Why a request got no answer head.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    #[error("cannot connect to the back office: {0}")]
    Connect(#[source] std::io::Error),
    #[error("the back office connection failed: {0}")]
    Http(#[source] hyper::Error),
}

#[derive(Debug)]
pub struct Pool {
    target: Target,
    /// One list per worker: a connection's task runs on the runtime that opened it.
    idle: Vec<Mutex<VecDeque<Idle>>>,
    /// Idle connections kept per worker.
    max_idle: usize,
}

/// Where the back office listens. A name is resolved at each new connection, so a back
/// office that moves is found again once its old connections close.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Name(String, u16),
    Addr(SocketAddr),
}

#[derive(Debug)]
struct Idle {
    sender: Sender,
    since: Instant,
}

/// A connection with a request on it. Hand it back with [`Pool::put`] once the answer is read
/// whole; dropped instead, the connection closes.
#[derive(Debug)]
pub struct Lease {
    sender: Sender,
    worker: usize,
}

impl Pool {
    /// A pool for the host and port of `base` (an `http` URL: upstream.rs checks it first),
    /// keeping up to `max_idle` idle connections across `workers` lists.
    pub fn new(base: &Url, workers: usize, max_idle: usize) -> Option<Self> {
        let port = base.port_or_known_default()?;
        let target = match base.host()? {
            Host::Domain(name) => Target::Name(name.to_owned(), port),
            Host::Ipv4(ip) => Target::Addr(SocketAddr::new(IpAddr::V4(ip), port)),
            Host::Ipv6(ip) => Target::Addr(SocketAddr::new(IpAddr::V6(ip), port)),
        };
        let workers = workers.max(1);
        Some(Self {
            target,
            idle: (0..workers).map(|_| Mutex::default()).collect(),
            max_idle: max_idle.div_ceil(workers),
        })
    }

    /// Send `req` (origin-form URI, `Host` set) on an idle connection of this worker, or on a
    /// new one. A request that an idle connection refused before writing a byte of it (the
    /// back office closed it meanwhile) goes out again on the next; nothing is ever sent twice.
    pub async fn send(
        &self,
        mut req: Request<Full<Bytes>>,
    ) -> Result<(Response<Incoming>, Lease), PoolError> {
        let worker = crate::workers::index() % self.idle.len();
        loop {
            let (mut sender, reused) = match self.take(worker) {
                Some(sender) => (sender, true),
                None => (self.connect().await?, false),
            };
            if let Err(e) = sender.ready().await {
                if reused {
                    continue;
                }
                return Err(PoolError::Http(e));
            }
            match sender.try_send_request(req).await {
                Ok(res) => return Ok((res, Lease { sender, worker })),
                Err(mut e) => match e.take_message() {
                    Some(unsent) if reused => req = unsent,
                    _ => return Err(PoolError::Http(e.into_error())),
                },
            }
        }
    }

    /// Keep a connection whose answer has been read whole, for the next request.
    pub fn put(&self, lease: Lease) {
        if lease.sender.is_closed() {
            return;
        }
        let now = Instant::now();
        let mut idle = self.idle[lease.worker]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // The oldest may never come up again while the newer ones serve every request: look at
        // it once per return, so closed or idled-out connections do not stay forever.
        if idle.front().is_some_and(|c| !usable(c, now)) {
            idle.pop_front();
        }
        if idle.len() < self.max_idle {
            idle.push_back(Idle {
                sender: lease.sender,
                since: now,
            });
        }
    }

    /// The most recently used idle connection of this worker that is still open.
    fn take(&self, worker: usize) -> Option<Sender> {
        let now = Instant::now();
        let mut idle = self.idle[worker]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        while let Some(c) = idle.pop_back() {
            if usable(&c, now) {
                return Some(c.sender);
            }
        }
        None
    }

    async fn connect(&self) -> Result<Sender, PoolError> {
        let stream = match &self.target {
            Target::Addr(addr) => TcpStream::connect(addr).await,
            Target::Name(name, port) => TcpStream::connect((name.as_str(), *port)).await,
        }
        .map_err(PoolError::Connect)?;
        stream.set_nodelay(true).map_err(PoolError::Connect)?;
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(PoolError::Http)?;
        // The connection's own task, on this worker's runtime: it writes the requests and
        // reads the answers, and ends when the back office or the last sender lets go.
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "a back-office connection ended");
            }
        });
        Ok(sender)
    }

    /// Idle connections of every worker, for tests.
    #[cfg(test)]
    fn idle_count(&self) -> usize {
        self.idle
            .iter()
            .map(|l| l.lock().unwrap_or_else(PoisonError::into_inner).len())
            .sum()
    }
}

fn usable(c: &Idle, now: Instant) -> bool {
    !c.sender.is_closed() && now.saturating_duration_since(c.since) < IDLE_TIMEOUT
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    #[test]
    fn the_target_is_the_base_urls_host_and_port() {
        let pool = |u: &str| Pool::new(&Url::parse(u).unwrap(), 2, 64).unwrap();
        assert_eq!(
            pool("http://127.0.0.1:8090/ocbo/").target,
            Target::Addr("127.0.0.1:8090".parse().unwrap())
        );
        assert_eq!(
            pool("http://[::1]:9").target,
            Target::Addr("[::1]:9".parse().unwrap())
        );
        assert_eq!(
            pool("http://bss.example/").target,
            Target::Name("bss.example".into(), 80)
        );
        assert_eq!(pool("http://bss.example/").max_idle, 32);
    }

    /// A pool of one worker for the back office at `addr`.
    fn pool_for(addr: SocketAddr, max_idle: usize) -> Pool {
        Pool::new(&Url::parse(&format!("http://{addr}")).unwrap(), 1, max_idle).unwrap()
    }

    fn get(addr: SocketAddr) -> Request<Full<Bytes>> {
        Request::builder()
            .uri("/ping")
            .header("host", addr.to_string())
            .body(Full::new(Bytes::new()))
            .unwrap()
    }

    async fn answer(pool: &Pool, addr: SocketAddr) -> Result<Bytes, PoolError> {
        let (res, lease) = pool.send(get(addr)).await?;
        let body = res.into_body().collect().await.unwrap().to_bytes();
        pool.put(lease);
        Ok(body)
    }

    /// A back office that answers `per_connection` requests on each connection it accepts,
    /// then closes it without a word (as one whose keep-alive timeout ran out), and counts its
    /// connections.
    async fn back_office(
        per_connection: usize,
    ) -> (SocketAddr, tokio::sync::watch::Receiver<usize>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (count, seen) = tokio::sync::watch::channel(0);
        tokio::spawn(async move {
            loop {
                let (mut socket, _) = listener.accept().await.unwrap();
                count.send_modify(|n| *n += 1);
                tokio::spawn(async move {
                    let mut buf = vec![0; 4096];
                    for _ in 0..per_connection {
                        let mut got = Vec::new();
                        while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                            let n = socket.read(&mut buf).await.unwrap();
                            if n == 0 {
                                return;
                            }
                            got.extend_from_slice(&buf[..n]);
                        }
                        socket
                            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\npong")
                            .await
                            .unwrap();
                    }
                    // Closed a moment later, while the connection idles in the pool.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                });
            }
        });
        (addr, seen)
    }

    #[tokio::test]
    async fn one_connection_serves_request_after_request() {
        let (addr, connections) = back_office(usize::MAX).await;
        let pool = pool_for(addr, 4);
        for _ in 0..5 {
            assert_eq!(answer(&pool, addr).await.unwrap(), "pong");
        }
        assert_eq!(*connections.borrow(), 1);
        assert_eq!(pool.idle_count(), 1);
    }

    #[tokio::test]
    async fn a_connection_the_back_office_closed_is_replaced_not_reported() {
        let (addr, connections) = back_office(1).await;
        let pool = pool_for(addr, 4);
        assert_eq!(answer(&pool, addr).await.unwrap(), "pong");
        assert_eq!(pool.idle_count(), 1);
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(answer(&pool, addr).await.unwrap(), "pong");
        assert_eq!(*connections.borrow(), 2);
    }

    #[tokio::test]
    async fn a_connection_dropped_mid_answer_is_not_kept() {
        let (addr, connections) = back_office(usize::MAX).await;
        let pool = pool_for(addr, 4);
        let (res, lease) = pool.send(get(addr)).await.unwrap();
        drop((res, lease));
        assert_eq!(pool.idle_count(), 0);
        assert_eq!(answer(&pool, addr).await.unwrap(), "pong");
        assert_eq!(*connections.borrow(), 2);
    }

    #[tokio::test]
    async fn idle_connections_are_kept_up_to_the_limit() {
        let (addr, connections) = back_office(usize::MAX).await;
        let pool = pool_for(addr, 2);
        let leases = [
            pool.send(get(addr)).await.unwrap(),
            pool.send(get(addr)).await.unwrap(),
            pool.send(get(addr)).await.unwrap(),
        ];
        assert_eq!(*connections.borrow(), 3);
        for (res, lease) in leases {
            res.into_body().collect().await.unwrap();
            pool.put(lease);
        }
        assert_eq!(pool.idle_count(), 2);
    }

    #[tokio::test]
    async fn nothing_listening_is_a_connect_error() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let pool = pool_for(addr, 2);
        assert!(matches!(
            pool.send(get(addr)).await,
            Err(PoolError::Connect(_))
        ));
    }
}
