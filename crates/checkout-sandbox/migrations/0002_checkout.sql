-- The rest of the direct-fulfillment sequence (issue 5, part 2): identity (OTP), credit,
-- fulfillment (installation type, terms), quotes with their BSS conversation, and the
-- TMF-622 product orders. Instants are Unix epoch milliseconds from the sandbox clock.

-- How the order is installed; NULL until POST/PATCH fulfillment says.
ALTER TABLE orders ADD COLUMN installation_type TEXT
    CHECK (installation_type IN ('SelfInstall', 'TechnicianVisit'));
-- 1 when the customer chose an unscheduled technician job (no slot; seed: "4444-12-31").
ALTER TABLE orders ADD COLUMN unscheduled INTEGER NOT NULL DEFAULT 0;

-- Each required term, accepted explicitly, with the version the customer saw.
CREATE TABLE order_terms (
    order_id    TEXT    NOT NULL REFERENCES orders (id),
    term_id     TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    accepted_at INTEGER NOT NULL,
    PRIMARY KEY (order_id, term_id)
);

-- The latest credit decision of an order (credit.submit replaces it).
CREATE TABLE credit_checks (
    order_id       TEXT    PRIMARY KEY NOT NULL REFERENCES orders (id),
    decision       TEXT    NOT NULL CHECK (decision IN ('APPROVED', 'DEPOSIT_REQUIRED', 'REFUSED')),
    deposit_cents  INTEGER NOT NULL DEFAULT 0,
    checked_at     INTEGER NOT NULL
);

-- A quote opens a BSS conversation (X-Conversation-Id) that lives 15 minutes. `seq` makes
-- the temporary order ids (`0000000000000001` …).
CREATE TABLE conversations (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    id                 TEXT    NOT NULL UNIQUE,
    order_id           TEXT    NOT NULL REFERENCES orders (id),
    client_id          TEXT    NOT NULL,
    temporary_order_id TEXT    NOT NULL UNIQUE,
    billing_account_id TEXT    NOT NULL,
    job_type           TEXT    NOT NULL,
    created_at         INTEGER NOT NULL,
    expires_at         INTEGER NOT NULL
);
CREATE INDEX conversations_by_order ON conversations (order_id);

-- Orders placed through TMF-622 productOrder. The UNIQUE key is what makes a submit
-- exactly-once per externalId: a second submit reads the first answer back.
CREATE TABLE product_orders (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    client_id    TEXT    NOT NULL,
    external_id  TEXT,
    order_id     TEXT,
    business_id  TEXT    NOT NULL,
    response     TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (client_id, external_id)
);

-- One pending one-time password per session (the OTP belongs to the browser session that
-- asked for it).
CREATE TABLE otp_requests (
    session_id  TEXT    PRIMARY KEY NOT NULL,
    contact     TEXT    NOT NULL,
    issued_at   INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    verified_at INTEGER
);

-- Wrong attempts count per contact, not per session, so a new session cannot reset them.
CREATE TABLE otp_locks (
    contact      TEXT    PRIMARY KEY NOT NULL,
    failures     INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER
);
