import type { AttributeType } from '../contracts/customer-attributes';
import {
  TIER_RANKS,
  type AttributeComparison,
  type BirthdayRule,
  type FactComparison,
  type SegmentFilter,
  type SegmentOp,
} from '../contracts/segment-filter';
import { factSql } from './customer-facts';

/** A segment filter as SQL: a predicate over `customers c` and its parameters ($1, $2, … in order). */
export interface CompiledFilter {
  predicate: string;
  params: unknown[];
}

const COMPARE: Partial<Record<SegmentOp, string>> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * Compiles a filter the segment service has validated (every attribute declared, each op and value fitting its type)
 * into one parameterized predicate. Every value, attribute names included, travels as a parameter; the only text
 * spliced in is fixed here or in factSql (operators from COMPARE, fact expressions), never the caller's.
 */
export function compileSegmentFilter(
  filter: SegmentFilter,
  attributeTypes: ReadonlyMap<string, AttributeType>,
  asOf: string,
): CompiledFilter {
  const params: unknown[] = [];
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  // The instant facts are read at, a parameter only once a fact needs it (Postgres refuses a parameter nothing uses).
  let asOfPlaceholder: string | null = null;
  const asOfParam = () => {
    if (asOfPlaceholder === null) {
      params.push(asOf);
      asOfPlaceholder = `$${params.length}`;
    }
    return asOfPlaceholder;
  };

  const attribute = (c: AttributeComparison): string => {
    const type = attributeTypes.get(c.attribute);
    if (!type) throw new Error(`attribute ${c.attribute} is not declared`);
    const key = param(c.attribute, 'text');
    const text = `(c.attributes ->> ${key})`;
    // Types never change, so stored values are numbers; the guard keeps one odd row from failing the whole query.
    const number = `(CASE WHEN jsonb_typeof(c.attributes -> ${key}) = 'number' THEN (c.attributes ->> ${key})::numeric END)`;
    const cast = type === 'number' ? 'numeric' : type === 'boolean' ? 'boolean' : 'text';
    const contains = (value: unknown) => `c.attributes @> jsonb_build_object(${key}, ${param(value, cast)})`;
    switch (c.op) {
      case 'exists':
        return `(c.attributes ? ${key})`;
      case 'eq':
        return contains(c.value);
      case 'ne':
        return `NOT (${contains(c.value)})`;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return type === 'number'
          ? `${number} ${COMPARE[c.op]} ${param(c.value, 'numeric')}`
          : `${text} COLLATE "C" ${COMPARE[c.op]} ${param(c.value, 'text')}`;
      case 'in':
        if (type === 'string-list') return `(c.attributes -> ${key}) ?| ${param(c.value, 'text[]')}`;
        return type === 'number'
          ? `${number} = ANY(${param(c.value, 'numeric[]')})`
          : `${text} = ANY(${param(c.value, 'text[]')})`;
      case 'contains':
        return type === 'string-list'
          ? `c.attributes @> jsonb_build_object(${key}, jsonb_build_array(${param(c.value, 'text')}))`
          : `strpos(${text}, ${param(c.value, 'text')}) > 0`;
    }
  };

  const fact = (c: FactComparison): string => {
    const expr = factSql(c.fact, asOfParam);
    if (c.op === 'exists') return `(${expr} IS NOT NULL)`;
    if (c.fact === 'tier') {
      // Only where it is used: Postgres refuses a parameter nothing uses (it cannot type it), e.g. under `eq`.
      const ranks = () => param([...TIER_RANKS], 'text[]');
      const rank = (tier: unknown) => TIER_RANKS.indexOf(tier as (typeof TIER_RANKS)[number]) + 1;
      switch (c.op) {
        case 'eq':
          return `${expr} = ${param(c.value, 'text')}`;
        case 'ne':
          return `${expr} IS DISTINCT FROM ${param(c.value, 'text')}`;
        case 'in':
          return `${expr} = ANY(${param(c.value, 'text[]')})`;
        case 'gt':
        case 'gte':
        case 'lt':
        case 'lte':
          return `array_position(${ranks()}, ${expr}) ${COMPARE[c.op]} ${param(rank(c.value), 'int')}`;
        case 'contains':
          throw new Error('contains does not apply to tier');
      }
    }
    switch (c.op) {
      case 'ne':
        return `${expr} IS DISTINCT FROM ${param(c.value, 'numeric')}`;
      case 'in':
        return `${expr} = ANY(${param(c.value, 'numeric[]')})`;
      case 'contains':
        throw new Error(`contains does not apply to ${c.fact}`);
      default:
        return `${expr} ${COMPARE[c.op]} ${param(c.value, 'numeric')}`;
    }
  };

  const birthday = (r: BirthdayRule): string =>
    // `attributes ? 'birthday'` literally, so the partial index customers_birthday_day_idx applies.
    `(c.attributes ? 'birthday' AND substr(c.attributes ->> 'birthday', 6, 5) = ANY(${param(birthdayDays(r, asOf), 'text[]')}))`;

  const compile = (f: SegmentFilter): string => {
    if ('all' in f) return `(${f.all.map(compile).join(' AND ')})`;
    if ('any' in f) return `(${f.any.map(compile).join(' OR ')})`;
    if ('not' in f) return `(NOT COALESCE(${compile(f.not)}, false))`; // a missing value is not a match: `not` matches it
    if ('birthday' in f) return birthday(f);
    // A leaf stays bare so the planner can match it to an index (a wrapped `@>` is not). A comparison with a missing
    // value is NULL, which WHERE, AND and OR already treat as false; only `not` needs it made false first (above).
    return 'fact' in f ? fact(f) : attribute(f);
  };

  return { predicate: compile(filter), params };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The 'MM-DD' days a birthday rule matches: every day of month N, or the days from asOf's date (UTC) through N days
 * later. A 29 February birthday is celebrated on 28 February in a year without one.
 */
export function birthdayDays(rule: BirthdayRule, asOf: string): string[] {
  if ('month' in rule.birthday) {
    const month = rule.birthday.month;
    return Array.from({ length: 31 }, (_, i) => `${pad(month)}-${pad(i + 1)}`);
  }
  const start = new Date(`${asOf.slice(0, 10)}T00:00:00Z`);
  const days = new Set<string>();
  for (let i = 0; i <= rule.birthday.withinDays; i++) {
    const d = new Date(start.getTime() + i * 86_400_000);
    const mmdd = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    days.add(mmdd);
    const year = d.getUTCFullYear();
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (mmdd === '02-28' && !leap) days.add('02-29');
  }
  return [...days];
}
