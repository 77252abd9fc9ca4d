-- Up Migration
-- Points economics (ledger/points-budget.ts, ledger/points-payment.ts, ledger/views/points-finance.ts).
--
-- 1. A points campaign may have a points budget: a bounded POINTS account per campaign (kind 'points_budget'),
--    opened from points:issued once (its cap), drawn by every earn of the campaign. Bounded like every budget, so the
--    database refuses a balance below zero whatever the code does.
-- 2. Points spent at checkout are booked twice, in two ledger transactions of the one database transaction (a posting
--    statement keeps one currency): the points go from the customer's point lots to points:redeemed, and their money
--    value from points:settlement (the program's source for what points cost) to points:expense (the expense).
ALTER DOMAIN ledger_account_kind DROP CONSTRAINT ledger_account_kind_check;
ALTER DOMAIN ledger_account_kind ADD CONSTRAINT ledger_account_kind_check CHECK (VALUE IN (
  'program_funding', 'program_budget', 'campaign_budget', 'customer_lot', 'redeemed', 'breakage',
  'points_issued', 'points_lot', 'points_redeemed', 'points_expired',
  'points_budget', 'points_settlement', 'points_expense'));
ALTER DOMAIN ledger_transaction_type DROP CONSTRAINT ledger_transaction_type_check;
ALTER DOMAIN ledger_transaction_type ADD CONSTRAINT ledger_transaction_type_check CHECK (VALUE IN (
  'fund', 'allocate', 'grant', 'redeem', 'reverse', 'revoke', 'expire',
  'points_earn', 'points_redeem', 'points_expire', 'points_allocate', 'points_payment', 'points_refund'));

ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_bounded_balance,
  ADD CONSTRAINT ledger_accounts_bounded_balance CHECK (
    (kind IN ('program_budget', 'campaign_budget', 'customer_lot', 'points_lot', 'points_budget'))
      = (balance IS NOT NULL));
CREATE UNIQUE INDEX ledger_accounts_points_budget_idx ON ledger_accounts (campaign_id) WHERE kind = 'points_budget';

-- The campaign a points lot was earned in (NULL: earned before campaigns were recorded, or outside one).
ALTER TABLE ledger_point_lots ADD COLUMN campaign_id TEXT;
CREATE INDEX ledger_point_lots_campaign_idx ON ledger_point_lots (campaign_id);

-- The program's points payment terms: `points` points are worth `minor` minor units; an order may spend at least
-- min_points and at most max_share_bp basis points of its amount in points. One row; the default 100 points = 1.00.
CREATE TABLE ledger_points_terms (
  singleton    BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  points       BIGINT      NOT NULL CHECK (points > 0),
  minor        BIGINT      NOT NULL CHECK (minor > 0),
  min_points   BIGINT      NOT NULL CHECK (min_points >= 0),
  max_share_bp INTEGER     NOT NULL CHECK (max_share_bp BETWEEN 1 AND 10000),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO ledger_points_terms (points, minor, min_points, max_share_bp) VALUES (100, 100, 100, 5000);

-- A redemption may now pay with points, with or without credit: total (credit) may be 0 when points paid, and then
-- it has no credit transaction. The points part and its value only shrink by refunds, never below zero.
ALTER TABLE ledger_redemptions
  DROP CONSTRAINT ledger_redemptions_check,
  ALTER COLUMN transaction_id DROP NOT NULL,
  ADD COLUMN points_spent BIGINT NOT NULL DEFAULT 0 CHECK (points_spent >= 0),
  ADD COLUMN points_value BIGINT NOT NULL DEFAULT 0 CHECK (points_value >= 0),
  ADD COLUMN points_rate_points BIGINT,
  ADD COLUMN points_rate_minor BIGINT,
  ADD COLUMN points_transaction_id UUID UNIQUE REFERENCES ledger_transactions (id),
  ADD COLUMN points_value_transaction_id UUID UNIQUE REFERENCES ledger_transactions (id),
  ADD COLUMN points_restored BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN points_value_restored BIGINT NOT NULL DEFAULT 0,
  ADD CONSTRAINT ledger_redemptions_total_check CHECK (total >= 0 AND total <= order_amount),
  ADD CONSTRAINT ledger_redemptions_pays_something CHECK (total > 0 OR points_spent > 0),
  ADD CONSTRAINT ledger_redemptions_credit_has_transaction CHECK ((total > 0) = (transaction_id IS NOT NULL)),
  ADD CONSTRAINT ledger_redemptions_points_have_transactions CHECK (
    (points_spent > 0) = (points_transaction_id IS NOT NULL AND points_value_transaction_id IS NOT NULL
                          AND points_rate_points IS NOT NULL AND points_rate_minor IS NOT NULL)),
  ADD CONSTRAINT ledger_redemptions_paid_within_order CHECK (total + points_value <= order_amount),
  ADD CONSTRAINT ledger_redemptions_points_restored_within CHECK (points_restored BETWEEN 0 AND points_spent),
  ADD CONSTRAINT ledger_redemptions_points_value_restored_within
    CHECK (points_value_restored BETWEEN 0 AND points_value);

-- Per refund, the points and their value given back (beside the credit).
ALTER TABLE ledger_redemption_refunds
  ADD COLUMN points_restored BIGINT NOT NULL DEFAULT 0 CHECK (points_restored >= 0),
  ADD COLUMN points_value_restored BIGINT NOT NULL DEFAULT 0 CHECK (points_value_restored >= 0),
  ADD COLUMN points_transaction_id UUID UNIQUE REFERENCES ledger_transactions (id),
  ADD COLUMN points_value_transaction_id UUID UNIQUE REFERENCES ledger_transactions (id);

-- Down Migration
ALTER TABLE ledger_redemption_refunds DROP COLUMN points_value_transaction_id, DROP COLUMN points_transaction_id,
  DROP COLUMN points_value_restored, DROP COLUMN points_restored;
ALTER TABLE ledger_redemptions
  DROP CONSTRAINT ledger_redemptions_points_value_restored_within,
  DROP CONSTRAINT ledger_redemptions_points_restored_within,
  DROP CONSTRAINT ledger_redemptions_paid_within_order,
  DROP CONSTRAINT ledger_redemptions_points_have_transactions,
  DROP CONSTRAINT ledger_redemptions_credit_has_transaction,
  DROP CONSTRAINT ledger_redemptions_pays_something,
  DROP CONSTRAINT ledger_redemptions_total_check,
  DROP COLUMN points_value_restored, DROP COLUMN points_restored, DROP COLUMN points_value_transaction_id,
  DROP COLUMN points_transaction_id, DROP COLUMN points_rate_minor, DROP COLUMN points_rate_points,
  DROP COLUMN points_value, DROP COLUMN points_spent,
  ALTER COLUMN transaction_id SET NOT NULL,
  ADD CONSTRAINT ledger_redemptions_check CHECK (total > 0 AND total <= order_amount);
DROP TABLE ledger_points_terms;
DROP INDEX ledger_point_lots_campaign_idx;
ALTER TABLE ledger_point_lots DROP COLUMN campaign_id;
DROP INDEX ledger_accounts_points_budget_idx;
ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_bounded_balance,
  ADD CONSTRAINT ledger_accounts_bounded_balance CHECK (
    (kind IN ('program_budget', 'campaign_budget', 'customer_lot', 'points_lot')) = (balance IS NOT NULL));
ALTER DOMAIN ledger_transaction_type DROP CONSTRAINT ledger_transaction_type_check;
ALTER DOMAIN ledger_transaction_type ADD CONSTRAINT ledger_transaction_type_check CHECK (VALUE IN (
  'fund', 'allocate', 'grant', 'redeem', 'reverse', 'revoke', 'expire',
  'points_earn', 'points_redeem', 'points_expire'));
ALTER DOMAIN ledger_account_kind DROP CONSTRAINT ledger_account_kind_check;
ALTER DOMAIN ledger_account_kind ADD CONSTRAINT ledger_account_kind_check CHECK (VALUE IN (
  'program_funding', 'program_budget', 'campaign_budget', 'customer_lot', 'redeemed', 'breakage',
  'points_issued', 'points_lot', 'points_redeemed', 'points_expired'));
