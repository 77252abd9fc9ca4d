import { journal } from '../../../test/support/journey-assertions';
import { recordHistory, testSlug } from '../../../test/support/histories';
import { useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { AttributeCatalog } from '../../../services/attribute-catalog';
import { EventCatalog } from '../../../services/event-catalog';
import { JourneyDefinitionValidator } from '../../../services/journey-definitions';
import { SupportService } from '../../../services/support';
import { AttributeTypeStore } from '../../../stores/attribute-types';
import { CampaignStore } from '../../../stores/campaigns';
import { EventTypeStore } from '../../../stores/event-types';
import { claimLimit, limitUsed } from '../../../stores/flow-limits';
import { recordTierChange } from '../../../stores/loyalty-tiers';
import { insertReferral } from '../../../test/support/kpi-scenario';
import { journeyWorkflowId } from '../../shared/definitions';

/** The newer node kinds and rules of the flow interpreter, on the real servers with time skipped. */
describe('flow nodes', () => {
  // Segment tests cut after 1 s here (the product's 3 s), so the timeout test below fails fast.
  const stack = useJourneyStack({ segmentTestTimeoutMs: 1_000 });

  const record = (workflowId: string) =>
    recordHistory(stack.env.client.workflow.getHandle(workflowId), `flow--${testSlug()}`);
  const signUp = (customerId: string, email = uniqueRecipient('flow-nodes')) =>
    stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale: 'en' });
  const order = (customerId: string, amount = 12_000) =>
    stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId: uniqueId('order'),
      amount,
      categories: ['tea'],
    });

  it('waits until 10:00 Asia/Shanghai, awards points, branches on points and tier, grants by tier table, tags', async () => {
    const campaign = await stack.launch('flow', {
      definition: {
        nodes: [
          { id: 'joined', type: 'entry', on: { type: 'signed_up' }, next: 'ten' },
          { id: 'ten', type: 'wait', at: { time: '10:00', timezone: 'Asia/Shanghai' }, next: 'points' },
          { id: 'points', type: 'awardPoints', points: { fixed: 300 }, validityDays: 365, next: 'rich' },
          {
            id: 'rich',
            type: 'condition',
            branches: [
              { when: [{ on: 'fact', fact: 'pointsBalance', op: 'gte', value: 300 }], next: 'gift' },
            ],
            otherwise: 'done',
          },
          {
            id: 'gift',
            type: 'grantCredit',
            amount: { byTier: { gold: 8000, silver: 3000, none: 1000 } },
            validityDays: 30,
            next: 'gold',
          },
          {
            id: 'gold',
            type: 'condition',
            branches: [
              { when: [{ on: 'fact', fact: 'tier', op: 'in', value: ['gold', 'diamond'] }], next: 'tag' },
            ],
            otherwise: 'done',
          },
          { id: 'tag', type: 'setAttribute', attribute: 'tags', addTag: 'morning-vip', next: 'done' },
          { id: 'done', type: 'exit', outcome: 'done' },
        ],
      },
    });
    const [gold, plain] = [uniqueId('cust'), uniqueId('cust')];
    await signUp(gold);
    await signUp(plain);
    await recordTierChange(stack.db.pool, {
      idempotencyKey: uniqueId('tier'),
      campaignId: 'member-tier-campaign',
      customerId: gold,
      from: null,
      to: 'gold',
      reason: 'test',
      rollingSpend: 0,
      at: await stack.now(),
    });
    const ids = [gold, plain].map((c) => journeyWorkflowId(campaign.campaignId, c));
    await stack.awaitState(ids[0]!, (s) => s.step === 'ten', 'waiting for 10:00');
    expect(await stack.results(ids)).toEqual(['done', 'done']);
    await record(ids[0]!);

    const rows = await journal(stack.db.pool, ids[0]!);
    expect(rows.map((r) => [r.step, r.kind])).toEqual([
      ['joined', 'flow-entered'],
      ['points', 'points-awarded'],
      ['gift', 'credit-granted'],
      ['tag', 'attribute-set'],
      ['end', 'journey-completed'],
    ]);
    // 10:00 in Shanghai (UTC+8) is 02:00 UTC, within a day of the sign-up.
    const woke = rows[1]!.occurredAt;
    expect([woke.getUTCHours(), woke.getUTCMinutes()]).toEqual([2, 0]);
    expect(woke.getTime() - rows[0]!.occurredAt.getTime()).toBeLessThanOrEqual(86_400_000);
    expect(rows[2]!.detail).toMatchObject({ amount: 8000 });
    const plainRows = await journal(stack.db.pool, ids[1]!);
    expect(plainRows.map((r) => r.step)).toEqual(['joined', 'points', 'gift', 'end']);
    expect(plainRows[2]!.detail).toMatchObject({ amount: 1000 });

    const asOf = await stack.now();
    expect((await stack.ledger.pointsBalance(gold, asOf)).balance).toBe(300);
    expect((await stack.ledger.wallet(gold, asOf)).balance).toBe(8000);
    expect((await stack.ledger.wallet(plain, asOf)).balance).toBe(1000);
    const attrs = await stack.db.pool.query<{ customer_id: string; attributes: Record<string, unknown> }>(
      'SELECT customer_id, attributes FROM customers WHERE customer_id = ANY($1)',
      [[gold, plain]],
    );
    const byId = new Map(attrs.rows.map((r) => [r.customer_id, r.attributes]));
    expect(byId.get(gold)).toMatchObject({ tags: ['morning-vip'] });
    expect(byId.get(plain)?.tags).toBeUndefined();
  });

  it('waits for a support task to be closed by hand: done → next, cancelled → onCancelled, none → timeout', async () => {
    const campaign = await stack.launch('flow', {
      definition: {
        nodes: [
          { id: 'joined', type: 'entry', on: { type: 'signed_up' }, next: 'approval' },
          {
            id: 'approval',
            type: 'createTask',
            kind: 'flow-approval',
            title: 'Approve the welcome gift',
            waitForClose: { timeout: { days: 2 }, onTimeout: 'expired', onCancelled: 'declined' },
            next: 'approved',
          },
          { id: 'approved', type: 'exit', outcome: 'approved' },
          { id: 'declined', type: 'exit', outcome: 'declined', status: 'cancelled' },
          { id: 'expired', type: 'exit', outcome: 'expired', status: 'cancelled' },
        ],
      },
    });
    const customers = [uniqueId('cust'), uniqueId('cust'), uniqueId('cust')];
    for (const c of customers) await signUp(c);
    const ids = customers.map((c) => journeyWorkflowId(campaign.campaignId, c));
    const support = new SupportService(stack.db.pool, new CampaignStore(stack.db.pool), stack.journeys);
    const taskOf = async (workflowId: string) => {
      const state = await stack.awaitState(
        workflowId,
        (s) => s.status === 'waiting' && typeof s.details.taskId === 'number',
        'waiting on its task',
      );
      return state.details.taskId as number;
    };
    await support.closeTask(await taskOf(ids[0]!), { status: 'done', note: 'ok' }, 'manager-1');
    await support.closeTask(await taskOf(ids[1]!), { status: 'cancelled' }, 'manager-1');
    await taskOf(ids[2]!);
    expect(await stack.results(ids)).toEqual(['approved', 'declined', 'expired']);
    const tasks = await stack.db.pool.query<{ status: string; closed_by: string | null }>(
      `SELECT status, closed_by FROM support_tasks WHERE detail->>'workflowId' = ANY($1)
        ORDER BY array_position($1::text[], detail->>'workflowId')`,
      [ids],
    );
    expect(tasks.rows).toEqual([
      { status: 'done', closed_by: 'manager-1' },
      { status: 'cancelled', closed_by: 'manager-1' },
      { status: 'open', closed_by: null },
    ]);
    await record(ids[0]!);
    expect((await journal(stack.db.pool, ids[0]!)).map((r) => [r.step, r.kind])).toEqual([
      ['joined', 'flow-entered'],
      ['approval', 'support-task'],
      ['approval:closed', 'support-task-closed'],
      ['end', 'journey-completed'],
    ]);
    const expired = await journal(stack.db.pool, ids[2]!);
    expect(expired.map((r) => r.step)).toEqual(['joined', 'approval', 'approval:timeout', 'end']);
    expect(
      Math.round((expired[2]!.occurredAt.getTime() - expired[1]!.occurredAt.getTime()) / 3_600_000),
    ).toBe(48);
  });

  it('re-enters after 7 days at most 3 times; the email cap (1 per 30 days) skips the second pass’s email', async () => {
    const campaign = await stack.launch('flow', {
      definition: {
        reentry: { mode: 'after', days: 7, maxEntries: 3 },
        emailCap: { max: 1, perDays: 30 },
        nodes: [
          { id: 'ordered', type: 'entry', on: { type: 'order_placed' }, next: 'thanks-credit' },
          {
            id: 'thanks-credit',
            type: 'grantCredit',
            amount: { fixed: 1000 },
            validityDays: 60,
            next: 'mail',
          },
          {
            id: 'mail',
            type: 'sendEmail',
            subject: { 'zh-CN': '感谢您的订单', en: 'Thanks for order {event_orderId}' },
            body: { 'zh-CN': '{amount} {currency}', en: 'Here is {amount} {currency}.' },
            next: 'thanked',
          },
          { id: 'thanked', type: 'exit', outcome: 'thanked' },
        ],
      },
    });
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('flow-reentry');
    await signUp(customerId, email);
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    const betweenPasses = (pass: number) =>
      stack.awaitState(
        workflowId,
        (s) => s.step === 'awaiting re-entry' && s.details.pass === pass,
        `between passes after pass ${pass}`,
      );

    expect((await order(customerId)).deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'flow', delivery: 'delivered' },
    ]);
    await betweenPasses(1);
    await stack.advance('1 day');
    await order(customerId); // before re-entry opens: ignored
    await stack.advance('7 days');
    await order(customerId); // pass 2: credit, email capped
    await betweenPasses(2);
    await stack.advance('32 days');
    await order(customerId); // pass 3: credit, email sent; the last pass allowed
    expect(await stack.result(workflowId)).toBe('thanked');
    await record(workflowId);
    expect((await order(customerId)).deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'flow', delivery: 'already-finished' },
    ]);

    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => [r.step, r.kind])).toEqual([
      ['ordered', 'flow-entered'],
      ['thanks-credit', 'credit-granted'],
      ['mail', 'email-sent'],
      ['end#1', 'flow-pass-ended'],
      ['ordered#2', 'flow-entered'],
      ['thanks-credit#2', 'credit-granted'],
      ['mail#2:capped', 'email-capped'],
      ['end#2', 'flow-pass-ended'],
      ['ordered#3', 'flow-entered'],
      ['thanks-credit#3', 'credit-granted'],
      ['mail#3', 'email-sent'],
      ['end', 'journey-completed'],
    ]);
    const day = (i: number) =>
      Math.round((rows[i]!.occurredAt.getTime() - rows[0]!.occurredAt.getTime()) / 86_400_000);
    expect([day(4), day(8)]).toEqual([8, 40]);
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(3000);
    expect((await mailTo(email)).map((m) => m.subject)).toHaveLength(2);
  });

  it('re-enters without a wait in unlimited mode, up to maxEntries; an entry during a pass does not re-enter', async () => {
    const campaign = await stack.launch('flow', {
      definition: {
        reentry: { mode: 'unlimited', maxEntries: 2 },
        nodes: [
          { id: 'ordered', type: 'entry', on: { type: 'order_placed' }, next: 'cool-off' },
          { id: 'cool-off', type: 'wait', for: { days: 2 }, next: 'points' },
          { id: 'points', type: 'awardPoints', points: { fixed: 50 }, next: 'done' },
          { id: 'done', type: 'exit', outcome: 'done' },
        ],
      },
    });
    const customerId = uniqueId('cust');
    await signUp(customerId);
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    await order(customerId);
    await stack.awaitState(workflowId, (s) => s.step === 'cool-off', 'cooling off');
    await order(customerId); // during the pass: dropped
    await stack.advance('3 days');
    await stack.awaitState(workflowId, (s) => s.step === 'awaiting re-entry', 'between passes');
    await order(customerId); // pass 2, the last one
    expect(await stack.result(workflowId)).toBe('done');
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => r.step)).toEqual(['ordered', 'points', 'end#1', 'ordered#2', 'points#2', 'end']);
    // Pass 2 entered on the order after day 3, not on the one dropped during pass 1 (it would have entered on day 2).
    expect(rows[3]!.occurredAt.getTime() - rows[0]!.occurredAt.getTime()).toBeGreaterThanOrEqual(
      3 * 86_400_000,
    );
    expect((await stack.ledger.pointsBalance(customerId, await stack.now())).balance).toBe(100);
  });

  it('counts a campaign-wide limit atomically: of 40 concurrent claims on 25 places exactly 25 pass', async () => {
    const campaignId = uniqueId('limits');
    const claim = (i: number, extra: Partial<Parameters<typeof claimLimit>[1]> = {}) =>
      claimLimit(stack.db.pool, {
        campaignId,
        counter: 'first-25',
        scope: '',
        claimKey: `k${i}`,
        journeyKey: `k${i}`,
        weight: 1,
        max: 25,
        ...extra,
      });
    const decisions = await Promise.all(Array.from({ length: 40 }, (_, i) => claim(i)));
    expect(decisions.filter((d) => d.outcome === 'within')).toHaveLength(25);
    expect(decisions.filter((d) => d.outcome === 'reached')).toHaveLength(15);
    expect(await limitUsed(stack.db.pool, { campaignId, counter: 'first-25', scope: '' })).toBe(25);
    // A retry answers what the first attempt got; another journey claiming a key counted already is refused.
    const first = decisions.findIndex((d) => d.outcome === 'within');
    expect(await claim(first)).toEqual({ outcome: 'within', used: decisions[first]!.used });
    expect(await claim(first, { journeyKey: 'another' })).toMatchObject({ outcome: 'already-counted' });
    // Weighted, per scope: a salesperson's quota in minor units.
    const quota = (scope: string, key: string, weight: number) =>
      claimLimit(stack.db.pool, {
        campaignId,
        counter: 'quota',
        scope,
        claimKey: key,
        journeyKey: key,
        weight,
        max: 10_000,
      });
    expect((await quota('sales-a', 'a1', 6_000)).outcome).toBe('within');
    expect((await quota('sales-a', 'a2', 5_000)).outcome).toBe('reached');
    expect((await quota('sales-b', 'b1', 5_000)).outcome).toBe('within');
    expect((await quota('sales-a', 'a3', 4_000)).outcome).toBe('within');
    expect(await limitUsed(stack.db.pool, { campaignId, counter: 'quota', scope: 'sales-a' })).toBe(10_000);
  });

  it('first N through journeys: 8 concurrent sign-ups on a limit of 3 → exactly 3 bonuses, 5 late', async () => {
    const campaign = await stack.launch('flow', {
      definition: {
        nodes: [
          { id: 'joined', type: 'entry', on: { type: 'signed_up' }, next: 'first-3' },
          {
            id: 'first-3',
            type: 'limit',
            counter: 'first-3',
            max: 3,
            countOnce: 'customer',
            next: 'bonus',
            onReached: 'late',
          },
          { id: 'bonus', type: 'grantCredit', amount: { fixed: 700 }, validityDays: 30, next: 'early' },
          { id: 'early', type: 'exit', outcome: 'early' },
          { id: 'late', type: 'exit', outcome: 'late' },
        ],
      },
    });
    const customers = Array.from({ length: 8 }, () => uniqueId('cust'));
    await Promise.all(customers.map((c) => signUp(c)));
    const outcomes = await stack.results(customers.map((c) => journeyWorkflowId(campaign.campaignId, c)));
    expect(outcomes.filter((o) => o === 'early')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'late')).toHaveLength(5);
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(2100);
    expect(
      await limitUsed(stack.db.pool, { campaignId: campaign.campaignId, counter: 'first-3', scope: '' }),
    ).toBe(3);
  });

  it('validates setAttribute nodes against the attribute catalog and wait times of day (422 naming the node)', async () => {
    const validator = new JourneyDefinitionValidator(
      new EventCatalog(new EventTypeStore(stack.db.pool)),
      new AttributeCatalog(new AttributeTypeStore(stack.db.pool)),
    );
    const definition = (extra: Record<string, unknown>[]) => ({
      nodes: [
        { id: 'joined', type: 'entry', on: { type: 'signed_up' }, next: extra[0]!.id },
        ...extra,
        { id: 'done', type: 'exit', outcome: 'done' },
      ],
    });
    expect(
      await validator.issues(
        definition([
          { id: 'segment', type: 'setAttribute', attribute: 'region', value: 'east', next: 'done' },
        ]),
      ),
    ).toEqual([]);
    const issues = await validator.issues(
      definition([
        {
          id: 'unknown',
          type: 'setAttribute',
          attribute: 'favouriteTea',
          value: 'oolong',
          next: 'wrong-type',
        },
        { id: 'wrong-type', type: 'setAttribute', attribute: 'region', value: 3, next: 'not-a-list' },
        { id: 'not-a-list', type: 'setAttribute', attribute: 'region', addTag: 'x', next: 'done' },
      ]),
    );
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'definition.nodes.1.attribute',
        'node "unknown": writes favouriteTea, which is not a declared attribute (PUT /v1/attribute-types/favouriteTea)',
      ],
      ['definition.nodes.2.attribute', 'node "wrong-type": the value for region must be a string'],
      [
        'definition.nodes.3.attribute',
        'node "not-a-list": adds a tag to region, which is a string, not a string-list',
      ],
    ]);
    const badZone = await validator.issues(
      definition([
        { id: 'ten', type: 'wait', at: { time: '25:00', timezone: 'Mars/Olympus' }, next: 'done' },
      ]),
    );
    expect(badZone.map((i) => i.message)).toEqual([
      'node "ten": HH:MM, 00:00 to 23:59',
      'node "ten": an IANA time zone (e.g. Asia/Shanghai)',
    ]);
  });

  it('a referrer grant emails the referrer its own copy (their locale, their credit), journaled under the referee', async () => {
    const campaign = await stack.launch('flow', {
      definition: {
        nodes: [
          { id: 'ordered', type: 'entry', on: { type: 'order_placed' }, next: 'bonus' },
          {
            id: 'bonus',
            type: 'grantCredit',
            recipient: 'referrer',
            amount: { fixed: 5000 },
            validityDays: 30,
            email: {
              subject: { 'zh-CN': '推荐奖励 {amount} {currency}', en: 'Referral bonus {amount} {currency}' },
              body: {
                'zh-CN':
                  '{name}，奖励金 {amount} {currency}，有效期至 {expiresOn}（订单金额 {event_amount}）。',
                en: '{name}, {amount} {currency} until {expiresOn} (order {event_amount}).',
              },
            },
            next: 'done',
          },
          { id: 'done', type: 'exit', outcome: 'rewarded' },
        ],
      },
    });
    const [referrer, referee] = [uniqueId('cust'), uniqueId('cust')];
    const referrerEmail = uniqueRecipient('flow-referrer');
    const refereeEmail = uniqueRecipient('flow-referee');
    await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId: referrer,
      email: referrerEmail,
      locale: 'zh-CN',
    });
    await signUp(referee, refereeEmail);
    await insertReferral(stack.db.pool, {
      refereeId: referee,
      referrerId: referrer,
      campaignId: 'referral-campaign',
      status: 'paid',
    });
    await order(referee, 20_000);
    const id = journeyWorkflowId(campaign.campaignId, referee);
    expect(await stack.result(id)).toBe('rewarded');
    await record(id);

    const lots = (await stack.ledger.wallet(referrer, await stack.now())).lots;
    expect(lots).toEqual([expect.objectContaining({ original: 5000, campaignId: campaign.campaignId })]);
    const mail = await mailTo(referrerEmail);
    expect(mail.map((m) => m.subject)).toEqual(['推荐奖励 50.00 CNY']);
    expect(mail[0]!.text).toContain(
      `奖励金 50.00 CNY，有效期至 ${lots[0]!.expiresAt!.slice(0, 10)}（订单金额 20000）`,
    );
    expect(await mailTo(refereeEmail)).toEqual([]);
    expect((await journal(stack.db.pool, id)).map((r) => [r.step, r.kind, r.detail.customerId])).toEqual([
      ['ordered', 'flow-entered', undefined],
      ['bonus', 'credit-granted', referrer],
      ['bonus:referrer-email', 'referrer-email-sent', referrer],
      ['end', 'journey-completed', undefined],
    ]);
  });

  it('a segment test past its statement timeout fails the journey once, through the failure path', async () => {
    const campaign = await stack.launch('flow', {
      definition: {
        nodes: [
          { id: 'joined', type: 'entry', on: { type: 'signed_up' }, next: 'silver' },
          {
            id: 'silver',
            type: 'condition',
            branches: [
              {
                when: [{ on: 'segment', filter: { fact: 'tier', op: 'gte', value: 'silver' } }],
                next: 'member',
              },
            ],
            otherwise: 'other',
          },
          { id: 'member', type: 'exit', outcome: 'member' },
          { id: 'other', type: 'exit', outcome: 'other' },
        ],
      },
    });
    const customerId = uniqueId('cust');
    const id = journeyWorkflowId(campaign.campaignId, customerId);
    // The table the `tier` fact reads, locked: the membership statement waits until its timeout cancels it.
    const locker = await stack.db.pool.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE loyalty_member_tiers IN ACCESS EXCLUSIVE MODE');
      await signUp(customerId);
      await expect(stack.result(id)).rejects.toThrow();
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    await record(id);
    expect(await stack.journeys.state(id)).toMatchObject({
      status: 'failed',
      failure: { activity: 'customerInSegments', reason: 'non-retryable:SEGMENT_TEST_TIMEOUT' },
    });
    expect((await journal(stack.db.pool, id)).map((r) => r.kind)).toEqual(['flow-entered', 'journey-failed']);
  });
});
