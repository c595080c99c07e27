//! A client of a sandbox started on 127.0.0.1, holding a token and a session as the proxy does.
#![allow(dead_code)] // each test file uses a different part

use checkout_sandbox::{Config, Sandbox};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub const CORRELATION: &str = "644e1dd7-2a7f-18fb-b8ed-ed78c3f92c2b";

pub fn config() -> Config {
    Config {
        clock_control: true,
        ..Config::default()
    }
}

/// The OAuth2 client-credentials answer for the development client, as the proxy gets it.
pub async fn fetch_token(c: &reqwest::Client, base: &str) -> Value {
    let cfg = Config::default();
    c.post(format!("{base}/oauth2/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", cfg.client_id.as_str()),
            ("client_secret", cfg.client_secret.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub struct Api {
    pub base: String,
    pub c: reqwest::Client,
    pub token: String,
    pub session: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Api {
    pub async fn start(sandbox: Sandbox) -> Self {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", l.local_addr().unwrap());
        tokio::spawn(checkout_sandbox::serve(l, sandbox));
        Self::login(base).await
    }

    /// A second client session on the same sandbox.
    pub async fn login(base: String) -> Self {
        let cfg = Config::default();
        let c = reqwest::Client::new();
        let token = fetch_token(&c, &base).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        let res = c
            .post(format!("{base}/session"))
            .bearer_auth(&token)
            .header("client-id", &cfg.client_id)
            .send()
            .await
            .unwrap();
        let session = res.headers()["session-id"].to_str().unwrap().to_owned();
        Self {
            base,
            c,
            token,
            session,
        }
    }

    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.c
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("client-id", Config::default().client_id)
            .header("session-id", &self.session)
            .header("correlationId", CORRELATION)
    }

    pub async fn send(req: reqwest::RequestBuilder) -> Reply {
        let res = req.send().await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.unwrap();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut req = self.request(method, path);
        if let Some(b) = body {
            req = req.json(&b);
        }
        Self::send(req).await
    }

    pub async fn ok(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let r = self.call(method, path, body).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        r.body
    }

    /// The TMF-622 call with seed 004's headers.
    pub async fn product_order(
        &self,
        path: &str,
        conversation: Option<&str>,
        body: &Value,
    ) -> Reply {
        let mut req = self
            .request(Method::POST, path)
            .header("client-secret", Config::default().client_secret)
            .header("lob", "FIXED")
            .header("channelId", "ECOM")
            .json(body);
        if let Some(c) = conversation {
            req = req.header("X-Conversation-Id", c);
        }
        Self::send(req).await
    }

    pub async fn advance(&self, seconds: i64) {
        let res = self
            .c
            .post(format!("{}/__admin/clock/advance", self.base))
            .json(&json!({ "seconds": seconds }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
}

/// The OCBO error body with this status and tech code.
pub fn refused(r: &Reply, want: StatusCode, tech: &str) {
    assert_eq!(r.status, want, "{}", r.body);
    assert_eq!(r.body["techCode"], tech, "{}", r.body);
    assert!(r.body["clientCode"].is_string() && r.body["message"].is_string());
}

/// Seed 004's `errors[]` body with this exact description.
pub fn bss_refused(r: &Reply, description: &str) {
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.body["errors"][0]["code"], 400, "{}", r.body);
    assert_eq!(
        r.body["errors"][0]["message"],
        "Error Occurred during order provisioning UPDATEORDERDETAIL:ERROROCCURED"
    );
    assert_eq!(
        r.body["errors"][0]["description"], description,
        "{}",
        r.body
    );
}
