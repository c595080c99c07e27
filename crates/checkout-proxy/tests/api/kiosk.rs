//! Kiosk mode through the proxy (docs/kiosk.md): enrolled devices, staff sign-in, the reset
//! between customers, JM and PA orders, and the hand-off to a phone. One module per subject;
//! this one is their harness: three test kiosks (one per market), a sandbox on a file so the
//! tests can read what the back office stored (the productOrder request, an order's status),
//! and the proxy's sessions on a file so a test can age a hand-off the proxy's clock cannot.

mod enrol;
mod handoff;
mod lost_answer;
mod market_orders;
mod pr_order;
mod session;
mod staff;
mod wipe;

use crate::support::{TestApp, spawn_proxy};
use checkout_core::Market;
use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE};
use checkout_proxy::config::Secret;
use checkout_proxy::kiosk_config::{Kiosk, hex};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use std::path::PathBuf;

/// A kiosk the tests enrol: what `KIOSKS` lists for it, with the secret in the clear.
pub struct Device {
    pub id: &'static str,
    pub market: Market,
    pub secret: &'static str,
    pub store: &'static str,
    pub dept_code: &'static str,
    pub site_code: &'static str,
    pub source_of_application: &'static str,
}

/// Jamaica, with seed 004's store codes (the ones its JM bodies carry).
pub const JM: Device = Device {
    id: "kx-jm",
    market: Market::Jamaica,
    secret: "test-kiosk-jamaica-secret-0123456789",
    store: "Tropical Plaza, Kingston",
    dept_code: "AQSAL",
    site_code: "ANSQ",
    source_of_application: "3",
};

/// Panama, with seed 004's PA store codes.
pub const PA: Device = Device {
    id: "kx-pa",
    market: Market::Panama,
    secret: "test-kiosk-panama-secret-01234567890",
    store: "Las Cumbres, Panamá",
    dept_code: "TIEN",
    site_code: "FTTH",
    source_of_application: "EH",
};

/// Puerto Rico: web-store packages and carts, ordered at a store.
pub const PR: Device = Device {
    id: "kx-pr",
    market: Market::PuertoRico,
    secret: "test-kiosk-puertorico-secret-0123456",
    store: "Plaza Las Américas, San Juan",
    dept_code: "PRSAL",
    site_code: "PLA",
    source_of_application: "3",
};

impl Device {
    /// The entry of `KIOSKS`: the secret's SHA-256, never the secret.
    fn config(&self) -> Kiosk {
        Kiosk {
            id: self.id.into(),
            store: self.store.into(),
            market: self.market,
            secret_sha256: hex(&Sha256::digest(self.secret.as_bytes())),
            dept_code: self.dept_code.into(),
            site_code: self.site_code.into(),
            source_of_application: self.source_of_application.into(),
        }
    }

    /// The enrolment link the store's IT opens once on the device.
    pub fn enrol_path(&self) -> String {
        format!("/kiosk/enrol?device={}&code={}", self.id, self.secret)
    }

    /// The device cookie as an enrolled browser sends it (for requests built by hand).
    pub fn cookie(&self) -> String {
        format!("checkout-kiosk={}.{}", self.id, self.secret)
    }
}

/// The proxy with the three test kiosks enrolled, in front of a sandbox on a file.
pub struct KioskApp {
    pub base: String,
    pub sandbox: checkout_sandbox::Sandbox,
    dir: PathBuf,
}

impl Drop for KioskApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub async fn spawn() -> KioskApp {
    spawn_with(|_| {}).await
}

/// As [`spawn`], with the proxy's config adjusted by `tweak` (its kiosks and session database
/// are set before).
pub async fn spawn_with(tweak: impl FnOnce(&mut checkout_proxy::Config)) -> KioskApp {
    let dir = std::env::temp_dir().join(format!("checkout-kiosk-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let sandbox = checkout_sandbox::Sandbox::open(
        checkout_sandbox::Config::default(),
        dir.join("sandbox.sqlite"),
    )
    .await
    .unwrap();
    let sl = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream_url = format!("http://{}", sl.local_addr().unwrap());
    tokio::spawn(checkout_sandbox::serve(sl, sandbox.clone()));
    let mut config = checkout_proxy::Config {
        upstream_url,
        kiosks: [&JM, &PA, &PR].map(Device::config).into(),
        database_url: Some(Secret::new(format!(
            "sqlite:{}",
            dir.join("sessions.sqlite").display()
        ))),
        ..checkout_proxy::Config::default()
    };
    tweak(&mut config);
    KioskApp {
        base: spawn_proxy(config).await,
        sandbox,
        dir,
    }
}

impl KioskApp {
    /// A new browser: its own cookie jar, and redirects left for the test to look at.
    pub fn browser(&self) -> TestApp {
        TestApp {
            base: self.base.clone(),
            sandbox: self.sandbox.clone(),
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        }
    }

    /// A new browser, enrolled as `device`.
    pub async fn kiosk(&self, device: &Device) -> TestApp {
        let browser = self.browser();
        let res = browser.get(&device.enrol_path()).await;
        assert_eq!(res.status(), 303, "{} not enrolled", device.id);
        browser
    }

    /// A request with exactly these cookies (no jar), and the CSRF header (which reads
    /// ignore): what a browser holding them sends.
    pub fn with_cookies(
        &self,
        method: reqwest::Method,
        path: &str,
        cookies: &str,
    ) -> reqwest::RequestBuilder {
        let req = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .request(method, format!("{}{path}", self.base))
            .header(CSRF_HEADER, CSRF_VALUE);
        if cookies.is_empty() {
            req
        } else {
            req.header("cookie", cookies)
        }
    }

    /// The sandbox's own database, read-only: what the back office stored.
    pub async fn sandbox_db(&self) -> SqliteConnection {
        let options = SqliteConnectOptions::new()
            .filename(self.dir.join("sandbox.sqlite"))
            .read_only(true);
        SqliteConnection::connect_with(&options).await.unwrap()
    }

    /// The proxy's session database.
    pub async fn sessions_db(&self) -> SqliteConnection {
        let options = SqliteConnectOptions::new()
            .filename(self.dir.join("sessions.sqlite"))
            .busy_timeout(std::time::Duration::from_secs(5));
        SqliteConnection::connect_with(&options).await.unwrap()
    }
}

/// `POST /api/v1/kiosk/staff` from this browser.
pub async fn sign_in(browser: &TestApp, employee: &str, pin: &str) -> reqwest::Response {
    browser
        .command(
            "/api/v1/kiosk/staff",
            json!({"employeeId": employee, "pin": pin}),
        )
        .await
}

/// The status and the problem's `code` of a refusal.
pub async fn refusal(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
    let body: Value = res.json().await.unwrap();
    assert_eq!(content_type, "application/problem+json", "{body}");
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

/// The value this answer's `Set-Cookie` gives `name`, if it sets it.
pub fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix(&format!("{name}=")))
        .map(str::to_owned)
}

/// The session key the proxy gave this answer's browser (the `checkout` cookie's value).
pub fn session_key(res: &reqwest::Response) -> String {
    let cookie = set_cookie(res, "checkout").expect("no session cookie set");
    cookie.split(';').next().unwrap().to_owned()
}
