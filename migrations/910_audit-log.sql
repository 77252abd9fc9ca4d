-- Up Migration
-- Who changed what through the API: one row per successful state-changing request (campaign created, launched,
-- paused, ended; keys issued and revoked; budgets funded; codes issued and voided; approvals decided ...). High-volume
-- customer traffic (events, checkout, claims) is left out: the journal and the ledger already record it.
CREATE TABLE audit_log (
  entry_id     BIGSERIAL PRIMARY KEY,
  occurred_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor_key_id TEXT NOT NULL,
  actor_name   TEXT NOT NULL,
  operation_id TEXT NOT NULL,
  method       TEXT NOT NULL,
  -- The request path (ids only, no body): /v1/campaigns/cmp_1/launch.
  resource     TEXT NOT NULL,
  status       INTEGER NOT NULL,
  request_id   TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor_key_id, entry_id);
CREATE INDEX audit_log_resource ON audit_log (resource text_pattern_ops, entry_id);

-- Down Migration
DROP TABLE audit_log;
