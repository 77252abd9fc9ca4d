-- Up Migration
-- The failed-journeys metric counts `journey-failed` journal entries at every scrape: an index of those alone keeps
-- that a scan of a handful of rows however long the journal grows.
CREATE INDEX journey_events_failed_idx ON journey_events ((detail->>'journeyType')) WHERE kind = 'journey-failed';

-- Down Migration
DROP INDEX journey_events_failed_idx;
