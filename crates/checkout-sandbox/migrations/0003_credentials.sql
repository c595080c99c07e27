-- Issued OAuth2 access tokens and sessions (issue 5: the sandbox's state lives in SQLite and
-- survives a restart, so a restarted sandbox still accepts the bearer and session-id its
-- client holds, as a restarted back office with a persistent session store would).
-- Instants are Unix epoch milliseconds from the sandbox clock.

-- Only a SHA-256 digest of each bearer is kept (hex): the file never holds a usable token.
-- Rows past `expires_at` are refused, and pruned when the next token is issued.
CREATE TABLE access_tokens (
    token_sha256 TEXT    PRIMARY KEY NOT NULL,
    client_id    TEXT    NOT NULL,
    issued_at    INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);

-- session-id (POST /session) → the client-id it was issued to. Sessions do not expire: the
-- seeds give them no lifetime; the OTP state keyed by session-id has its own deadlines.
CREATE TABLE sessions (
    id         TEXT    PRIMARY KEY NOT NULL,
    client_id  TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
