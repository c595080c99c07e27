//! Prometheus metrics (`GET /metrics`, OpenMetrics text): requests by route and status,
//! upstream calls by name, outcome and latency, and orders placed by channel (the store, or a
//! partner's embed). Labels are route templates, fixed call names and configured partner ids
//! only, never a path with an id in it or anything a customer typed.

use axum::http::{Method, StatusCode};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

// Label values are static or plain integers where they can be: building label strings on
// every request showed in the proxy's CPU profile.
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

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OrderLabels {
    /// `store`, or the id of the partner whose embed the order came through.
    channel: String,
}

#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    orders: Family<OrderLabels, Counter>,
    requests: Family<RequestLabels, Counter>,
    upstream_seconds: Family<UpstreamLabels, Histogram>,
    /// The registry's histograms by call and outcome, found by a scan of the few seen so far
    /// rather than the family's hashed lookup (see [`RouteCounter`]).
    upstream_seen: Seen<(&'static str, &'static str), Histogram>,
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
        let orders = Family::<OrderLabels, Counter>::default();
        registry.register(
            "checkout_orders_placed",
            "Orders placed, by channel: the store, or the partner whose embed it came through",
            orders.clone(),
        );
        Self {
            registry,
            orders,
            requests,
            upstream_seconds,
            upstream_seen: Seen::default(),
        }
    }
}

fn upstream_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 14))
}

impl Metrics {
    pub fn upstream(&self, call: &'static str, outcome: &'static str, took: Duration) {
        self.upstream_seen.with(
            (call, outcome),
            || {
                self.upstream_seconds
                    .get_or_create(&UpstreamLabels { call, outcome })
                    .clone()
            },
            |histogram| histogram.observe(took.as_secs_f64()),
        );
    }

    /// One order placed, through `partner`'s embed or the store.
    pub fn order_placed(&self, partner: Option<&str>) {
        let channel = partner.unwrap_or("store").to_owned();
        self.orders.get_or_create(&OrderLabels { channel }).inc();
    }

    /// The counter of answered requests for one route template (`"static"` for the app's
    /// files), to count them by method and status with [`RouteCounter::count`].
    pub fn route_counter(self: &Arc<Self>, route: &str) -> RouteCounter {
        RouteCounter {
            metrics: self.clone(),
            route: route.to_owned(),
            seen: Seen::default(),
        }
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// The requests answered on one route. Each method and status seen keeps its counter here, found
/// by a scan of the few seen so far: the registry's own lookup hashed the whole label set
/// (SipHash) and built the route's label `String` on every request, work callgrind counts on
/// every proxied request. The counters are the registry's, so `/metrics`
/// shows the same series either way.
#[derive(Debug)]
pub struct RouteCounter {
    metrics: Arc<Metrics>,
    route: String,
    /// Method label, status, and their counter. Methods are a fixed few (`method_label`) and
    /// statuses are those our handlers answer, so this stays short.
    seen: Seen<(&'static str, u16), Counter>,
}

impl RouteCounter {
    pub fn route(&self) -> &str {
        &self.route
    }

    /// Count one answered request.
    pub fn count(&self, method: &Method, status: StatusCode) {
        let (method, status) = (method_label(method), status.as_u16());
        self.seen.with(
            (method, status),
            || {
                self.metrics
                    .requests
                    .get_or_create(&RequestLabels {
                        method,
                        route: self.route.clone(),
                        status,
                    })
                    .clone()
            },
            |counter| {
                counter.inc();
            },
        );
    }
}

/// Metrics of one family by their labels, found by a scan of the few label sets seen so far
/// instead of the family's SipHash over the whole set (see [`RouteCounter`]). Each is the
/// family's own, taken from it once, so `/metrics` shows the same series either way.
#[derive(Debug)]
struct Seen<K, M>(RwLock<Vec<(K, M)>>);

impl<K, M> Default for Seen<K, M> {
    fn default() -> Self {
        Self(RwLock::default())
    }
}

impl<K: Copy + PartialEq, M> Seen<K, M> {
    /// Apply `act` to the metric of `key`, taken from its family with `make` the first time.
    fn with(&self, key: K, make: impl FnOnce() -> M, act: impl FnOnce(&M)) {
        let seen = self.0.read().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, metric)) = seen.iter().find(|(k, _)| *k == key) {
            act(metric);
            return;
        }
        drop(seen);
        let mut seen = self.0.write().unwrap_or_else(PoisonError::into_inner);
        // Another request may have added it between the two locks.
        let index = match seen.iter().position(|(k, _)| *k == key) {
            Some(index) => index,
            None => {
                seen.push((key, make()));
                seen.len() - 1
            }
        };
        act(&seen[index].1);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_counts_each_method_and_status_apart_in_the_registry() {
        let metrics = Arc::new(Metrics::default());
        let cart = metrics.route_counter("/api/v1/cart");
        for _ in 0..3 {
            cart.count(&Method::POST, StatusCode::OK);
        }
        cart.count(&Method::GET, StatusCode::OK);
        cart.count(&Method::POST, StatusCode::CONFLICT);
        metrics
            .route_counter("static")
            .count(&Method::from_bytes(b"BREW").unwrap(), StatusCode::OK);
        let text = metrics.render();
        let series = |labels: &str| format!("checkout_http_requests_total{{{labels}}}");
        for (labels, n) in [
            (r#"method="POST",route="/api/v1/cart",status="200""#, 3),
            (r#"method="GET",route="/api/v1/cart",status="200""#, 1),
            (r#"method="POST",route="/api/v1/cart",status="409""#, 1),
            (r#"method="other",route="static",status="200""#, 1),
        ] {
            assert!(
                text.contains(&format!("{} {n}\n", series(labels))),
                "{labels} {n} in\n{text}"
            );
        }
    }

    #[test]
    fn upstream_calls_are_timed_apart_by_call_and_outcome_in_the_registry() {
        let metrics = Metrics::default();
        for (call, outcome, ms) in [
            ("token", "ok", 1),
            ("serviceability", "ok", 2),
            ("serviceability", "ok", 3000),
            ("serviceability", "timeout", 5000),
        ] {
            metrics.upstream(call, outcome, Duration::from_millis(ms));
        }
        let text = metrics.render();
        for (labels, count, sum) in [
            (r#"call="token",outcome="ok""#, 1, "0.001"),
            (r#"call="serviceability",outcome="ok""#, 2, "3.002"),
            (r#"call="serviceability",outcome="timeout""#, 1, "5.0"),
        ] {
            let line = format!("checkout_upstream_call_seconds_count{{{labels}}} {count}\n");
            assert!(text.contains(&line), "{line} in\n{text}");
            let line = format!("checkout_upstream_call_seconds_sum{{{labels}}} {sum}\n");
            assert!(text.contains(&line), "{line} in\n{text}");
        }
    }
}
