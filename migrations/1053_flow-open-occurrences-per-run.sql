-- Up Migration
-- Every open occurrence journey hears events, not only the newest: a weekly rule whose journey waits longer than a week
-- has two open at once. One row per occurrence (run); the store keeps the newest few per customer and campaign, an
-- event that finds one ended forgets it, an ended campaign forgets all of its own (hence the campaign index).
ALTER TABLE flow_open_occurrences DROP CONSTRAINT flow_open_occurrences_pkey;
ALTER TABLE flow_open_occurrences ADD PRIMARY KEY (customer_id, campaign_id, run);
CREATE INDEX flow_open_occurrences_campaign ON flow_open_occurrences (campaign_id);

-- Down Migration
DROP INDEX flow_open_occurrences_campaign;
ALTER TABLE flow_open_occurrences DROP CONSTRAINT flow_open_occurrences_pkey;
DELETE FROM flow_open_occurrences f
 USING flow_open_occurrences newer
 WHERE newer.customer_id = f.customer_id AND newer.campaign_id = f.campaign_id AND newer.run > f.run;
ALTER TABLE flow_open_occurrences ADD PRIMARY KEY (customer_id, campaign_id);
