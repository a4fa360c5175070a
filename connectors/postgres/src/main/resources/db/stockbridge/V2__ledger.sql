-- The journal's durable identity: the ledger its marks on storefront entries are kept under.
-- One row; a database whose journal held records before this migration adopts the single-number
-- marker those records' engine wrote.
CREATE TABLE ledger_identity (
  singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  id TEXT NOT NULL,
  adopts_legacy_marker BOOLEAN NOT NULL
);
