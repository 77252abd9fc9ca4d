-- Up Migration
-- The posting trigger rewritten for a cost per statement that depends on nothing but its own postings.
--
-- 1. Plans that cannot go bad. Postgres plans a trigger's statements once per session and keeps the plan while the
--    tables grow. The joins of 104 against ledger_accounts were planned with the transition table at its real size (a
--    few rows) and ledger_accounts at whatever size it had then; two index probes cost more than a 10-page hash join
--    in that estimate, so the cached plan scanned every account on every posting statement: a grant got slower with
--    every lot ever granted (0.5 ms at 3 000 accounts) until autovacuum happened to re-plan it. The function is now
--    declared with sequential scans and hash/merge joins off, so the only plans left are primary-key probes, whatever
--    the table sizes or statistics (ledger/plans.test.ts reads the executed plans after the ledger has grown).
-- 2. One statement. Profiled on grants, the trigger was a quarter of the server's time, mostly fixed cost per
--    statement (executor start-up, the accounts' CHECK compiled per UPDATE statement); one statement pays it once.
-- 3. One transaction in one currency per posting statement — what both writers already do (recordTransaction, the
--    one-statement grant; points and money never share a transaction). As a rule it lets one plain aggregate check
--    everything, instead of grouping (sorting) the postings per transaction and currency.
-- 4. References checked here instead of by two foreign keys on ledger_postings: the trigger already probes each
--    posting's account, and the foreign keys were two more per-row constraint triggers (lookup and row lock) per
--    posting. Same guarantee: a posting must name an existing account and transaction (23503 otherwise, as before),
--    and neither can go away afterwards — transactions and postings are append-only (now also against TRUNCATE),
--    accounts can be neither deleted nor renumbered. The check reads committed rows and the statement's own, so an
--    account still uncommitted in another session counts as missing (the ledger never posts to one).
ALTER TABLE ledger_postings
  DROP CONSTRAINT ledger_postings_transaction_id_fkey,
  DROP CONSTRAINT ledger_postings_account_id_fkey;

CREATE OR REPLACE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql
  SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
DECLARE
  chk RECORD;
BEGIN
  WITH applied AS (
    -- Bounded accounts only; the rows are already locked by the writer (budget slots, lots) or new in this statement.
    -- Index probes only (point 1 above).
    UPDATE ledger_accounts a SET balance = a.balance + d.delta
      FROM (SELECT account_id, sum(amount)::bigint AS delta FROM new_postings GROUP BY account_id) d
     WHERE a.id = d.account_id AND a.balance IS NOT NULL
  ), legs AS (
    SELECT p.transaction_id::text AS transaction_id, p.account_id, p.amount,
           (SELECT a.currency FROM ledger_accounts a WHERE a.id = p.account_id) AS currency
      FROM new_postings p
  )
  -- Over the statement's own postings only: every earlier statement was balanced when it was written (see 102).
  SELECT s.*, (SELECT true FROM ledger_transactions t WHERE t.id = s.transaction_id::uuid) AS journaled INTO chk
    FROM (SELECT count(*) AS legs, count(l.currency) AS known,
                 min(l.account_id) FILTER (WHERE l.currency IS NULL) AS unknown,
                 min(l.transaction_id) AS transaction_id, max(l.transaction_id) AS last_transaction_id,
                 min(l.currency) AS currency, max(l.currency) AS last_currency, sum(l.amount) AS total
            FROM legs l) s;
  -- The balance UPDATE above has run in full (a data-modifying CTE always does); raising rolls it back with the rest.
  -- A statement that inserted no postings (the one-statement grant finding no free slot) has nothing to check.
  IF chk.legs = 0 THEN
    RETURN NULL;
  ELSIF chk.known < chk.legs THEN
    RAISE EXCEPTION 'ledger posting names account %, which does not exist', chk.unknown
      USING ERRCODE = 'foreign_key_violation';
  ELSIF chk.transaction_id <> chk.last_transaction_id THEN
    RAISE EXCEPTION 'a posting statement writes one ledger transaction (% and others)', chk.transaction_id
      USING ERRCODE = 'check_violation';
  ELSIF chk.currency <> chk.last_currency THEN
    RAISE EXCEPTION 'ledger transaction % mixes currencies', chk.transaction_id
      USING ERRCODE = 'check_violation';
  ELSIF chk.journaled IS NULL THEN
    RAISE EXCEPTION 'ledger posting names transaction %, which does not exist', chk.transaction_id
      USING ERRCODE = 'foreign_key_violation';
  ELSIF chk.total <> 0 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % left over', chk.transaction_id, chk.total, chk.currency
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

-- What the foreign keys also guaranteed: a referenced account stays. Accounts are closed by their balance, never
-- removed, and their id is their identity in every posting.
CREATE FUNCTION ledger_account_is_permanent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger account % cannot be deleted or renumbered', OLD.id
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER ledger_accounts_permanent BEFORE DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_account_is_permanent();
CREATE TRIGGER ledger_accounts_id_permanent BEFORE UPDATE OF id ON ledger_accounts
  FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id) EXECUTE FUNCTION ledger_account_is_permanent();
-- Row triggers do not see TRUNCATE; the journal and the accounts refuse it as a statement.
CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- Down Migration
DROP TRIGGER ledger_accounts_no_truncate ON ledger_accounts;
DROP TRIGGER ledger_transactions_no_truncate ON ledger_transactions;
DROP TRIGGER ledger_postings_no_truncate ON ledger_postings;
DROP TRIGGER ledger_accounts_id_permanent ON ledger_accounts;
DROP TRIGGER ledger_accounts_permanent ON ledger_accounts;
DROP FUNCTION ledger_account_is_permanent();
-- The function of 104, recreated rather than replaced so that none of this version's settings survive.
DROP TRIGGER ledger_postings_inserted ON ledger_postings;
DROP FUNCTION ledger_postings_inserted();
CREATE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER ledger_postings_inserted AFTER INSERT ON ledger_postings
  REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_postings_inserted();
ALTER TABLE ledger_postings
  ADD CONSTRAINT ledger_postings_transaction_id_fkey FOREIGN KEY (transaction_id) REFERENCES ledger_transactions (id),
  ADD CONSTRAINT ledger_postings_account_id_fkey FOREIGN KEY (account_id) REFERENCES ledger_accounts (id);
