-- The sandbox's order / hold engine (seed order-cart-holds.txt, DESIGN.md §5).
-- Instants are Unix epoch milliseconds (UTC) read from the sandbox clock, never SQLite's own
-- clock, so that tests can fast-forward across every deadline.

CREATE TABLE orders (
    id                TEXT    PRIMARY KEY NOT NULL,
    -- Orders belong to the client-id that created them; others see 404.
    client_id         TEXT    NOT NULL,
    status            TEXT    NOT NULL
                      CHECK (status IN ('ON_HOLD', 'EXPIRED', 'CONFIRMED', 'CANCELLED')),
    street_address    TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL,
    max_expires_at    INTEGER NOT NULL,
    -- Item ids are never reused after a removal, so a client's stale id cannot hit a new item.
    next_item         INTEGER NOT NULL DEFAULT 1,
    -- The order's view of its number and slot holds; `numbers` / `slot_holds` are the locks.
    number            TEXT,
    number_expires_at INTEGER,
    slot_id           TEXT,
    slot_held_until   INTEGER,
    contact_name      TEXT,
    contact_email     TEXT,
    contact_phone     TEXT,
    confirmed_at      INTEGER,
    cancel_reason     TEXT,
    cancelled_at      INTEGER
);

CREATE TABLE order_items (
    order_id     TEXT    NOT NULL REFERENCES orders (id),
    item_no      INTEGER NOT NULL,
    product_code TEXT    NOT NULL,
    quantity     INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 9),
    status       TEXT    NOT NULL
                 CHECK (status IN ('ON_HOLD', 'EXPIRED', 'CONFIRMED', 'CANCELLED')),
    PRIMARY KEY (order_id, item_no)
);

-- Every extension asked for, granted or not, so the grant policy can be inspected.
CREATE TABLE order_extensions (
    order_id          TEXT    NOT NULL REFERENCES orders (id),
    at                INTEGER NOT NULL,
    reason            TEXT    NOT NULL,
    requested_minutes INTEGER NOT NULL,
    granted_seconds   INTEGER NOT NULL
);

-- Telephone number inventory. A row is free when `reserved_by` is NULL or its reservation
-- lapsed (`reserved_until` in the past); `reserved_until` NULL with an owner means the number
-- went with a confirmed order. Reserving is one conditional UPDATE: the row is the lock.
CREATE TABLE numbers (
    number         TEXT    PRIMARY KEY NOT NULL,
    reserved_by    TEXT    REFERENCES orders (id),
    reserved_until INTEGER
);

-- Deterministic inventory: 7872000001 … 7872000040 (Puerto Rico, area code 787).
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO numbers (number) SELECT printf('787200%04d', i) FROM n;

-- Technician slots are generated from the calendar (see slots.rs); a row exists only while
-- someone holds or has taken the slot. The PRIMARY KEY makes one holder per slot.
CREATE TABLE slot_holds (
    slot_id     TEXT    PRIMARY KEY NOT NULL,
    order_id    TEXT    NOT NULL REFERENCES orders (id),
    -- NULL once the order holding it is confirmed: the slot is taken for good.
    held_until  INTEGER,
    -- 1 when the order chose this slot (PATCH fulfillment), 0 when only offered by a search.
    chosen      INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX slot_holds_by_order ON slot_holds (order_id);
CREATE INDEX numbers_by_order ON numbers (reserved_by);
