import type { CustomerEvent } from '../../../contracts/customer-events';
import { applyBasisPoints } from '../../shared/rates';
import type {
  EventMatcher,
  EventPredicate,
  Fact,
  FlowDefinition,
  GrantAmount,
  PointsAmount,
  Predicate,
} from './definition';
import { segmentKey } from './segment-question';

/*
 * The pure decisions of the interpreter: which events a node listens for, which branch a condition takes, which
 * cohort a split draws, how much a grant gives. Deterministic (no clock, no randomness), so workflow code and the API's
 * routing (plugin.ts) use the same rules.
 */

/** A field of an event: a custom event's property, or a top-level field of a built-in one. */
export function eventField(event: CustomerEvent, field: string): unknown {
  if (event.type === 'custom')
    return Object.hasOwn(event.properties, field) ? event.properties[field] : undefined;
  return Object.hasOwn(event, field) ? (event as Record<string, unknown>)[field] : undefined;
}

type Comparable = Pick<EventPredicate, 'op'> & { value?: unknown };

/**
 * A value against a comparison. A list value (an order's categories) is equal to a literal it contains and `in` a list
 * it shares an element with; order comparisons need numbers; a missing value satisfies only `ne`.
 */
export function compare(actual: unknown, c: Comparable): boolean {
  const present = actual !== undefined && actual !== null;
  switch (c.op) {
    case 'exists':
      return present;
    case 'eq':
      return present && (Array.isArray(actual) ? actual.includes(c.value) : actual === c.value);
    case 'ne':
      return !present || (Array.isArray(actual) ? !actual.includes(c.value) : actual !== c.value);
    case 'in': {
      const options = c.value as unknown[];
      return (
        present &&
        (Array.isArray(actual) ? actual.some((a) => options.includes(a)) : options.includes(actual))
      );
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (typeof actual !== 'number') return false;
      const v = c.value as number;
      return c.op === 'gt'
        ? actual > v
        : c.op === 'gte'
          ? actual >= v
          : c.op === 'lt'
            ? actual < v
            : actual <= v;
    }
  }
}

/** Whether an event is one a matcher listens for (type, custom name, every `where`). */
export function matches(m: EventMatcher, event: CustomerEvent): boolean {
  if (event.type !== m.type) return false;
  if (event.type === 'custom' && event.name !== m.name) return false;
  return m.where.every((p) => compare(eventField(event, p.field), p));
}

/** The facts of a customer a condition reads; absent ones are read only when a test needs them. */
export type Facts = Partial<Record<Fact, number | string | null>>;

/**
 * Whether every test holds, against the event at hand, the facts read for them and the segment answers (by
 * segmentKey; a segment test without an answer does not hold).
 */
export function holds(
  tests: readonly Predicate[],
  event: CustomerEvent | undefined,
  facts: Facts,
  segments: Readonly<Record<string, boolean>> = {},
): boolean {
  return tests.every((t) => {
    if (t.on === 'segment') {
      const inside = segments[segmentKey(t)];
      return inside !== undefined && inside === t.member;
    }
    return t.on === 'event'
      ? compare(event ? eventField(event, t.field) : undefined, t)
      : compare(facts[t.fact], t);
  });
}

/** The facts a set of tests refers to. */
export function factsNeeded(tests: readonly Predicate[]): Fact[] {
  return [...new Set(tests.flatMap((t) => (t.on === 'fact' ? [t.fact] : [])))];
}

/** FNV-1a, 32 bits: a stable hash of text in plain integer arithmetic (workflow code has no crypto). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The cohort a journey draws at a split: seeded from its workflow id and the node, so a replay draws the same. */
export function drawCohort<C extends { weight: number }>(seed: string, cohorts: readonly C[]): C {
  const total = cohorts.reduce((s, c) => s + c.weight, 0);
  let point = fnv1a(seed) % total;
  for (const c of cohorts) {
    if (point < c.weight) return c;
    point -= c.weight;
  }
  return cohorts[cohorts.length - 1]!;
}

/**
 * What a grant gives: its fixed amount, the rate of the event's amount field capped (0 without such a field), or the
 * amount of the customer's tier in a tier table (`none` without a tier; 0 for a tier the table leaves out).
 */
export function grantAmount(
  amount: GrantAmount,
  event: CustomerEvent | undefined,
  tier: string | null = null,
): number {
  if ('fixed' in amount) return amount.fixed;
  if ('byTier' in amount) return (amount.byTier as Record<string, number | undefined>)[tier ?? 'none'] ?? 0;
  const base = event ? eventField(event, amount.rateOf.field) : undefined;
  if (typeof base !== 'number' || !Number.isSafeInteger(base) || base <= 0) return 0;
  return Math.min(applyBasisPoints(base, amount.rateOf.basisPoints), amount.rateOf.cap);
}

/** The node that enrols customers. */
export function entryOf(def: FlowDefinition) {
  const entry = def.nodes.find((n) => n.type === 'entry');
  if (!entry || entry.type !== 'entry')
    throw new Error('a flow definition without an entry passed validation');
  return entry;
}

/** Whether a running journey of this definition may need the event (a waitFor or an exit rule listens for it). */
/** Whether a definition ever waits for an event or leaves on one (a waitFor node, an exit rule). */
export function hearsEvents(def: FlowDefinition): boolean {
  return def.exitOn.length > 0 || def.nodes.some((n) => n.type === 'waitFor');
}

export function listensTo(def: FlowDefinition, event: CustomerEvent): boolean {
  return (
    def.exitOn.some((r) => matches(r.on, event)) ||
    def.nodes.some((n) => n.type === 'waitFor' && matches(n.on, event))
  );
}

/** Points an awardPoints node gives: fixed, or the capped rate of an event field (0 without such a field). */
export function pointsAmount(points: PointsAmount, event: CustomerEvent | undefined): number {
  if ('fixed' in points) return points.fixed;
  const base = event ? eventField(event, points.rateOf.field) : undefined;
  if (typeof base !== 'number' || !Number.isSafeInteger(base) || base <= 0) return 0;
  return Math.min(applyBasisPoints(base, points.rateOf.basisPoints), points.rateOf.cap);
}

/** Whether a running journey of this definition may need the event to enter again (re-entry allowed). */
export function reentersOn(def: FlowDefinition, event: CustomerEvent): boolean {
  const on = entryOf(def).on;
  return def.reentry !== undefined && def.reentry.mode !== 'once' && on !== undefined && matches(on, event);
}
