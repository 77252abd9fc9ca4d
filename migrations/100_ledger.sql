-- Up Migration
-- The credit ledger: double entry over accounts, transactions and postings. Every movement of value is one
-- transaction whose postings sum to zero per currency (checked at commit by a deferred constraint trigger).
-- Account balances are maintained by a trigger on postings only, so "balance = sum of postings" holds by construction.

-- One ledger, one currency: the first Ledger instance to write pins it; an instance configured otherwise is refused.
CREATE TABLE ledger_settings (
  singleton  BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  currency   TEXT        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE ledger_accounts (
  id          BIGSERIAL   PRIMARY KEY,
  code        TEXT        NOT NULL UNIQUE,
  kind        TEXT        NOT NULL CHECK (kind IN (
                'program_funding', 'program_budget', 'campaign_budget', 'customer_lot', 'redeemed', 'breakage',
                'points_issued', 'points_lot', 'points_redeemed', 'points_expired')),
  -- A three-letter currency for money accounts, 'POINTS' for loyalty points: the two never balance against each other.
  currency    TEXT        NOT NULL,
  campaign_id TEXT,
  customer_id TEXT,
  -- NULL for unbounded accounts (sources and sinks such as funding, redeemed, breakage): their balance is read from
  -- postings, so the accounts every redemption or earn touches are never a row everybody waits on.
  balance     BIGINT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT ledger_accounts_bounded_balance CHECK (
    (kind IN ('program_budget', 'campaign_budget', 'customer_lot', 'points_lot')) = (balance IS NOT NULL)),
  -- Budgets and lots are hard floors: no code path may take them below zero.
  CONSTRAINT ledger_accounts_balance_nonnegative CHECK (balance IS NULL OR balance >= 0)
);
CREATE INDEX ledger_accounts_campaign_budget_idx ON ledger_accounts (campaign_id) WHERE kind = 'campaign_budget';

-- A campaign's budget is split over several slot accounts so concurrent grants on one campaign lock different rows
-- (a single hot budget row would serialise every grant behind the previous one's commit).
CREATE TABLE ledger_campaigns (
  campaign_id  TEXT        PRIMARY KEY,
  budget_slots INTEGER     NOT NULL CHECK (budget_slots BETWEEN 1 AND 64),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE ledger_transactions (
  id              UUID        PRIMARY KEY,
  type            TEXT        NOT NULL CHECK (type IN (
                    'fund', 'allocate', 'grant', 'redeem', 'reverse', 'revoke', 'expire',
                    'points_earn', 'points_redeem', 'points_expire')),
  idempotency_key TEXT        NOT NULL UNIQUE,
  -- Business time (the caller's asOf, e.g. workflow time on a time-skipping server), not the wall clock.
  occurred_at     TIMESTAMPTZ NOT NULL,
  memo            TEXT,
  recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ledger_transactions_type_idx ON ledger_transactions (type, occurred_at);

CREATE TABLE ledger_postings (
  id             BIGSERIAL   PRIMARY KEY,
  transaction_id UUID        NOT NULL REFERENCES ledger_transactions (id),
  account_id     BIGINT      NOT NULL REFERENCES ledger_accounts (id),
  amount         BIGINT      NOT NULL CHECK (amount <> 0),
  occurred_at    TIMESTAMPTZ NOT NULL,
  -- Reporting dimensions, copied onto the posting so finance views need no walk through transactions.
  lot_id         UUID,
  campaign_id    TEXT,
  -- Set on the customer's own leg only (the wallet side), which is what a statement lists.
  customer_id    TEXT
);
CREATE INDEX ledger_postings_transaction_idx ON ledger_postings (transaction_id);
CREATE INDEX ledger_postings_account_idx ON ledger_postings (account_id, occurred_at);
CREATE INDEX ledger_postings_lot_idx ON ledger_postings (lot_id) WHERE lot_id IS NOT NULL;
CREATE INDEX ledger_postings_statement_idx ON ledger_postings (customer_id, occurred_at DESC, id DESC)
  WHERE customer_id IS NOT NULL;

-- One credit grant to one customer; its remaining value is the balance of its own wallet account.
CREATE TABLE ledger_lots (
  id                   UUID        PRIMARY KEY,
  account_id           BIGINT      NOT NULL UNIQUE REFERENCES ledger_accounts (id),
  customer_id          TEXT        NOT NULL,
  campaign_id          TEXT        NOT NULL REFERENCES ledger_campaigns (campaign_id),
  kind                 TEXT        NOT NULL CHECK (kind IN ('cash', 'threshold', 'rebate')),
  -- NULL = the whole order; otherwise the product categories the lot may pay for.
  scope_categories     TEXT[]      CHECK (scope_categories IS NULL OR cardinality(scope_categories) > 0),
  stacking             TEXT        NOT NULL CHECK (stacking IN ('stackable', 'exclusive')),
  min_order_amount     BIGINT      CHECK (min_order_amount IS NULL OR min_order_amount >= 0),
  original_amount      BIGINT      NOT NULL CHECK (original_amount > 0),
  expires_at           TIMESTAMPTZ,
  granted_at           TIMESTAMPTZ NOT NULL,
  -- Deferred: the lot row is written before the budget is locked, its transaction after (short lock hold).
  grant_transaction_id UUID        NOT NULL REFERENCES ledger_transactions (id) DEFERRABLE INITIALLY DEFERRED,
  source               JSONB       NOT NULL,
  revoked_at           TIMESTAMPTZ,
  revoke_reason        TEXT,
  CONSTRAINT ledger_lots_threshold_has_minimum CHECK ((kind = 'threshold') = (min_order_amount IS NOT NULL))
);
CREATE INDEX ledger_lots_customer_idx ON ledger_lots (customer_id, expires_at);
CREATE INDEX ledger_lots_expiry_idx ON ledger_lots (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE ledger_redemptions (
  id                      UUID        PRIMARY KEY,
  customer_id             TEXT        NOT NULL,
  order_id                TEXT        NOT NULL UNIQUE,
  order_amount            BIGINT      NOT NULL CHECK (order_amount > 0),
  total                   BIGINT      NOT NULL CHECK (total > 0 AND total <= order_amount),
  transaction_id          UUID        NOT NULL UNIQUE REFERENCES ledger_transactions (id),
  occurred_at             TIMESTAMPTZ NOT NULL,
  reversal_transaction_id UUID        UNIQUE REFERENCES ledger_transactions (id),
  reversed_at             TIMESTAMPTZ
);
CREATE INDEX ledger_redemptions_customer_idx ON ledger_redemptions (customer_id, occurred_at);

-- Loyalty points are lots too (each earn expires on its own date), in their own 'POINTS' currency.
CREATE TABLE ledger_point_lots (
  id              UUID        PRIMARY KEY,
  account_id      BIGINT      NOT NULL UNIQUE REFERENCES ledger_accounts (id),
  customer_id     TEXT        NOT NULL,
  source_txn_id   TEXT        NOT NULL UNIQUE,
  original_points BIGINT      NOT NULL CHECK (original_points > 0),
  earned_at       TIMESTAMPTZ NOT NULL,
  expires_at      TIMESTAMPTZ,
  reason          TEXT        NOT NULL
);
CREATE INDEX ledger_point_lots_customer_idx ON ledger_point_lots (customer_id, expires_at);
CREATE INDEX ledger_point_lots_expiry_idx ON ledger_point_lots (expires_at) WHERE expires_at IS NOT NULL;

-- Points earned per customer per UTC day: the row that serialises earns against the daily cap.
CREATE TABLE ledger_points_daily (
  customer_id TEXT   NOT NULL,
  day         DATE   NOT NULL,
  earned      BIGINT NOT NULL DEFAULT 0 CHECK (earned >= 0),
  PRIMARY KEY (customer_id, day)
);

-- Every write's idempotency key, the hash of its canonical request and its result, stored in the write's transaction.
CREATE TABLE ledger_idempotency (
  key          TEXT        PRIMARY KEY,
  operation    TEXT        NOT NULL,
  request_hash TEXT        NOT NULL,
  result       JSONB,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION ledger_apply_posting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ledger_accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id AND balance IS NOT NULL;
  RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_postings_apply AFTER INSERT ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_apply_posting();

-- Balances change only through postings: a direct UPDATE of balance (trigger depth 1) is refused.
CREATE FUNCTION ledger_guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.balance IS DISTINCT FROM OLD.balance AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'ledger account % balance changes only through postings', OLD.code
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_accounts_guard_balance BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_guard_balance();

-- Checked at commit, once every posting of the transaction is in: the postings sum to zero in each currency.
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  off RECORD;
BEGIN
  SELECT a.currency, sum(p.amount) AS total INTO off
    FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
   WHERE p.transaction_id = NEW.transaction_id
   GROUP BY a.currency
  HAVING sum(p.amount) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % left over', NEW.transaction_id, off.total, off.currency
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- The journal is append-only: corrections are new (reversing) transactions.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- Down Migration
DROP TABLE ledger_idempotency;
DROP TABLE ledger_points_daily;
DROP TABLE ledger_point_lots;
DROP TABLE ledger_redemptions;
DROP TABLE ledger_lots;
DROP TABLE ledger_postings;
DROP TABLE ledger_transactions;
DROP TABLE ledger_campaigns;
DROP TABLE ledger_accounts;
DROP TABLE ledger_settings;
DROP FUNCTION ledger_append_only();
DROP FUNCTION ledger_check_balanced();
DROP FUNCTION ledger_guard_balance();
DROP FUNCTION ledger_apply_posting();
