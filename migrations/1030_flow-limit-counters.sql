-- Up Migration
-- Campaign-wide counters with a ceiling for flow journeys' `limit` nodes (the first 100 referrers, a salesperson's
-- fund quota): one row per campaign, counter and scope (an event field's value, '' for the whole campaign), locked
-- by every claim so concurrent journeys never pass the ceiling.
CREATE TABLE flow_limit_counters (
  campaign_id TEXT   NOT NULL,
  counter     TEXT   NOT NULL,
  scope       TEXT   NOT NULL DEFAULT '',
  used        BIGINT NOT NULL DEFAULT 0 CHECK (used >= 0),
  PRIMARY KEY (campaign_id, counter, scope)
);

-- One row per claim: by the claiming journey's idempotency key (`journey`), or by the customer or referrer counted
-- once. A retried claim finds its row and answers the same; another journey's claim on a customer already counted
-- is refused.
CREATE TABLE flow_limit_claims (
  claim_key   TEXT        PRIMARY KEY,
  campaign_id TEXT        NOT NULL,
  counter     TEXT        NOT NULL,
  scope       TEXT        NOT NULL,
  journey_key TEXT        NOT NULL,
  weight      BIGINT      NOT NULL CHECK (weight >= 0),
  granted     BOOLEAN     NOT NULL,
  used_after  BIGINT      NOT NULL,
  claimed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX flow_limit_claims_counter_idx ON flow_limit_claims (campaign_id, counter, scope);

-- Down Migration
DROP TABLE flow_limit_claims;
DROP TABLE flow_limit_counters;
