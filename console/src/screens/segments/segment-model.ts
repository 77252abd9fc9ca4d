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

type FilterTree = Record<string, unknown>;

/** A condition of the builder from one leaf of a filter tree (values back as the text the builder shows). */
function conditionOf(leaf: FilterTree): Condition {
  const shown = (v: unknown, money: boolean): string =>
    typeof v === 'number' && money ? String(v / 100) : String(v ?? '');
  if (leaf.birthday && typeof leaf.birthday === 'object') {
    const b = leaf.birthday as { month?: number; withinDays?: number };
    return {
      ...newCondition(),
      subject: 'birthday',
      field: b.month !== undefined ? 'month' : 'withinDays',
      op: 'gte',
      value: String(b.month ?? b.withinDays ?? ''),
    };
  }
  const isFact = typeof leaf.fact === 'string';
  const field = String(isFact ? leaf.fact : (leaf.attribute ?? ''));
  const money = isFact && (MONEY_FACTS as readonly string[]).includes(field);
  const op = (leaf.op as Op | undefined) ?? 'eq';
  const value = Array.isArray(leaf.value)
    ? leaf.value.map((v) => shown(v, money)).join(', ')
    : shown(leaf.value, money);
  return { ...newCondition(), subject: isFact ? 'fact' : 'attribute', field, op, value };
}

/**
 * The builder's group for a filter tree the API took (the inverse of `filterOf`): all / any groups, `not` as a negated
 * group, a lone test as a group of one.
 */
export function groupOf(filter: unknown): Group {
  const tree = (filter ?? {}) as FilterTree;
  if (Array.isArray(tree.all) || Array.isArray(tree.any)) {
    const match = Array.isArray(tree.all) ? 'all' : 'any';
    const items = (tree[match] as FilterTree[]).map((item) => itemOf(item));
    return { ...newGroup(items), match };
  }
  if (tree.not && typeof tree.not === 'object') {
    const inner = groupOf(tree.not);
    return inner.negate ? newGroup([inner]) : { ...inner, negate: true };
  }
  return newGroup([conditionOf(tree)]);
}

function itemOf(tree: FilterTree): Condition | Group {
  return Array.isArray(tree.all) || Array.isArray(tree.any) || tree.not ? groupOf(tree) : conditionOf(tree);
}
