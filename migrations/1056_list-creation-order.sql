-- Up Migration
-- The lists kept oldest first are keyset-paged over (created_at, id) (stores/creation-order-page.ts): with these a
-- page is an index range scan from the cursor's row, so a late page costs what the first does.
CREATE INDEX campaigns_creation_order_idx ON campaigns (created_at, campaign_id);
CREATE INDEX segments_creation_order_idx ON segments (created_at, segment_id);
CREATE INDEX api_keys_creation_order_idx ON api_keys (created_at, id);

-- Down Migration
DROP INDEX api_keys_creation_order_idx;
DROP INDEX segments_creation_order_idx;
DROP INDEX campaigns_creation_order_idx;
