-- Up Migration
-- The referrer's running number of this paid referral, fixed once: tier milestones are paid exactly once even when
-- two referrals of one referrer are paid at the same moment or an activity is retried.
ALTER TABLE referrals ADD COLUMN paid_seq INTEGER;
CREATE UNIQUE INDEX referrals_referrer_paid_seq_idx ON referrals (referrer_id, paid_seq) WHERE paid_seq IS NOT NULL;

-- Down Migration
DROP INDEX referrals_referrer_paid_seq_idx;
ALTER TABLE referrals DROP COLUMN paid_seq;
