-- Up Migration
-- Credit granted, voided or clawed back by hand (support managers, finance), with a reason. Above the approval
-- threshold a second person decides (four eyes); the ledger write's key is the adjustment id, so executing twice
-- (a retried approval) writes once.
CREATE TABLE manual_adjustments (
  adjustment_id  TEXT PRIMARY KEY,
  customer_id    TEXT NOT NULL,
  action         TEXT NOT NULL CHECK (action IN ('grant', 'void', 'clawback')),
  campaign_id    TEXT,
  lot_id         TEXT,
  -- grant: the amount granted; void/clawback: the lot's remaining value when requested (what the approval weighs).
  amount         BIGINT NOT NULL CHECK (amount >= 0),
  credit_kind    TEXT,
  -- grant: days the lot stays usable from when the grant runs (the approval, for four-eyes grants); none: forever.
  valid_for_days INTEGER CHECK (valid_for_days > 0),
  reason         TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('pending-approval', 'approved', 'executed', 'rejected', 'refused')),
  requested_by   TEXT NOT NULL,
  requested_at   TIMESTAMPTZ NOT NULL,
  decided_by     TEXT,
  decided_at     TIMESTAMPTZ,
  decision_note  TEXT,
  -- executed: what the ledger did ({ lotId } or { revokedAmount }); refused: the ledger's refusal code.
  outcome        JSONB
);
CREATE INDEX manual_adjustments_status ON manual_adjustments (status, requested_at);
CREATE INDEX manual_adjustments_customer ON manual_adjustments (customer_id, requested_at);

-- Down Migration
DROP TABLE manual_adjustments;
