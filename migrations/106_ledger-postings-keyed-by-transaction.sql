-- Up Migration
-- Postings are always reached through their transaction (reversal, views) or through their account or customer
-- (statement, sweeps), never by posting id alone. Keying them by (transaction_id, id) makes the primary key serve the
-- transaction lookups, so the separate transaction index goes: one index entry less per posting, two per grant.
-- The id still comes from the sequence, which makes it unique (the ledger never sets it; postings are append-only),
-- and still orders a transaction's legs and the statement's keyset. On a large existing ledger the key is rebuilt
-- under an exclusive lock: run this migration in a quiet window.
ALTER TABLE ledger_postings DROP CONSTRAINT ledger_postings_pkey,
  ADD CONSTRAINT ledger_postings_pkey PRIMARY KEY (transaction_id, id);
DROP INDEX ledger_postings_transaction_idx;

-- Down Migration
CREATE INDEX ledger_postings_transaction_idx ON ledger_postings (transaction_id);
ALTER TABLE ledger_postings DROP CONSTRAINT ledger_postings_pkey,
  ADD CONSTRAINT ledger_postings_pkey PRIMARY KEY (id);
