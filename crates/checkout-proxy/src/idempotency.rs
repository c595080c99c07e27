//! `Idempotency-Key` records of `POST /api/v1/order` (DESIGN §7: "replay returns the first
//! response; a concurrent duplicate gets 409"), in the session database so every replica
//! shares them.
//!
//! The claim is the database's primary key on (session, key): of any number of requests, on
//! any number of replicas, exactly one INSERT wins; no process lock is involved. A record is
//! `in_flight` while its request runs, `done` with the answer to replay byte for byte, or
//! `failed` with the problem code (a failed attempt may be tried again with the same key: the
//! back office places at most one order per quote, so a retry cannot place a second). Records
//! live 24 hours.

use crate::session::Sessions;
use crate::session_store::{StoreError, now_ms, on_pool};
use sha2::{Digest, Sha256};

/// How long a record is kept (and honoured).
pub const TTL_MS: i64 = 24 * 60 * 60 * 1000;

/// An `in_flight` record this old belongs to a request whose replica died: it may be claimed
/// again. Longer than any request may run (the request timeout bounds it).
pub const STALE_MS: i64 = 2 * 60 * 1000;

/// Longest key we accept (the header's contract: 1–100 printable characters).
pub const MAX_KEY_CHARS: usize = 100;

/// What a request found when it tried to claim its key.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// This request runs the operation.
    Claimed,
    /// Another request with this key is running.
    InFlight,
    /// The key was used with another request body.
    OtherRequest,
    /// The operation finished: answer this again.
    Replay { status: u16, body: String },
}

/// Where an attempt stands (for `GET /api/v1/order`).
#[derive(Debug, PartialEq, Eq)]
pub enum Attempt {
    InFlight,
    /// The productOrder went out and its answer was lost: the order may exist. Never failed,
    /// never freed, until asking the back office again settles it.
    Unknown,
    Done {
        body: String,
    },
    Failed {
        code: String,
    },
}

/// A hex SHA-256: the records hold no cookie key and no request body, only their hashes.
pub fn hash(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Whether a header value is a usable key.
pub fn valid_key(key: &str) -> bool {
    (1..=MAX_KEY_CHARS).contains(&key.len())
        && key.chars().all(|c| c.is_ascii_graphic() || c == ' ')
}

/// One record as stored: (request_hash, state, status, body, updated_at).
type Record = (String, String, Option<i64>, Option<String>, i64);

impl Sessions {
    /// Try to claim `key` for this browser session and request.
    pub async fn claim(
        &self,
        session: &str,
        key: &str,
        request_hash: &str,
    ) -> Result<Claim, StoreError> {
        let now = now_ms();
        let expired_before = now - TTL_MS;
        // An expired record is ignored: drop it so the insert below can claim the key.
        on_pool!(&self.store, pool => {
            sqlx::query(
                "DELETE FROM idempotency WHERE session = $1 AND key = $2 AND created_at <= $3",
            )
            .bind(session)
            .bind(key)
            .bind(expired_before)
            .execute(pool)
            .await?
            .rows_affected()
        });
        let inserted = on_pool!(&self.store, pool => {
            sqlx::query(
                "INSERT INTO idempotency (session, key, request_hash, state, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'in_flight', $4, $4) ON CONFLICT (session, key) DO NOTHING",
            )
            .bind(session)
            .bind(key)
            .bind(request_hash)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if inserted == 1 {
            return Ok(Claim::Claimed);
        }
        let found: Option<Record> = on_pool!(&self.store, pool => {
            sqlx::query_as(
                "SELECT request_hash, state, status, body, updated_at FROM idempotency \
                 WHERE session = $1 AND key = $2",
            )
            .bind(session)
            .bind(key)
            .fetch_optional(pool)
            .await?
        });
        let Some((found_hash, state, status, body, updated_at)) = found else {
            // Swept between our insert and our read: the next attempt claims it.
            return Ok(Claim::InFlight);
        };
        if found_hash != request_hash {
            return Ok(Claim::OtherRequest);
        }
        match state.as_str() {
            "done" => Ok(Claim::Replay {
                status: status.and_then(|s| u16::try_from(s).ok()).unwrap_or(200),
                body: body.unwrap_or_default(),
            }),
            "in_flight" if updated_at > now - STALE_MS => Ok(Claim::InFlight),
            // Failed, or abandoned: take it over, unless another request just did. The record
            // is matched on its state and time as read: a failed record taken over is
            // in_flight now, and an abandoned one's time moves by at least STALE_MS, so of two
            // takeovers within one millisecond only the first matches.
            "failed" | "in_flight" => {
                let taken = on_pool!(&self.store, pool => {
                    sqlx::query(
                        "UPDATE idempotency SET state = 'in_flight', updated_at = $3 \
                         WHERE session = $1 AND key = $2 AND updated_at = $4 AND state = $5",
                    )
                    .bind(session)
                    .bind(key)
                    .bind(now)
                    .bind(updated_at)
                    .bind(&state)
                    .execute(pool)
                    .await?
                    .rows_affected()
                });
                Ok(if taken == 1 {
                    Claim::Claimed
                } else {
                    Claim::InFlight
                })
            }
            // An attempt whose outcome is not known yet is never taken over.
            _ => Ok(Claim::InFlight),
        }
    }

    /// Record the answer to replay.
    pub async fn finish(
        &self,
        session: &str,
        key: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError> {
        self.settle(session, key, "done", Some(i64::from(status)), body)
            .await
    }

    /// Record a failure (its problem code); the key may be claimed again.
    pub async fn fail(&self, session: &str, key: &str, code: &str) -> Result<(), StoreError> {
        self.settle(session, key, "failed", None, code).await
    }

    /// Record that the attempt failed with `code` (no order was made), logging rather than
    /// answering a store that cannot keep it: the caller's refusal is what the browser needs.
    pub async fn settle_failed(
        &self,
        session: &str,
        key: &str,
        code: checkout_core::problem::ErrorCode,
    ) {
        let code = serde_json::to_value(code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        if let Err(store) = self.fail(session, key, &code).await {
            tracing::error!(error = %store, "idempotency record not settled");
        }
    }

    /// Record that the order's outcome is unknown (its answer was lost): the key stays
    /// claimed (a retry with it is told to wait) until [`Self::finish`] or [`Self::fail`].
    pub async fn unknown(&self, session: &str, key: &str) -> Result<(), StoreError> {
        self.settle(session, key, "unknown", None, "order_outcome_unknown")
            .await
    }

    /// The latest live attempt of this browser session, if any.
    pub async fn latest_attempt(&self, session: &str) -> Result<Option<Attempt>, StoreError> {
        let cutoff = now_ms() - TTL_MS;
        let row: Option<(String, Option<String>)> = on_pool!(&self.store, pool => {
            sqlx::query_as(
                "SELECT state, body FROM idempotency WHERE session = $1 AND created_at > $2 \
                 ORDER BY updated_at DESC LIMIT 1",
            )
            .bind(session)
            .bind(cutoff)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(|(state, body)| {
            let body = body.unwrap_or_default();
            match state.as_str() {
                "done" => Attempt::Done { body },
                "failed" => Attempt::Failed { code: body },
                "unknown" => Attempt::Unknown,
                _ => Attempt::InFlight,
            }
        }))
    }

    /// Forget every record older than 24 hours; returns how many went.
    pub async fn sweep_idempotency(&self) -> Result<u64, StoreError> {
        let cutoff = now_ms() - TTL_MS;
        Ok(on_pool!(&self.store, pool => {
            sqlx::query("DELETE FROM idempotency WHERE created_at <= $1")
                .bind(cutoff)
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }

    async fn settle(
        &self,
        session: &str,
        key: &str,
        state: &str,
        status: Option<i64>,
        body: &str,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        on_pool!(&self.store, pool => {
            sqlx::query(
                "UPDATE idempotency SET state = $3, status = $4, body = $5, updated_at = $6 \
                 WHERE session = $1 AND key = $2",
            )
            .bind(session)
            .bind(key)
            .bind(state)
            .bind(status)
            .bind(body)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn one_claim_wins_then_replays_and_refuses_another_body() {
        let s = Sessions::connect(None, Duration::from_secs(60))
            .await
            .unwrap();
        assert_eq!(s.claim("s", "k", "h1").await.unwrap(), Claim::Claimed);
        assert_eq!(s.claim("s", "k", "h1").await.unwrap(), Claim::InFlight);
        assert_eq!(s.claim("s", "k", "h2").await.unwrap(), Claim::OtherRequest);
        // Another browser session has its own keys.
        assert_eq!(s.claim("t", "k", "h1").await.unwrap(), Claim::Claimed);
        s.finish("s", "k", 200, "{\"a\":1}").await.unwrap();
        assert_eq!(
            s.claim("s", "k", "h1").await.unwrap(),
            Claim::Replay {
                status: 200,
                body: "{\"a\":1}".into()
            }
        );
        assert_eq!(
            s.latest_attempt("s").await.unwrap(),
            Some(Attempt::Done {
                body: "{\"a\":1}".into()
            })
        );
    }

    #[tokio::test]
    async fn a_failed_attempt_may_be_claimed_again_once() {
        let s = Sessions::connect(None, Duration::from_secs(60))
            .await
            .unwrap();
        assert_eq!(s.claim("s", "k", "h").await.unwrap(), Claim::Claimed);
        s.fail("s", "k", "conversation_expired").await.unwrap();
        assert_eq!(
            s.latest_attempt("s").await.unwrap(),
            Some(Attempt::Failed {
                code: "conversation_expired".into()
            })
        );
        // Retries at once, in the same millisecond as the failure: exactly one claims it.
        assert_eq!(s.claim("s", "k", "h").await.unwrap(), Claim::Claimed);
        assert_eq!(s.claim("s", "k", "h").await.unwrap(), Claim::InFlight);
    }

    /// Two retries of a failed attempt within one millisecond both matched the record's time
    /// and both claimed the key; now the state is matched too.
    #[tokio::test]
    async fn racing_retries_of_a_failed_attempt_claim_it_once() {
        let s = Sessions::connect(None, Duration::from_secs(60))
            .await
            .unwrap();
        for round in 0..20 {
            let key = format!("k{round}");
            assert_eq!(s.claim("s", &key, "h").await.unwrap(), Claim::Claimed);
            s.fail("s", &key, "upstream_unavailable").await.unwrap();
            let (a, b, c) = tokio::join!(
                s.claim("s", &key, "h"),
                s.claim("s", &key, "h"),
                s.claim("s", &key, "h")
            );
            let claimed = [a.unwrap(), b.unwrap(), c.unwrap()]
                .into_iter()
                .filter(|c| *c == Claim::Claimed)
                .count();
            assert_eq!(claimed, 1, "round {round}");
        }
    }

    /// An attempt whose answer was lost is never taken over: the order may exist.
    #[tokio::test]
    async fn an_unknown_outcome_keeps_its_key() {
        let s = Sessions::connect(None, Duration::from_secs(60))
            .await
            .unwrap();
        assert_eq!(s.claim("s", "k", "h").await.unwrap(), Claim::Claimed);
        s.unknown("s", "k").await.unwrap();
        assert_eq!(s.latest_attempt("s").await.unwrap(), Some(Attempt::Unknown));
        assert_eq!(s.claim("s", "k", "h").await.unwrap(), Claim::InFlight);
        s.finish("s", "k", 200, "{}").await.unwrap();
        assert!(matches!(
            s.claim("s", "k", "h").await.unwrap(),
            Claim::Replay { .. }
        ));
    }

    #[tokio::test]
    async fn records_older_than_a_day_are_ignored_and_swept() {
        let s = Sessions::connect(None, Duration::from_secs(60))
            .await
            .unwrap();
        assert_eq!(s.claim("s", "k", "h").await.unwrap(), Claim::Claimed);
        s.finish("s", "k", 200, "{}").await.unwrap();
        on_pool!(&s.store, pool => {
            sqlx::query("UPDATE idempotency SET created_at = created_at - $1")
                .bind(TTL_MS + 1)
                .execute(pool)
                .await
                .unwrap()
                .rows_affected()
        });
        assert_eq!(s.latest_attempt("s").await.unwrap(), None);
        assert_eq!(s.sweep_idempotency().await.unwrap(), 1);
        assert_eq!(s.claim("s", "k", "other").await.unwrap(), Claim::Claimed);
    }

    #[test]
    fn keys_are_one_to_a_hundred_printable_characters() {
        assert!(valid_key("a"));
        assert!(valid_key(&"k".repeat(100)));
        assert!(!valid_key(""));
        assert!(!valid_key(&"k".repeat(101)));
        assert!(!valid_key("a\tb"));
        assert!(!valid_key("ñ"));
    }
}
