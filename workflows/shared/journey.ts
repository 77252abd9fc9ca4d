import { condition, isCancellation, setHandler, workflowInfo } from '@temporalio/workflow';
import { mail, reads, writes } from './activities';
import type { CustomerEvent } from '../../contracts/customer-events';
import { detailFromResult, type JournalWithWrite } from '../../contracts/journal-with-write';
import { customerEventSignal, journeyStateQuery } from './definitions';
import type { GrantOffer } from './config-parts';
import type { JourneyStart } from './journey-input';
import type { JourneyFailure, JourneyState, JourneyStatus, StepFailure } from './journey-state';
import { grantRefusalOf, ledgerRefusalOf } from './refusals';
import type { EmailTemplate, TemplateId, TemplateVarName } from '../../email/templates';
import { isPatched } from './patches';

export type GrantOutcome =
  | { ok: true; lotId: string; expiresAt: string; amount: number }
  | { ok: false; code: string; message: string };

const HISTORY_LIMIT = 30;
const SEEN_EVENTS_LIMIT = 200;
const DAY_MS = 86_400_000;

export const days = (n: number): number => n * DAY_MS;

/**
 * Template variables a journey never passes: `name` comes from the customer's profile (emailCustomer) and `currency`
 * from the mailer's defaults (the ledger currency, MailSettings.defaults).
 */
type SuppliedVar = 'name' | 'currency';

/** Something a journey reserved (e.g. an agent's quota) that a later failure must not leave reserved. */
export interface Hold {
  /** Gives it back now (the journey's own refusal paths); the failure path then has nothing left to give back. */
  release(): Promise<void>;
  /** The reservation was used (the credit it paid for was granted): nothing to give back any more. */
  keep(): void;
}

/**
 * The journey of this workflow execution (module state is per workflow: the SDK gives every workflow its own module
 * instances), for the failure path that wraps the workflow function (permanent-failure.ts).
 */
let current: Journey<unknown> | undefined;

/**
 * Steps whose effect is one write record their journal row in that write's activity (Journey.journaledWrite); runs
 * from before it wrote the row in an activity of its own.
 */
export const JOURNAL_WITH_ITS_WRITE = 'journal-with-its-write';

export function runningJourney(): Journey<unknown> | undefined {
  return current;
}

/**
 * The journey runtime every plugin workflow uses: state and its query, the customer-event inbox (deduplicated by
 * eventId, since signal-with-start delivers the starting event both as input and as signal), idempotency keys
 * derived from the workflow id and step, and the journal of steps.
 */
export class Journey<TConfig> {
  readonly state: JourneyState;
  readonly config: TConfig;
  private readonly inbox: CustomerEvent[] = [];
  private readonly seen: string[] = [];
  /** Reservations still held, by name, with how each is given back (in the order they were taken). */
  private readonly holds = new Map<string, () => Promise<unknown>>();

  /**
   * `seenEventIds`: the event ids earlier runs of this journey saw (carried over continue-as-new), so a redelivered
   * event stays ignored.
   */
  constructor(
    readonly start: JourneyStart<TConfig>,
    seenEventIds: readonly string[] = [],
  ) {
    this.config = start.config;
    this.state = {
      journeyType: start.journeyType,
      campaignId: start.campaignId,
      customerId: start.customerId,
      status: 'running',
      step: 'started',
      history: [],
      details: {},
    };
    for (const id of seenEventIds) this.markSeen(id);
    setHandler(journeyStateQuery, () => this.state);
    // Before the handler: registering it delivers the buffered signal-with-start copy of the trigger at once.
    if (start.trigger) this.markSeen(start.trigger.eventId);
    setHandler(customerEventSignal, (event) => this.accept(event));
    current = this as Journey<unknown>;
  }

  get workflowId(): string {
    return workflowInfo().workflowId;
  }

  /** Deterministic workflow time (the server's clock, skipped in tests), as ISO text for activities. */
  nowIso(): string {
    return new Date(Date.now()).toISOString();
  }

  /**
   * Idempotency key of a step: the workflow id, the first run of this execution chain (stable across retries and
   * continue-as-new, new for a later run of a repeatable journey, whose step names start over) and the step.
   */
  key(step: string): string {
    const info = workflowInfo();
    return `${info.workflowId}/${info.firstExecutionRunId}/${step}`;
  }

  private markSeen(eventId: string): void {
    // Once each: every run of a continue-as-new chain marks its trigger again (it is part of the start).
    if (this.seen.includes(eventId)) return;
    this.seen.push(eventId);
    if (this.seen.length > SEEN_EVENTS_LIMIT) this.seen.shift();
  }

  private accept(event: CustomerEvent): void {
    if (event.customerId !== this.start.customerId || this.seen.includes(event.eventId)) return;
    this.markSeen(event.eventId);
    this.inbox.push(event);
  }

  /** Takes the first pending event matching `match` out of the inbox. */
  take<T extends CustomerEvent>(match: (e: CustomerEvent) => e is T): T | undefined;
  take(match: (e: CustomerEvent) => boolean): CustomerEvent | undefined;
  take(match: (e: CustomerEvent) => boolean): CustomerEvent | undefined {
    const i = this.inbox.findIndex(match);
    if (i < 0) return undefined;
    const [event] = this.inbox.splice(i, 1);
    return event;
  }

  /** Drops pending events that no step of this journey will ever look at (keeps the state small). */
  discard(match: (e: CustomerEvent) => boolean): void {
    for (let i = this.inbox.length - 1; i >= 0; i--) if (match(this.inbox[i]!)) this.inbox.splice(i, 1);
  }

  /** For continue-as-new: the next run's `seenEventIds`. */
  seenEventIds(): string[] {
    return this.seen.slice();
  }

  pendingEvents(): CustomerEvent[] {
    return this.inbox.slice();
  }

  /** Puts events carried over by continue-as-new back into the inbox. */
  requeue(events: readonly CustomerEvent[]): void {
    for (const e of events) this.accept(e);
  }

  /**
   * Waits until an event matching `match` arrives or `timeoutMs` of workflow time passes.
   * Returns the event, or undefined on timeout.
   */
  async waitForEvent<T extends CustomerEvent>(
    match: (e: CustomerEvent) => e is T,
    timeoutMs: number | undefined,
  ): Promise<T | undefined>;
  async waitForEvent(
    match: (e: CustomerEvent) => boolean,
    timeoutMs: number | undefined,
  ): Promise<CustomerEvent | undefined>;
  async waitForEvent(
    match: (e: CustomerEvent) => boolean,
    timeoutMs: number | undefined,
  ): Promise<CustomerEvent | undefined> {
    const ready = this.take(match);
    if (ready) return ready;
    if (timeoutMs !== undefined) this.state.nextWakeAt = new Date(Date.now() + timeoutMs).toISOString();
    const previous = this.state.status;
    this.state.status = 'waiting';
    // No timeout: wait as long as it takes (e.g. for the order that reactivates a dormant customer).
    const arrived =
      timeoutMs === undefined
        ? await condition(() => this.inbox.some(match)).then(() => true)
        : await condition(() => this.inbox.some(match), timeoutMs);
    this.state.status = previous === 'waiting' ? 'running' : previous;
    delete this.state.nextWakeAt;
    return arrived ? this.take(match) : undefined;
  }

  /**
   * Records a step in the query state only: a decision with no effect of its own (a branch taken, a timer started),
   * visible where the customer is without a journal write.
   */
  mark(step: string, note?: string): void {
    this.state.step = step;
    this.state.history.push({ at: this.nowIso(), step, ...(note ? { note } : {}) });
    if (this.state.history.length > HISTORY_LIMIT) this.state.history.shift();
  }

  /** Records a step in the query state and (idempotently) in the journey_events table. */
  async step(step: string, kind: string, detail: Record<string, unknown> = {}, note?: string): Promise<void> {
    this.mark(step, note);
    await writes.recordJourneyEvent(this.journalRow(step, kind, detail));
  }

  /** The journal row of a step of this journey, as of now. */
  private journalRow(step: string, kind: string, detail: Record<string, unknown>): JournalWithWrite {
    return {
      workflowId: this.workflowId,
      step,
      kind,
      customerId: this.start.customerId,
      campaignId: this.start.campaignId,
      detail: { journeyType: this.start.journeyType, ...detail },
      occurredAt: this.nowIso(),
    };
  }

  /**
   * A step whose effect is one write activity: `write` gets the step's journal row to record along with its write
   * (contracts/journal-with-write.ts) — one activity instead of the write and then recordJourneyEvent. `fromResult`
   * names detail fields the write's result supplies (detail key → result key). Runs from before JOURNAL_WITH_ITS_WRITE
   * replay the two activities.
   */
  async journaledWrite<A, R>(
    step: string,
    kind: string,
    detail: Record<string, unknown>,
    write: (input: A, journal?: JournalWithWrite) => Promise<R>,
    input: A,
    fromResult?: Partial<Record<string, keyof R & string>>,
  ): Promise<R> {
    const fields = fromResult as Record<string, string> | undefined;
    if (!isPatched(JOURNAL_WITH_ITS_WRITE)) {
      // One argument, as these runs recorded it (a second, even undefined, would change the scheduled input).
      const result = await write(input);
      await this.step(step, kind, { ...detail, ...detailFromResult(result, fields) });
      return result;
    }
    const result = await write(input, {
      ...this.journalRow(step, kind, detail),
      ...(fields ? { fromResult: fields } : {}),
    });
    this.mark(step);
    return result;
  }

  async finish(
    status: Exclude<JourneyStatus, 'running' | 'waiting' | 'failed'>,
    outcome: string,
    detail = {},
  ): Promise<string> {
    await this.step(`end`, `journey-${status}`, { outcome, ...detail });
    this.state.status = status;
    this.state.outcome = outcome;
    return outcome;
  }

  /**
   * Registers a reservation this journey now holds; `release` gives it back (idempotently: the failure path may call
   * it again after a release that failed). Registering issues no command, so it changes no history.
   */
  hold(name: string, release: () => Promise<unknown>): Hold {
    this.holds.set(name, release);
    return {
      release: async () => {
        await release();
        this.holds.delete(name);
      },
      keep: () => {
        this.holds.delete(name);
      },
    };
  }

  /**
   * The failure path (permanent-failure.ts), after a step failed for good: the state says `failed` first (so the
   * journeyState query tells the truth even if what follows cannot be done), then every hold is given back, latest
   * first, a `journey-failed` support task is opened and the failure journaled. Each part is tried on its own; what
   * could not be done is listed in the state's `failure.unfinished` (and in the task).
   */
  async failPermanently(failure: StepFailure): Promise<void> {
    const record: JourneyFailure = { ...failure, afterStep: this.state.step, released: [] };
    this.state.status = 'failed';
    this.state.outcome = 'failed';
    this.state.failure = record;
    delete this.state.nextWakeAt;
    const unfinished: string[] = [];
    const attempt = async (part: string, fn: () => Promise<unknown>): Promise<boolean> => {
      try {
        await fn();
        return true;
      } catch (err) {
        if (isCancellation(err)) throw err;
        unfinished.push(part);
        return false;
      }
    };
    for (const [name, release] of [...this.holds].reverse()) {
      if (await attempt(`release:${name}`, release)) {
        this.holds.delete(name);
        record.released.push(name);
      }
    }
    const summary = {
      workflowId: this.workflowId,
      journeyType: this.start.journeyType,
      campaignId: this.start.campaignId,
      ...record,
      ...(unfinished.length > 0 ? { unfinished: [...unfinished] } : {}),
    };
    await attempt('support-task', async () => {
      const task = await mail.createSupportTask({
        idempotencyKey: this.key('failed:support-task'),
        customerId: this.start.customerId,
        kind: 'journey-failed',
        title: `${this.start.journeyType} journey failed at ${failure.activity} (${failure.reason})`,
        detail: summary,
      });
      record.supportTaskId = task.taskId;
    });
    await attempt('journal', () =>
      this.step('failed', 'journey-failed', {
        activity: record.activity,
        afterStep: record.afterStep,
        reason: record.reason,
        released: record.released,
      }),
    );
    if (unfinished.length > 0) record.unfinished = unfinished;
  }

  /**
   * Grants a credit offer from the campaign budget to a customer (this journey's customer unless told otherwise).
   * The idempotency key is the workflow id + step: a retried activity or a replayed workflow grants once.
   * A business refusal (budget exhausted…) is returned, not thrown, so the journey can end with a reason.
   */
  async grant(
    step: string,
    offer: GrantOffer,
    reason: string,
    customerId: string = this.start.customerId,
    /** Defaults to `key(step)`; a key shared across journeys grants once across all of them. */
    idempotencyKey: string = this.key(step),
  ): Promise<GrantOutcome> {
    const expiresAt = new Date(Date.now() + days(offer.validityDays)).toISOString();
    const request = {
      idempotencyKey,
      campaignId: this.start.campaignId,
      customerId,
      amount: offer.amount,
      kind: offer.kind,
      scope: offer.scope,
      stacking: offer.stacking,
      ...(offer.minOrderAmount !== undefined ? { minOrderAmount: offer.minOrderAmount } : {}),
      ...(offer.percentBp !== undefined ? { percentBp: offer.percentBp } : {}),
      ...(offer.giftSku !== undefined ? { giftSku: offer.giftSku } : {}),
      expiresAt,
      asOf: this.nowIso(),
      source: { journeyId: this.workflowId, reason },
    };
    try {
      const granted = await this.journaledWrite(
        step,
        'credit-granted',
        { amount: offer.amount, kind: offer.kind, customerId },
        writes.grantCredit,
        request,
        { lotId: 'lotId' },
      );
      return { ok: true, lotId: granted.lotId, expiresAt, amount: offer.amount };
    } catch (err) {
      const refusal = grantRefusalOf(err);
      if (!refusal) throw err;
      await this.step(
        `${step}:refused`,
        'credit-refused',
        { code: refusal.code, customerId },
        refusal.message,
      );
      return { ok: false, ...refusal };
    }
  }

  /** Returns the unused remainder of a lot to its budget (a cancelled reward). */
  async revoke(step: string, lotId: string, reason: string): Promise<void> {
    try {
      await writes.revokeGrant({ idempotencyKey: this.key(step), lotId, asOf: this.nowIso(), reason });
      await this.step(step, 'credit-revoked', { lotId, reason });
    } catch (err) {
      const refusal = ledgerRefusalOf(err);
      if (!refusal) throw err;
      await this.step(`${step}:refused`, 'revoke-refused', { lotId, code: refusal.code }, refusal.message);
    }
  }

  /** Emails a customer with their profile's address and locale; skipped (and journaled) if there is no address. */
  async emailCustomer<T extends TemplateId>(
    step: string,
    template: T,
    vars: Record<Exclude<TemplateVarName<T>, SuppliedVar>, string | number>,
    customerId: string = this.start.customerId,
    /** Defaults to workflow id + step; a key shared across journeys mails once across all of them. */
    idempotencyKey: string = this.key(step),
  ): Promise<boolean> {
    const profile = await reads().getCustomerContact(customerId);
    if (!profile?.email) {
      await this.step(`${step}:no-email`, 'email-skipped', { template, customerId });
      return false;
    }
    const email = {
      idempotencyKey,
      to: profile.email,
      template,
      locale: profile.locale,
      vars: { name: profile.displayName, ...vars },
    };
    await this.journaledWrite(step, 'email-sent', { template, customerId }, mail.sendEmail, email);
    return true;
  }

  /**
   * Emails a customer copy written for the campaign (a flow journey's sendEmail node) instead of a catalogue template;
   * `{name}` comes from the profile and `{currency}` from the mailer, like the catalogue's. Skipped (and journaled)
   * without an address.
   */
  async emailCopy(
    step: string,
    copy: EmailTemplate,
    vars: Record<string, string | number>,
    idempotencyKey: string = this.key(step),
    /** Whom it goes to: the journey's customer, or another (a flow's referrer); journaled under `kind`. */
    to: { customerId: string; kind: string } = { customerId: this.start.customerId, kind: 'email-sent' },
  ): Promise<boolean> {
    const customerId = to.customerId;
    const profile = await reads().getCustomerContact(customerId);
    if (!profile?.email) {
      await this.step(`${step}:no-email`, 'email-skipped', { template: 'flow-message', customerId });
      return false;
    }
    const email = {
      idempotencyKey,
      to: profile.email,
      template: 'flow-message' as const,
      copy,
      locale: profile.locale,
      vars: { name: profile.displayName, ...vars },
    };
    await this.journaledWrite(step, to.kind, { template: 'flow-message', customerId }, mail.sendEmail, email);
    return true;
  }
}
