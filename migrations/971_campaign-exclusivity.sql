-- Up Migration
-- Exclusivity: among the campaigns of one exclusivity group, at most one pays a given customer. priority decides
-- between campaigns whose journeys started for the same event (the higher wins); otherwise the first grant wins.
ALTER TABLE campaigns
  ADD COLUMN exclusivity_group TEXT,
  ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;

-- Which campaign of a group pays a customer: taken (first one wins) by a journey's grant just before the ledger
-- write; given back if the ledger refuses that grant.
CREATE TABLE exclusivity_claims (
  exclusivity_group TEXT        NOT NULL,
  customer_id       TEXT        NOT NULL,
  campaign_id       TEXT        NOT NULL,
  claimed_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (exclusivity_group, customer_id)
);

-- Journeys of two or more campaigns of one group started for the same event, written by the event router before it
-- starts them: a grant of a lower-priority one is excluded when a higher-priority rival entered for the same event.
CREATE TABLE exclusivity_entries (
  exclusivity_group TEXT        NOT NULL,
  customer_id       TEXT        NOT NULL,
  event_id          TEXT        NOT NULL,
  campaign_id       TEXT        NOT NULL,
  priority          INTEGER     NOT NULL,
  entered_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (exclusivity_group, customer_id, event_id, campaign_id)
);

-- Down Migration
DROP TABLE exclusivity_entries;
DROP TABLE exclusivity_claims;
ALTER TABLE campaigns DROP COLUMN priority, DROP COLUMN exclusivity_group;
