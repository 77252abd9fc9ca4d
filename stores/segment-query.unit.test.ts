import type { AttributeType } from '../contracts/customer-attributes';
import type { SegmentFilter } from '../contracts/segment-filter';
import { birthdayDays, compileSegmentFilter } from './segment-query';

const TYPES = new Map<string, AttributeType>([
  ['region', 'string'],
  ['score', 'number'],
  ['tags', 'string-list'],
  ['birthday', 'date'],
]);
const AS_OF = '2027-02-26T10:00:00.000Z';

describe('segment filter compilation', () => {
  it('every caller value, attribute names included, is a parameter: none reaches the SQL text', () => {
    const hostile = "east'); DROP TABLE customers; --";
    const filter: SegmentFilter = {
      any: [
        { attribute: 'region', op: 'eq', value: hostile },
        { attribute: 'region', op: 'in', value: [hostile, 'west'] },
        { attribute: 'region', op: 'contains', value: hostile },
        { not: { attribute: 'tags', op: 'contains', value: hostile } },
        { attribute: 'score', op: 'gte', value: 7 },
      ],
    };
    const { predicate, params } = compileSegmentFilter(filter, TYPES, AS_OF);
    expect(predicate).not.toContain(hostile);
    expect(predicate).not.toContain('DROP');
    expect(predicate).not.toContain('region');
    expect(params).toEqual(expect.arrayContaining([hostile, [hostile, 'west'], 'region', 'tags', 7]));
    // Every placeholder has its parameter and every parameter is used (Postgres refuses one nothing uses).
    const used = new Set([...predicate.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect([...used].sort((a, b) => a - b)).toEqual(params.map((_, i) => i + 1));
  });

  it.each(['eq', 'ne', 'in', 'gte'] as const)(
    'tier %s uses every parameter it adds (the rank list only where ranks are compared)',
    (op) => {
      const value = op === 'in' ? ['silver', 'gold'] : 'silver';
      const { predicate, params } = compileSegmentFilter({ fact: 'tier', op, value }, TYPES, AS_OF);
      const used = new Set([...predicate.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      expect([...used].sort((a, b) => a - b)).toEqual(params.map((_, i) => i + 1));
    },
  );

  it('adds the instant facts are read at only when a fact depends on time', () => {
    expect(compileSegmentFilter({ fact: 'orderCount', op: 'gte', value: 1 }, TYPES, AS_OF).params).toEqual([
      1,
    ]);
    const timed = compileSegmentFilter({ fact: 'walletBalance', op: 'gt', value: 0 }, TYPES, AS_OF);
    expect(timed.params).toEqual([AS_OF, 0]);
  });

  it('refuses an attribute the catalog does not hold (the service checks first; this is the last guard)', () => {
    expect(() => compileSegmentFilter({ attribute: 'shoeSize', op: 'exists' }, TYPES, AS_OF)).toThrow(
      'attribute shoeSize is not declared',
    );
  });
});

describe('birthday days', () => {
  it('month N: every day of that month', () => {
    const days = birthdayDays({ birthday: { month: 4 } }, AS_OF);
    expect(days).toHaveLength(31);
    expect(days[0]).toBe('04-01');
    expect(days.every((d) => d.startsWith('04-'))).toBe(true);
  });

  it('within N days: from the day of asOf (UTC), across a month end, with 29 February on 28 February in a common year', () => {
    expect(birthdayDays({ birthday: { withinDays: 3 } }, AS_OF)).toEqual([
      '02-26',
      '02-27',
      '02-28',
      '02-29',
      '03-01',
    ]);
    // 2028 is a leap year: 29 February is a day of its own.
    expect(birthdayDays({ birthday: { withinDays: 3 } }, '2028-02-27T23:00:00Z')).toEqual([
      '02-27',
      '02-28',
      '02-29',
      '03-01',
    ]);
    expect(birthdayDays({ birthday: { withinDays: 0 } }, '2026-12-31T23:59:59Z')).toEqual(['12-31']);
    expect(birthdayDays({ birthday: { withinDays: 2 } }, '2026-12-31T00:00:00Z')).toEqual([
      '12-31',
      '01-01',
      '01-02',
    ]);
  });
});
