-- Up Migration
-- Discount kinds and partial refunds (ledger/README-level rules in ledger/redemption-plan.ts and ledger/reverse.ts).
--
-- Two single-use coupon kinds join cash, threshold and rebate lots:
--   percent   N % off the eligible order lines (percent_bp basis points, 1–10000); the lot's value is the most it may
--             take off (its cap), which is what its grant reserved from the campaign budget.
--   shipping  pays the order's shipping part, up to the lot's value.
-- Both are used up by one redemption: the discount goes to `redeemed` (expense when redeemed), and what the cap did
-- not need goes back to the campaign budget in the same transaction, so a budget is never burnt by caps.
ALTER DOMAIN ledger_credit_kind DROP CONSTRAINT ledger_credit_kind_check;
ALTER DOMAIN ledger_credit_kind ADD CONSTRAINT ledger_credit_kind_check
  CHECK (VALUE IN ('cash', 'threshold', 'rebate', 'percent', 'shipping'));

ALTER TABLE ledger_lots ADD COLUMN percent_bp INTEGER CHECK (percent_bp BETWEEN 1 AND 10000),
  ADD CONSTRAINT ledger_lots_percent_has_rate CHECK ((kind = 'percent') = (percent_bp IS NOT NULL)),
  -- A threshold coupon is defined by its minimum; percent and shipping coupons may have one; cash and rebate never.
  DROP CONSTRAINT ledger_lots_threshold_has_minimum,
  ADD CONSTRAINT ledger_lots_minimum_by_kind CHECK (
    CASE WHEN kind = 'threshold' THEN min_order_amount IS NOT NULL
         WHEN kind IN ('cash', 'rebate') THEN min_order_amount IS NULL
         ELSE TRUE END);

-- Refunds of a redeemed order, several per order: how much of the order (in the order's own amount) has been refunded
-- so far, and how much of the redeemed credit has been given back. Both only grow, and never past the order or the
-- redemption: the database refuses a refund that would give back more than was redeemed, whatever the code does.
ALTER TABLE ledger_redemptions
  ADD COLUMN refunded_amount BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN restored_amount BIGINT NOT NULL DEFAULT 0,
  ADD CONSTRAINT ledger_redemptions_refunded_within_order CHECK (refunded_amount BETWEEN 0 AND order_amount),
  ADD CONSTRAINT ledger_redemptions_restored_within_total CHECK (restored_amount BETWEEN 0 AND total);
-- Redemptions reversed before partial refunds existed were refunded whole and gave back all they redeemed.
UPDATE ledger_redemptions SET refunded_amount = order_amount, restored_amount = total
 WHERE reversal_transaction_id IS NOT NULL;

-- One row per refund event the ledger counted (its idempotency key), with the ledger transaction that gave credit
-- back (NULL when a small partial refund rounded down to nothing to give back yet).
CREATE TABLE ledger_redemption_refunds (
  idempotency_key TEXT        PRIMARY KEY,
  redemption_id   UUID        NOT NULL REFERENCES ledger_redemptions (id),
  refunded_amount BIGINT      NOT NULL CHECK (refunded_amount > 0),
  restored_amount BIGINT      NOT NULL CHECK (restored_amount >= 0),
  transaction_id  UUID        UNIQUE REFERENCES ledger_transactions (id),
  occurred_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX ledger_redemption_refunds_redemption_idx ON ledger_redemption_refunds (redemption_id);

-- Down Migration
DROP TABLE ledger_redemption_refunds;
ALTER TABLE ledger_redemptions
  DROP CONSTRAINT ledger_redemptions_restored_within_total,
  DROP CONSTRAINT ledger_redemptions_refunded_within_order,
  DROP COLUMN restored_amount,
  DROP COLUMN refunded_amount;
ALTER TABLE ledger_lots DROP CONSTRAINT ledger_lots_minimum_by_kind,
  ADD CONSTRAINT ledger_lots_threshold_has_minimum CHECK ((kind = 'threshold') = (min_order_amount IS NOT NULL)),
  DROP CONSTRAINT ledger_lots_percent_has_rate,
  DROP COLUMN percent_bp;
ALTER DOMAIN ledger_credit_kind DROP CONSTRAINT ledger_credit_kind_check;
ALTER DOMAIN ledger_credit_kind ADD CONSTRAINT ledger_credit_kind_check CHECK (VALUE IN ('cash', 'threshold', 'rebate'));
