-- Up Migration
-- A posting's two references (its account, its transaction) are checked by the posting trigger instead of two foreign
-- keys. The trigger already probes each posting's account (currency for the zero-sum rule); the foreign keys ran two
-- more per-row constraint triggers per posting, each a separate lookup and row lock, on every ledger write.
--
-- Same guarantee: a posting must name an existing account and an existing transaction (23503 otherwise, as before),
-- and neither can go away afterwards — transactions and postings are append-only (now also against TRUNCATE), and
-- accounts can be neither deleted nor renumbered. The trigger reads committed rows and the statement's own, so an
-- account or transaction still uncommitted in another session counts as missing (the ledger never does that: an
-- account and its first posting are written by the same transaction).
ALTER TABLE ledger_postings
  DROP CONSTRAINT ledger_postings_transaction_id_fkey,
  DROP CONSTRAINT ledger_postings_account_id_fkey;

CREATE OR REPLACE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  off RECORD;
  acc RECORD;
BEGIN
  -- Per transaction and currency over the statement's own postings (see migrations 102 and 105): zero-sum, and every
  -- reference resolved. Correlated subqueries keep each lookup a primary-key probe whatever the table sizes.
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
  -- Bounded accounts only; the rows are already locked by the writer (budget slots, lots) or new in this statement.
  FOR acc IN SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id LOOP
    UPDATE ledger_accounts SET balance = balance + acc.delta WHERE id = acc.account_id AND balance IS NOT NULL;
  END LOOP;
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
CREATE OR REPLACE FUNCTION ledger_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  off RECORD;
  acc RECORD;
BEGIN
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
  FOR acc IN SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id LOOP
    UPDATE ledger_accounts SET balance = balance + acc.delta WHERE id = acc.account_id AND balance IS NOT NULL;
  END LOOP;
  RETURN NULL;
END;
$$;
ALTER TABLE ledger_postings
  ADD CONSTRAINT ledger_postings_transaction_id_fkey FOREIGN KEY (transaction_id) REFERENCES ledger_transactions (id),
  ADD CONSTRAINT ledger_postings_account_id_fkey FOREIGN KEY (account_id) REFERENCES ledger_accounts (id);
