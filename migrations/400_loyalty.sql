-- Up Migration
-- Member tiers (会员等级) as the member-tier journey decides them: one row per (campaign, customer), read by the API/KPIs.
CREATE TABLE loyalty_member_tiers (
  campaign_id    TEXT NOT NULL,
  customer_id    TEXT NOT NULL,
  tier           TEXT NOT NULL CHECK (tier IN ('standard', 'silver', 'gold', 'diamond')),
  rolling_spend  BIGINT NOT NULL CHECK (rolling_spend >= 0),
  since          TIMESTAMPTZ NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (campaign_id, customer_id)
);
CREATE INDEX loyalty_member_tiers_customer_idx ON loyalty_member_tiers (customer_id);

-- Every tier change once (keyed by the journey step), for history and KPIs.
CREATE TABLE loyalty_tier_changes (
  idempotency_key  TEXT PRIMARY KEY,
  campaign_id      TEXT NOT NULL,
  customer_id      TEXT NOT NULL,
  from_tier        TEXT,
  to_tier          TEXT NOT NULL,
  reason           TEXT NOT NULL,
  rolling_spend    BIGINT NOT NULL,
  changed_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX loyalty_tier_changes_customer_idx ON loyalty_tier_changes (customer_id, changed_at);

-- Points rewards catalog (赠品兑换) with stock; stock never goes negative, so the last item goes to one redeemer.
CREATE TABLE loyalty_catalog (
  reward_id            TEXT PRIMARY KEY,
  title                TEXT NOT NULL,
  points_cost          BIGINT NOT NULL CHECK (points_cost > 0),
  stock                INTEGER NOT NULL CHECK (stock >= 0),
  low_stock_threshold  INTEGER NOT NULL DEFAULT 0 CHECK (low_stock_threshold >= 0),
  active               BOOLEAN NOT NULL DEFAULT true,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per redemption request (the caller's idempotency key): reserved stock first, then points spent.
CREATE TABLE loyalty_redemptions (
  idempotency_key         TEXT PRIMARY KEY,
  customer_id             TEXT NOT NULL,
  reward_id               TEXT NOT NULL REFERENCES loyalty_catalog (reward_id),
  points                  BIGINT NOT NULL CHECK (points > 0),
  status                  TEXT NOT NULL CHECK (status IN ('reserved', 'completed', 'refused')),
  refusal                 TEXT,
  ledger_transaction_id   TEXT,
  created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at              TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX loyalty_redemptions_customer_idx ON loyalty_redemptions (customer_id, created_at);

-- Down Migration
DROP TABLE loyalty_redemptions;
DROP TABLE loyalty_catalog;
DROP TABLE loyalty_tier_changes;
DROP TABLE loyalty_member_tiers;
