-- Up Migration
-- A campaign's audience: only members of the segment enter its journeys (checked when an event would start one, and
-- the filter of every enrolment run). enrol_existing: at launch, a campaign-level enrolment workflow pages through the
-- audience and starts a journey for each member.
ALTER TABLE campaigns
  ADD COLUMN audience_segment_id TEXT REFERENCES segments (segment_id),
  ADD COLUMN enrol_existing BOOLEAN NOT NULL DEFAULT false,
  ADD CONSTRAINT campaigns_enrol_needs_audience CHECK (NOT enrol_existing OR audience_segment_id IS NOT NULL);

-- One enrolment run of a campaign: `launch` (its audience at launch) or an occurrence date of a date or calendar
-- entry (YYYY-MM-DD in the campaign's time zone). The cursor is the last customer id enrolled (keyset pagination):
-- the durable truth a resumed run continues from, advanced only from the value the page was read after.
CREATE TABLE campaign_enrolments (
  campaign_id TEXT        NOT NULL REFERENCES campaigns (campaign_id),
  run         TEXT        NOT NULL,
  state       TEXT        NOT NULL DEFAULT 'running'
                          CHECK (state IN ('running', 'paused', 'completed', 'stopped')),
  total       INTEGER     NOT NULL,
  enrolled    INTEGER     NOT NULL DEFAULT 0,
  already     INTEGER     NOT NULL DEFAULT 0,
  cursor      TEXT,
  started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ,
  PRIMARY KEY (campaign_id, run)
);

-- Down Migration
DROP TABLE campaign_enrolments;
ALTER TABLE campaigns
  DROP CONSTRAINT campaigns_enrol_needs_audience,
  DROP COLUMN enrol_existing,
  DROP COLUMN audience_segment_id;
