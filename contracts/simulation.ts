import { z } from 'zod';
import {
  ActiveEvent,
  CustomEvent,
  MinorUnits,
  OrderPlacedEvent,
  OrderRefundedEvent,
  ReviewSubmittedEvent,
  SignedUpEvent,
} from './customer-events';
import { FreeText, Id, Label } from './text';

/**
 * What a campaign simulation may ask for: a simulated horizon of at most three years, at most 200 events and 5
 * timelines per request (each timeline runs on its own time-skipping server and scratch ledger).
 */
export const SIMULATION_LIMITS = {
  horizonDays: 1096,
  events: 200,
  timelines: 5,
  customersPerTimeline: 100,
} as const;

/** Where business time starts when the request does not say: a fixed instant, so the same request answers the same. */
export const DEFAULT_SIMULATION_START = '2030-01-01T00:00:00.000Z';

/** Calendar and clock parts of an ISO 8601 duration (P1Y2M3W4DT5H6M7S); each part at most 4 digits. */
const ISO_DURATION =
  /^P(?!$)(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,4})D)?(?:T(?=\d)(?:(\d{1,4})H)?(?:(\d{1,4})M)?(?:(\d{1,4})S)?)?$/;

export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** The parts of an ISO 8601 duration, or null when the text is not one. */
export function durationParts(text: string): DurationParts | null {
  const m = ISO_DURATION.exec(text);
  if (!m) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = m.slice(1).map((v) => Number(v ?? 0));
  return {
    years: years!,
    months: months!,
    weeks: weeks!,
    days: days!,
    hours: hours!,
    minutes: minutes!,
    seconds: seconds!,
  };
}

/** An offset from the simulation's start: `P0D` (at once), `P3D`, `PT36H`, `P1M` (a calendar month). */
export const IsoDuration = z
  .string()
  .max(40)
  .regex(ISO_DURATION, 'must be an ISO 8601 duration such as P0D, P3D, PT36H or P1M2D')
  .meta({ example: 'P3D' });

/** The fields of an event a timeline leaves to the simulation. */
const SIMULATION_OWNS = { eventId: true, customerId: true, occurredAt: true } as const;

/** A storefront event of a timeline: the event's own fields; ids and time are the simulation's. */
export const SimulatedEvent = z.discriminatedUnion('type', [
  SignedUpEvent.omit(SIMULATION_OWNS),
  OrderPlacedEvent.omit(SIMULATION_OWNS),
  OrderRefundedEvent.omit(SIMULATION_OWNS),
  ActiveEvent.omit(SIMULATION_OWNS),
  ReviewSubmittedEvent.omit(SIMULATION_OWNS),
  CustomEvent.omit(SIMULATION_OWNS),
]);
export type SimulatedEvent = z.infer<typeof SimulatedEvent>;

/** A storefront event at an offset. */
export const SimulationEventEntry = z.strictObject({
  /** When it happens, from the start of the simulation. */
  at: IsoDuration,
  /** Whose event it is (default: the profile's customer); a referral timeline names the referrer's events so. */
  customerId: Id.optional(),
  eventId: Id.optional(),
  event: SimulatedEvent,
});

/** A person's decision on the journey waiting for one (referral review, compensation above the threshold). */
export const SimulationDecisionEntry = z.strictObject({
  at: IsoDuration,
  /** Whose journey decides (default: the profile's customer); the latest one that customer started. */
  customerId: Id.optional(),
  decision: z.enum(['approve', 'reject']),
  by: Id.default('simulated-manager'),
});

/** A support agent's compensation request (compensation campaigns: their journeys start on requests, not events). */
export const SimulationCompensationEntry = z.strictObject({
  at: IsoDuration,
  customerId: Id.optional(),
  compensation: z.strictObject({
    agentId: Id.default('simulated-agent'),
    amount: MinorUnits.min(1),
    reason: FreeText({ min: 3, max: 500, multiline: true }),
  }),
});

/** A customer's points dispute (points campaigns): "this order earned no points". */
export const SimulationPointsDisputeEntry = z.strictObject({
  at: IsoDuration,
  customerId: Id.optional(),
  pointsDispute: z.strictObject({
    orderId: Id,
    /** From the customer's receipt, used only when the storefront never reported the order. */
    claimedAmount: MinorUnits.optional(),
    claimedCategories: z.array(Label).max(50).optional(),
  }),
});

export const SimulationTimelineEntry = z.union([
  SimulationEventEntry,
  SimulationDecisionEntry,
  SimulationCompensationEntry,
  SimulationPointsDisputeEntry,
]);
export type SimulationTimelineEntry = z.infer<typeof SimulationTimelineEntry>;

/**
 * The profile's orders add up to the customer's spend and its credit to one funding of the scratch ledger: each sum
 * must be an amount too, or the run could only fail (it answered 503 "the environment failed" to a request no retry
 * could mend).
 */
const fitsOneAmount = (entries: readonly { amount: number }[]) =>
  entries.reduce((sum, e) => sum + e.amount, 0) <= Number.MAX_SAFE_INTEGER;
const TOGETHER_TOO_LARGE = `together more than ${Number.MAX_SAFE_INTEGER} minor units`;

/** The customer before the simulation starts: contact, and history facts the journeys read. */
export const SimulationProfile = z.strictObject({
  customerId: Id.default('sim-customer'),
  email: z.email({ pattern: z.regexes.html5Email }).max(254).default('customer@example.com'),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  phone: FreeText({ min: 3, max: 32 }).optional(),
  /** Signed up this many days before the start (recorded on the profile, not delivered to journeys). */
  signedUpDaysAgo: z.number().int().min(0).max(3650).optional(),
  /** Orders placed before the start (recorded on the profile, not delivered to journeys). */
  orders: z
    .array(
      z.strictObject({
        /** Default `simulation-past-order-<n>`; name it to dispute its points. */
        orderId: Id.optional(),
        daysAgo: z.number().int().min(1).max(400),
        amount: MinorUnits.refine((v) => v > 0, 'must be positive'),
        categories: z.array(Label).max(50).default([]),
      }),
    )
    .max(50)
    .refine(fitsOneAmount, TOGETHER_TOO_LARGE)
    .default([]),
  /** Credit already in the wallet at the start (from another budget): what expiry reminders and redemptions see. */
  credit: z
    .array(
      z.strictObject({
        amount: MinorUnits.min(1),
        expiresInDays: z.number().int().min(1).max(SIMULATION_LIMITS.horizonDays),
      }),
    )
    .max(20)
    .refine(fitsOneAmount, TOGETHER_TOO_LARGE)
    .default([]),
});
export type SimulationProfile = z.infer<typeof SimulationProfile>;

export const SimulationTimeline = z.strictObject({
  name: Label.optional(),
  profile: SimulationProfile.default({
    customerId: 'sim-customer',
    email: 'customer@example.com',
    locale: 'zh-CN',
    orders: [],
    credit: [],
  }),
  events: z.array(SimulationTimelineEntry).max(SIMULATION_LIMITS.events),
  /** How long to run from the start (default: 90 days after the last event); the journey may end sooner. */
  horizon: IsoDuration.optional(),
  /** The A/B variant to run (default: the one the customer's id is assigned to). */
  variant: Label.optional(),
});
export type SimulationTimeline = z.infer<typeof SimulationTimeline>;

export const SimulationRequest = z
  .strictObject({
    /** Business time of the start (default DEFAULT_SIMULATION_START), from 2000 to 2999. */
    startAt: z.iso
      .datetime({ offset: true })
      .refine((v) => {
        const year = new Date(v).getUTCFullYear();
        return year >= 2000 && year <= 2999;
      }, 'must lie between the years 2000 and 2999')
      .optional(),
    timelines: z.array(SimulationTimeline).min(1).max(SIMULATION_LIMITS.timelines),
  })
  .superRefine((req, ctx) => {
    req.timelines.forEach((t, i) => {
      const customers = new Set([
        t.profile.customerId,
        ...t.events.map((e) => e.customerId ?? t.profile.customerId),
      ]);
      if (customers.size > SIMULATION_LIMITS.customersPerTimeline) {
        ctx.addIssue({
          code: 'custom',
          path: ['timelines', i, 'events'],
          message: `at most ${SIMULATION_LIMITS.customersPerTimeline} different customers in one timeline (got ${customers.size})`,
        });
      }
    });
    const events = req.timelines.reduce((n, t) => n + t.events.length, 0);
    if (events > SIMULATION_LIMITS.events) {
      ctx.addIssue({
        code: 'custom',
        path: ['timelines'],
        message: `at most ${SIMULATION_LIMITS.events} events in all timelines together (got ${events})`,
      });
    }
  });
export type SimulationRequest = z.infer<typeof SimulationRequest>;

const At = z.iso.datetime().meta({ description: 'Business time (rounded to the minute).' });

export const SimulationResult = z.object({
  name: z.string().nullable(),
  customerId: z.string(),
  variant: z.string().nullable(),
  startAt: At,
  endAt: At,
  /**
   * `exact`: the simulated clock is business time. `shifted`: the start lies before the simulation server's clock,
   * so the run happened later and its times were moved back (calendar rules such as a yearly expiry may differ).
   */
  clock: z.enum(['exact', 'shifted']),
  /** Every journey still running was stopped at the horizon. */
  horizonReached: z.boolean(),
  deliveries: z.array(
    z.object({
      at: At,
      customerId: z.string(),
      event: z.string(),
      delivery: z.string(),
    }),
  ),
  journeys: z.array(
    z.object({
      workflowId: z.string(),
      customerId: z.string(),
      status: z.string(),
      step: z.string(),
      outcome: z.string().nullable(),
      failureReason: z.string().nullable(),
    }),
  ),
  steps: z.array(
    z.object({
      at: At,
      workflowId: z.string(),
      step: z.string(),
      kind: z.string(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
  credit: z.array(
    z.object({
      at: At,
      type: z.string(),
      customerId: z.string(),
      amount: z.number().int().meta({ description: 'Signed minor units: + into the wallet, − out of it.' }),
      lotId: z.string().nullable().meta({ description: 'lot-1, lot-2, …: in the order lots first moved.' }),
      kind: z.string().nullable(),
      expiresAt: At.nullable(),
      memo: z.string().nullable(),
    }),
  ),
  points: z.array(
    z.object({
      at: At,
      type: z.string(),
      customerId: z.string(),
      points: z.number().int(),
      expiresAt: At.nullable(),
      memo: z.string().nullable(),
    }),
  ),
  emails: z.array(
    z.object({
      at: At,
      to: z.string(),
      template: z.string(),
      locale: z.string(),
      subject: z.string(),
      text: z.string(),
    }),
  ),
  tasks: z.array(
    z.object({
      at: At,
      customerId: z.string(),
      kind: z.string(),
      title: z.string(),
    }),
  ),
  cost: z.object({
    currency: z.string(),
    granted: z.number().int(),
    revoked: z.number().int(),
    /** granted − revoked: what the campaign's budget pays for this customer. */
    net: z.number().int(),
    pointsAwarded: z.number().int(),
  }),
  /** The same, in a few sentences for people. */
  summary: z.array(z.string()),
});
export type SimulationResult = z.infer<typeof SimulationResult>;

export const SimulationResponse = z.object({
  campaignId: z.string(),
  journeyType: z.string(),
  startAt: At,
  results: z.array(SimulationResult),
});
export type SimulationResponse = z.infer<typeof SimulationResponse>;
