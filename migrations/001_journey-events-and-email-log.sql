-- Up Migration
-- What journeys did, step by step: the audit trail ops and tests read, one row per (workflow, step).
CREATE TABLE journey_events (
  id           BIGSERIAL PRIMARY KEY,
  workflow_id  TEXT        NOT NULL,
  step         TEXT        NOT NULL,
  kind         TEXT        NOT NULL,
  customer_id  TEXT,
  campaign_id  TEXT,
  detail       JSONB       NOT NULL DEFAULT '{}'::jsonb,
  occurred_at  TIMESTAMPTZ NOT NULL,
  recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (workflow_id, step)
);
CREATE INDEX journey_events_customer_idx ON journey_events (customer_id, occurred_at);
CREATE INDEX journey_events_campaign_idx ON journey_events (campaign_id, kind, occurred_at);

-- Every email a journey sends, keyed so an activity retry never sends twice once delivery was confirmed.
CREATE TABLE email_log (
  idempotency_key TEXT PRIMARY KEY,
  recipient       TEXT        NOT NULL,
  template        TEXT        NOT NULL,
  locale          TEXT        NOT NULL,
  subject         TEXT        NOT NULL,
  status          TEXT        NOT NULL CHECK (status IN ('sending', 'sent')),
  message_id      TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  sent_at         TIMESTAMPTZ
);

-- Down Migration
DROP TABLE email_log;
DROP TABLE journey_events;
