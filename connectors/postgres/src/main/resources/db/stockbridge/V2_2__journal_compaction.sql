-- Compaction of the movement journal (PostgresJournal.compact): what the journal still knows of a
-- key once its applied marks and its applied movements older than the retention are deleted from
-- journal_record. Rows are only ever raised (GREATEST, +), by the statement that deletes what they
-- fold, so a summary plus the remaining records always mean what the records meant before.

-- Per key: the highest sequence of a folded movement (new movements are numbered above it) and the
-- highest sequence of a folded applied mark.
CREATE TABLE journal_summary (
    sku              TEXT   NOT NULL,
    location         TEXT   NOT NULL,
    last_sequence    BIGINT NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
    applied_sequence BIGINT NOT NULL DEFAULT 0 CHECK (applied_sequence >= 0),
    PRIMARY KEY (sku, location)
);

-- Per key and inventory state: the sum of the folded movements' quantities (so counts derived from
-- the journal, such as units waiting in inspection, stay what they were). A state is the triple the
-- journal records carry.
CREATE TABLE journal_summary_units (
    sku            TEXT    NOT NULL,
    location       TEXT    NOT NULL,
    state_name     TEXT    NOT NULL,
    state_sellable BOOLEAN NOT NULL,
    state_on_hand  BOOLEAN NOT NULL,
    units          BIGINT  NOT NULL,
    PRIMARY KEY (sku, location, state_name, state_sellable, state_on_hand)
);
