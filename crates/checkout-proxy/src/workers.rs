//! The binary's process model: one single-threaded runtime per core, each accepting on its own
//! listening socket bound to the same address (`SO_REUSEPORT`, so the kernel spreads browser
//! connections over them) and calling the back office through its own connection pool. It is
//! nginx's worker model. On tokio's work-stealing runtime every request's tasks (the browser
//! connection, the handler, the pooled upstream connection) could wake one another across
//! threads; here a connection and everything it waits on stay on one thread, which costs
//! measurably less CPU per request (docs/decisions/0002-one-worker-per-core.md). What must be
//! one for the whole process is shared between the workers: browser sessions, the rate
//! limiter, the token, the metrics and the database pools.

use crate::config::Config;
use std::net::SocketAddr;
use tokio::net::TcpSocket;

/// `count` sockets bound to `addr`, one per worker. Port 0 picks a free port for the first,
/// and the others share it.
pub fn bind(addr: SocketAddr, count: usize) -> std::io::Result<Vec<TcpSocket>> {
    let mut addr = addr;
    (0..count.max(1))
        .map(|_| {
            let socket = match addr {
                SocketAddr::V4(_) => TcpSocket::new_v4()?,
                SocketAddr::V6(_) => TcpSocket::new_v6()?,
            };
            socket.set_reuseaddr(true)?;
            socket.set_reuseport(true)?;
            socket.bind(addr)?;
            addr = socket.local_addr()?;
            Ok(socket)
        })
        .collect()
}

/// Serve the proxy on the sockets from `bind`, one worker thread each (this thread is the
/// first). Runs until a worker fails or panics, and returns why.
pub fn serve(sockets: Vec<TcpSocket>, config: Config) -> std::io::Result<()> {
    let runtime = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    };
    let first = runtime()?;
    // The app (its database pools and housekeeping included) lives on the first worker's
    // runtime; the others share it.
    let app = first
        .block_on(crate::routes::app(config, sockets.len()))?
        .app;
    let (failed, mut failure) = tokio::sync::mpsc::unbounded_channel();
    let mut sockets = sockets.into_iter();
    let own = sockets
        .next()
        .ok_or_else(|| std::io::Error::other("no socket to serve on"))?;
    for (index, socket) in sockets.enumerate() {
        let (app, failed, runtime) = (app.clone(), failed.clone(), runtime()?);
        std::thread::Builder::new()
            .name(format!("proxy-worker-{}", index + 1))
            .spawn(move || {
                crate::worker_index::set(index + 1);
                // A worker that ended, even by a panic, must end the process: its socket
                // would otherwise be gone while the others serve on, at a fraction of the
                // capacity, with nothing to say so but a log line.
                let served = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    runtime.block_on(async { crate::serve_app(socket.listen(1024)?, app).await })
                }));
                let error = match served {
                    Ok(Err(error)) => error,
                    Ok(Ok(())) => std::io::Error::other("a worker stopped"),
                    Err(_) => std::io::Error::other("a worker panicked"),
                };
                let _ = failed.send(error);
            })?;
    }
    first.block_on(async {
        tokio::select! {
            served = crate::serve_app(own.listen(1024)?, app) => served,
            Some(error) = failure.recv() => Err(error),
        }
    })
}
