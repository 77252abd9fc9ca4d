-- Up Migration
-- The posting trigger rewritten for a cost per statement that depends on nothing but its own postings.
--
-- 1. Plans that cannot go bad. Postgres plans a trigger's statements once per session and keeps the plan while the
--    tables grow. The joins of 104 against ledger_accounts were planned with the transition table at its real size (a
--    few rows) and ledger_accounts at whatever size it had then; two index probes cost more than a 10-page hash join
--    in that estimate, so the cached plan scanned every account on every posting statement: a grant got slower with
--    every lot ever granted (0.5 ms at 3 000 accounts) until autovacuum happened to re-plan it. Now every access is
--    a lookup of one key (a correlated subquery, or an UPDATE by primary key), and the function is declared with
--    sequential scans off: an index condition on one key is never costlier than reading the whole index, so no
--    statistics can make these plans read a whole table (ledger/plans.test.ts reads the executed plans after a small,
--    freshly analysed ledger has grown).
-- 2. Fewer statements. Profiled on grants, the trigger was a quarter of the server's time, mostly fixed cost per
--    statement; all checks now take one statement, and the balances one primary-key UPDATE per account.
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
  SET enable_seqscan = off
AS $$
DECLARE
  chk RECORD;
  acc RECORD;
BEGIN
  -- Over the statement's own postings only: every earlier statement was balanced when it was written (see 102).
  -- Materialised: each posting's account is probed once, however many aggregates read its currency.
  WITH legs AS MATERIALIZED (
    SELECT p.transaction_id::text AS transaction_id, p.account_id, p.amount,
           (SELECT a.currency FROM ledger_accounts a WHERE a.id = p.account_id) AS currency
      FROM new_postings p
  )
  SELECT s.*, (SELECT true FROM ledger_transactions t WHERE t.id = s.transaction_id::uuid) AS journaled INTO chk
    FROM (SELECT count(*) AS legs, count(l.currency) AS known,
                 min(l.account_id) FILTER (WHERE l.currency IS NULL) AS unknown,
                 min(l.transaction_id) AS transaction_id, max(l.transaction_id) AS last_transaction_id,
                 min(l.currency) AS currency, max(l.currency) AS last_currency, sum(l.amount) AS total
            FROM legs l) s;
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
  -- Balances last, once the statement is known to be sound: one primary-key UPDATE per account, bounded accounts
  -- only; their rows are already locked by the writer (budget slots, lots) or new in this statement. (A set-based
  -- UPDATE joins, and a join may still be planned as a full index scan of the accounts on a small analysed table.)
  FOR acc IN SELECT account_id, sum(amount)::bigint AS delta FROM new_postings GROUP BY account_id LOOP
    UPDATE ledger_accounts SET balance = balance + acc.delta WHERE id = acc.account_id AND balance IS NOT NULL;
  END LOOP;
  RETURN NULL;
END;
$$;

-- What the foreign keys also guaranteed, and more: an account a posting names stays, and stays what it was. Accounts
-- are closed by their balance, never removed; their id, code, kind, currency, campaign and customer never change (the
-- trigger trusts an account's currency, and the views its kind and owners). Refused per statement, without a WHEN
-- clause: the posting trigger's balance UPDATE does not name these columns, so it never fires this.
CREATE FUNCTION ledger_account_is_permanent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger accounts are permanent: never deleted, and their id, code, kind, currency, campaign and '
    'customer never change' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER ledger_accounts_permanent BEFORE DELETE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_account_is_permanent();
CREATE TRIGGER ledger_accounts_identity_permanent
  BEFORE UPDATE OF id, code, kind, currency, campaign_id, customer_id ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_account_is_permanent();
-- Balances start at zero (bounded accounts) or are kept in postings (NULL): an account cannot be born with value
-- that no posting put there. The WHEN clause decides without calling the function for every account created.
CREATE FUNCTION ledger_account_opens_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger account % would open with balance %: balances come from postings only', NEW.code, NEW.balance
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER ledger_accounts_open_empty BEFORE INSERT ON ledger_accounts
  FOR EACH ROW WHEN (NEW.balance <> 0) EXECUTE FUNCTION ledger_account_opens_empty();
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
DROP TRIGGER ledger_accounts_open_empty ON ledger_accounts;
DROP FUNCTION ledger_account_opens_empty();
DROP TRIGGER ledger_accounts_identity_permanent ON ledger_accounts;
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
