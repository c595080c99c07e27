//! Test harness: the real proxy and the real sandbox, each on its own 127.0.0.1 port, and
//! the few calls most tests make. Included by several test crates, each using a part.
#![allow(dead_code)]

use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE};
use checkout_proxy::Config;
use checkout_sandbox::Sandbox;
use serde_json::json;

pub struct TestApp {
    pub base: String,
    pub sandbox: Sandbox,
    pub client: reqwest::Client,
}

/// A dist/ directory with a minimal page whose one inline script the CSP must allow, and its
/// precompressed copy.
pub fn fake_dist() -> std::path::PathBuf {
    let dist = std::env::temp_dir().join(format!("checkout-dist-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!DOCTYPE html><html><body><script type=\"module\">boot()</script></body></html>",
    )
    .unwrap();
    // Stands in for build-app's `brotli -q 11` output: the proxy serves it as it is.
    std::fs::write(dist.join("index.html.br"), FAKE_BROTLI_INDEX).unwrap();
    dist
}

/// The bytes of the fake dist's `index.html.br`.
pub const FAKE_BROTLI_INDEX: &[u8] = b"precompressed index";

/// Start a proxy with `config` (its dist_dir is replaced by a fake one). It is built (its
/// session store connected and migrated) before this returns, and a start that fails panics
/// with the reason: served from a task, it would only show as a connection reset.
pub async fn spawn_proxy(mut config: Config) -> String {
    config.dist_dir = fake_dist();
    let proxy = checkout_proxy::Proxy::build(config)
        .await
        .unwrap_or_else(|e| panic!("the proxy did not start: {e}"));
    let pl = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", pl.local_addr().unwrap());
    tokio::spawn(proxy.serve(pl));
    base
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Sandbox + proxy, with the proxy's config adjusted by `tweak`.
pub async fn spawn_app_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    let sandbox = Sandbox::new(checkout_sandbox::Config::default());
    let sl = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream_url = format!("http://{}", sl.local_addr().unwrap());
    tokio::spawn(checkout_sandbox::serve(sl, sandbox.clone()));
    let mut config = Config {
        upstream_url,
        ..Config::default()
    };
    tweak(&mut config);
    TestApp {
        base: spawn_proxy(config).await,
        sandbox,
        client: reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap(),
    }
}

/// The choices of a customer who takes the first offered package of `kind` and no add-ons.
pub fn choices_for(
    offers: &checkout_core::wire::Offers,
    kind: checkout_core::catalog::PackageKind,
) -> checkout_core::wire::CartChoices {
    let package = offers
        .packages
        .iter()
        .find(|p| p.package.kind() == kind)
        .unwrap_or_else(|| panic!("no {kind} package offered"))
        .package
        .code()
        .clone();
    checkout_core::wire::CartChoices {
        package,
        add_ons: Vec::new(),
        extra_stb: false,
    }
}

/// What the app sends to place the order: the installation and the contact. The cart is the
/// one held; the browser does not describe it.
pub fn order_body(installation: checkout_core::installation::Installation) -> serde_json::Value {
    json!({
        "installation": installation,
        "contact": {"name": "Ana Ruiz", "email": "ana@example.pr", "phone": "787 555 0123"},
    })
}

impl TestApp {
    /// A plain `GET`, as the browser reads: no CSRF header, none is needed to read.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// `GET /api/v1/offers`, which must succeed.
    pub async fn offers(&self) -> checkout_core::wire::Offers {
        let res = self.get("/api/v1/offers").await;
        assert_eq!(res.status(), 200);
        res.json().await.unwrap()
    }

    /// A state-changing call, as the app makes it (CSRF header, JSON body).
    pub async fn command(&self, path: &str, body: serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .header(CSRF_HEADER, CSRF_VALUE)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// `POST /api/v1/order` with this body under this `Idempotency-Key`, as the app sends it.
    pub async fn place_order(&self, key: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}/api/v1/order", self.base))
            .header(CSRF_HEADER, CSRF_VALUE)
            .header(checkout_core::wire::IDEMPOTENCY_KEY_HEADER, key)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// `POST /api/v1/cart` with these choices, which must be held; the held cart.
    pub async fn hold(
        &self,
        choices: &checkout_core::wire::CartChoices,
    ) -> checkout_core::wire::CartState {
        let res = self.command("/api/v1/cart", json!(choices)).await;
        assert_eq!(res.status(), 200, "{:?}", res.text().await);
        res.json().await.unwrap()
    }

    pub async fn check(&self, address: &str) -> reqwest::Response {
        self.client
            .post(format!("{}/api/v1/eligibility", self.base))
            .header(CSRF_HEADER, CSRF_VALUE)
            .json(&json!({ "address": address }))
            .send()
            .await
            .unwrap()
    }
}

/// How long a relay holds back the answer to a call at this path (zero: not at all).
pub type HoldBack = std::sync::Arc<dyn Fn(&str) -> std::time::Duration + Send + Sync>;

/// A relay in front of the back office at `to`: every call reaches it at once, and the answers
/// to the calls `hold` names come back that much later, as answers lost on the way do. Answers
/// the relay's URL, for the proxy's `upstream_url`.
pub fn start_relay(to: String, hold: HoldBack) -> String {
    use axum::body::Bytes;
    use axum::extract::{Request, State};
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Response};

    #[derive(Clone)]
    struct Relay {
        to: String,
        hold: HoldBack,
        client: reqwest::Client,
    }

    async fn relay(State(r): State<Relay>, req: Request) -> Response {
        let (parts, body) = req.into_parts();
        let body: Bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap();
        let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let mut out = r
            .client
            .request(parts.method.clone(), format!("{}{path}", r.to))
            .body(body);
        for (k, v) in &parts.headers {
            if k != "host" && k != "content-length" {
                out = out.header(k, v);
            }
        }
        let answer = out.send().await.unwrap();
        let status = StatusCode::from_u16(answer.status().as_u16()).unwrap();
        let headers = answer.headers().clone();
        let bytes = answer.bytes().await.unwrap();
        tokio::time::sleep((r.hold)(parts.uri.path())).await;
        let mut res = (status, bytes).into_response();
        for (k, v) in &headers {
            if k != "content-length" && k != "transfer-encoding" {
                res.headers_mut().insert(k, v.clone());
            }
        }
        res
    }

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let state = Relay {
        to,
        hold,
        client: reqwest::Client::new(),
    };
    let router = axum::Router::new().fallback(relay).with_state(state);
    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{addr}")
}

/// An Internet package held at `address`, then credit, self install, every term and the
/// quote: an order ready to place.
pub async fn ready_to_place(app: &TestApp, address: &str) {
    async fn ok(res: reqwest::Response) -> serde_json::Value {
        let status = res.status();
        let text = res.text().await.unwrap();
        assert_eq!(status, 200, "{text}");
        serde_json::from_str(&text).unwrap()
    }
    assert_eq!(app.check(address).await.status(), 200);
    app.hold(&choices_for(
        &app.offers().await,
        checkout_core::catalog::PackageKind::Internet,
    ))
    .await;
    let credit = json!({"name": "Ana Ruiz", "dateOfBirth": "1980-02-28", "last4Ssn": "1234"});
    ok(app.command("/api/v1/credit", credit).await).await;
    let f = ok(app
        .command("/api/v1/installation", json!({"kind": "self_install"}))
        .await)
    .await;
    let accepted: Vec<serde_json::Value> = f["requiredTerms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| json!({"id": t["id"], "version": t["version"]}))
        .collect();
    ok(app
        .command("/api/v1/terms", json!({ "accepted": accepted }))
        .await)
    .await;
    ok(app.command("/api/v1/quote", json!({})).await).await;
}
