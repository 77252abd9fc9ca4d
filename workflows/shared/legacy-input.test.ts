import { DAY_MS, journal } from '../../test/support/journey-assertions';
import { startJourneyStack, uniqueId, type JourneyStack } from '../../test/support/journey-stack';
import { eventually } from '../../test/support/eventually';
import { stopWhenIdle } from '../../test/support/long-lived-journeys';
import { journeyWorkflowId } from './definitions';
import type { LegacyJourneyInput } from './journey-input';

/**
 * Journeys that were running when the start/carry split shipped get their next run (and every replay) with the old
 * single input: the start fields plus a `carried` bag holding the continue-as-new state or the operator's request.
 * Each workflow must read that bag as its new carry/start field. (Replaying the archived histories proves the commands
 * stay the same; these runs prove the values arrive: tiers, cycles, seen events, requests.)
 */
describe('journeys resume from the single input of runs started before the start/carry split', () => {
  let stack: JourneyStack;
  const longLived: string[] = [];
  beforeAll(async () => {
    stack = await startJourneyStack();
  });
  afterEach(() => stopWhenIdle(stack, longLived.splice(0)));
  afterAll(async () => {
    await stack?.stop();
  });

  async function startLegacy(
    workflowType: string,
    journeyType: string,
    config?: unknown,
    carried?: Record<string, unknown>,
    customerId = uniqueId('legacy'),
  ) {
    const campaign = await stack.launch(journeyType, config);
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    const input: LegacyJourneyInput<unknown> = {
      campaignId: campaign.campaignId,
      customerId,
      journeyType,
      config: campaign.config,
      ...(carried ? { carried } : {}),
    };
    await stack.env.client.workflow.start(workflowType, {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [input],
    });
    return { campaign, customerId, workflowId };
  }
  const waiting = (workflowId: string) =>
    eventually(() => stack.journeys.state(workflowId), {
      until: (s) => s.status === 'waiting',
      description: `${workflowId} waiting`,
    });

  it('member tier: the carried tier and seen events hold, so a redelivered order earns nothing and a new one earns gold', async () => {
    const seenEventId = uniqueId('ev');
    const { customerId, workflowId } = await startLegacy(
      'memberTierJourney',
      'member-tier',
      {},
      {
        pending: [],
        seenEventIds: [seenEventId],
        state: {
          tier: 'gold',
          reviewAnchor: await stack.env.currentTimeMs(),
          reviews: 0,
          changes: 3,
          pending: [],
        },
      },
    );
    longLived.push(workflowId);
    expect((await waiting(workflowId)).details).toMatchObject({ tier: 'gold', rebateBp: 300 });

    const order = (eventId: string, orderId: string) =>
      stack.emit({ type: 'order_placed', eventId, customerId, orderId, amount: 100_000, categories: [] });
    await order(seenEventId, 'order-seen-before');
    await order(uniqueId('ev'), 'order-new');
    const rows = await eventually(() => journal(stack.db.pool, workflowId), {
      until: (r) => r.some((x) => x.step === 'order:order-new'),
      description: 'the new order',
    });
    // Resumed, not joined: no tier change recorded; the order the earlier run had seen is not handled again.
    expect(rows.map((r) => r.step)).toEqual(['order:order-new']);
    expect(rows[0]!.detail).toMatchObject({ tier: 'gold', rateBp: 300, rebate: 3000 });
  });

  it('dormancy: the carried clock, cycle and reactivations hold, so dormancy comes 10 days after the carried activity', async () => {
    const lastActivityAt = new Date((await stack.env.currentTimeMs()) - 6 * DAY_MS).toISOString();
    const { workflowId } = await startLegacy(
      'dormancyJourney',
      'dormancy',
      { dormantDays: 10 },
      { lastActivityAt, cycle: 2, reactivations: 4, pending: [], seenEventIds: [] },
    );
    longLived.push(workflowId);
    expect((await waiting(workflowId)).details).toEqual({ lastActivityAt, cycle: 2, reactivations: 4 });

    await stack.env.sleep('3 days');
    expect(await journal(stack.db.pool, workflowId)).toEqual([]);
    await stack.env.sleep('1 day');
    await stack.env.sleep('1 hour');
    const rows = await eventually(() => journal(stack.db.pool, workflowId), {
      until: (r) => r.length > 0,
      description: 'dormancy',
    });
    expect(rows[0]).toMatchObject({ step: 'cycle-3:dormant', detail: { lastActivityAt } });
  });

  it('expiry sweep: the carried sweep count goes on', async () => {
    const { workflowId } = await startLegacy(
      'expiryReminderJourney',
      'expiry-reminder',
      { sweepEveryHours: 24 },
      { remindedThrough: new Date(0).toISOString(), windowLotIds: [], sweeps: 7 },
      '_campaign',
    );
    longLived.push(workflowId);
    // A sweep sleeps between sweeps (its status stays 'running'): the first sweep of this run is the 8th.
    const after = await eventually(() => stack.journeys.state(workflowId), {
      until: (s) => s.details.sweeps !== undefined,
      description: 'the first sweep',
    });
    expect(after.details).toMatchObject({ sweeps: 8 });
  });

  it('compensation: the request in the carried bag is paid', async () => {
    const requestId = uniqueId('req');
    const { customerId, workflowId } = await startLegacy(
      'compensationJourney',
      'compensation',
      {},
      {
        request: { requestId, agentId: uniqueId('agent'), amount: 5000, reason: 'parcel lost' },
      },
    );
    expect(await stack.result(workflowId)).toBe('granted');
    const wallet = await stack.ledger.wallet(customerId, await stack.now());
    expect(wallet.lots.map((l) => l.original)).toEqual([5000]);
  });

  it('points dispute: the dispute in the carried bag is reviewed', async () => {
    const dispute = { disputeId: uniqueId('dispute'), orderId: uniqueId('order'), claimedAmount: 12_000 };
    const { workflowId } = await startLegacy('pointsDisputeReview', 'points', {}, { dispute });
    // Nobody decides: the claim of 120 missing points times out after the review window.
    expect(await stack.result(workflowId)).toBe('REVIEW_TIMEOUT');
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.find((r) => r.step === 'checked')?.detail).toMatchObject({
      orderId: dispute.orderId,
      expected: 120,
      earned: 0,
      missing: 120,
    });
  });
});
