//! The back office's keep-alive connections, and the HTTP/1.1 exchange on them: one idle list
//! per worker (workers.rs), the most recently used connection taken first, each request written
//! in one piece and its answer read whole into the connection's own buffer.
//!
//! hyper_util's pooled client did this job first, at a large share of the proxy's
//! instructions per request (callgrind, `bench/proxy-instructions`): its pool is a map keyed
//! by scheme and authority, hashed on every checkout and return, for any number of hosts. Then
//! hyper's own client connections did, at a larger share still: each connection was a task of
//! its own, fed through a channel, handing the answer head back through another and streaming
//! the body through a third, for features a back-office call does not use (streamed bodies
//! both ways, upgrades, pipelining). Here the request's own task writes the request and reads
//! the answer; the parsing is httparse's, the parser hyper uses. Why, and what would bring
//! hyper's client back: docs/decisions/0003-own-upstream-pool.md.
//!
//! What it speaks is what a call to the back office needs, and it refuses the rest rather than
//! guess: HTTP/1.1 requests with a body of known length; answers framed by `Content-Length`,
//! chunked, or by the end of the connection (RFC 9112 §6.3), informational (1xx) answers
//! skipped. A connection carries the next request only when its answer was read whole and
//! nothing came after it.

use axum::body::Bytes;
use axum::http::header::{CONNECTION, CONTENT_LENGTH, TRANSFER_ENCODING};
use axum::http::{
    HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode, Version,
};
use bytes::{Buf, BytesMut};
use std::collections::VecDeque;
use std::io::Write as _;
use std::mem::MaybeUninit;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use url::{Host, Url};

/// A connection idle this long is closed rather than reused: the back office may have let go
/// of it already. hyper_util's client used the same.
const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// The most header lines an answer may have, and the most bytes its head may take.
const MAX_HEADERS: usize = 64;
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Free room made in a connection's buffer before each read.
const READ_CHUNK: usize = 8 * 1024;

/// Why a request got no answer.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    #[error("cannot connect to the back office: {0}")]
    Connect(#[source] std::io::Error),
    #[error("the back office connection failed: {0}")]
    Io(#[source] std::io::Error),
    #[error("the back office closed the connection before the answer was whole")]
    Closed,
    #[error("the back office's answer is not HTTP/1.1 we can read: {0}")]
    Protocol(&'static str),
    #[error("the back office's answer is larger than {0} bytes")]
    TooLarge(usize),
}

#[derive(Debug)]
pub struct Pool {
    target: Target,
    /// One list per worker: a connection is registered with the runtime that opened it.
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
    conn: Conn,
    since: Instant,
}

/// One keep-alive connection, with the buffers it reuses from request to request.
#[derive(Debug)]
struct Conn {
    stream: TcpStream,
    /// What has been read and not yet handed out. Answers are split off it, so a body is the
    /// bytes as read, not a copy.
    read: BytesMut,
    write: Vec<u8>,
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
    /// new one, and read its answer whole, refusing one longer than `limit` bytes. A request an
    /// idle connection could not take (the back office closed it meanwhile) goes out again on
    /// the next; once a request is written whole it is never sent twice. Dropped before the
    /// answer is whole (a timeout), the connection closes.
    pub async fn send(
        &self,
        req: &Request<Bytes>,
        limit: usize,
    ) -> Result<Response<Bytes>, PoolError> {
        let worker = crate::workers::index() % self.idle.len();
        loop {
            let (mut conn, reused) = match self.take(worker) {
                Some(conn) => (conn, true),
                None => (self.connect().await?, false),
            };
            render(req, &mut conn.write)?;
            if let Err(e) = conn.stream.write_all(&conn.write).await {
                if reused {
                    continue;
                }
                return Err(PoolError::Io(e));
            }
            let (res, reusable) = conn.answer(req.method() == Method::HEAD, limit).await?;
            if reusable {
                self.put(worker, conn);
            }
            return Ok(res);
        }
    }

    /// Keep a connection whose answer was read whole, for the next request.
    fn put(&self, worker: usize, conn: Conn) {
        let now = Instant::now();
        let mut idle = self.idle[worker]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // The oldest may never come up again while the newer ones serve every request: look at
        // it once per return, so closed or idled-out connections do not stay forever.
        if idle.front().is_some_and(|c| !usable(c, now)) {
            idle.pop_front();
        }
        if idle.len() < self.max_idle {
            idle.push_back(Idle { conn, since: now });
        }
    }

    /// The most recently used idle connection of this worker that is still open.
    fn take(&self, worker: usize) -> Option<Conn> {
        let now = Instant::now();
        let mut idle = self.idle[worker]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        while let Some(c) = idle.pop_back() {
            if usable(&c, now) {
                return Some(c.conn);
            }
        }
        None
    }

    async fn connect(&self) -> Result<Conn, PoolError> {
        let stream = match &self.target {
            Target::Addr(addr) => TcpStream::connect(addr).await,
            Target::Name(name, port) => TcpStream::connect((name.as_str(), *port)).await,
        }
        .map_err(PoolError::Connect)?;
        // A request leaves in one write; nothing is gained by holding it back.
        stream.set_nodelay(true).map_err(PoolError::Connect)?;
        Ok(Conn {
            stream,
            read: BytesMut::with_capacity(READ_CHUNK),
            write: Vec::with_capacity(1024),
        })
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
    now.saturating_duration_since(c.since) < IDLE_TIMEOUT && c.conn.looks_open()
}

/// The request as it goes on the wire: request line, headers, `Content-Length` (for any body,
/// and for an empty one where the method carries one), the body. Header names and values are
/// `http`'s, which hold no CR or LF, so nothing in them can end a line.
fn render(req: &Request<Bytes>, out: &mut Vec<u8>) -> Result<(), PoolError> {
    let path = req
        .uri()
        .path_and_query()
        .filter(|_| req.uri().scheme().is_none())
        .ok_or(PoolError::Protocol("a request URI must be a path"))?;
    let body = req.body();
    out.clear();
    out.reserve(256 + body.len());
    out.extend_from_slice(req.method().as_str().as_bytes());
    out.push(b' ');
    out.extend_from_slice(path.as_str().as_bytes());
    out.extend_from_slice(b" HTTP/1.1\r\n");
    for (name, value) in req.headers() {
        if name == CONTENT_LENGTH || name == TRANSFER_ENCODING {
            continue;
        }
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    let method = req.method();
    if !body.is_empty() || [Method::POST, Method::PUT, Method::PATCH].contains(method) {
        // Writing to a Vec cannot fail.
        let _ = write!(out, "content-length: {}\r\n", body.len());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    Ok(())
}

/// How an answer's body ends (RFC 9112 §6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    Length(usize),
    Chunked,
    Close,
}

/// An answer's head, owned, once parsed.
struct Head {
    status: StatusCode,
    version: Version,
    headers: HeaderMap,
    framing: Framing,
    keep_alive: bool,
}

impl Conn {
    /// Whether an idle connection can take a request. Readable while idle means the back
    /// office closed it (or sent what nobody asked for); tokio knows that from the event loop
    /// without a system call, and one read tells which.
    fn looks_open(&self) -> bool {
        let mut cx = Context::from_waker(Waker::noop());
        match self.stream.poll_read_ready(&mut cx) {
            Poll::Pending => true,
            Poll::Ready(Err(_)) => false,
            Poll::Ready(Ok(())) => matches!(
                self.stream.try_read(&mut [0; 1]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock
            ),
        }
    }

    /// Read more into the buffer; false at the end of the connection.
    async fn fill(&mut self) -> Result<bool, PoolError> {
        if self.read.capacity() - self.read.len() < READ_CHUNK / 2 {
            self.read.reserve(READ_CHUNK);
        }
        let n = self
            .stream
            .read_buf(&mut self.read)
            .await
            .map_err(PoolError::Io)?;
        Ok(n > 0)
    }

    /// The answer to the request just written (`to_head`: a HEAD request, whose answer has no
    /// body whatever its head says), and whether the connection may carry another.
    async fn answer(
        &mut self,
        to_head: bool,
        limit: usize,
    ) -> Result<(Response<Bytes>, bool), PoolError> {
        let head = loop {
            match self.head(to_head)? {
                Some(head) if head.status.is_informational() => {
                    if head.status == StatusCode::SWITCHING_PROTOCOLS {
                        return Err(PoolError::Protocol("an upgrade nobody asked for"));
                    }
                }
                Some(head) => break head,
                None if self.read.len() >= MAX_HEAD_BYTES => {
                    return Err(PoolError::Protocol("an answer head too large"));
                }
                None => {
                    if !self.fill().await? {
                        return Err(PoolError::Closed);
                    }
                }
            }
        };
        let (body, whole) = match head.framing {
            Framing::Length(len) => (self.fixed(len, limit).await?, true),
            Framing::Chunked => (self.chunked(limit).await?, true),
            Framing::Close => (self.until_close(limit).await?, false),
        };
        let reusable = whole && head.keep_alive && self.read.is_empty();
        let mut res = Response::new(body);
        *res.status_mut() = head.status;
        *res.version_mut() = head.version;
        *res.headers_mut() = head.headers;
        Ok((res, reusable))
    }

    /// The head at the start of the buffer, taken off it once complete.
    fn head(&mut self, to_head: bool) -> Result<Option<Head>, PoolError> {
        let mut slots = [const { MaybeUninit::<httparse::Header<'_>>::uninit() }; MAX_HEADERS];
        let mut parsed = httparse::Response::new(&mut []);
        let size = match httparse::ParserConfig::default().parse_response_with_uninit_headers(
            &mut parsed,
            &self.read,
            &mut slots,
        ) {
            Ok(httparse::Status::Complete(size)) => size,
            Ok(httparse::Status::Partial) => return Ok(None),
            Err(httparse::Error::TooManyHeaders) => {
                return Err(PoolError::Protocol("too many header lines"));
            }
            Err(_) => return Err(PoolError::Protocol("a malformed answer head")),
        };
        let status = parsed
            .code
            .and_then(|c| StatusCode::from_u16(c).ok())
            .ok_or(PoolError::Protocol("a malformed status"))?;
        let version = if parsed.version == Some(1) {
            Version::HTTP_11
        } else {
            Version::HTTP_10
        };
        let mut headers = HeaderMap::with_capacity(parsed.headers.len());
        let mut length: Option<usize> = None;
        let (mut chunked, mut other_coding) = (false, false);
        let mut keep_alive = version == Version::HTTP_11;
        for h in parsed.headers.iter() {
            let name = HeaderName::from_bytes(h.name.as_bytes())
                .map_err(|_| PoolError::Protocol("a malformed header name"))?;
            let value = HeaderValue::from_bytes(h.value)
                .map_err(|_| PoolError::Protocol("a malformed header value"))?;
            if name == CONTENT_LENGTH {
                let n = std::str::from_utf8(h.value)
                    .ok()
                    .map(str::trim)
                    .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|v| v.parse::<usize>().ok())
                    .ok_or(PoolError::Protocol("a malformed Content-Length"))?;
                if length.is_some_and(|l| l != n) {
                    return Err(PoolError::Protocol("conflicting Content-Length values"));
                }
                length = Some(n);
            } else if name == TRANSFER_ENCODING {
                // Only the last coding says how the body ends.
                for coding in h.value.split(|&b| b == b',') {
                    let coding = coding.trim_ascii();
                    chunked = coding.eq_ignore_ascii_case(b"chunked");
                    other_coding |= !chunked && !coding.is_empty();
                }
            } else if name == CONNECTION {
                for option in h.value.split(|&b| b == b',') {
                    let option = option.trim_ascii();
                    if option.eq_ignore_ascii_case(b"close") {
                        keep_alive = false;
                    } else if option.eq_ignore_ascii_case(b"keep-alive") {
                        keep_alive = true;
                    }
                }
            }
            headers.append(name, value);
        }
        if (chunked || other_coding) && length.is_some() {
            // Both framings: the coding wins (RFC 9112 §6.3), but such an answer is what a
            // smuggling attempt looks like, so its connection carries nothing more.
            keep_alive = false;
        }
        let framing = if to_head
            || status.is_informational()
            || status == StatusCode::NO_CONTENT
            || status == StatusCode::NOT_MODIFIED
        {
            Framing::Length(0)
        } else if chunked && !other_coding {
            Framing::Chunked
        } else if chunked || other_coding {
            // A coding we do not decode: the body runs to the end of the connection.
            Framing::Close
        } else {
            length.map_or(Framing::Close, Framing::Length)
        };
        self.read.advance(size);
        Ok(Some(Head {
            status,
            version,
            headers,
            framing,
            keep_alive,
        }))
    }

    /// A body of `len` bytes, split off the buffer as read.
    async fn fixed(&mut self, len: usize, limit: usize) -> Result<Bytes, PoolError> {
        if len > limit {
            return Err(PoolError::TooLarge(limit));
        }
        while self.read.len() < len {
            if self.read.capacity() - self.read.len() < len - self.read.len() {
                self.read.reserve(len - self.read.len());
            }
            if !self.fill().await? {
                return Err(PoolError::Closed);
            }
        }
        Ok(self.read.split_to(len).freeze())
    }

    /// A chunked body, its chunks joined and its trailers dropped.
    async fn chunked(&mut self, limit: usize) -> Result<Bytes, PoolError> {
        let mut body = BytesMut::new();
        loop {
            let (line, size) = match httparse::parse_chunk_size(&self.read) {
                Ok(httparse::Status::Complete(found)) => found,
                Ok(httparse::Status::Partial) => {
                    if self.read.len() > 1024 {
                        return Err(PoolError::Protocol("a malformed chunk size"));
                    }
                    if !self.fill().await? {
                        return Err(PoolError::Closed);
                    }
                    continue;
                }
                Err(_) => return Err(PoolError::Protocol("a malformed chunk size")),
            };
            let size = usize::try_from(size)
                .ok()
                .filter(|s| body.len().saturating_add(*s) <= limit)
                .ok_or(PoolError::TooLarge(limit))?;
            if size == 0 {
                self.read.advance(line);
                return self.trailers().await.map(|()| body.freeze());
            }
            // The chunk's data and the CRLF after it.
            while self.read.len() < line + size + 2 {
                if !self.fill().await? {
                    return Err(PoolError::Closed);
                }
            }
            if &self.read[line + size..line + size + 2] != b"\r\n" {
                return Err(PoolError::Protocol("a chunk without its CRLF"));
            }
            body.extend_from_slice(&self.read[line..line + size]);
            self.read.advance(line + size + 2);
        }
    }

    /// The trailer section after the last chunk, up to and including its empty line.
    async fn trailers(&mut self) -> Result<(), PoolError> {
        loop {
            let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
            match httparse::parse_headers(&self.read, &mut slots) {
                Ok(httparse::Status::Complete((size, _))) => {
                    self.read.advance(size);
                    return Ok(());
                }
                Ok(httparse::Status::Partial) if self.read.len() < MAX_HEAD_BYTES => {
                    if !self.fill().await? {
                        return Err(PoolError::Closed);
                    }
                }
                _ => return Err(PoolError::Protocol("malformed trailers")),
            }
        }
    }

    /// A body that ends with the connection.
    async fn until_close(&mut self, limit: usize) -> Result<Bytes, PoolError> {
        loop {
            if self.read.len() > limit {
                return Err(PoolError::TooLarge(limit));
            }
            if !self.fill().await? {
                return Ok(self.read.split().freeze());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
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

    const LIMIT: usize = 1 << 16;
    const PONG: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\npong";

    fn get(addr: SocketAddr) -> Request<Bytes> {
        Request::builder()
            .uri("/ping")
            .header("host", addr.to_string())
            .body(Bytes::new())
            .unwrap()
    }

    /// `pool.send`, within 5 s: a pool waiting for bytes that never come fails the test
    /// rather than hang it.
    async fn send(
        pool: &Pool,
        req: &Request<Bytes>,
        limit: usize,
    ) -> Result<Response<Bytes>, PoolError> {
        tokio::time::timeout(Duration::from_secs(5), pool.send(req, limit))
            .await
            .expect("no answer within 5 s")
    }

    async fn answer(pool: &Pool, addr: SocketAddr) -> Result<Bytes, PoolError> {
        send(pool, &get(addr), LIMIT).await.map(Response::into_body)
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

    /// A back office answering at once, and a pool of up to 4 idle connections to it.
    async fn serving(per_connection: usize, reply: &'static [u8]) -> (BackOffice, Pool) {
        let office = back_office(per_connection, reply, Duration::ZERO).await;
        let pool = pool_for(office.addr, 4);
        (office, pool)
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
        let (office, pool) = serving(usize::MAX, PONG).await;
        for _ in 0..5 {
            assert_eq!(answer(&pool, office.addr).await.unwrap(), "pong");
        }
        assert_eq!(office.connections(), 1);
        assert_eq!(pool.idle_count(), 1);
    }

    #[tokio::test]
    async fn the_request_goes_out_as_written_with_its_length() {
        let (office, pool) = serving(usize::MAX, PONG).await;
        let post = |body: &'static str| {
            Request::post("/v1/serviceability?x=1")
                .header("host", "bss.example")
                .header("session-id", "s-1")
                .body(Bytes::from_static(body.as_bytes()))
                .unwrap()
        };
        for req in [post("{\"a\":1}"), post(""), get(office.addr)] {
            send(&pool, &req, LIMIT).await.unwrap();
        }
        assert_eq!(
            office.requests(),
            [
                "POST /v1/serviceability?x=1 HTTP/1.1\r\nhost: bss.example\r\nsession-id: s-1\r\n\
                 content-length: 7\r\n\r\n{\"a\":1}"
                    .to_owned(),
                "POST /v1/serviceability?x=1 HTTP/1.1\r\nhost: bss.example\r\nsession-id: s-1\r\n\
                 content-length: 0\r\n\r\n"
                    .to_owned(),
                format!("GET /ping HTTP/1.1\r\nhost: {}\r\n\r\n", office.addr),
            ]
        );
    }

    #[tokio::test]
    async fn status_and_headers_come_back_and_a_204_has_no_body() {
        let (office, pool) = serving(
            usize::MAX,
            b"HTTP/1.1 204 No Content\r\nx-server-time: 2026-12-04T10:00:00Z\r\n\
              x-server-time: again\r\n\r\n",
        )
        .await;
        for _ in 0..2 {
            let res = send(&pool, &get(office.addr), LIMIT).await.unwrap();
            assert_eq!(res.status(), StatusCode::NO_CONTENT);
            assert_eq!(res.headers().get_all("x-server-time").iter().count(), 2);
            assert!(res.body().is_empty());
        }
        assert_eq!(office.connections(), 1);
    }

    #[tokio::test]
    async fn a_chunked_answer_is_joined_and_its_connection_kept() {
        let (office, pool) = serving(
            usize::MAX,
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n\
              4\r\npong\r\n3;ext=1\r\n!!!\r\n0\r\nx-trailer: 1\r\n\r\n",
        )
        .await;
        for _ in 0..2 {
            assert_eq!(answer(&pool, office.addr).await.unwrap(), "pong!!!");
        }
        assert_eq!(office.connections(), 1);
        assert_eq!(pool.idle_count(), 1);
    }

    #[tokio::test]
    async fn the_answer_to_a_head_request_has_no_body_whatever_its_length_says() {
        let (office, pool) =
            serving(usize::MAX, b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\n").await;
        let mut head = get(office.addr);
        *head.method_mut() = Method::HEAD;
        for _ in 0..2 {
            let res = send(&pool, &head, LIMIT).await.unwrap();
            assert_eq!(res.headers()[CONTENT_LENGTH], "4");
            assert!(res.body().is_empty());
        }
        assert_eq!(office.connections(), 1);
    }

    #[tokio::test]
    async fn an_answer_framed_both_ways_is_read_as_chunked_and_its_connection_closed() {
        let (office, pool) = serving(
            usize::MAX,
            b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n\
              4\r\npong\r\n0\r\n\r\n",
        )
        .await;
        assert_eq!(answer(&pool, office.addr).await.unwrap(), "pong");
        assert_eq!(pool.idle_count(), 0);
    }

    #[tokio::test]
    async fn informational_answers_are_passed_over() {
        let (office, pool) = serving(
            usize::MAX,
            b"HTTP/1.1 103 Early Hints\r\nlink: </a.css>\r\n\r\n\
              HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\npong",
        )
        .await;
        let res = send(&pool, &get(office.addr), LIMIT).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.into_body(), "pong");
    }

    #[tokio::test]
    async fn an_answer_the_connection_ends_is_read_to_its_end_and_not_kept() {
        for reply in [
            &b"HTTP/1.1 200 OK\r\n\r\npong"[..],
            b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 4\r\n\r\npong",
            b"HTTP/1.0 200 OK\r\ncontent-length: 4\r\n\r\npong",
        ] {
            let (office, pool) = serving(1, reply).await;
            assert_eq!(answer(&pool, office.addr).await.unwrap(), "pong");
            assert_eq!(pool.idle_count(), 0, "{}", String::from_utf8_lossy(reply));
        }
    }

    #[tokio::test]
    async fn a_connection_with_bytes_after_its_answer_is_not_kept() {
        // An answer nobody asked for would be taken for the next request's.
        let (office, pool) = serving(
            usize::MAX,
            b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\npongHTTP/1.1 200 OK\r\n",
        )
        .await;
        assert_eq!(answer(&pool, office.addr).await.unwrap(), "pong");
        assert_eq!(pool.idle_count(), 0);
    }

    #[tokio::test]
    async fn answers_over_the_limit_are_refused() {
        for reply in [
            &b"HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\nhello world"[..],
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\n\r\nhello world",
        ] {
            let (office, pool) = serving(1, reply).await;
            let res = send(&pool, &get(office.addr), 10).await;
            assert!(matches!(res, Err(PoolError::TooLarge(10))), "{res:?}");
            assert_eq!(pool.idle_count(), 0);
        }
    }

    #[tokio::test]
    async fn a_malformed_answer_is_an_error_not_a_guess() {
        for reply in [
            &b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\ncontent-length: 5\r\n\r\npong!"[..],
            b"HTTP/1.1 200 OK\r\ncontent-length: -4\r\n\r\npong",
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\npong\r\n0\r\n\r\n",
            b"pong\r\n\r\n",
            b"HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n\r\n",
        ] {
            let (office, pool) = serving(1, reply).await;
            let res = send(&pool, &get(office.addr), LIMIT).await;
            assert!(
                matches!(res, Err(PoolError::Protocol(_))),
                "{}: {res:?}",
                String::from_utf8_lossy(reply)
            );
        }
    }

    #[tokio::test]
    async fn an_answer_cut_short_is_an_error() {
        let (office, pool) = serving(1, b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\npong").await;
        let res = send(&pool, &get(office.addr), LIMIT).await;
        assert!(matches!(res, Err(PoolError::Closed)), "{res:?}");
        assert_eq!(pool.idle_count(), 0);
    }

    #[tokio::test]
    async fn a_connection_the_back_office_closed_is_replaced_not_reported() {
        let (office, pool) = serving(1, PONG).await;
        assert_eq!(answer(&pool, office.addr).await.unwrap(), "pong");
        assert_eq!(pool.idle_count(), 1);
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(answer(&pool, office.addr).await.unwrap(), "pong");
        assert_eq!(office.connections(), 2);
    }

    #[tokio::test]
    async fn a_connection_given_up_on_mid_answer_is_not_kept() {
        let (office, pool) = serving(
            usize::MAX,
            b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\npo",
        )
        .await;
        for _ in 0..2 {
            let late = tokio::time::timeout(Duration::from_millis(50), answer(&pool, office.addr));
            assert!(late.await.is_err());
            assert_eq!(pool.idle_count(), 0);
        }
        assert_eq!(office.connections(), 2);
    }

    #[tokio::test]
    async fn idle_connections_are_kept_up_to_the_limit() {
        let office = back_office(usize::MAX, PONG, Duration::from_millis(50)).await;
        let pool = pool_for(office.addr, 2);
        let (a, b, c) = tokio::join!(
            answer(&pool, office.addr),
            answer(&pool, office.addr),
            answer(&pool, office.addr)
        );
        for body in [a, b, c] {
            assert_eq!(body.unwrap(), "pong");
        }
        assert_eq!(office.connections(), 3);
        assert_eq!(pool.idle_count(), 2);
    }

    #[tokio::test]
    async fn nothing_listening_is_a_connect_error() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let pool = pool_for(addr, 2);
        assert!(matches!(
            send(&pool, &get(addr), LIMIT).await,
            Err(PoolError::Connect(_))
        ));
    }
}
