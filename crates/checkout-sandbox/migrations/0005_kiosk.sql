-- Kiosk mode (docs/sandbox.md "Kiosk mode"): the billing accounts a Jamaica or Panama order
-- names, and the staff sign-in failure counts. Instants are Unix epoch milliseconds from the
-- sandbox clock.

-- Accounts opened by POST /v1/{businessId}/billingAccount. `seq` counts per market from 0, so
-- the first accounts are the seed's own ids (JM `100015870000`, PA `324063130000`); the id is
-- what productOrder's `billingAccount.id` must name, for the same market and client.
CREATE TABLE billing_accounts (
    id           TEXT    PRIMARY KEY NOT NULL,
    business_id  TEXT    NOT NULL CHECK (business_id IN ('JM', 'PA')),
    seq          INTEGER NOT NULL,
    client_id    TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    email        TEXT    NOT NULL,
    phone        TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (business_id, seq)
);

-- Wrong PINs in a row per employee number, known or not (a count kept only for known
-- employees would tell which numbers exist). A right PIN deletes the row.
CREATE TABLE staff_locks (
    employee_id  TEXT    PRIMARY KEY NOT NULL,
    failures     INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER
);
