import { continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { CustomerEvent } from '../../../contracts/customer-events';
import { reads, writes } from '../../shared/activities';
import { days, Journey } from '../../shared/journey';
import type { JourneyStart } from '../../shared/journey-input';
import { dateOnly, formatMinor } from '../../shared/money';
import type { FlowConfig } from './config';
import type { GrantOffer } from '../../shared/config-parts';
import type { Fact, FlowNode, FlowNodeOf } from './definition';
import { durationMs } from './graph';
import {
  drawCohort,
  entryOf,
  eventField,
  factsNeeded,
  grantAmount,
  hearsEvents,
  holds,
  listensTo,
  matches,
  type Facts,
} from './evaluate';
import { placeholders } from './validate';
import {
  awardPoints,
  claimLimit,
  createTask,
  emailAllowed,
  listenForTaskCloses,
  REFERRER_EMAIL_KIND,
  setAttribute,
} from './nodes';
import { awaitReentry, mayReenter, type Passes } from './reentry';
import { nextTimeOfDay } from './time-of-day';
import { readSegments } from './segments';
import { isPatched } from '../../shared/patches';

/** Journeys an enrolment run started (no event): they enter at the entry's next node. */
export const ENROLLED_ENTRY_PATCH = 'flow-enrolled-entry';
/**
 * An occurrence journey (date or calendar entry) that hears events removes its row from the event router's table at
 * its end, so the table holds open journeys, not every occurrence ever. Journeys from before it end without.
 */
export const FORGET_OCCURRENCE_PATCH = 'flow-forget-open-occurrence';
/**
 * A journey that runs more nodes than its graph has without once being held (a wait that slept, a waitFor, a task
 * waited for, a re-entry) is going round a loop with no time passing: it ends `refused` (loop-without-wait) instead
 * of granting without end. Validation refuses such loops; this stops those that passed before it did (a wait until
 * an instant once counted as a wait) or that any later gap lets through.
 */
export const SPIN_GUARD_PATCH = 'flow-spin-guard';

/** A credit this journey granted: what its emails' `{amount}` and `{expiresOn}` speak of. */
interface LastGrant {
  lotId: string;
  amount: number;
  expiresAt: string;
}

/** What a run carries over continue-as-new: where it stands, how often each node ran, and the runtime's inbox. */
export interface FlowCarryV1 {
  v: 1;
  /** The node the next run starts at. */
  node: string;
  /** Runs of each node so far in this chain (the iteration part of idempotency keys and journal steps). */
  visits: Record<string, number>;
  /** The event at hand: the one that entered, or the last one a waitFor matched. */
  event?: CustomerEvent;
  lastGrant?: LastGrant;
  cohort?: string;
  pending: CustomerEvent[];
  seenEventIds: string[];
  /** Passes through the journey so far and when the current one entered (re-entry; absent: the first pass). */
  passes?: Passes;
  /** Nodes run since the journey was last held (the spin guard; absent: none). */
  sinceHold?: number;
}
export type FlowCarry = FlowCarryV1;

/** Nodes run per workflow run before continue-as-new keeps the history bounded (a loop through waits may run long). */
export const NODES_PER_RUN = 100;
/** Pending events carried over at most (the newest): a journey is only ever waiting for a few. */
const CARRIED_EVENTS_LIMIT = 50;

/**
 * The flow interpreter: runs a campaign's journey graph (config.definition, validated when the campaign was created)
 * for one customer. Deterministic: every decision comes from the definition, the events and activity results; the
 * cohort of a split from the workflow id. Each effect's idempotency key is workflow id + first run id + node id +
 * iteration (`Journey.key`), so a retried activity, a replay or a continued run never grants or mails twice.
 */
export async function flowJourney(start: JourneyStart<FlowConfig>, carry?: FlowCarry): Promise<string> {
  const j = new Journey(start, carry?.seenEventIds);
  j.requeue(carry?.pending ?? []);
  const def = j.config.definition;
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const visits: Record<string, number> = { ...carry?.visits };
  let event = carry ? carry.event : start.trigger;
  let lastGrant = carry?.lastGrant;
  if (carry?.cohort !== undefined) j.state.details.cohort = carry.cohort;
  const taskCloses = listenForTaskCloses();
  let passes: Passes = carry?.passes ?? { count: 1, enteredAt: j.nowIso() };
  let sinceHold = carry?.sinceHold ?? 0;
  const spinGuard = isPatched(SPIN_GUARD_PATCH);

  let current: string;
  if (carry) {
    current = carry.node;
  } else {
    const trigger = start.trigger;
    // The starting event's signal copy may reach the inbox too: it is handled once, here.
    if (trigger) j.take((e) => e.eventId === trigger.eventId);
    const entry = entryOf(def);
    // Only enrolled starts take this path (none before it existed had `enrolment`), behind its patch all the same.
    if (!trigger && start.enrolment && isPatched(ENROLLED_ENTRY_PATCH)) {
      visits[entry.id] = 1;
      await j.step(entry.id, 'flow-entered', { enrolment: start.enrolment.kind, run: start.enrolment.run });
    } else {
      if (!trigger || !entry.on || !matches(entry.on, trigger))
        return j.finish('refused', 'entry-not-matched');
      visits[entry.id] = 1;
      await j.step(entry.id, 'flow-entered', {
        event: trigger.type === 'custom' ? `custom:${trigger.name}` : trigger.type,
      });
    }
    current = entry.next;
  }

  const exitRule = (e: CustomerEvent) => def.exitOn.find((r) => matches(r.on, e));
  const isExit = (e: CustomerEvent) => exitRule(e) !== undefined;
  /**
   * The end of a pass: the journey's end, or (re-entry allowed) a wait for the next entry event, after which the
   * journey runs again from the entry's next node (undefined is returned then).
   */
  const endPass = async (
    status: 'completed' | 'cancelled' | 'refused',
    outcome: string,
    detail: Record<string, unknown>,
  ): Promise<string | undefined> => {
    const entry = entryOf(def);
    // Only an event entry can be entered again (date, calendar and enrolled entries start journeys of their own).
    if (!mayReenter(def.reentry, passes) || !entry.on) {
      const occurrence = start.enrolment && start.enrolment.kind !== 'audience';
      if (occurrence && hearsEvents(def) && isPatched(FORGET_OCCURRENCE_PATCH))
        await writes.forgetOpenOccurrence({
          customerId: start.customerId,
          campaignId: start.campaignId,
          workflowId: workflowInfo().workflowId,
        });
      return j.finish(status, outcome, detail);
    }
    const entered = await awaitReentry(j, def.reentry!, entry.on, passes, { status, outcome, detail });
    sinceHold = 0;
    passes = { count: passes.count + 1, enteredAt: j.nowIso() };
    const iteration = (visits[entry.id] ?? 0) + 1;
    visits[entry.id] = iteration;
    event = entered;
    lastGrant = undefined;
    j.state.details.pass = passes.count;
    await j.step(`${entry.id}#${iteration}`, 'flow-entered', {
      event: entered.type === 'custom' ? `custom:${entered.name}` : entered.type,
      pass: passes.count,
    });
    current = entry.next;
    return undefined;
  };
  const exitBy = (e: CustomerEvent) =>
    endPass('completed', exitRule(e)!.outcome, { node: current, eventId: e.eventId });

  for (let ran = 0; ; ran++) {
    // Events no waitFor or exit rule of this definition looks at would only fill the inbox.
    j.discard((e) => !listensTo(def, e));
    const exiting = j.take(isExit);
    if (exiting) {
      const ended = await exitBy(exiting);
      if (ended !== undefined) return ended;
      continue;
    }
    if (ran >= NODES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof flowJourney>(start, {
        v: 1,
        node: current,
        visits,
        ...(event ? { event } : {}),
        ...(lastGrant ? { lastGrant } : {}),
        ...(typeof j.state.details.cohort === 'string' ? { cohort: j.state.details.cohort } : {}),
        pending: j.pendingEvents().slice(-CARRIED_EVENTS_LIMIT),
        seenEventIds: j.seenEventIds(),
        // Carried for re-entry only (the first pass's entry time decides when `after` re-opens).
        ...(def.reentry !== undefined && def.reentry.mode !== 'once' ? { passes } : {}),
        ...(sinceHold > 0 ? { sinceHold } : {}),
      });
    }

    const n: FlowNode = byId.get(current)!;
    sinceHold++;
    // Between two holds a graph whose every loop holds runs each node at most once.
    if (spinGuard && sinceHold > byId.size) {
      return j.finish('refused', 'loop-without-wait', { node: n.id, nodesRun: sinceHold - 1 });
    }
    const iteration = (visits[n.id] ?? 0) + 1;
    visits[n.id] = iteration;
    j.state.details.node = n.id;
    j.state.details.iteration = iteration;
    /** Journal step: the node id, with its iteration from the second run of the node on. */
    const step = iteration === 1 ? n.id : `${n.id}#${iteration}`;
    const key = j.key(`${n.id}#${iteration}`);

    switch (n.type) {
      case 'entry':
        throw new Error(`node "${n.id}": a flow never returns to its entry (validation refuses it)`);
      case 'wait': {
        const ms = n.for
          ? durationMs(n.for)
          : n.at
            ? nextTimeOfDay(Date.now(), n.at.time, n.at.timezone) - Date.now()
            : Date.parse(n.until!) - Date.now();
        j.mark(
          step,
          n.for
            ? `wait ${ms} ms`
            : n.at
              ? `wait until ${n.at.time} ${n.at.timezone}`
              : `wait until ${n.until}`,
        );
        // A wait for a duration or a time of day holds on every pass (the latter a day later if `at` is now); one
        // until an instant only while the instant is ahead.
        if (n.until === undefined || ms > 0) sinceHold = 0;
        if (ms > 0) {
          const exit = await j.waitForEvent(isExit, ms);
          if (exit) {
            const ended = await exitBy(exit);
            if (ended !== undefined) return ended;
            break;
          }
        }
        current = n.next;
        break;
      }
      case 'waitFor': {
        j.mark(step, `wait for ${n.on.name ?? n.on.type}`);
        sinceHold = 0;
        const arrived = await j.waitForEvent((e) => isExit(e) || matches(n.on, e), durationMs(n.timeout));
        if (arrived && isExit(arrived)) {
          const ended = await exitBy(arrived);
          if (ended !== undefined) return ended;
          break;
        }
        if (arrived) event = arrived;
        current = arrived ? n.onEvent : n.onTimeout;
        break;
      }
      case 'condition': {
        const tests = n.branches.flatMap((b) => b.when);
        const facts = await readFacts(j, factsNeeded(tests));
        // Segment tests are newer than every definition validated before them: no running journey asks, no patch.
        const segments = await readSegments(j, tests);
        const branch = n.branches.findIndex((b) => holds(b.when, event, facts, segments));
        current = branch < 0 ? n.otherwise : n.branches[branch]!.next;
        j.mark(step, branch < 0 ? 'otherwise' : `branch ${branch + 1}`);
        break;
      }
      case 'split': {
        const cohort = drawCohort(`${j.workflowId}/${n.id}`, n.cohorts);
        j.state.details.cohort = cohort.name;
        await j.step(step, 'flow-cohort', { cohort: cohort.name, holdout: cohort.holdout });
        current = cohort.next;
        break;
      }
      case 'grantCredit': {
        const next = await grant(j, n, step, key, event);
        if (typeof next !== 'string') {
          if (!next.ok) {
            const ended = await endPass('refused', next.code, { node: n.id });
            if (ended !== undefined) return ended;
            break;
          }
          lastGrant = next.granted;
          current = n.next;
        } else current = next;
        break;
      }
      case 'sendEmail': {
        current = n.next;
        if (!(await emailAllowed(j, def.emailCap, step))) break;
        const copy = { subject: n.subject, body: n.body };
        await j.emailCopy(step, copy, copyVars(copy, event, lastGrant), key);
        break;
      }
      case 'createTask': {
        if (n.waitForClose !== undefined) sinceHold = 0;
        const next = await createTask(j, n, step, key, taskCloses, isExit);
        if (typeof next !== 'string') {
          const ended = await exitBy(next.exit);
          if (ended !== undefined) return ended;
        } else current = next;
        break;
      }
      case 'awardPoints':
        current = await awardPoints(j, n, step, key, event);
        break;
      case 'setAttribute':
        current = await setAttribute(j, n, step);
        break;
      case 'limit':
        current = await claimLimit(j, n, step, key, event);
        break;
      case 'exit': {
        const ended = await endPass(n.status, n.outcome, { node: n.id });
        if (ended !== undefined) return ended;
        break;
      }
    }
  }
}

/**
 * A grantCredit node: the amount (fixed, or a capped rate of the event at hand), then the grant. A zero amount (no
 * such field, or too small to give a minor unit) grants nothing and goes on. Returns the next node on a refusal the
 * node routes, else the outcome.
 */
async function grant(
  j: Journey<FlowConfig>,
  n: FlowNodeOf<'grantCredit'>,
  step: string,
  key: string,
  event: CustomerEvent | undefined,
): Promise<string | { ok: true; granted: LastGrant } | { ok: false; code: string }> {
  const tier = 'byTier' in n.amount ? (await flowFacts(j)).tier : null;
  const amount = grantAmount(n.amount, event, tier);
  if (amount <= 0) {
    await j.step(`${step}:nothing`, 'credit-skipped', { reason: 'zero amount' });
    return n.next;
  }
  // Only the activity's input changes for a percent coupon (its rate) or a gift (its SKU): no command differs, so no
  // patch is needed.
  const offer: GrantOffer = {
    ...(n.kind === 'percent'
      ? { kind: 'percent', percentBp: n.percentBp! }
      : n.kind === 'gift'
        ? { kind: 'gift', giftSku: n.giftSku! }
        : { kind: n.kind }),
    amount,
    validityDays: n.validityDays,
    scope: n.scope,
    stacking: n.stacking,
    ...(n.minOrderAmount !== undefined ? { minOrderAmount: n.minOrderAmount } : {}),
  };
  // Absent in definitions from before `recipient` (the customer).
  const to =
    n.recipient === 'referrer' ? await reads().flowReferrerOf(j.start.customerId) : j.start.customerId;
  if (to === null) {
    await j.step(`${step}:nothing`, 'credit-skipped', { reason: 'no referrer' });
    return n.next;
  }
  const outcome = await j.grant(step, offer, `flow:${n.id}`, to, key);
  if (!outcome.ok) return n.onRefused ?? { ok: false, code: outcome.code };
  // The referrer's credit is not what this customer's emails speak of; the node's own email tells the referrer.
  if (to !== j.start.customerId) {
    // Only definitions with `email` (newer than every journey that ran before it) take this path: no patch.
    if (n.email && (await emailAllowed(j, j.config.definition.emailCap, `${step}:referrer-email`, to))) {
      const granted = { lotId: outcome.lotId, amount, expiresAt: outcome.expiresAt };
      await j.emailCopy(
        `${step}:referrer-email`,
        n.email,
        copyVars(n.email, event, granted),
        `${key}:referrer-email`,
        {
          customerId: to,
          kind: REFERRER_EMAIL_KIND,
        },
      );
    }
    return n.next;
  }
  j.state.details.lotId = outcome.lotId;
  j.state.details.expiresAt = outcome.expiresAt;
  return { ok: true, granted: { lotId: outcome.lotId, amount, expiresAt: outcome.expiresAt } };
}

/**
 * The variables of an email's copy: the credit it speaks of (`{amount}`, `{expiresOn}`) and the fields of the event at
 * hand its copy names (`{event_minutes}`; blank when the event has none: validation cannot know).
 */
function copyVars(
  copy: { subject: Record<string, string>; body: Record<string, string> },
  event: CustomerEvent | undefined,
  grant: LastGrant | undefined,
): Record<string, string | number> {
  const vars: Record<string, string | number> = {
    amount: grant ? formatMinor(grant.amount) : '',
    expiresOn: grant ? dateOnly(grant.expiresAt) : '',
  };
  for (const text of [...Object.values(copy.subject), ...Object.values(copy.body)]) {
    for (const name of placeholders(text)) {
      if (!name.startsWith('event_')) continue;
      const value = event ? eventField(event, name.slice('event_'.length)) : undefined;
      vars[name] = typeof value === 'string' || typeof value === 'number' ? value : '';
    }
  }
  return vars;
}

/** The facts read from the customer's profile (one read serves them all). */
const PROFILE_FACTS: readonly Fact[] = ['orderCount', 'totalSpent', 'locale', 'daysSinceLastOrder'];

/** The facts read with one `flowFacts` read (stores/customer-facts.ts, as segments compute them). */
const FACTS_OF_FLOW_READ: readonly Fact[] = ['tier', 'pointsBalance', 'referralsPaid'];

function flowFacts(j: Journey<FlowConfig>) {
  return reads().flowFacts({ customerId: j.start.customerId, asOf: j.nowIso() });
}

/** The facts a condition tests, read once per condition (only the reads they need). */
async function readFacts(j: Journey<FlowConfig>, needed: readonly Fact[]): Promise<Facts> {
  const facts: Facts = {};
  if (needed.length === 0) return facts;
  const customerId = j.start.customerId;
  if (needed.some((f) => PROFILE_FACTS.includes(f))) {
    const profile = await reads().getCustomerProfile(customerId);
    facts.orderCount = profile?.orderCount ?? 0;
    facts.totalSpent = profile?.totalSpent ?? 0;
    facts.locale = profile?.locale ?? null;
    facts.daysSinceLastOrder = profile?.lastOrderAt
      ? Math.floor((Date.now() - Date.parse(profile.lastOrderAt)) / days(1))
      : null;
  }
  if (needed.some((f) => FACTS_OF_FLOW_READ.includes(f))) {
    const more = await flowFacts(j);
    facts.tier = more.tier;
    facts.pointsBalance = more.pointsBalance;
    facts.referralsPaid = more.referralsPaid;
  }
  if (needed.includes('referrer')) facts.referrer = await reads().flowReferrerOf(customerId);
  if (needed.includes('walletBalance')) {
    facts.walletBalance = (await reads().walletOf({ customerId, asOf: j.nowIso() })).balance;
  }
  // A fact newer than every definition validated before it: no running journey reads it, so no patch is needed.
  if (needed.includes('sharedIdentityAccounts')) {
    facts.sharedIdentityAccounts = (await reads().customersSharingIdentity(customerId)).length;
  }
  return facts;
}
