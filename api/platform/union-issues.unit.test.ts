import { z } from 'zod';
import { SimulationTimelineEntry } from '../../contracts/simulation';
import { CustomPropertyValue } from '../../contracts/customer-events';
import { narrowUnionIssues } from './union-issues';

const narrowed = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return narrowUnionIssues(result.error.issues).map((i) => ({ path: i.path, code: i.code }));
};

describe('narrowUnionIssues: a failed union reports the branch the client meant', () => {
  const timeline = z.array(SimulationTimelineEntry);

  it('an event entry with a bad amount: the event branch’s issue, at its place in the timeline', () => {
    expect(
      narrowed(timeline, [
        { at: 'P0D', decision: 'approve' },
        { at: 'P1D', event: { type: 'order_placed', orderId: 'o-1', amount: -5, categories: [] } },
      ]),
    ).toEqual([{ path: [1, 'event', 'amount'], code: 'too_small' }]);
  });

  it('a decision entry with an unknown decision: the decision branch (the only one that knows every key)', () => {
    expect(narrowed(timeline, [{ at: 'P1D', decision: 'maybe' }])).toEqual([
      { path: [0, 'decision'], code: 'invalid_value' },
    ]);
  });

  it('an event of an unknown type: the discriminated union inside the event branch says so at event.type', () => {
    const issues = narrowed(timeline, [{ at: 'P1D', event: { type: 'teleported' } }]);
    expect(issues).toEqual([{ path: [0, 'event', 'type'], code: 'invalid_union' }]);
  });

  it('nothing stands out (only `at`, or not an object): the union’s own issue stays', () => {
    expect(narrowed(timeline, [{ at: 'P1D' }])).toEqual([{ path: [0], code: 'invalid_union' }]);
    expect(narrowed(timeline, ['an entry'])).toEqual([{ path: [0], code: 'invalid_union' }]);
  });

  it('issues that are not unions pass as they are', () => {
    const schema = z.object({ a: z.number(), b: z.union([z.string(), z.number()]) });
    expect(narrowed(schema, { a: 'x', b: true })).toEqual([
      { path: ['a'], code: 'invalid_type' },
      { path: ['b'], code: 'invalid_union' },
    ]);
  });

  it('a custom property value: a list of a wrong item is located at the item', () => {
    const issues = narrowed(z.record(z.string(), CustomPropertyValue), { tags: ['ok', { deep: 1 }] });
    expect(issues.every((i) => i.path[0] === 'tags')).toBe(true);
  });
});
