-- Place-order attempts by Idempotency-Key (DESIGN §7). The primary key is the claim: of many
-- replicas racing with one key, exactly one INSERT wins. `session` is a SHA-256 of the
-- browser's cookie key, never the key itself; `request_hash` a SHA-256 of the request body.
-- `state`: in_flight, done (`status` + `body` replayed byte for byte) or failed (`body` holds
-- the problem code; the key may be claimed again).
CREATE TABLE IF NOT EXISTS idempotency (
    session TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status BIGINT,
    body TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (session, key)
);
CREATE INDEX IF NOT EXISTS idempotency_created_at ON idempotency (created_at);
