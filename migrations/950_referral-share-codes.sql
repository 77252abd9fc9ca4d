-- Up Migration
-- A referrer's generated share code (random, check symbol), used in share links and QR codes. referral_code (the
-- customer id, guessable) keeps resolving for links already out there.
ALTER TABLE customers ADD COLUMN share_code TEXT UNIQUE;

-- Down Migration
ALTER TABLE customers DROP COLUMN share_code;
