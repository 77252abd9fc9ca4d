-- Up Migration
-- A campaign: one journey plugin + its validated config + a budget, with a lifecycle.
CREATE TABLE campaigns (
  campaign_id   TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  journey_type  TEXT NOT NULL,
  config        JSONB NOT NULL,
  budget        BIGINT NOT NULL CHECK (budget > 0),
  status        TEXT NOT NULL CHECK (status IN ('draft', 'launched', 'paused', 'ended')),
  created_by    TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  launched_at   TIMESTAMPTZ,
  paused_at     TIMESTAMPTZ,
  ended_at      TIMESTAMPTZ
);
CREATE INDEX campaigns_status_idx ON campaigns (status, journey_type);

-- Down Migration
DROP TABLE campaigns;
