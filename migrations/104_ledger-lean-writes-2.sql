-- Up Migration
-- Continues 103 on the grant path.
--
-- 1. The single-column CHECKs of the rows every grant writes (lot, lot account, postings, and the balance UPDATE of
--    the posting trigger) become domains too: same rules, same constraint names, but parsed once per session instead
--    of once per statement. The cross-column CHECKs (bounded balance, threshold minimum) stay on their tables.
CREATE DOMAIN ledger_balance AS BIGINT CONSTRAINT ledger_accounts_balance_nonnegative CHECK (VALUE >= 0);
CREATE DOMAIN ledger_posting_amount AS BIGINT CONSTRAINT ledger_postings_amount_check CHECK (VALUE <> 0);
CREATE DOMAIN ledger_positive_amount AS BIGINT CONSTRAINT ledger_positive_amount_check CHECK (VALUE > 0);
CREATE DOMAIN ledger_nonnegative_amount AS BIGINT CONSTRAINT ledger_nonnegative_amount_check CHECK (VALUE >= 0);
CREATE DOMAIN ledger_categories AS TEXT[] CONSTRAINT ledger_categories_check CHECK (cardinality(VALUE) > 0);

-- The balance guard's WHEN clause depends on the column's type: dropped and recreated around the change.
DROP TRIGGER ledger_accounts_guard_balance ON ledger_accounts;
ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_balance_nonnegative,
  ALTER COLUMN balance TYPE ledger_balance;
CREATE TRIGGER ledger_accounts_guard_balance BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW WHEN (pg_trigger_depth() = 0 AND NEW.balance IS DISTINCT FROM OLD.balance)
  EXECUTE FUNCTION ledger_guard_balance();

ALTER TABLE ledger_postings DROP CONSTRAINT ledger_postings_amount_check,
  ALTER COLUMN amount TYPE ledger_posting_amount;
ALTER TABLE ledger_lots DROP CONSTRAINT ledger_lots_original_amount_check,
  DROP CONSTRAINT ledger_lots_min_order_amount_check, DROP CONSTRAINT ledger_lots_scope_categories_check,
  ALTER COLUMN original_amount TYPE ledger_positive_amount,
  ALTER COLUMN min_order_amount TYPE ledger_nonnegative_amount,
  ALTER COLUMN scope_categories TYPE ledger_categories;

-- 2. The posting trigger in one statement instead of two (one executor start less per posting statement). The
--    balance UPDATE runs in a data-modifying CTE, so it always completes before the zero-sum result is looked at; an
--    unbalanced statement still fails (check_violation) and rolls the update back with everything else.
CREATE OR REPLACE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  off RECORD;
BEGIN
  WITH applied AS (
    -- Bounded accounts only; the rows are already locked by the writer (budget slots, lots) or new in this statement.
    UPDATE ledger_accounts a SET balance = a.balance + d.delta
      FROM (SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id) d
     WHERE a.id = d.account_id AND a.balance IS NOT NULL
  )
  -- Zero-sum per transaction and currency over the statement's own postings (see migration 102).
  SELECT n.transaction_id, a.currency, sum(n.amount) AS total INTO off
    FROM new_postings n JOIN ledger_accounts a ON a.id = n.account_id
   GROUP BY n.transaction_id, a.currency
  HAVING sum(n.amount) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % left over', off.transaction_id, off.total, off.currency
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

-- Down Migration
CREATE OR REPLACE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  off RECORD;
BEGIN
  SELECT n.transaction_id, a.currency, sum(n.amount) AS total INTO off
    FROM new_postings n JOIN ledger_accounts a ON a.id = n.account_id
   GROUP BY n.transaction_id, a.currency
  HAVING sum(n.amount) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % left over', off.transaction_id, off.total, off.currency
      USING ERRCODE = 'check_violation';
  END IF;
  UPDATE ledger_accounts a SET balance = a.balance + d.delta
    FROM (SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id) d
   WHERE a.id = d.account_id AND a.balance IS NOT NULL;
  RETURN NULL;
END;
$$;

ALTER TABLE ledger_lots ALTER COLUMN original_amount TYPE BIGINT,
  ALTER COLUMN min_order_amount TYPE BIGINT, ALTER COLUMN scope_categories TYPE TEXT[],
  ADD CONSTRAINT ledger_lots_original_amount_check CHECK (original_amount > 0),
  ADD CONSTRAINT ledger_lots_min_order_amount_check CHECK (min_order_amount IS NULL OR min_order_amount >= 0),
  ADD CONSTRAINT ledger_lots_scope_categories_check
    CHECK (scope_categories IS NULL OR cardinality(scope_categories) > 0);
ALTER TABLE ledger_postings ALTER COLUMN amount TYPE BIGINT,
  ADD CONSTRAINT ledger_postings_amount_check CHECK (amount <> 0);
DROP TRIGGER ledger_accounts_guard_balance ON ledger_accounts;
ALTER TABLE ledger_accounts ALTER COLUMN balance TYPE BIGINT,
  ADD CONSTRAINT ledger_accounts_balance_nonnegative CHECK (balance IS NULL OR balance >= 0);
CREATE TRIGGER ledger_accounts_guard_balance BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW WHEN (pg_trigger_depth() = 0 AND NEW.balance IS DISTINCT FROM OLD.balance)
  EXECUTE FUNCTION ledger_guard_balance();
DROP DOMAIN ledger_categories;
DROP DOMAIN ledger_nonnegative_amount;
DROP DOMAIN ledger_positive_amount;
DROP DOMAIN ledger_posting_amount;
DROP DOMAIN ledger_balance;
