/*
 * The segment builder's model: groups (all / any, optionally negated) of conditions on a profile attribute, a computed
 * fact or the birthday, and the filter tree POST /v1/segments takes (README "Customer profiles and segments"). Values
 * are typed as text and converted by the attribute's type; the API checks the tree against its catalog (422, located).
 */

export type AttributeType = 'string' | 'number' | 'boolean' | 'date' | 'string-list';

/** The facts the API computes (contracts/segment-filter.ts CUSTOMER_FACTS; a unit test keeps the two equal). */
export const FACTS = [
  'orderCount',
  'totalSpent',
  'totalSpentLast365Days',
  'daysSinceLastOrder',
  'walletBalance',
  'pointsBalance',
  'tier',
  'referralsPaid',
] as const;
export type Fact = (typeof FACTS)[number];
/** Facts in minor units: typed in currency units like every amount in the console. */
export const MONEY_FACTS: readonly Fact[] = ['totalSpent', 'totalSpentLast365Days', 'walletBalance'];
export const TIERS = ['standard', 'silver', 'gold', 'diamond'] as const;

export type Op = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'exists' | 'contains';

/** What each kind of value may be compared with (the API's own table, services/segments.ts). */
export function opsFor(kind: AttributeType | 'fact' | 'tier'): Op[] {
  switch (kind) {
    case 'string':
      return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists', 'contains'];
    case 'boolean':
      return ['eq', 'ne', 'exists'];
    case 'string-list':
      return ['contains', 'in', 'exists'];
    default:
      return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'];
  }
}

export interface Condition {
  kind: 'condition';
  key: number;
  subject: 'attribute' | 'fact' | 'birthday';
  /** The attribute's or fact's name; for birthday `withinDays` or `month`. */
  field: string;
  op: Op;
  /** As typed; `in` takes a comma-separated list. */
  value: string;
}

export interface Group {
  kind: 'group';
  key: number;
  match: 'all' | 'any';
  negate: boolean;
  items: (Condition | Group)[];
}

let nextKey = 1;
export const newCondition = (): Condition => ({
  kind: 'condition',
  key: nextKey++,
  subject: 'fact',
  field: 'orderCount',
  op: 'gte',
  value: '1',
});
export const newGroup = (items: (Condition | Group)[] = [newCondition()]): Group => ({
  kind: 'group',
  key: nextKey++,
  match: 'all',
  negate: false,
  items,
});

/** The kind of value a condition compares. */
export function kindOf(
  c: Condition,
  types: ReadonlyMap<string, AttributeType>,
): AttributeType | 'fact' | 'tier' {
  if (c.subject === 'fact') return c.field === 'tier' ? 'tier' : 'fact';
  if (c.subject === 'attribute') return types.get(c.field) ?? 'string';
  return 'number';
}

/** One typed value: numbers as numbers (money facts from currency units to minor units), booleans as booleans. */
function typed(text: string, kind: AttributeType | 'fact' | 'tier', moneyFact: boolean): unknown {
  const t = text.trim();
  if (kind === 'fact' || kind === 'number') {
    if (t === '' || !Number.isFinite(Number(t))) return t;
    return moneyFact ? Math.round(Number(t) * 100) : Number(t);
  }
  if (kind === 'boolean') return t === 'true' ? true : t === 'false' ? false : t;
  return t;
}

/** The filter tree the API takes. */
export function filterOf(node: Condition | Group, types: ReadonlyMap<string, AttributeType>): unknown {
  if (node.kind === 'group') {
    const inner = { [node.match]: node.items.map((i) => filterOf(i, types)) };
    return node.negate ? { not: inner } : inner;
  }
  if (node.subject === 'birthday') {
    const n = Number(node.value.trim());
    return { birthday: node.field === 'month' ? { month: n } : { withinDays: n } };
  }
  const kind = kindOf(node, types);
  const money = node.subject === 'fact' && (MONEY_FACTS as readonly string[]).includes(node.field);
  const subject = node.subject === 'fact' ? { fact: node.field } : { attribute: node.field };
  if (node.op === 'exists') return { ...subject, op: node.op };
  const value =
    node.op === 'in'
      ? node.value
          .split(',')
          .filter((v) => v.trim() !== '')
          .map((v) => typed(v, kind, money))
      : typed(node.value, kind, money);
  return { ...subject, op: node.op, value };
}
