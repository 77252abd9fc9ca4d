-- Up Migration
-- The posting trigger's two joins against ledger_accounts (balance update, zero-sum check) were planned once per
-- session, with the transition table estimated at its real size (a few rows) and ledger_accounts at whatever size it
-- had then (at least 10 pages when never analysed). Two index probes cost more than a 10-page hash join in that
-- estimate, so the cached plan was a sequential scan of every account on every posting statement — a grant got
-- slower with every lot ever granted (0.5 ms per grant at 3 000 accounts) until autovacuum happened to re-plan it.
--
-- Now each posting reaches its account and transaction through a correlated subquery (executed per posting as a
-- primary-key probe; a subquery is never turned into a join), and balances are applied one account at a time by
-- primary key. Cost per statement is proportional to its postings, whatever the size of the ledger.
CREATE OR REPLACE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  off RECORD;
  acc RECORD;
BEGIN
  -- Zero-sum per transaction and currency over the statement's own postings (see migration 102).
  SELECT n.transaction_id, n.currency, sum(n.amount) AS total INTO off
    FROM (SELECT p.transaction_id, p.amount,
                 (SELECT a.currency FROM ledger_accounts a WHERE a.id = p.account_id) AS currency
            FROM new_postings p) n
   GROUP BY n.transaction_id, n.currency
  HAVING sum(n.amount) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % left over', off.transaction_id, off.total, off.currency
      USING ERRCODE = 'check_violation';
  END IF;
  -- Bounded accounts only; the rows are already locked by the writer (budget slots, lots) or new in this statement.
  FOR acc IN SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id LOOP
    UPDATE ledger_accounts SET balance = balance + acc.delta WHERE id = acc.account_id AND balance IS NOT NULL;
  END LOOP;
  RETURN NULL;
END;
$$;

-- Down Migration
CREATE OR REPLACE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  off RECORD;
BEGIN
  WITH applied AS (
    UPDATE ledger_accounts a SET balance = a.balance + d.delta
      FROM (SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id) d
     WHERE a.id = d.account_id AND a.balance IS NOT NULL
  )
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
