import { z } from 'zod';
import {
  CUSTOMER_EVENT_TYPES,
  CustomEventName,
  CustomPropertyName,
  MinorUnits,
} from '../../../contracts/customer-events';
import { FreeText, Id, Label } from '../../../contracts/text';
import { AttributeName, AttributeValue } from '../../../contracts/customer-attributes';
import { TIER_RANKS } from '../../../contracts/segment-filter';
import { CreditScope, Days, PositiveMinorUnits, Stacking } from '../../shared/config-parts';
import { isTimeZone, TIME_OF_DAY_PATTERN } from './time-of-day';
import { CalendarEntry, DateEntry, SegmentPredicate } from './entries';

/*
 * A flow journey's definition: a graph of nodes a growth team composes as data (JSON), run by one interpreter
 * workflow (workflow.ts). This module is the zod shape only (published in /openapi.json as the `flow` campaign's
 * config); the rules a shape cannot state (one entry, reachability, loops, references) are in validate.ts.
 */

/** A node's id: what the graph's `next` references, validation errors and the journey-state query name. */
export const NodeId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'letters, digits, _ and - (at most 64), starting with a letter')
  .meta({ example: 'grant-credit' });

const Scalar = z.union([FreeText({ max: 200, allowBlank: true }), z.number(), z.boolean()]);

/**
 * A comparison of one value with a literal, beside the fields naming the value (`extra`). `in` takes a list; `exists`
 * takes no value. Built per subject (strict objects do not intersect).
 */
function comparisonOf<S extends z.core.$ZodLooseShape>(extra: S) {
  return z.discriminatedUnion('op', [
    z.strictObject({ ...extra, op: z.enum(['eq', 'ne']), value: Scalar }),
    z.strictObject({ ...extra, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }),
    z.strictObject({ ...extra, op: z.literal('in'), value: z.array(Scalar).min(1).max(100) }),
    z.strictObject({ ...extra, op: z.literal('exists') }),
  ]);
}

/**
 * A field of an event: a top-level field of a built-in event (`amount`, `categories`) or a property of a custom
 * event (`minutes`).
 */
const EventField = CustomPropertyName;

/** A test on a field of an event (`minutes` of a custom event, `amount` of an order). */
export const EventPredicate = comparisonOf({ field: EventField });
export type EventPredicate = z.infer<typeof EventPredicate>;

/** What the product knows of a customer that a condition may test (each read when a condition needs it). */
export const FACTS = [
  'orderCount',
  'totalSpent',
  'walletBalance',
  'daysSinceLastOrder',
  'locale',
  /** Customers known before this one who share its email, phone, device or payment fingerprint (anti-fraud). */
  'sharedIdentityAccounts',
  /** The member tier (standard, silver, gold, diamond; null: none), the live points balance, referrals paid. */
  'tier',
  'pointsBalance',
  'referralsPaid',
  /** The customer who referred this one (their id; null: not referred). */
  'referrer',
] as const;
export type Fact = (typeof FACTS)[number];

/**
 * A test on the event at hand (the one that entered the journey, or the last one a waitFor matched) or on a fact of
 * the customer.
 */
export const Predicate = z.union([
  comparisonOf({ on: z.literal('event'), field: EventField }),
  comparisonOf({ on: z.literal('fact'), fact: z.enum(FACTS) }),
  SegmentPredicate,
]);
export type Predicate = z.infer<typeof Predicate>;

/** Which events a node listens for: a built-in type, or a custom event by name; all of `where` must hold. */
export const EventMatcher = z
  .strictObject({
    type: z.enum(CUSTOMER_EVENT_TYPES),
    /** The custom event's name (required with `type: custom`, refused otherwise). */
    name: CustomEventName.optional(),
    where: z.array(EventPredicate).max(20).default([]),
  })
  .refine((m) => (m.type === 'custom') === (m.name !== undefined), {
    message: 'a custom event needs its name; a built-in event takes none',
    path: ['name'],
  });
export type EventMatcher = z.infer<typeof EventMatcher>;

/** A duration in whole units; the interpreter adds them up. */
export const FlowDuration = z
  .strictObject({
    days: z.number().int().min(0).max(3650).optional(),
    hours: z.number().int().min(0).max(87_600).optional(),
    minutes: z.number().int().min(0).max(5_256_000).optional(),
  })
  .refine((d) => (d.days ?? 0) + (d.hours ?? 0) + (d.minutes ?? 0) > 0, 'a duration longer than zero');
export type FlowDuration = z.infer<typeof FlowDuration>;

/** A wall-clock time in an IANA time zone (the campaign's, e.g. Asia/Shanghai). */
export const TimeOfDay = z.strictObject({
  time: z.string().regex(TIME_OF_DAY_PATTERN, 'HH:MM, 00:00 to 23:59').meta({ example: '10:00' }),
  timezone: z
    .string()
    .refine(isTimeZone, 'an IANA time zone (e.g. Asia/Shanghai)')
    .default('UTC')
    .meta({ example: 'Asia/Shanghai' }),
});

const node = { id: NodeId };
const Next = NodeId;

/**
 * How customers enter: an event (`on`), a date attribute of the profile (`date`), a calendar rule (`calendar`), or
 * none of them: only the campaign's audience enrolled at launch (`enrolExisting`) enters. A campaign with
 * `enrolExisting` enrols its audience whatever the entry.
 */
const EntryNode = z
  .strictObject({
    ...node,
    type: z.literal('entry'),
    /** The event that enrols a customer. */
    on: EventMatcher.optional(),
    date: DateEntry.optional(),
    calendar: CalendarEntry.optional(),
    next: Next,
  })
  .refine((e) => [e.on, e.date, e.calendar].filter((x) => x !== undefined).length <= 1, {
    message: 'an entry takes at most one of on, date or calendar',
    path: ['on'],
  });

const WaitNode = z
  .strictObject({
    ...node,
    type: z.literal('wait'),
    for: FlowDuration.optional(),
    /** An instant (ISO 8601 with offset); a journey reaching it later goes straight on. */
    until: z.iso.datetime({ offset: true }).optional(),
    /** The next time of day (`10:00`) in a time zone: today's if still ahead, else tomorrow's. */
    at: TimeOfDay.optional(),
    next: Next,
  })
  .refine((w) => [w.for, w.until, w.at].filter((x) => x !== undefined).length === 1, {
    message: 'a wait takes exactly one of `for`, `until` or `at`',
    path: ['for'],
  });

const WaitForNode = z.strictObject({
  ...node,
  type: z.literal('waitFor'),
  on: EventMatcher,
  timeout: FlowDuration,
  /** Where a matching event leads (it becomes the event at hand). */
  onEvent: Next,
  onTimeout: Next,
});

const ConditionNode = z.strictObject({
  ...node,
  type: z.literal('condition'),
  /** Tried in order: the first branch whose tests all hold is taken. */
  branches: z
    .array(z.strictObject({ when: z.array(Predicate).min(1).max(20), next: Next }))
    .min(1)
    .max(20),
  otherwise: Next,
});

const SplitNode = z.strictObject({
  ...node,
  type: z.literal('split'),
  /**
   * Cohorts by weight; a customer's cohort is drawn from the journey's workflow id (the same customer in the same
   * campaign always lands in the same one). A `holdout` cohort must lead straight to an exit: it gets nothing, for
   * incrementality.
   */
  cohorts: z
    .array(
      z.strictObject({
        name: Label,
        weight: z.number().int().min(1).max(10_000),
        holdout: z.boolean().default(false),
        next: Next,
      }),
    )
    .min(2)
    .max(20),
});

/** The member tiers a tier table names. */
export const MEMBER_TIERS = TIER_RANKS;

/**
 * An amount per member tier (`{"silver": 5000, "gold": 10000}`); `none` is for customers without a tier. A tier left
 * out (or 0) gets nothing: the node grants nothing and goes on.
 */
export const TierTable = z
  .strictObject({
    none: MinorUnits.optional(),
    ...Object.fromEntries(MEMBER_TIERS.map((t) => [t, MinorUnits.optional()])),
  } as Record<(typeof MEMBER_TIERS)[number] | 'none', z.ZodOptional<typeof MinorUnits>>)
  .refine((t) => Object.values(t).some((v) => (v ?? 0) > 0), 'at least one tier with an amount');
export type TierTable = z.infer<typeof TierTable>;

/** A credit amount: fixed, or a rate (basis points) of a field of the event at hand with a cap. */
export const GrantAmount = z.union([
  z.strictObject({ fixed: PositiveMinorUnits }),
  z.strictObject({
    rateOf: z.strictObject({
      /** The event field holding an amount in minor units (`amount` of an order, or a custom property). */
      field: EventField,
      basisPoints: z.number().int().min(1).max(10_000),
      cap: PositiveMinorUnits,
    }),
  }),
  z.strictObject({ byTier: TierTable }),
]);
export type GrantAmount = z.infer<typeof GrantAmount>;

/** Localised copy: both locales every customer may have. */
const Localised = (max: number, multiline: boolean) =>
  z.strictObject({ 'zh-CN': FreeText({ max, multiline }), en: FreeText({ max, multiline }) });

/** An email's copy: subject and body in both locales, with `{variables}`. */
export const EmailCopy = z.strictObject({ subject: Localised(200, false), body: Localised(5000, true) });

const GrantCreditNode = z
  .strictObject({
    ...node,
    type: z.literal('grantCredit'),
    amount: GrantAmount,
    kind: z.enum(['cash', 'threshold', 'rebate', 'percent', 'shipping', 'gift']).default('cash'),
    minOrderAmount: MinorUnits.optional(),
    /** Percent coupons: basis points off the eligible lines (1000 = 10 % off); the amount is then their cap. */
    percentBp: z.number().int().min(1).max(10_000).optional(),
    /** Gift items (赠品): the SKU one unit of which the lot pays for; the amount is then its value. */
    giftSku: Id.optional(),
    validityDays: Days,
    scope: CreditScope,
    stacking: Stacking,
    next: Next,
    /** Where a refusal (budget spent, not eligible) leads; without it the journey ends refused with the code. */
    onRefused: Next.optional(),
    /**
     * Who is credited: the journey's customer, or the customer who referred them (a referee's journey paying its
     * referrer; without a referrer the node grants nothing and goes on).
     */
    recipient: z.enum(['customer', 'referrer']).default('customer'),
    /**
     * With `recipient: referrer`: an email to the referrer once their credit is granted (through the same outbox and
     * the campaign's email cap, counted per referrer); `{name}` is the referrer's, `{amount}` and `{expiresOn}` their
     * credit's.
     */
    email: EmailCopy.optional(),
  })
  .refine((g) => g.kind !== 'threshold' || g.minOrderAmount !== undefined, {
    message: 'a threshold coupon needs minOrderAmount',
    path: ['minOrderAmount'],
  })
  .refine((g) => (g.kind === 'percent') === (g.percentBp !== undefined), {
    message: 'a percent coupon needs percentBp, and only it has one',
    path: ['percentBp'],
  })
  .refine((g) => (g.kind === 'gift') === (g.giftSku !== undefined), {
    message: 'a gift item needs giftSku, and only it has one',
    path: ['giftSku'],
  })
  .refine((g) => g.email === undefined || g.recipient === 'referrer', {
    message:
      'an email of a grant is for its referrer (a customer’s own grant is followed by a sendEmail node)',
    path: ['email'],
  })
  .refine((g) => (g.kind !== 'gift' && g.kind !== 'shipping') || g.scope.type === 'all', {
    message: 'a gift item applies to its SKU and free shipping to the shipping part, not to categories',
    path: ['scope'],
  });

const SendEmailNode = z.strictObject({
  ...node,
  type: z.literal('sendEmail'),
  subject: Localised(200, false),
  body: Localised(5000, true),
  next: Next,
});

const CreateTaskNode = z.strictObject({
  ...node,
  type: z.literal('createTask'),
  /** `flow-approval`: a manager approves by closing the task done, declines by closing it cancelled. */
  kind: z.enum(['callback', 'gift-fulfilment', 'flow-approval']),
  title: FreeText({ max: 200 }),
  dueIn: FlowDuration.optional(),
  /**
   * Wait for the task to be closed (`POST /v1/support/tasks/{id}/close`): closed done leads to `next`, closed
   * cancelled to `onCancelled` (or `next` without it), no close within `timeout` to `onTimeout`.
   */
  waitForClose: z
    .strictObject({ timeout: FlowDuration, onTimeout: Next, onCancelled: Next.optional() })
    .optional(),
  next: Next,
});

const ExitNode = z.strictObject({
  ...node,
  type: z.literal('exit'),
  outcome: Label,
  status: z.enum(['completed', 'cancelled', 'refused']).default('completed'),
});

/** Points through the points ledger: a fixed number, or a rate of an event field with a cap. */
export const PointsAmount = z.union([
  z.strictObject({ fixed: z.number().int().min(1).max(100_000_000) }),
  z.strictObject({
    rateOf: z.strictObject({
      field: EventField,
      basisPoints: z.number().int().min(1).max(1_000_000),
      cap: z.number().int().min(1).max(100_000_000),
    }),
  }),
]);
export type PointsAmount = z.infer<typeof PointsAmount>;

const AwardPointsNode = z.strictObject({
  ...node,
  type: z.literal('awardPoints'),
  points: PointsAmount,
  /** Points expire this many days after the award; without it they do not expire. */
  validityDays: Days.optional(),
  next: Next,
});

/**
 * Writes a profile attribute of the attribute catalog (`value`), or adds a tag to a string-list attribute (`addTag`,
 * e.g. `tags`). The attribute and the value's type are checked against the catalog when the definition is validated.
 */
const SetAttributeNode = z
  .strictObject({
    ...node,
    type: z.literal('setAttribute'),
    attribute: AttributeName,
    value: AttributeValue.optional(),
    addTag: FreeText({ max: 200 }).optional(),
    next: Next,
  })
  .refine((n) => (n.value === undefined) !== (n.addTag === undefined), {
    message: 'a setAttribute node takes either `value` or `addTag`',
    path: ['value'],
  });

/**
 * A campaign-wide counter with a ceiling, counted atomically across every journey of the campaign (a row lock): the
 * first 100 referrers, a salesperson's fund quota. `per` keeps one counter per value of an event field (per
 * salesperson); `amount` counts an event field (minor units) instead of 1; `countOnce` counts each journey pass
 * (`journey`), each customer once, or each customer's referrer once. Within the ceiling leads to `next`, past it (or
 * already counted) to `onReached`.
 */
const LimitNode = z.strictObject({
  ...node,
  type: z.literal('limit'),
  counter: Label,
  max: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  per: z.strictObject({ field: EventField }).optional(),
  amount: z.strictObject({ field: EventField }).optional(),
  countOnce: z.enum(['journey', 'customer', 'referrer']).default('journey'),
  next: Next,
  onReached: Next,
});

export const FlowNode = z.discriminatedUnion('type', [
  EntryNode,
  WaitNode,
  WaitForNode,
  ConditionNode,
  SplitNode,
  GrantCreditNode,
  SendEmailNode,
  CreateTaskNode,
  ExitNode,
  AwardPointsNode,
  SetAttributeNode,
  LimitNode,
]);
export type FlowNode = z.infer<typeof FlowNode>;
export type FlowNodeOf<T extends FlowNode['type']> = Extract<FlowNode, { type: T }>;

/** Leaves the journey wherever it is when a matching event arrives (e.g. any order → converted). */
export const ExitRule = z.strictObject({ on: EventMatcher, outcome: Label });
export type ExitRule = z.infer<typeof ExitRule>;

/**
 * Whether a customer who finished the journey may enter it again (absent: once). `after`: a new entry event counts
 * `days` after the previous entry at the earliest; `unlimited`: any entry event after the previous pass ended.
 * `maxEntries` caps the passes of one customer. The customer's one journey workflow loops back to its entry (see
 * docs/decisions.md "Flow re-entry").
 */
export const ReEntry = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('once') }),
  z.strictObject({
    mode: z.literal('after'),
    days: Days,
    maxEntries: z.number().int().min(2).max(1000).optional(),
  }),
  z.strictObject({ mode: z.literal('unlimited'), maxEntries: z.number().int().min(2).max(1000).optional() }),
]);
export type ReEntry = z.infer<typeof ReEntry>;

/** At most `max` emails of this campaign to one customer per `perDays` days; a capped email is skipped, journaled. */
export const EmailCap = z.strictObject({
  max: z.number().int().min(1).max(1000),
  perDays: z.number().int().min(1).max(365),
});
export type EmailCap = z.infer<typeof EmailCap>;
/** A point on the editor's canvas (pixels at zoom 1). */
const CanvasCoordinate = z.number().min(-1_000_000).max(1_000_000);

/**
 * Where the console's editor drew each node, so a saved graph opens as it was laid out. Presentation only: the
 * interpreter never reads it (validate.ts checks only that it names nodes of the definition).
 */
export const FlowLayout = z
  .strictObject({
    // Keys are checked against the nodes (validate.ts, 422 naming the key): OpenAPI cannot state a key pattern.
    positions: z.record(z.string().max(64), z.strictObject({ x: CanvasCoordinate, y: CanvasCoordinate })),
  })
  .meta({ description: 'Canvas positions of the nodes by id (the editor’s; the journey ignores them).' });

export const FlowDefinition = z.strictObject({
  version: z.literal(1).default(1),
  nodes: z.array(FlowNode).min(2).max(200),
  exitOn: z.array(ExitRule).max(10).default([]),
  reentry: ReEntry.optional(),
  emailCap: EmailCap.optional(),
  layout: FlowLayout.optional(),
});
export type FlowDefinition = z.infer<typeof FlowDefinition>;

/** A custom event name a definition listens for, where (under the config) and in which node. */
export interface CustomEventReference {
  name: string;
  path: (string | number)[];
  message: string;
}

/** Every custom event name the definition's entry, waitFors and exit rules listen for. */
export function customEventReferences(def: FlowDefinition): CustomEventReference[] {
  const refs: CustomEventReference[] = [];
  def.nodes.forEach((n, i) => {
    if ((n.type === 'entry' || n.type === 'waitFor') && n.on?.name !== undefined)
      refs.push({
        name: n.on.name,
        path: ['definition', 'nodes', i, 'on', 'name'],
        message: `node "${n.id}": listens for "${n.on.name}", which is not a declared event type`,
      });
  });
  def.exitOn.forEach((r, i) => {
    if (r.on.name !== undefined)
      refs.push({
        name: r.on.name,
        path: ['definition', 'exitOn', i, 'on', 'name'],
        message: `exit rule ${i + 1}: listens for "${r.on.name}", which is not a declared event type`,
      });
  });
  return refs;
}

/** A profile attribute a setAttribute node writes: what the attribute catalog must accept (checked on validation). */
export interface AttributeReference {
  attribute: string;
  /** The value written, or a tag added (the attribute must then be a string list). */
  write: { value: unknown } | { addTag: string };
  path: (string | number)[];
  nodeId: string;
}

/** Every attribute the definition's setAttribute nodes write. */
export function attributeReferences(def: FlowDefinition): AttributeReference[] {
  return def.nodes.flatMap((n, i) =>
    n.type === 'setAttribute'
      ? [
          {
            attribute: n.attribute,
            write: n.addTag !== undefined ? { addTag: n.addTag } : { value: n.value },
            path: ['definition', 'nodes', i, 'attribute'],
            nodeId: n.id,
          },
        ]
      : [],
  );
}
