import type { CustomerEventInput } from '../../contracts/customer-events';
import { isRetryable, type ApiClient, type CallResult } from './http';
import type { SeededRandom } from './random';

/** The campaigns a chaos run launches: what each customer event is expected to cause. */
export const CHAOS_CAMPAIGNS = {
  /** once-per-customer: a sign-up grants one trial lot (and one email); an order converts the journey. */
  trial: 'chaos-trial-credit',
  /** once-per-customer: a first order starts it; a refund of that order cancels it, a repeat order completes it. */
  repurchase: 'chaos-repurchase-voucher',
  /** repeatable, per customer: every order earns points (order id = ledger transaction id), a refund takes them back. */
  points: 'chaos-points',
} as const;

export const TRIAL_CREDIT_AMOUNT = 5000;

/** A customer's storefront story: what they do, in order. */
export type StoryKind = 'lead' | 'convert' | 'refund' | 'repeat' | 'spend' | 'walk-in';
const STORY_KINDS: readonly StoryKind[] = ['lead', 'convert', 'refund', 'repeat', 'spend', 'walk-in'];

export type Step =
  | { kind: 'signup'; eventId: string }
  | { kind: 'order'; eventId: string; orderId: string; amount: number; first: boolean }
  | { kind: 'refund'; eventId: string; orderId: string }
  /** Check out with the trial credit: wait (bounded) until it shows in the wallet, then commit a redemption. */
  | { kind: 'redeem'; orderId: string; amount: number }
  /** The storefront delivers the previous event again with the same event id (an at-least-once queue does). */
  | { kind: 'redeliver' }
  /** The storefront reports the sign-up a second time under a new event id (a double submit). */
  | { kind: 'signup-again'; eventId: string };

export interface CustomerPlan {
  customerId: string;
  email: string;
  story: StoryKind;
  steps: Step[];
}

/** An effect the product owes because the API accepted (2xx) a request. */
export type Accepted =
  | { kind: 'signup'; customerId: string; email: string; eventId: string }
  | { kind: 'order'; customerId: string; orderId: string; first: boolean; eventId: string }
  | {
      kind: 'refund';
      customerId: string;
      orderId: string;
      /** The refunded order was the customer's first and no repeat order came before the refund. */
      cancelsRepurchase: boolean;
      eventId: string;
    }
  | { kind: 'redemption'; customerId: string; orderId: string; redemptionId: string; total: number };

/** Plans `count` customers for round `round` (deterministic given the random source). */
export function planCustomers(
  random: SeededRandom,
  runTag: string,
  round: number,
  count: number,
): CustomerPlan[] {
  const plans: CustomerPlan[] = [];
  for (let i = 0; i < count; i++) {
    const customerId = `${runTag}-r${round}-c${i}`;
    const story = random.pick(STORY_KINDS);
    const ev = (n: number) => `${customerId}-ev${n}`;
    const order = (n: number, first: boolean) => ({
      kind: 'order' as const,
      eventId: ev(n),
      orderId: `${customerId}-o${n}`,
      amount: random.int(100, 600) * 100,
      first,
    });
    const steps: Step[] = [];
    if (story !== 'walk-in') steps.push({ kind: 'signup', eventId: ev(1) });
    if (story !== 'lead' && story !== 'walk-in' && random.chance(0.15))
      steps.push({ kind: 'signup-again', eventId: ev(9) });
    if (story === 'spend') {
      const first = order(2, true);
      steps.push({ kind: 'redeem', orderId: first.orderId, amount: first.amount }, first);
      steps.push({ kind: 'refund', eventId: ev(3), orderId: first.orderId });
    } else if (story !== 'lead') {
      const first = order(2, true);
      steps.push(first);
      if (story === 'refund' || story === 'walk-in')
        steps.push({ kind: 'refund', eventId: ev(3), orderId: first.orderId });
      if (story === 'repeat') steps.push(order(4, false));
    }
    if (random.chance(0.2)) steps.splice(random.int(1, steps.length), 0, { kind: 'redeliver' });
    plans.push({ customerId, email: `${customerId}@chaos.example`, story, steps });
  }
  return plans;
}

export interface StorefrontOptions {
  api: ApiClient;
  storefrontKey: string;
  /** Jitter of the retry waits. */
  random: SeededRandom;
  /** Nothing is sent after this instant (ms since epoch): the round's bound. */
  giveUpAt: number;
  /** Called before every first attempt of a request (the round counts them to place its fault). */
  onFirstAttempt: () => void;
  /** How long a customer waits for their trial credit to show before checking out without it. */
  creditWaitMs: number;
}

export interface StoryResult {
  accepted: Accepted[];
  /** Events (and redemptions) that got a 2xx. */
  acceptedRequests: number;
  /** Events (and redemptions) sent at least once. */
  sentRequests: number;
  /** Requests refused with a 4xx other than 429: a product or generator bug. */
  refused: string[];
  /** Requests still unaccepted when the round's bound passed. */
  abandoned: string[];
  /** The credit never showed in the wallet within creditWaitMs (the customer checked out without it). */
  creditNotSeen: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Plays one customer's story like a real storefront: one request at a time, each resent until the API accepts it —
 * after Retry-After when the API said so, with exponential backoff when the process was unreachable.
 */
export async function playStory(plan: CustomerPlan, opts: StorefrontOptions): Promise<StoryResult> {
  const result: StoryResult = {
    accepted: [],
    acceptedRequests: 0,
    sentRequests: 0,
    refused: [],
    abandoned: [],
    creditNotSeen: false,
  };
  let previous: CustomerEventInput | undefined;
  let repeatOrdered = false;

  const deliver = async (path: string, body: unknown, label: string): Promise<CallResult | undefined> => {
    opts.onFirstAttempt();
    result.sentRequests += 1;
    for (let attempt = 0; ; attempt++) {
      const res = await opts.api.call('POST', path, opts.storefrontKey, body);
      if (typeof res.outcome === 'number' && res.outcome >= 200 && res.outcome < 300) {
        result.acceptedRequests += 1;
        return res;
      }
      if (!isRetryable(res.outcome)) {
        result.refused.push(`${label}: ${res.outcome} ${JSON.stringify(res.body).slice(0, 300)}`);
        return undefined;
      }
      const backoffMs =
        res.retryAfterS !== undefined
          ? res.retryAfterS * 1000
          : Math.min(250 * 2 ** Math.min(attempt, 5), 5_000);
      const waitMs = backoffMs + opts.random.int(0, 250);
      if (Date.now() + waitMs > opts.giveUpAt) {
        result.abandoned.push(`${label}: last answer ${res.outcome}`);
        return undefined;
      }
      await sleep(waitMs);
    }
  };

  const sendEvent = async (event: CustomerEventInput) => {
    const res = await deliver('/v1/events', event, `${event.type} ${event.eventId}`);
    if (res) previous = event;
    return res;
  };

  for (const step of plan.steps) {
    switch (step.kind) {
      case 'signup':
      case 'signup-again': {
        const res = await sendEvent({
          type: 'signed_up',
          eventId: step.eventId,
          customerId: plan.customerId,
          email: plan.email,
          locale: 'en',
        });
        if (!res) return result;
        if (step.kind === 'signup')
          result.accepted.push({
            kind: 'signup',
            customerId: plan.customerId,
            email: plan.email,
            eventId: step.eventId,
          });
        break;
      }
      case 'order': {
        const res = await sendEvent({
          type: 'order_placed',
          eventId: step.eventId,
          customerId: plan.customerId,
          orderId: step.orderId,
          amount: step.amount,
          categories: ['tea'],
        });
        if (!res) return result;
        if (!step.first) repeatOrdered = true;
        result.accepted.push({
          kind: 'order',
          customerId: plan.customerId,
          orderId: step.orderId,
          first: step.first,
          eventId: step.eventId,
        });
        break;
      }
      case 'refund': {
        const res = await sendEvent({
          type: 'order_refunded',
          eventId: step.eventId,
          customerId: plan.customerId,
          orderId: step.orderId,
        });
        if (!res) return result;
        result.accepted.push({
          kind: 'refund',
          customerId: plan.customerId,
          orderId: step.orderId,
          cancelsRepurchase: !repeatOrdered,
          eventId: step.eventId,
        });
        break;
      }
      case 'redeem': {
        if (!(await waitForCredit(plan.customerId, opts))) {
          result.creditNotSeen = true;
          break;
        }
        const res = await deliver(
          '/v1/redemptions',
          {
            customerId: plan.customerId,
            order: { orderId: step.orderId, amount: step.amount, categories: ['tea'] },
            commit: true,
          },
          `redemption ${step.orderId}`,
        );
        if (!res) return result;
        const body = res.body as { redemptionId?: string; total?: number };
        result.accepted.push({
          kind: 'redemption',
          customerId: plan.customerId,
          orderId: step.orderId,
          redemptionId: body.redemptionId ?? '',
          total: body.total ?? 0,
        });
        break;
      }
      case 'redeliver': {
        if (!previous) break;
        const res = await sendEvent(previous);
        if (!res) return result;
        const duplicate = (res.body as { duplicate?: boolean }).duplicate;
        if (duplicate !== true)
          result.refused.push(`redelivered ${previous.eventId} was not recognised as a duplicate`);
        break;
      }
    }
  }
  return result;
}

/** Polls the wallet (a read the storefront makes anyway) until the trial credit shows, within creditWaitMs. */
async function waitForCredit(customerId: string, opts: StorefrontOptions): Promise<boolean> {
  const until = Math.min(Date.now() + opts.creditWaitMs, opts.giveUpAt);
  while (Date.now() < until) {
    const res = await opts.api.call('GET', `/v1/customers/${customerId}/wallet`, opts.storefrontKey);
    if (res.outcome === 200 && ((res.body as { balance?: number }).balance ?? 0) >= TRIAL_CREDIT_AMOUNT)
      return true;
    await sleep(res.retryAfterS !== undefined ? res.retryAfterS * 1000 : 500);
  }
  return false;
}
