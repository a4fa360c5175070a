-- Stockbridge's stores, version 1. Applied by Flyway when a PostgresStore opens; never edit a
-- released migration, add V2__... instead. Instants are kept as timestamptz (truncated to the
-- microsecond, for people and SQL) plus the nanosecond of the second (for exact round trips).

-- The movement journal: accepted movements (record_type 'M') and applied marks ('A') in append
-- order. position is assigned by the single group-commit writer, in the order it writes.
CREATE TABLE journal_record (
    position        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_type     CHAR(1)     NOT NULL CHECK (record_type IN ('M', 'A')),
    sku             TEXT        NOT NULL,
    location        TEXT        NOT NULL,
    sequence        BIGINT      NOT NULL CHECK (sequence >= 0),
    movement_kind   TEXT,
    state_name      TEXT,
    state_sellable  BOOLEAN,
    state_on_hand   BOOLEAN,
    quantity        BIGINT,
    cause           TEXT,
    idempotency_key TEXT,
    -- The transaction that wrote the record: one group commit, many records.
    commit_id       BIGINT      NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    written_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (record_type = 'A' OR (movement_kind IS NOT NULL AND state_name IS NOT NULL
        AND quantity IS NOT NULL AND cause IS NOT NULL AND idempotency_key IS NOT NULL))
);
CREATE INDEX journal_record_key ON journal_record (sku, location, sequence);

-- The full demand record, one row per demand line id.
CREATE TABLE demand_line (
    id             TEXT PRIMARY KEY,
    kind           TEXT          NOT NULL,
    order_id       TEXT          NOT NULL,
    order_number   TEXT,
    line_id        TEXT          NOT NULL,
    sku            TEXT          NOT NULL,
    quantity       BIGINT        NOT NULL,
    unit_price     NUMERIC       NOT NULL,
    discount       NUMERIC       NOT NULL,
    currency       TEXT          NOT NULL,
    promotions     TEXT[]        NOT NULL,
    location       TEXT          NOT NULL,
    sales_channel  TEXT,
    store          TEXT,
    country        TEXT,
    customer       TEXT,
    created_at     TIMESTAMPTZ   NOT NULL,
    created_at_nanos  INTEGER       NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    updated_at_nanos  INTEGER       NOT NULL,
    attributes     JSONB         NOT NULL
);
CREATE INDEX demand_line_created ON demand_line (created_at, created_at_nanos, id);
CREATE INDEX demand_line_updated ON demand_line (updated_at, updated_at_nanos);

-- The exception tracker: the latest state of each exception; body is its full JSON form.
CREATE TABLE tracked_exception (
    id                  TEXT PRIMARY KEY,
    status              TEXT        NOT NULL,
    from_reconciliation BOOLEAN     NOT NULL,
    last_seen           TIMESTAMPTZ NOT NULL,
    body                JSONB       NOT NULL
);
CREATE INDEX tracked_exception_status ON tracked_exception (status);

-- The planner's receipt ledger: cumulative quantity moved per purchase order line.
CREATE TABLE receipt_line (
    order_id   TEXT   NOT NULL,
    variant    TEXT   NOT NULL,
    cumulative BIGINT NOT NULL CHECK (cumulative >= 0),
    PRIMARY KEY (order_id, variant)
);

-- Orders held back by the order flow.
CREATE TABLE quarantined_order (
    order_id         TEXT PRIMARY KEY,
    problem          TEXT        NOT NULL,
    first_held       TIMESTAMPTZ NOT NULL,
    first_held_nanos INTEGER     NOT NULL,
    last_tried       TIMESTAMPTZ NOT NULL,
    last_tried_nanos INTEGER     NOT NULL,
    attempts         INTEGER     NOT NULL CHECK (attempts >= 1)
);

-- Named instants the flows keep (e.g. orders.start); the first value stays.
CREATE TABLE checkpoint (
    name     TEXT PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL,
    at_nanos INTEGER     NOT NULL
);

-- The active/standby lease: one row per lease name. token is the fencing token, raised by every
-- change of holder; expires_at is on the database's clock, so instances need no synchronised clocks.
CREATE TABLE lease (
    name        TEXT PRIMARY KEY,
    holder      TEXT        NOT NULL,
    token       BIGINT      NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL,
    renewed_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
