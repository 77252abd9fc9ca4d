-- Up Migration
-- A campaign's schedule: it launches itself at starts_at and ends itself at ends_at (a campaign-schedule workflow per
-- campaign sleeps until each instant; the row is the truth it checks before acting, so a schedule changed or a manual
-- launch/end made meanwhile turns the scheduled action into a no-op). time_zone is the IANA zone the schedule was
-- given in (how the console shows it; the instants themselves are absolute).
ALTER TABLE campaigns
  ADD COLUMN starts_at TIMESTAMPTZ,
  ADD COLUMN ends_at   TIMESTAMPTZ,
  ADD COLUMN time_zone TEXT,
  ADD CONSTRAINT campaigns_schedule_order CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at);

-- Down Migration
ALTER TABLE campaigns
  DROP CONSTRAINT campaigns_schedule_order,
  DROP COLUMN time_zone,
  DROP COLUMN ends_at,
  DROP COLUMN starts_at;
