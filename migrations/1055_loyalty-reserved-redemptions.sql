-- Up Migration
-- Redemptions still holding an item of a reward's stock (reserved, not yet completed or refused): a request that finds
-- no stock asks whether one of them may give it back (409 stock-pending, ask again) before saying out of stock.
-- Partial: only the few in flight are indexed.
CREATE INDEX loyalty_redemptions_reserved_idx ON loyalty_redemptions (reward_id) WHERE status = 'reserved';

-- Down Migration
DROP INDEX loyalty_redemptions_reserved_idx;
