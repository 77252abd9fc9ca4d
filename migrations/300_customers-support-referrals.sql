-- Up Migration
-- Customer profiles as the storefront reports them through events: contact, fraud fingerprints and order facts.
CREATE TABLE customers (
  customer_id          TEXT PRIMARY KEY,
  email                TEXT,
  locale               TEXT NOT NULL DEFAULT 'zh-CN',
  phone                TEXT,
  device_id            TEXT,
  payment_fingerprint  TEXT,
  referral_code        TEXT UNIQUE,
  referred_by          TEXT,
  signed_up_at         TIMESTAMPTZ,
  first_order_id       TEXT,
  first_order_at       TIMESTAMPTZ,
  last_order_at        TIMESTAMPTZ,
  order_count          INTEGER NOT NULL DEFAULT 0,
  total_spent          BIGINT  NOT NULL DEFAULT 0 CHECK (total_spent >= 0),
  last_active_at       TIMESTAMPTZ,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customers_email_idx ON customers (lower(email));
CREATE INDEX customers_phone_idx ON customers (phone);
CREATE INDEX customers_device_idx ON customers (device_id);
CREATE INDEX customers_payment_idx ON customers (payment_fingerprint);

CREATE TABLE customer_orders (
  order_id     TEXT PRIMARY KEY,
  customer_id  TEXT NOT NULL REFERENCES customers (customer_id),
  amount       BIGINT NOT NULL CHECK (amount >= 0),
  categories   TEXT[] NOT NULL DEFAULT '{}',
  placed_at    TIMESTAMPTZ NOT NULL,
  refunded_at  TIMESTAMPTZ
);
CREATE INDEX customer_orders_customer_idx ON customer_orders (customer_id, placed_at);

-- Every customer event once (eventId is the storefront's idempotency key).
CREATE TABLE customer_events (
  event_id     TEXT PRIMARY KEY,
  customer_id  TEXT NOT NULL,
  type         TEXT NOT NULL,
  payload      JSONB NOT NULL,
  occurred_at  TIMESTAMPTZ NOT NULL,
  received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customer_events_customer_idx ON customer_events (customer_id, occurred_at);

-- Where support works: callback tasks and review tasks created by journeys.
CREATE TABLE support_tasks (
  task_id          BIGSERIAL PRIMARY KEY,
  idempotency_key  TEXT NOT NULL UNIQUE,
  customer_id      TEXT NOT NULL,
  kind             TEXT NOT NULL,
  title            TEXT NOT NULL,
  detail           JSONB NOT NULL DEFAULT '{}'::jsonb,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  due_at           TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX support_tasks_open_idx ON support_tasks (status, created_at);

-- Compensation quota usage per support agent; one row per request, released when a manager rejects.
CREATE TABLE support_agents (
  agent_id    TEXT PRIMARY KEY,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE compensation_quota_usage (
  request_key  TEXT PRIMARY KEY,
  agent_id     TEXT NOT NULL REFERENCES support_agents (agent_id),
  customer_id  TEXT NOT NULL,
  amount       BIGINT NOT NULL CHECK (amount > 0),
  usage_day    DATE NOT NULL,
  usage_month  DATE NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('reserved', 'released')),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX compensation_quota_agent_idx ON compensation_quota_usage (agent_id, usage_month, usage_day);

-- Referral relationships and their outcome; paid referrals drive the referrer's tier and the leaderboard.
CREATE TABLE referrals (
  referee_id   TEXT PRIMARY KEY,
  referrer_id  TEXT NOT NULL,
  campaign_id  TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'paid', 'rejected', 'cancelled', 'ineligible')),
  reason       TEXT,
  created_at   TIMESTAMPTZ NOT NULL,
  paid_at      TIMESTAMPTZ
);
CREATE INDEX referrals_referrer_idx ON referrals (referrer_id, status, paid_at);

-- Down Migration
DROP TABLE referrals;
DROP TABLE compensation_quota_usage;
DROP TABLE support_agents;
DROP TABLE support_tasks;
DROP TABLE customer_events;
DROP TABLE customer_orders;
DROP TABLE customers;
