-- Up Migration
-- The balance guard becomes a statement trigger on UPDATE OF balance. As a row trigger its WHEN clause (depth and
-- OLD/NEW comparison) was compiled for every UPDATE statement on accounts, including the posting trigger's own — a
-- measurable part of every ledger write. A statement trigger's WHEN can only test the depth, which is all the rule
-- needs: balance is written by the posting trigger (depth 1) and by nothing else. It is stricter than before: any
-- statement that names the balance column at depth 0 is refused, whether or not a value would change.
DROP TRIGGER ledger_accounts_guard_balance ON ledger_accounts;
CREATE FUNCTION ledger_refuse_direct_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger account balances change only through postings'
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER ledger_accounts_guard_balance BEFORE UPDATE OF balance ON ledger_accounts
  FOR EACH STATEMENT WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ledger_refuse_direct_balance();

-- Down Migration
DROP TRIGGER ledger_accounts_guard_balance ON ledger_accounts;
DROP FUNCTION ledger_refuse_direct_balance();
CREATE TRIGGER ledger_accounts_guard_balance BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW WHEN (pg_trigger_depth() = 0 AND NEW.balance IS DISTINCT FROM OLD.balance)
  EXECUTE FUNCTION ledger_guard_balance();
