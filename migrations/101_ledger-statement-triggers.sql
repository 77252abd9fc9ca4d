-- Up Migration
-- One trigger call per INSERT statement instead of three per posting (apply, guard, deferred check): on the grant
-- hot path the per-row PL/pgSQL calls cost about as much as all the rest of the write.
--
-- Rule this relies on: a ledger transaction's postings are written by one INSERT statement (recordTransaction and the
-- one-statement grant do so). The zero-sum check therefore runs at the end of that statement rather than at commit,
-- which is stricter: an unbalanced statement fails at once, and no later statement can unbalance a transaction.
DROP TRIGGER ledger_postings_balanced ON ledger_postings;
DROP TRIGGER ledger_postings_apply ON ledger_postings;
DROP FUNCTION ledger_check_balanced();
DROP FUNCTION ledger_apply_posting();

CREATE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  off RECORD;
BEGIN
  SELECT p.transaction_id, a.currency, sum(p.amount) AS total INTO off
    FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
   WHERE p.transaction_id IN (SELECT transaction_id FROM new_postings)
   GROUP BY p.transaction_id, a.currency
  HAVING sum(p.amount) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % left over', off.transaction_id, off.total, off.currency
      USING ERRCODE = 'check_violation';
  END IF;
  -- Bounded accounts only; the rows are already locked by the writer (budget slots, lots) or new in this statement.
  UPDATE ledger_accounts a SET balance = a.balance + d.delta
    FROM (SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id) d
   WHERE a.id = d.account_id AND a.balance IS NOT NULL;
  RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_postings_inserted AFTER INSERT ON ledger_postings
  REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_postings_inserted();

-- The balance guard now decides in its WHEN clause (no PL/pgSQL call) and only raises on a direct balance UPDATE.
DROP TRIGGER ledger_accounts_guard_balance ON ledger_accounts;
CREATE TRIGGER ledger_accounts_guard_balance BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW WHEN (pg_trigger_depth() = 0 AND NEW.balance IS DISTINCT FROM OLD.balance)
  EXECUTE FUNCTION ledger_guard_balance();

-- Down Migration
DROP TRIGGER ledger_accounts_guard_balance ON ledger_accounts;
CREATE TRIGGER ledger_accounts_guard_balance BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_guard_balance();
DROP TRIGGER ledger_postings_inserted ON ledger_postings;
DROP FUNCTION ledger_postings_inserted();

CREATE FUNCTION ledger_apply_posting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ledger_accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id AND balance IS NOT NULL;
  RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_postings_apply AFTER INSERT ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_apply_posting();

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
