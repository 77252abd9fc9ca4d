import type { CustomerEvent } from '../../contracts/customer-events';

/**
 * What starts a journey, and what every run of its continue-as-new chain receives again unchanged: the campaign, the
 * customer, the campaign's config as the plugin's schema parsed it, the A/B variant and the starting event. Plugins
 * started by an operator extend it with their request (`JourneyStart<C> & { request: … }`).
 */
export interface JourneyStart<TConfig> {
  campaignId: string;
  customerId: string;
  journeyType: string;
  config: TConfig;
  /** The A/B variant of the campaign this customer was assigned (absent when the campaign declares none). */
  variant?: string;
  /** The customer event that started the journey (absent for journeys started by an operator or a launch). */
  trigger?: CustomerEvent;
  /**
   * Set when an enrolment run started the journey instead of an event: the campaign's audience at launch, or an
   * occurrence of a date/calendar entry (`run` is `launch` or the occurrence's date).
   */
  enrolment?: { kind: 'audience' | 'date' | 'calendar'; run: string };
  /**
   * The patch release the starter's code was on (workflows/shared/patch-releases.ts): the run takes those patches' new
   * paths without recording markers. Absent on runs started before releases and on starts built elsewhere.
   */
  patchRelease?: number;
}

/**
 * The single input of runs started before the start/carry split: the start fields plus an untyped `carried` bag that
 * held both an operator's request (compensation, points disputes) and the continue-as-new state. Journeys that were
 * running when the split shipped, and the histories recorded before it, still deliver this shape.
 */
export interface LegacyJourneyInput<TConfig> extends JourneyStart<TConfig> {
  carried?: Record<string, unknown>;
}

/** The `carried` bag of a legacy input, if the run received one. */
export function legacyCarried(start: JourneyStart<unknown>): Record<string, unknown> | undefined {
  const carried = (start as LegacyJourneyInput<unknown>).carried;
  return carried !== null && typeof carried === 'object' ? carried : undefined;
}

/**
 * The start without the legacy `carried` bag: what a run passes on to continue-as-new, so the next run gets the new
 * shape (start + versioned carry) whatever shape this one received.
 */
export function withoutLegacy<S extends JourneyStart<unknown>>(start: S): S {
  if (!('carried' in start)) return start;
  const { carried: _carried, ...rest } = start as S & { carried?: unknown };
  return rest as unknown as S;
}

/**
 * The carry a run resumes from: the new-shape carry when there is one, else the legacy `carried` bag upgraded by the
 * plugin's own (pure, deterministic) `upgrade`, else nothing (the first run of the chain).
 */
export function resumeCarry<TCarry>(
  start: JourneyStart<unknown>,
  carry: TCarry | undefined,
  upgrade: (legacy: Record<string, unknown>) => TCarry,
): TCarry | undefined {
  if (carry !== undefined && carry !== null) return carry;
  const legacy = legacyCarried(start);
  return legacy ? upgrade(legacy) : undefined;
}

/** Typed reads of a legacy bag's fields (it arrived as JSON: anything may be missing). */
export const legacyField = {
  string(bag: Record<string, unknown>, key: string): string | undefined {
    const v = bag[key];
    return typeof v === 'string' ? v : undefined;
  },
  number(bag: Record<string, unknown>, key: string): number | undefined {
    const v = bag[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  },
  strings(bag: Record<string, unknown>, key: string): string[] {
    const v = bag[key];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  },
  events(bag: Record<string, unknown>, key: string): CustomerEvent[] {
    const v = bag[key];
    // Events were validated by the API's schema before they were ever signalled; an earlier run carried them as-is.
    return Array.isArray(v) ? (v as CustomerEvent[]) : [];
  },
};

/**
 * A field an operator-started journey's start carries (a compensation request, a points dispute), or, for runs
 * started before the split, the same field of the legacy `carried` bag. Undefined when neither has it.
 */
export function startField<
  S extends JourneyStart<unknown>,
  K extends Exclude<keyof S, keyof JourneyStart<unknown>>,
>(start: S, key: K & string): S[K] | undefined {
  const own = start[key];
  if (own !== undefined && own !== null) return own;
  return legacyCarried(start)?.[key] as S[K] | undefined;
}
