-- Up Migration
-- Promotion codes (券码): a batch says what a claim grants; its codes are claimed into wallets as lots. Unique codes
-- are one per customer (optionally bound to one); a shared code (SPRING2026) has a total and a per-customer limit.
CREATE TABLE promotion_code_batches (
  batch_id           TEXT PRIMARY KEY,
  campaign_id        TEXT NOT NULL REFERENCES campaigns (campaign_id),
  kind               TEXT NOT NULL CHECK (kind IN ('unique', 'shared')),
  -- What one claim grants: amount (minor units), credit kind, scope, stacking, minOrderAmount, validForDays.
  reward             JSONB NOT NULL,
  expires_at         TIMESTAMPTZ,
  total_limit        INTEGER CHECK (total_limit > 0),
  per_customer_limit INTEGER NOT NULL CHECK (per_customer_limit > 0),
  created_by         TEXT,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX promotion_code_batches_campaign ON promotion_code_batches (campaign_id);

CREATE TABLE promotion_codes (
  code        TEXT PRIMARY KEY,
  batch_id    TEXT NOT NULL REFERENCES promotion_code_batches (batch_id),
  -- A unique code issued to one customer: only that customer may claim it.
  customer_id TEXT,
  status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'void')),
  claims      INTEGER NOT NULL DEFAULT 0 CHECK (claims >= 0),
  voided_at   TIMESTAMPTZ
);
CREATE INDEX promotion_codes_batch ON promotion_codes (batch_id, code);

-- A claim takes its slot (pending) before the ledger grant and is marked granted after it, so a crash in between
-- resumes the same grant (its ledger idempotency key is the claim id) instead of taking a second slot.
CREATE TABLE promotion_code_claims (
  claim_id    TEXT PRIMARY KEY,
  code        TEXT NOT NULL REFERENCES promotion_codes (code),
  customer_id TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'granted')),
  lot_id      TEXT,
  -- The API key that took the slot: the grant's actor, from this row so a resumed grant is the same request.
  claimed_by  TEXT,
  claimed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX promotion_code_claims_code_customer ON promotion_code_claims (code, customer_id);

-- Down Migration
DROP TABLE promotion_code_claims;
DROP TABLE promotion_codes;
DROP TABLE promotion_code_batches;
