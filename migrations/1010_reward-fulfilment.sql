-- Up Migration
-- Fulfilment of a reward redeemed for points (赠品履约): delivery to an address or pickup at a store, its status, the
-- support task that ships or prepares it, and the points given back when it is cancelled. One row per redemption.
-- The delivery address is personal data: stored only sealed (AES-256-GCM under the personal-data key, bound to this
-- row), never in clear; erasure sets it to NULL.
CREATE TABLE loyalty_reward_fulfilments (
  redemption_key        TEXT PRIMARY KEY REFERENCES loyalty_redemptions (idempotency_key),
  customer_id           TEXT NOT NULL,
  reward_id             TEXT NOT NULL REFERENCES loyalty_catalog (reward_id),
  mode                  TEXT NOT NULL CHECK (mode IN ('delivery', 'pickup')),
  status                TEXT NOT NULL CHECK (status IN (
                          'requested', 'shipped', 'ready', 'delivered', 'picked-up', 'cancelling', 'cancelled')),
  store_id              TEXT,
  address_sealed        TEXT,
  pii_key_id            TEXT,
  task_id               BIGINT,
  points_returned_txn   TEXT,
  created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT loyalty_reward_fulfilments_pickup_has_store CHECK ((mode = 'pickup') = (store_id IS NOT NULL)),
  CONSTRAINT loyalty_reward_fulfilments_status_fits_mode CHECK (
    status IN ('requested', 'cancelling', 'cancelled')
    OR (mode = 'delivery' AND status IN ('shipped', 'delivered'))
    OR (mode = 'pickup' AND status IN ('ready', 'picked-up')))
);
CREATE INDEX loyalty_reward_fulfilments_customer_idx ON loyalty_reward_fulfilments (customer_id, created_at);
CREATE INDEX loyalty_reward_fulfilments_task_idx ON loyalty_reward_fulfilments (task_id) WHERE task_id IS NOT NULL;

-- Down Migration
DROP TABLE loyalty_reward_fulfilments;
