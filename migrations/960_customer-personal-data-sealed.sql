-- Up Migration
-- Customers' personal data sealed at rest (stores/personal-data.ts): email, phone, device_id and payment_fingerprint
-- keep their columns but hold AES-256-GCM ciphertext (the key id is inside each value); *_hash hold a keyed hash
-- (HMAC-SHA256) of each for anti-fraud matching without decrypting. pii_key_id is the key a row's (or an event's)
-- personal data is sealed with: NULL marks a row written before this migration, still plaintext until the API's
-- start-up reseal (a migration cannot know the key) rewrites it. erased_at: when DELETE /v1/customers/{id} wiped it.
ALTER TABLE customers
  ADD COLUMN email_hash   TEXT,
  ADD COLUMN phone_hash   TEXT,
  ADD COLUMN device_hash  TEXT,
  ADD COLUMN payment_hash TEXT,
  ADD COLUMN pii_key_id   TEXT,
  ADD COLUMN erased_at    TIMESTAMPTZ;
-- Equality on ciphertext means nothing (every seal draws a fresh IV): matching goes through the hashes.
DROP INDEX customers_email_idx;
DROP INDEX customers_phone_idx;
DROP INDEX customers_device_idx;
DROP INDEX customers_payment_idx;
CREATE INDEX customers_email_hash_idx ON customers (email_hash) WHERE email_hash IS NOT NULL;
CREATE INDEX customers_phone_hash_idx ON customers (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX customers_device_hash_idx ON customers (device_hash) WHERE device_hash IS NOT NULL;
CREATE INDEX customers_payment_hash_idx ON customers (payment_hash) WHERE payment_hash IS NOT NULL;

-- The key a stored event's personal fields (payload.sealedPersonalData) are sealed with; NULL: a plaintext payload
-- from before this migration, resealed at start-up.
ALTER TABLE customer_events ADD COLUMN pii_key_id TEXT;

-- Erasure and export find a customer's emails by address and their journeys by the campaigns they were assigned in.
CREATE INDEX email_log_recipient_idx ON email_log (lower(recipient));
CREATE INDEX campaign_assignments_customer_idx ON campaign_assignments (customer_id);

-- Down Migration
DROP INDEX campaign_assignments_customer_idx;
DROP INDEX email_log_recipient_idx;
-- Values sealed meanwhile stay sealed (a migration cannot decrypt): roll back only before any was written.
ALTER TABLE customer_events DROP COLUMN pii_key_id;
DROP INDEX customers_payment_hash_idx;
DROP INDEX customers_device_hash_idx;
DROP INDEX customers_phone_hash_idx;
DROP INDEX customers_email_hash_idx;
ALTER TABLE customers
  DROP COLUMN erased_at,
  DROP COLUMN pii_key_id,
  DROP COLUMN payment_hash,
  DROP COLUMN device_hash,
  DROP COLUMN phone_hash,
  DROP COLUMN email_hash;
CREATE INDEX customers_email_idx ON customers (lower(email));
CREATE INDEX customers_phone_idx ON customers (phone);
CREATE INDEX customers_device_idx ON customers (device_id);
CREATE INDEX customers_payment_idx ON customers (payment_fingerprint);
