import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('writes the same text as ever for the data requests are made of', () => {
    // Pinned: ledger request hashes and Idempotency-Key fingerprints stored before must still match.
    expect(
      canonicalJson({
        b: 1,
        a: [1, undefined, { d: new Date(0), c: 'x', skipped: undefined }, null, [], {}],
        é: 'ü',
        A: true,
      }),
    ).toBe('{"A":true,"a":[1,null,{"c":"x","d":"1970-01-01T00:00:00.000Z"},null,[],{}],"b":1,"é":"ü"}');
    expect([canonicalJson(undefined), canonicalJson(null), canonicalJson('s'), canonicalJson(2.5)]).toEqual([
      'null',
      'null',
      '"s"',
      '2.5',
    ]);
  });

  it('handles nesting far deeper than any call stack (a body of 100,000 levels)', () => {
    let objects: unknown = 0;
    let arrays: unknown = 0;
    for (let i = 0; i < 100_000; i++) {
      objects = { z: 1, a: objects };
      arrays = [arrays];
    }
    expect(canonicalJson(objects)).toBe('{"a":'.repeat(100_000) + '0' + ',"z":1}'.repeat(100_000));
    expect(canonicalJson(arrays)).toBe('['.repeat(100_000) + '0' + ']'.repeat(100_000));
  });
});
