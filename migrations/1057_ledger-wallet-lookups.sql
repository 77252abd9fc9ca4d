-- Up Migration
-- The optimistic redemption's lookups (ledger/redeem-one-statement.ts), as functions planned with sequential scans
-- off, for the reason of 108: inline in the client's named statements they got a cached generic plan from a session's
-- sixth redemption on, and made on a young ledger, where reading a few pages whole is cheapest, that plan read every
-- lot and account for the wallet (and every redemption and idempotency key for the guards), kept while the ledger
-- grew (ledger/plans.test.ts). Unnamed statements, planned per call, would avoid it too, but planning the one
-- statement took more server time than its work (bench:ledger, redemptions: server CPU per redemption 1.0 ms named,
-- 1.9 ms unnamed). Here each lookup can only use an index condition, whatever the statistics: the wallet's accounts
-- are found by their ids (the customer's lots' accounts, from the lots' customer index), and lots are joined to them
-- by nested loop only. Written as a plain join with sequential scans off, a young ledger's plan walked the whole
-- accounts index in id order (which spares a sort) and probed each account's lot.

-- The customer's lots holding value, in account order (the columns of ledger/lots.ts LOT_COLUMNS).
CREATE FUNCTION ledger_wallet_lots(p_customer_id text)
  RETURNS TABLE (id uuid, account_id bigint, customer_id text, campaign_id text, kind ledger_credit_kind,
                 scope_categories ledger_categories, stacking ledger_stacking,
                 min_order_amount ledger_nonnegative_amount, percent_bp integer, gift_sku text,
                 original_amount ledger_positive_amount, balance ledger_balance, expires_at timestamptz,
                 granted_at timestamptz, revoked_at timestamptz)
  LANGUAGE plpgsql STABLE SET enable_seqscan = off SET enable_mergejoin = off SET enable_hashjoin = off
AS $$
BEGIN
  RETURN QUERY
    SELECT l.id, l.account_id, l.customer_id, l.campaign_id, l.kind, l.scope_categories, l.stacking,
           l.min_order_amount, l.percent_bp, l.gift_sku, l.original_amount, a.balance, l.expires_at, l.granted_at,
           l.revoked_at
      FROM ledger_accounts a JOIN ledger_lots l ON l.account_id = a.id
     WHERE a.id = ANY (ARRAY(SELECT w.account_id FROM ledger_lots w WHERE w.customer_id = p_customer_id))
       AND a.balance > 0
     ORDER BY a.id;
END;
$$;

-- The same wallet's accounts, locked in account order (the lock order of every writer of a wallet).
CREATE FUNCTION ledger_lock_wallet(p_customer_id text) RETURNS TABLE (id bigint, balance ledger_balance)
  LANGUAGE plpgsql SET enable_seqscan = off
AS $$
BEGIN
  RETURN QUERY
    SELECT a.id, a.balance FROM ledger_accounts a
     WHERE a.id = ANY (ARRAY(SELECT w.account_id FROM ledger_lots w WHERE w.customer_id = p_customer_id))
       AND a.balance > 0
     ORDER BY a.id
       FOR UPDATE;
END;
$$;

-- Whether the order has a redemption or the key has been claimed (either sends the caller to the general path).
CREATE FUNCTION ledger_redemption_seen(p_order_id text, p_key text) RETURNS boolean
  LANGUAGE plpgsql STABLE SET enable_seqscan = off
AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM ledger_redemptions r WHERE r.order_id = p_order_id)
      OR EXISTS (SELECT 1 FROM ledger_idempotency k WHERE k.key = p_key);
END;
$$;

-- Down Migration
DROP FUNCTION ledger_redemption_seen(text, text);
DROP FUNCTION ledger_lock_wallet(text);
DROP FUNCTION ledger_wallet_lots(text);
