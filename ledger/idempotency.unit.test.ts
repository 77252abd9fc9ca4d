import fc from 'fast-check';
import { canonicalJson } from '../lib/canonical-json';
import { requestHash } from './idempotency';

/** A plainly different way to the same text: sort keys deeply, then let JSON.stringify do the rest. */
function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, sortedDeep(record[k])]),
  );
}

describe('ledger: canonical request hashing', () => {
  it('hashes a request exactly as stored keys were hashed (a change would turn replays into conflicts)', () => {
    const grant = {
      campaignId: 'c-1',
      customerId: 'cust-9',
      amount: 1500,
      kind: 'threshold',
      scope: { type: 'categories', categories: ['books', 'toys'] },
      stacking: 'exclusive',
      minOrderAmount: 10000,
      expiresAt: new Date('2025-04-01T00:00:00.000Z'),
      asOf: new Date('2025-03-01T00:00:00.000Z'),
      source: { reason: 'repurchase 7d', journeyId: 'wf-1:run-1', actor: undefined },
      currency: undefined,
      é: [1, undefined, null, 'x"y'],
    };
    expect(requestHash('grantCredit', grant)).toBe(
      'c4aeb0962d89569d432d6442b90d93dcde85daa578bcb189aad8ded10849675a',
    );
  });

  it('is JSON with keys sorted and undefined left out, whatever the key order', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.string(),
        fc.date({ noInvalidDate: true }),
        fc.constant(undefined),
        fc.array(tie('value'), { maxLength: 4 }),
        // Prefixed: an object lists integer-like keys first whatever the insertion order, so the reference above
        // could not express a sorted order for them.
        fc.dictionary(
          fc.string({ maxLength: 6 }).map((k) => `k${k}`),
          tie('value'),
          { maxKeys: 5 },
        ),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(sortedDeep(value)) ?? 'null');
        if (
          value !== null &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          !(value instanceof Date)
        ) {
          const reversed = Object.fromEntries(Object.entries(value).reverse());
          expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        }
      }),
      { numRuns: 500 },
    );
  });
});
