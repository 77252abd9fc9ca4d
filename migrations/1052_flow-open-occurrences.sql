-- Up Migration
-- The open journey of a date or calendar entry's occurrence, per customer and campaign (its workflow id is
-- journey/<campaign>/<customer>/<date>, not the id events are routed to): written when an occurrence's enrolment starts
-- it, only for campaigns whose definition hears events (a waitFor or exitOn), overwritten by a newer occurrence,
-- cleared when an event finds the journey ended. The event router reads it once per event, by customer.
CREATE TABLE flow_open_occurrences (
  customer_id TEXT        NOT NULL,
  campaign_id TEXT        NOT NULL,
  run         TEXT        NOT NULL,
  workflow_id TEXT        NOT NULL,
  started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, campaign_id)
);

-- Down Migration
DROP TABLE flow_open_occurrences;
