//! The binary's process model (workers.rs): several single-threaded workers accepting on one
//! address. A browser's connections land on any of them, so everything a session needs must
//! be shared, while each worker keeps its own upstream connections.

use crate::support;

use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE};
use checkout_proxy::{Config, workers};
use serde_json::json;

const WORKERS: usize = 2;
/// Fresh connections made after the session starts: with the kernel spreading connections
/// over the workers' sockets, the chance that all land on one worker is 2^-23.
const CONNECTIONS: usize = 24;

#[tokio::test]
async fn a_session_started_on_one_worker_is_known_to_all() {
    let sandbox = checkout_sandbox::Sandbox::new(checkout_sandbox::Config::default());
    let sl = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream_url = format!("http://{}", sl.local_addr().unwrap());
    tokio::spawn(checkout_sandbox::serve(sl, sandbox));

    let sockets = workers::bind("127.0.0.1:0".parse().unwrap(), WORKERS).unwrap();
    assert_eq!(sockets.len(), WORKERS);
    let addr = sockets[0].local_addr().unwrap();
    assert!(
        sockets.iter().all(|s| s.local_addr().unwrap() == addr),
        "every worker listens on the first one's port"
    );
    let config = Config {
        upstream_url,
        dist_dir: support::fake_dist(),
        ..Config::default()
    };
    // The workers run their own runtimes on their own threads, as in the binary.
    std::thread::spawn(move || workers::serve(sockets, config));
    let base = format!("http://{addr}");

    // No connection reuse: every request is a new connection, accepted by whichever worker
    // the kernel picks.
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let mut ready = false;
    for _ in 0..100 {
        if client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(ready, "the workers never answered /readyz");

    let check = || {
        client
            .post(format!("{base}/api/v1/eligibility"))
            .header(CSRF_HEADER, CSRF_VALUE)
            .json(&json!({ "address": "1 Calle Sol, San Juan" }))
            .send()
    };
    let res = check().await.unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].clone();

    // Each check reuses the session (no new cookie) and calls upstream with its ids, through
    // the accepting worker's own upstream pool; the offers need the session's address.
    for _ in 0..CONNECTIONS {
        let res = check().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers().get("set-cookie").is_none_or(|c| c == cookie));
        let res = client
            .get(format!("{base}/api/v1/offers"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    }

    // One metrics registry for all workers: every request counted once.
    let metrics = client.get(format!("{base}/metrics")).send().await.unwrap();
    let metrics = metrics.text().await.unwrap();
    let offers = metrics
        .lines()
        .find(|l| l.starts_with("checkout_http_requests_total{") && l.contains("/api/v1/offers"))
        .unwrap_or_else(|| panic!("no offers count in\n{metrics}"));
    assert!(offers.ends_with(&format!(" {CONNECTIONS}")), "{offers}");
    let calls = metrics
        .lines()
        .find(|l| {
            l.starts_with("checkout_upstream_call_seconds_count{") && l.contains("serviceability")
        })
        .unwrap_or_else(|| panic!("no serviceability calls in\n{metrics}"));
    assert!(calls.ends_with(&format!(" {}", CONNECTIONS + 1)), "{calls}");
}

#[test]
fn an_address_taken_by_another_listener_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let err = workers::bind(taken.local_addr().unwrap(), WORKERS).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AddrInUse);
}
