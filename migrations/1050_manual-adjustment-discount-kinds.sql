-- Up Migration
-- A manual grant may be a percent-off or free-shipping coupon (a goodwill 八折 or 包邮): the rate and the minimum travel
-- with the request, so an approved grant writes exactly what was asked. Amount stays the coupon's cap.
ALTER TABLE manual_adjustments
  ADD COLUMN percent_bp INTEGER CHECK (percent_bp BETWEEN 1 AND 10000),
  ADD COLUMN min_order_amount BIGINT CHECK (min_order_amount > 0),
  ADD CONSTRAINT manual_adjustments_percent_has_rate CHECK ((credit_kind = 'percent') = (percent_bp IS NOT NULL));

-- Down Migration
ALTER TABLE manual_adjustments
  DROP CONSTRAINT manual_adjustments_percent_has_rate,
  DROP COLUMN min_order_amount,
  DROP COLUMN percent_bp;
