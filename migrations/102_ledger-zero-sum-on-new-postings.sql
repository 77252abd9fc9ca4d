-- Up Migration
-- The per-statement zero-sum check (migration 101) summed *all* stored postings of the statement's transactions. Its
-- plan is fixed once per session (the transition table has no statistics) and came out as a merge semi join over the
-- whole ledger_postings_transaction_idx: with random transaction ids it read on average half the index on every
-- grant, so the hot path slowed down linearly with the size of the journal (0.5 ms at 6 000 postings).
--
-- Summing only the statement's own postings is the same rule: every earlier posting statement was balanced per
-- transaction and currency (checked by this trigger, or at commit by migration 100's deferred trigger before 101),
-- so a transaction's stored postings sum to zero before the statement, and they still do after it if and only if the
-- statement's postings for that transaction sum to zero. Postings are append-only, so no other change can unbalance
-- a transaction. The account lookups are primary-key probes, one per new posting: constant cost per statement.
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
  -- Bounded accounts only; the rows are already locked by the writer (budget slots, lots) or new in this statement.
  UPDATE ledger_accounts a SET balance = a.balance + d.delta
    FROM (SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id) d
   WHERE a.id = d.account_id AND a.balance IS NOT NULL;
  RETURN NULL;
END;
$$;

-- Down Migration
CREATE OR REPLACE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
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
  UPDATE ledger_accounts a SET balance = a.balance + d.delta
    FROM (SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id) d
   WHERE a.id = d.account_id AND a.balance IS NOT NULL;
  RETURN NULL;
END;
$$;
