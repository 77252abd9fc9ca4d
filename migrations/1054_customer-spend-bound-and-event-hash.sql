-- Up Migration
-- A customer's spend stays a number JSON carries exactly: at most 2^53 - 1 (Number.MAX_SAFE_INTEGER), what every
-- money field of the API may hold. An order that would take it past that is refused (422, nothing written) instead
-- of leaving the customer's profile, facts and export unreadable. The rolling 365-day spend (non-refunded orders)
-- never exceeds it, so this one bound covers both.
-- A profile an earlier build let past it (two orders near the bound: hostile or test data, 90 trillion in a currency's
-- units) is set to the bound first, so that upgrading such a database does not stop here (an outside probe's did);
-- its profile could not be answered exactly before either.
UPDATE customers SET total_spent = 9007199254740991 WHERE total_spent > 9007199254740991;
ALTER TABLE customers ADD CONSTRAINT customers_total_spent_json_safe CHECK (total_spent <= 9007199254740991);

-- What each event said, as a keyed hash of its fields other than personal data (stores/customers.ts): an eventId sent
-- again with other content is a conflict (409), not a silent duplicate. Null for events stored before it.
ALTER TABLE customer_events ADD COLUMN content_hash TEXT;

-- Down Migration
ALTER TABLE customer_events DROP COLUMN content_hash;
ALTER TABLE customers DROP CONSTRAINT customers_total_spent_json_safe;
