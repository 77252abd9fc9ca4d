-- Up Migration
-- The posting trigger as one statement again (as in 104), with the index-probe plans of 105/106 made certain.
--
-- Profiled on the grant path, the trigger was a quarter of the server's time, most of it fixed cost per statement it
-- ran: four of them (zero-sum, the loop's query, one UPDATE per account), each with its own executor start-up, and
-- each UPDATE parsing the accounts' CHECK and the balance guard's WHEN clause afresh. One statement pays that once.
--
-- A set-based UPDATE joins the statement's postings to ledger_accounts, and a join may be planned as a scan of every
-- account when the plan is made on a young ledger (see 105). The function therefore plans its statement with scans
-- and hash/merge joins disabled: the only plan left is a nested loop of primary-key probes, one per account touched,
-- whatever the table sizes or statistics. The settings apply inside this function only.
CREATE OR REPLACE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql
  SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
DECLARE
  off RECORD;
BEGIN
  WITH applied AS (
    -- Bounded accounts only; the rows are already locked by the writer (budget slots, lots) or new in this statement.
    UPDATE ledger_accounts a SET balance = a.balance + d.delta
      FROM (SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id) d
     WHERE a.id = d.account_id AND a.balance IS NOT NULL
  )
  -- Per transaction and currency over the statement's own postings (102): zero-sum and every reference resolved (106).
  SELECT l.transaction_id, l.currency, sum(l.amount) AS total, min(l.account_id) AS account_id,
         count(l.journaled) = count(*) AS journaled INTO off
    FROM (SELECT p.transaction_id, p.account_id, p.amount,
                 (SELECT a.currency FROM ledger_accounts a WHERE a.id = p.account_id) AS currency,
                 (SELECT true FROM ledger_transactions t WHERE t.id = p.transaction_id) AS journaled
            FROM new_postings p) l
   GROUP BY l.transaction_id, l.currency
  HAVING l.currency IS NULL OR count(l.journaled) < count(*) OR sum(l.amount) <> 0
   LIMIT 1;
  -- The balance UPDATE above has run in full (a data-modifying CTE always does); raising rolls it back with the rest.
  IF FOUND THEN
    IF off.currency IS NULL THEN
      RAISE EXCEPTION 'ledger posting names account %, which does not exist', off.account_id
        USING ERRCODE = 'foreign_key_violation';
    ELSIF NOT off.journaled THEN
      RAISE EXCEPTION 'ledger posting names transaction %, which does not exist', off.transaction_id
        USING ERRCODE = 'foreign_key_violation';
    END IF;
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
  acc RECORD;
BEGIN
  SELECT l.transaction_id, l.currency, sum(l.amount) AS total, min(l.account_id) AS account_id,
         count(l.journaled) = count(*) AS journaled INTO off
    FROM (SELECT p.transaction_id, p.account_id, p.amount,
                 (SELECT a.currency FROM ledger_accounts a WHERE a.id = p.account_id) AS currency,
                 (SELECT true FROM ledger_transactions t WHERE t.id = p.transaction_id) AS journaled
            FROM new_postings p) l
   GROUP BY l.transaction_id, l.currency
  HAVING l.currency IS NULL OR count(l.journaled) < count(*) OR sum(l.amount) <> 0
   LIMIT 1;
  IF FOUND THEN
    IF off.currency IS NULL THEN
      RAISE EXCEPTION 'ledger posting names account %, which does not exist', off.account_id
        USING ERRCODE = 'foreign_key_violation';
    ELSIF NOT off.journaled THEN
      RAISE EXCEPTION 'ledger posting names transaction %, which does not exist', off.transaction_id
        USING ERRCODE = 'foreign_key_violation';
    END IF;
    RAISE EXCEPTION 'ledger transaction % does not balance: % % left over', off.transaction_id, off.total, off.currency
      USING ERRCODE = 'check_violation';
  END IF;
  FOR acc IN SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id LOOP
    UPDATE ledger_accounts SET balance = balance + acc.delta WHERE id = acc.account_id AND balance IS NOT NULL;
  END LOOP;
  RETURN NULL;
END;
$$;
