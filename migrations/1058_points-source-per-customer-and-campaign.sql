-- Up Migration
-- A points lot's source transaction (an order id) is unique per customer and campaign, no longer across the ledger:
-- two points campaigns both earn on one order, and two customers' orders may carry the same id. Before, whichever
-- earn came first took the order id and the other was refused (an outside probe: with a 1-point and a 1000-point
-- campaign launched, each order earned in one of them, at random). Ordered for the refund's lookup (customer, order).
ALTER TABLE ledger_point_lots DROP CONSTRAINT ledger_point_lots_source_txn_id_key;
ALTER TABLE ledger_point_lots
  ADD CONSTRAINT ledger_point_lots_source_key UNIQUE NULLS NOT DISTINCT (customer_id, source_txn_id, campaign_id);

-- Down Migration
ALTER TABLE ledger_point_lots DROP CONSTRAINT ledger_point_lots_source_key;
ALTER TABLE ledger_point_lots ADD CONSTRAINT ledger_point_lots_source_txn_id_key UNIQUE (source_txn_id);
