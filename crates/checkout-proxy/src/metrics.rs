//! Prometheus metrics (`GET /metrics`, OpenMetrics text): requests by route and status, and
//! upstream calls by name, outcome and latency. Labels are route templates and fixed call
//! names only, never a path with an id in it or anything a customer typed.

use axum::http::{Method, StatusCode};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::time::Duration;

pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

// Label values are static or plain integers where they can be: building label strings on
// every request was a measured 1.5 % of the proxy's CPU.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct UpstreamLabels {
    call: &'static str,
    outcome: &'static str,
}

#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    upstream_seconds: Family<UpstreamLabels, Histogram>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        // 0.5 ms … ~4 s: loopback sandbox calls sit at the bottom, a slow BSS at the top.
        let upstream_seconds =
            Family::<UpstreamLabels, Histogram>::new_with_constructor(upstream_histogram);
        registry.register(
            "checkout_http_requests",
            "Requests answered, by route template and status",
            requests.clone(),
        );
        // Its `_count` series is the number of calls by call and outcome: no counter of its
        // own (one label-set lookup per call less).
        registry.register(
            "checkout_upstream_call_seconds",
            "Latency of calls to the back office, by call and outcome",
            upstream_seconds.clone(),
        );
        Self {
            registry,
            requests,
            upstream_seconds,
        }
    }
}

fn upstream_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 14))
}

impl Metrics {
    pub fn upstream(&self, call: &'static str, outcome: &'static str, took: Duration) {
        self.upstream_seconds
            .get_or_create(&UpstreamLabels { call, outcome })
            .observe(took.as_secs_f64());
    }

    /// Count one answered request under its route template (`"static"` for the app's files).
    pub fn count_request(&self, method: &Method, route: &str, status: StatusCode) {
        self.requests
            .get_or_create(&RequestLabels {
                method: method_label(method),
                route: route.to_owned(),
                status: status.as_u16(),
            })
            .inc();
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// The method as a label: the standard ones by name, anything else as one bucket, so a
/// client inventing methods cannot grow the label set.
fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}
