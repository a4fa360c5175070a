-- The order ledger: per order, what each line sold and decremented and what was restocked since,
-- and the cancellations and returns parked until their order arrives (one JSON document per order,
-- OrderRecordCodec's). last_activity drives the retention; parked lists the orders to sweep.
CREATE TABLE order_ledger (
    order_id            TEXT PRIMARY KEY,
    body                TEXT        NOT NULL,
    parked              BOOLEAN     NOT NULL,
    last_activity       TIMESTAMPTZ NOT NULL,
    last_activity_nanos INTEGER     NOT NULL
);

CREATE INDEX order_ledger_parked ON order_ledger (order_id) WHERE parked;
CREATE INDEX order_ledger_activity ON order_ledger (last_activity);
