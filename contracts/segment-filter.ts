import { z } from 'zod';
import { AttributeName } from './customer-attributes';

/**
 * Facts the product computes about a customer (GET /v1/customers/{id} shows them; segments filter on them). Money in
 * minor units; tier is the member tier of the member-tier campaign that changed it last (null: none).
 */
export const CUSTOMER_FACTS = [
  'orderCount',
  'totalSpent',
  'totalSpentLast365Days',
  'daysSinceLastOrder',
  'walletBalance',
  'pointsBalance',
  'tier',
  'referralsPaid',
] as const;
export type CustomerFact = (typeof CUSTOMER_FACTS)[number];

/** Member tiers in rank order: gt/gte/lt/lte on `tier` compare ranks ("silver and above"). */
export const TIER_RANKS = ['standard', 'silver', 'gold', 'diamond'] as const;

export const SEGMENT_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists', 'contains'] as const;
export type SegmentOp = (typeof SEGMENT_OPS)[number];

/** How big a filter may be: it compiles to one SQL statement, and its size bounds that statement. */
export const SEGMENT_FILTER_LIMITS = { depth: 6, nodes: 100, inValues: 100, valueLength: 200 } as const;

/**
 * A string to compare with, as given (not trimmed: `contains ' '` must not become `contains ''`, which matches
 * everyone): only a NUL byte is refused, which Postgres' jsonb cannot store.
 */
const ComparisonText = z
  .string()
  .max(SEGMENT_FILTER_LIMITS.valueLength)
  .refine((v) => !v.includes('\u0000'), 'must not contain a NUL character');
const Scalar = z.union([ComparisonText, z.number(), z.boolean()]);
const ComparisonValue = z.union([
  Scalar,
  z.array(z.union([ComparisonText, z.number()])).max(SEGMENT_FILTER_LIMITS.inValues),
]);

export const AttributeComparison = z.strictObject({
  attribute: AttributeName,
  op: z.enum(SEGMENT_OPS),
  value: ComparisonValue.optional(),
});
export const FactComparison = z.strictObject({
  fact: z.enum(CUSTOMER_FACTS),
  op: z.enum(SEGMENT_OPS),
  value: ComparisonValue.optional(),
});
/** The birthday helpers: born in month N, or a birthday (its month and day) within the next N days, today included. */
export const BirthdayRule = z.strictObject({
  birthday: z.union([
    z.strictObject({ month: z.number().int().min(1).max(12) }),
    z.strictObject({ withinDays: z.number().int().min(0).max(366) }),
  ]),
});

export type AttributeComparison = z.infer<typeof AttributeComparison>;
export type FactComparison = z.infer<typeof FactComparison>;
export type BirthdayRule = z.infer<typeof BirthdayRule>;
export type SegmentFilter =
  | { all: SegmentFilter[] }
  | { any: SegmentFilter[] }
  | { not: SegmentFilter }
  | AttributeComparison
  | FactComparison
  | BirthdayRule;

const MAX_BRANCHES = SEGMENT_FILTER_LIMITS.nodes;

/** The filter tree as a recursive schema (its size is checked by SegmentFilterBody). */
export const SegmentFilterNode: z.ZodType<SegmentFilter> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(SegmentFilterNode).min(1).max(MAX_BRANCHES) }),
    z.strictObject({ any: z.array(SegmentFilterNode).min(1).max(MAX_BRANCHES) }),
    z.strictObject({ not: SegmentFilterNode }),
    AttributeComparison,
    FactComparison,
    BirthdayRule,
  ]),
);

/** Depth (a leaf is 1) and node count of a filter tree. */
export function filterSize(f: SegmentFilter): { depth: number; nodes: number } {
  const children = 'all' in f ? f.all : 'any' in f ? f.any : 'not' in f ? [f.not] : [];
  let depth = 0;
  let nodes = 1;
  for (const c of children) {
    const s = filterSize(c);
    depth = Math.max(depth, s.depth);
    nodes += s.nodes;
  }
  return { depth: depth + 1, nodes };
}

/** A whole filter: the tree within the depth and node limits. */
export const SegmentFilterBody = SegmentFilterNode.superRefine((f, ctx) => {
  const { depth, nodes } = filterSize(f);
  if (depth > SEGMENT_FILTER_LIMITS.depth)
    ctx.addIssue({ code: 'custom', message: `nested ${depth} deep; at most ${SEGMENT_FILTER_LIMITS.depth}` });
  if (nodes > SEGMENT_FILTER_LIMITS.nodes)
    ctx.addIssue({ code: 'custom', message: `${nodes} nodes; at most ${SEGMENT_FILTER_LIMITS.nodes}` });
});

// Zod-free, for the interpreter's bundle.
export { SEGMENT_TEST_TIMEOUT } from './segment-test';
