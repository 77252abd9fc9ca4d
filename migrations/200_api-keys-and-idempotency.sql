-- Up Migration
-- API keys: only a SHA-256 of the key is kept, so a database dump does not hand out credentials. The prefix is the
-- first characters of the key, kept so people can tell their keys apart in listings.
CREATE TABLE api_keys (
  id          TEXT PRIMARY KEY,
  name        TEXT        NOT NULL,
  prefix      TEXT        NOT NULL,
  key_hash    BYTEA       NOT NULL UNIQUE,
  roles       TEXT[]      NOT NULL CHECK (
    cardinality(roles) > 0
    AND roles <@ ARRAY['growth', 'support', 'support-manager', 'finance', 'storefront', 'ops', 'admin']::TEXT[]
  ),
  created_by  TEXT REFERENCES api_keys (id),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at  TIMESTAMPTZ
);

-- Idempotency-Key records of POST requests (Stripe/Formance semantics), scoped per API key. A row is claimed
-- 'in_progress' before the handler runs and holds the first response once it is 'completed'.
CREATE TABLE idempotency_keys (
  owner_id               TEXT        NOT NULL,
  idempotency_key        TEXT        NOT NULL,
  request_hash           TEXT        NOT NULL,
  method                 TEXT        NOT NULL,
  path                   TEXT        NOT NULL,
  state                  TEXT        NOT NULL CHECK (state IN ('in_progress', 'completed')),
  response_status        INTEGER,
  response_content_type  TEXT,
  response_body          TEXT,
  locked_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at           TIMESTAMPTZ,
  expires_at             TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (owner_id, idempotency_key),
  CHECK (state = 'in_progress' OR (response_status IS NOT NULL AND response_body IS NOT NULL))
);
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);

-- Down Migration
DROP TABLE idempotency_keys;
DROP TABLE api_keys;
