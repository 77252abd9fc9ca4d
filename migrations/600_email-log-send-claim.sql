-- Up Migration
-- A send claims its row before the SMTP hand-off: a second attempt of the same email (an activity retried while the
-- first attempt is still talking to the SMTP server) waits for the claim to lapse instead of sending in parallel.
ALTER TABLE email_log
  ADD COLUMN claim_token TEXT,
  ADD COLUMN claimed_at  TIMESTAMPTZ,
  ADD COLUMN attempts    INTEGER NOT NULL DEFAULT 0;

-- Down Migration
ALTER TABLE email_log
  DROP COLUMN attempts,
  DROP COLUMN claimed_at,
  DROP COLUMN claim_token;
