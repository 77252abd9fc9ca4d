-- Up Migration
-- A/B variants of a campaign: [{ name, weight, config (the override as declared), effectiveConfig (merged, validated) }].
-- NULL = no variants (every customer gets the campaign's config).
ALTER TABLE campaigns ADD COLUMN variants JSONB;

-- Which variant each customer got, written when a journey is started for them (idempotent: the first write wins, and
-- the assignment is a pure function of campaign and customer anyway). KPIs group by it.
CREATE TABLE campaign_assignments (
  campaign_id  TEXT        NOT NULL,
  customer_id  TEXT        NOT NULL,
  variant      TEXT        NOT NULL,
  assigned_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, customer_id)
);
CREATE INDEX campaign_assignments_variant_idx ON campaign_assignments (campaign_id, variant);

-- The monthly referral leaderboard reads paid referrals by payment time.
CREATE INDEX referrals_paid_idx ON referrals (paid_at, referrer_id) WHERE status = 'paid';
-- KPIs read a campaign's lots and referrals.
CREATE INDEX ledger_lots_campaign_idx ON ledger_lots (campaign_id, granted_at);
CREATE INDEX referrals_campaign_idx ON referrals (campaign_id, status);

-- Down Migration
DROP INDEX referrals_campaign_idx;
DROP INDEX ledger_lots_campaign_idx;
DROP INDEX referrals_paid_idx;
DROP TABLE campaign_assignments;
ALTER TABLE campaigns DROP COLUMN variants;
