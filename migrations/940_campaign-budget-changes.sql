-- Up Migration
-- Top-ups of a campaign's budget, with who and why; the change id is also the ledger key of the allocation, so a
-- retried top-up allocates once and raises the campaign's budget once.
CREATE TABLE campaign_budget_changes (
  change_id   TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns (campaign_id),
  amount      BIGINT NOT NULL CHECK (amount > 0),
  reason      TEXT NOT NULL,
  changed_by  TEXT NOT NULL,
  changed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX campaign_budget_changes_campaign ON campaign_budget_changes (campaign_id, changed_at);

-- Down Migration
DROP TABLE campaign_budget_changes;
