-- Up Migration
-- Gift items (赠品) as lots: a gift lot names a catalog item (SKU) and pays for one unit of it at checkout, up to its
-- value, which its grant reserved from the campaign budget; single use, the unused value released like a percent
-- coupon's cap (ledger/redemption-plan.ts).
ALTER DOMAIN ledger_credit_kind DROP CONSTRAINT ledger_credit_kind_check;
ALTER DOMAIN ledger_credit_kind ADD CONSTRAINT ledger_credit_kind_check
  CHECK (VALUE IN ('cash', 'threshold', 'rebate', 'percent', 'shipping', 'gift'));

ALTER TABLE ledger_lots ADD COLUMN gift_sku TEXT CHECK (length(gift_sku) BETWEEN 1 AND 200),
  ADD CONSTRAINT ledger_lots_gift_has_sku CHECK ((kind = 'gift') = (gift_sku IS NOT NULL));

-- Down Migration
ALTER TABLE ledger_lots DROP CONSTRAINT ledger_lots_gift_has_sku, DROP COLUMN gift_sku;
ALTER DOMAIN ledger_credit_kind DROP CONSTRAINT ledger_credit_kind_check;
ALTER DOMAIN ledger_credit_kind ADD CONSTRAINT ledger_credit_kind_check
  CHECK (VALUE IN ('cash', 'threshold', 'rebate', 'percent', 'shipping'));
