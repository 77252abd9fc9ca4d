-- Up Migration
-- The one-statement grant's choice of a budget slot, as a function planned with sequential scans off. Inline in the
-- client's prepared statement, the two slot lookups got a cached generic plan from the sixth grant of a session on;
-- made on a young, freshly analysed ledger, that plan was a scan of every account, kept while the ledger grew. Here
-- each lookup can only use its index (the unique code, then the campaign's budget index), whatever the statistics.
-- First the slot picked at random by the caller (one key probe); only if that one is busy or short, a random free one
-- among all the campaign's slots. SKIP LOCKED: concurrent grants spread over the slots instead of queueing.
CREATE FUNCTION ledger_pick_budget_slot(p_campaign_id text, p_code text, p_amount bigint) RETURNS bigint
  LANGUAGE plpgsql SET enable_seqscan = off
AS $$
DECLARE
  slot bigint;
BEGIN
  SELECT id INTO slot FROM ledger_accounts
   WHERE code = p_code AND kind = 'campaign_budget' AND campaign_id = p_campaign_id AND balance >= p_amount
     FOR UPDATE SKIP LOCKED;
  IF slot IS NULL THEN
    SELECT id INTO slot FROM ledger_accounts
     WHERE kind = 'campaign_budget' AND campaign_id = p_campaign_id AND balance >= p_amount
     ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED;
  END IF;
  RETURN slot;
END;
$$;

-- Down Migration
DROP FUNCTION ledger_pick_budget_slot(text, text, bigint);
