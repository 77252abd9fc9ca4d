import { daysBetween, journal } from '../../../test/support/journey-assertions';
import { recordHistory, testSlug } from '../../../test/support/histories';
import { useJourneyStack } from '../../../test/support/per-file';
import { SUPPORT_INBOX, uniqueId } from '../../../test/support/journey-stack';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { EventCatalog } from '../../../services/event-catalog';
import { EventTypeStore } from '../../../stores/event-types';
import { journeyWorkflowId } from '../../shared/definitions';
import { drawCohort } from './evaluate';
import { FlowConfig } from './config';
import { FlowDefinition } from './definition';
import { NODES_PER_RUN } from './workflow';

/** The trial-credit journey as data: grant on sign-up, email, converted by an order within 30 days. */
const trialCreditFlow = {
  definition: {
    nodes: [
      { id: 'signed-up', type: 'entry', on: { type: 'signed_up' }, next: 'grant' },
      { id: 'grant', type: 'grantCredit', amount: { fixed: 5000 }, validityDays: 30, next: 'welcome' },
      {
        id: 'welcome',
        type: 'sendEmail',
        subject: { 'zh-CN': '{amount} {currency} 体验金已到账', en: 'Your {amount} {currency} trial credit' },
        body: {
          'zh-CN': '您好 {name}，体验金有效期至 {expiresOn}。',
          en: 'Hello {name}, it is valid until {expiresOn}.',
        },
        next: 'first-order',
      },
      {
        id: 'first-order',
        type: 'waitFor',
        on: { type: 'order_placed' },
        timeout: { days: 30 },
        onEvent: 'converted',
        onTimeout: 'expired',
      },
      { id: 'converted', type: 'exit', outcome: 'converted' },
      { id: 'expired', type: 'exit', outcome: 'expired-unused' },
    ],
  },
};

describe('flow journey (the interpreter)', () => {
  const stack = useJourneyStack();

  const result = async (workflowId: string) => {
    const outcome = await stack.result(workflowId);
    await recordHistory(stack.env.client.workflow.getHandle(workflowId), `flow--${testSlug()}`);
    return outcome;
  };
  const signUp = async (customerId: string, email: string, locale: 'en' | 'zh-CN' = 'en') =>
    stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale });
  const order = (customerId: string, amount = 12_000) =>
    stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId,
      orderId: uniqueId('order'),
      amount,
      categories: ['tea'],
    });

  it('runs the trial-credit graph: grant, email with its variables, waitFor shown in the state, converted', async () => {
    const campaign = await stack.launch('flow', trialCreditFlow);
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('flow-trial');
    const started = await signUp(customerId, email, 'zh-CN');
    expect(started.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'flow', delivery: 'delivered' },
    ]);
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    const waiting = await stack.awaitState(
      workflowId,
      (s) => s.details.node === 'first-order',
      'waiting for the first order',
    );
    expect(waiting).toMatchObject({ status: 'waiting', step: 'first-order', details: { iteration: 1 } });

    // An event no node looks at is not even signalled.
    const visit = await stack.emit({ type: 'active', eventId: uniqueId('ev'), customerId });
    expect(visit.deliveries).toEqual([]);
    await stack.advance('3 days');
    const ordered = await order(customerId);
    expect(ordered.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'flow', delivery: 'signalled' },
    ]);
    expect(await result(workflowId)).toBe('converted');

    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.map((r) => [r.step, r.kind])).toEqual([
      ['signed-up', 'flow-entered'],
      ['grant', 'credit-granted'],
      ['welcome', 'email-sent'],
      ['end', 'journey-completed'],
    ]);
    expect(Math.round(daysBetween(rows[0]!.occurredAt, rows.at(-1)!.occurredAt))).toBe(3);
    const state = await stack.journeys.state(workflowId);
    expect(state).toMatchObject({
      status: 'completed',
      outcome: 'converted',
      details: { node: 'converted' },
    });
    const expiresAt = String(state.details.expiresAt);
    const wallet = await stack.ledger.wallet(customerId, rows[1]!.occurredAt.toISOString());
    expect(wallet.lots).toEqual([
      expect.objectContaining({ kind: 'cash', original: 5000, campaignId: campaign.campaignId, expiresAt }),
    ]);
    const mail = await mailTo(email);
    expect(mail.map((m) => m.subject)).toEqual(['50.00 CNY 体验金已到账']);
    expect(mail[0]!.text).toBe(`您好 ${email.split('@')[0]}，体验金有效期至 ${expiresAt.slice(0, 10)}。`);
  });

  it('grants a percent-off coupon (its amount the cap) that takes its rate off an order, and a gift item (赠品)', async () => {
    const campaign = await stack.launch('flow', {
      definition: {
        nodes: [
          { id: 'signed-up', type: 'entry', on: { type: 'signed_up' }, next: 'coupon' },
          {
            id: 'coupon',
            type: 'grantCredit',
            kind: 'percent',
            percentBp: 1_000,
            amount: { fixed: 3_000 },
            validityDays: 30,
            next: 'mug',
          },
          {
            id: 'mug',
            type: 'grantCredit',
            kind: 'gift',
            giftSku: 'sku-mug',
            amount: { fixed: 2_000 },
            validityDays: 30,
            next: 'done',
          },
          { id: 'done', type: 'exit', outcome: 'granted' },
        ],
      },
    });
    const customerId = uniqueId('cust');
    await signUp(customerId, uniqueRecipient('flow-percent'));
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    expect(await result(workflowId)).toBe('granted');
    const rows = await journal(stack.db.pool, workflowId);
    const asOf = rows.at(-1)!.occurredAt.toISOString();
    expect((await stack.ledger.wallet(customerId, asOf)).lots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'percent', percentBp: 1_000, original: 3_000, remaining: 3_000 }),
        expect.objectContaining({ kind: 'gift', giftSku: 'sku-mug', original: 2_000, remaining: 2_000 }),
      ]),
    );
    // The gift waits for an order naming its SKU; this one has none.
    const quote = await stack.ledger.quoteRedemption({
      customerId,
      order: { orderId: uniqueId('order'), amount: 12_345, categories: ['tea'] },
      asOf,
    });
    expect(quote).toMatchObject({ total: 1_234, payable: 12_345 - 1_234 });
    expect(quote.applied).toEqual([
      expect.objectContaining({ kind: 'percent', amount: 1_234, released: 1_766 }),
    ]);
  });

  it('takes the timeout exit of a waitFor; a second sign-up never starts it again', async () => {
    const campaign = await stack.launch('flow', trialCreditFlow);
    const customerId = uniqueId('cust');
    const email = uniqueRecipient('flow-expired');
    await signUp(customerId, email);
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    expect(await result(workflowId)).toBe('expired-unused');
    const rows = await journal(stack.db.pool, workflowId);
    expect(Math.round(daysBetween(rows[0]!.occurredAt, rows.at(-1)!.occurredAt))).toBe(30);
    const again = await signUp(customerId, email);
    expect(again.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'flow', delivery: 'already-finished' },
    ]);
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(5000);
    expect(await mailTo(email)).toHaveLength(1);
  });

  it('branches on the event, grants a capped rate of its amount, and leaves by a journey-wide exit rule', async () => {
    const campaign = await stack.launch('flow', {
      definition: {
        nodes: [
          { id: 'order', type: 'entry', on: { type: 'order_placed' }, next: 'size' },
          {
            id: 'size',
            type: 'condition',
            branches: [
              { when: [{ on: 'event', field: 'amount', op: 'gte', value: 10_000 }], next: 'rebate' },
              { when: [{ on: 'fact', fact: 'orderCount', op: 'eq', value: 1 }], next: 'first-small' },
            ],
            otherwise: 'small',
          },
          {
            id: 'rebate',
            type: 'grantCredit',
            amount: { rateOf: { field: 'amount', basisPoints: 300, cap: 500 } },
            kind: 'rebate',
            validityDays: 60,
            next: 'cool-off',
          },
          { id: 'cool-off', type: 'wait', for: { days: 10 }, next: 'kept' },
          { id: 'kept', type: 'exit', outcome: 'rebated' },
          { id: 'first-small', type: 'exit', outcome: 'first-small-order' },
          { id: 'small', type: 'exit', outcome: 'small-order' },
        ],
        exitOn: [
          {
            on: { type: 'order_refunded' },
            outcome: 'refunded',
          },
        ],
      },
    });
    const big = uniqueId('cust');
    const small = uniqueId('cust');
    const refunded = uniqueId('cust');
    await order(big, 20_000);
    await order(small, 5_000);
    const refundedOrder = uniqueId('order');
    await stack.emit({
      type: 'order_placed',
      eventId: uniqueId('ev'),
      customerId: refunded,
      orderId: refundedOrder,
      amount: 12_000,
    });
    const id = (c: string) => journeyWorkflowId(campaign.campaignId, c);
    await stack.awaitState(id(refunded), (s) => s.details.node === 'cool-off', 'cooling off');
    const refund = await stack.emit({
      type: 'order_refunded',
      eventId: uniqueId('ev'),
      customerId: refunded,
      orderId: refundedOrder,
    });
    expect(refund.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'flow', delivery: 'signalled' },
    ]);
    expect(await stack.results([id(big), id(small), id(refunded)])).toEqual([
      'rebated',
      'first-small-order',
      'refunded',
    ]);
    await recordHistory(stack.env.client.workflow.getHandle(id(big)), `flow--${testSlug()}`);
    const lots = async (c: string) => (await stack.ledger.wallet(c, await stack.now())).lots;
    // 3 % of 200.00 is 6.00, capped at 5.00; 3 % of 120.00 is 3.60.
    expect(await lots(big)).toEqual([expect.objectContaining({ kind: 'rebate', original: 500 })]);
    expect(await lots(small)).toEqual([]);
    expect(await lots(refunded)).toEqual([expect.objectContaining({ original: 360 })]);
    expect((await journal(stack.db.pool, id(refunded))).at(-1)).toMatchObject({
      step: 'end',
      detail: { outcome: 'refunded', node: 'cool-off' },
    });
  });

  it('draws split cohorts from the workflow id; a holdout gets nothing', async () => {
    const cohorts = [
      { name: 'treated', weight: 1, holdout: false, next: 'grant' },
      { name: 'holdout', weight: 1, holdout: true, next: 'held-out' },
    ];
    const campaign = await stack.launch('flow', {
      definition: {
        nodes: [
          { id: 'signed-up', type: 'entry', on: { type: 'signed_up' }, next: 'cohort' },
          { id: 'cohort', type: 'split', cohorts },
          { id: 'grant', type: 'grantCredit', amount: { fixed: 1000 }, validityDays: 7, next: 'done' },
          { id: 'done', type: 'exit', outcome: 'granted' },
          { id: 'held-out', type: 'exit', outcome: 'holdout' },
        ],
      },
    });
    const customers = Array.from({ length: 6 }, () => uniqueId('cust'));
    for (const c of customers) await signUp(c, uniqueRecipient('flow-split'));
    const ids = customers.map((c) => journeyWorkflowId(campaign.campaignId, c));
    const expected = ids.map((wf) => (drawCohort(`${wf}/cohort`, cohorts).holdout ? 'holdout' : 'granted'));
    expect(await stack.results(ids)).toEqual(expected);
    const granted = expected.filter((o) => o === 'granted').length;
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(granted * 1000);
    for (const wf of ids) {
      const rows = await journal(stack.db.pool, wf);
      expect(rows.find((r) => r.step === 'cohort')?.detail).toMatchObject({
        cohort: expected[ids.indexOf(wf)] === 'holdout' ? 'holdout' : 'treated',
      });
    }
  });

  it(`loops through a wait, continuing as new after ${NODES_PER_RUN} nodes with its node and iterations`, async () => {
    const campaign = await stack.launch('flow', {
      definition: {
        nodes: [
          { id: 'signed-up', type: 'entry', on: { type: 'signed_up' }, next: 'tick' },
          { id: 'tick', type: 'wait', for: { hours: 1 }, next: 'drip' },
          { id: 'drip', type: 'grantCredit', amount: { fixed: 100 }, validityDays: 30, next: 'enough' },
          {
            id: 'enough',
            type: 'condition',
            branches: [
              { when: [{ on: 'fact', fact: 'walletBalance', op: 'gte', value: 4000 }], next: 'done' },
            ],
            otherwise: 'tick',
          },
          { id: 'done', type: 'exit', outcome: 'filled' },
        ],
      },
    });
    const customerId = uniqueId('cust');
    await signUp(customerId, uniqueRecipient('flow-loop'));
    const workflowId = journeyWorkflowId(campaign.campaignId, customerId);
    const handle = stack.env.client.workflow.getHandle(workflowId);
    const firstRunId = (await handle.describe()).runId;
    expect(await stack.result(workflowId, { stepHours: 2 })).toBe('filled');
    await recordHistory(handle, `flow--${testSlug()}`);
    // 40 rounds of three nodes: the chain continued as new once (after 100 nodes) and went on where it stood.
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    const rows = await journal(stack.db.pool, workflowId);
    const drips = rows.filter((r) => r.kind === 'credit-granted').map((r) => r.step);
    expect(drips).toEqual(['drip', ...Array.from({ length: 39 }, (_, i) => `drip#${i + 2}`)]);
    expect((await stack.ledger.wallet(customerId, rows.at(-1)!.occurredAt.toISOString())).balance).toBe(4000);
    expect(await stack.journeys.state(workflowId)).toMatchObject({
      status: 'completed',
      details: { node: 'done', iteration: 1 },
    });
  });

  it('a loop that never holds (through a wait until a past instant, validated before that was refused) ends refused after one round, not granting without end', async () => {
    // An outside probe launched this graph: one sign-up granted the customer the whole budget within seconds.
    const definition = {
      nodes: [
        { id: 'e', type: 'entry', on: { type: 'signed_up' }, next: 'g' },
        { id: 'g', type: 'grantCredit', amount: { fixed: 100 }, validityDays: 30, next: 'w' },
        { id: 'w', type: 'wait', until: '2000-01-01T00:00:00Z', next: 'c' },
        {
          id: 'c',
          type: 'condition',
          branches: [{ when: [{ on: 'fact', fact: 'orderCount', op: 'gte', value: 0 }], next: 'g' }],
          otherwise: 'x',
        },
        { id: 'x', type: 'exit', outcome: 'done' },
      ],
    };
    expect(FlowConfig.safeParse({ definition }).success).toBe(false);
    // As a campaign created before validation refused it: its stored config (the shape's defaults filled) runs as it is.
    const campaignId = uniqueId('flow-spin');
    await stack.ledger.openCampaignBudget({
      idempotencyKey: `budget/${campaignId}`,
      campaignId,
      amount: 20_000,
      asOf: new Date().toISOString(),
    });
    stack.campaigns.length = 0;
    stack.campaigns.push({
      campaignId,
      journeyType: 'flow',
      config: { definition: FlowDefinition.parse(definition) },
    });
    const customerId = uniqueId('cust');
    await signUp(customerId, uniqueRecipient('flow-spin'));
    const workflowId = journeyWorkflowId(campaignId, customerId);
    expect(await result(workflowId)).toBe('loop-without-wait');
    // Five nodes: the sixth run without a hold ends it (g, w, c, g, w, then c) — two grants, not two hundred.
    const rows = await journal(stack.db.pool, workflowId);
    expect(rows.filter((r) => r.kind === 'credit-granted').map((r) => r.step)).toEqual(['g', 'g#2']);
    expect(rows.at(-1)).toMatchObject({ kind: 'journey-refused', detail: { node: 'c', nodesRun: 5 } });
    expect((await stack.ledger.campaignBudget(campaignId)).remaining).toBe(19_800);
    expect(await stack.journeys.state(workflowId)).toMatchObject({
      status: 'refused',
      outcome: 'loop-without-wait',
    });
  });

  it('enters on a custom event, waits until a date, opens a support task, mails its properties; a custom exit rule ends a twin', async () => {
    const catalog = new EventCatalog(new EventTypeStore(stack.db.pool));
    for (const name of ['sample_requested', 'sample_cancelled']) {
      await catalog.declare(
        name,
        { propertiesSchema: { type: 'object', properties: { product: { type: 'string' } } } },
        'test',
      );
    }
    const shipDay = new Date(Date.parse(await stack.now()) + 2 * 86_400_000).toISOString();
    const campaign = await stack.launch('flow', {
      definition: {
        nodes: [
          {
            id: 'requested',
            type: 'entry',
            on: { type: 'custom', name: 'sample_requested', where: [{ field: 'product', op: 'exists' }] },
            next: 'ship-day',
          },
          { id: 'ship-day', type: 'wait', until: shipDay, next: 'fulfil' },
          {
            id: 'fulfil',
            type: 'createTask',
            kind: 'gift-fulfilment',
            title: 'Ship a sample',
            dueIn: { days: 3 },
            next: 'tell',
          },
          {
            id: 'tell',
            type: 'sendEmail',
            subject: {
              'zh-CN': '样品 {event_product} 已安排',
              en: 'Your {event_product} sample is on its way',
            },
            body: { 'zh-CN': '您好 {name}。', en: 'Hello {name}, {event_missing}we are shipping it.' },
            next: 'shipped',
          },
          { id: 'shipped', type: 'exit', outcome: 'shipped' },
        ],
        exitOn: [{ on: { type: 'custom', name: 'sample_cancelled' }, outcome: 'cancelled-by-customer' }],
      },
    });
    const [keeps, cancels] = [uniqueId('cust'), uniqueId('cust')];
    const email = uniqueRecipient('flow-sample');
    await signUp(keeps, email);
    await signUp(cancels, uniqueRecipient('flow-sample-cancel'));
    for (const customerId of [keeps, cancels]) {
      const routed = await stack.emit({
        type: 'custom',
        name: 'sample_requested',
        eventId: uniqueId('ev'),
        customerId,
        properties: { product: 'oolong' },
      });
      expect(routed.deliveries).toEqual([
        { campaignId: campaign.campaignId, journeyType: 'flow', delivery: 'delivered' },
      ]);
    }
    const [keepsWf, cancelsWf] = [keeps, cancels].map((c) => journeyWorkflowId(campaign.campaignId, c));
    await stack.awaitState(cancelsWf!, (s) => s.details.node === 'ship-day', 'waiting for the ship day');
    await stack.emit({
      type: 'custom',
      name: 'sample_cancelled',
      eventId: uniqueId('ev'),
      customerId: cancels,
    });
    expect(await stack.results([keepsWf!, cancelsWf!])).toEqual(['shipped', 'cancelled-by-customer']);
    await recordHistory(stack.env.client.workflow.getHandle(keepsWf!), `flow--${testSlug()}`);

    const rows = await journal(stack.db.pool, keepsWf!);
    expect(rows.map((r) => r.step)).toEqual(['requested', 'fulfil', 'tell', 'end']);
    expect(rows[1]!.occurredAt.toISOString() >= shipDay).toBe(true);
    expect(daysBetween(rows[0]!.occurredAt, rows[1]!.occurredAt)).toBeCloseTo(2, 1);
    const tasks = await stack.db.pool.query<{ kind: string; title: string; customer_id: string }>(
      'SELECT kind, title, customer_id FROM support_tasks WHERE customer_id = ANY($1)',
      [[keeps, cancels]],
    );
    expect(tasks.rows).toEqual([{ kind: 'gift-fulfilment', title: 'Ship a sample', customer_id: keeps }]);
    expect((await mailTo(SUPPORT_INBOX)).filter((m) => m.subject.includes('Ship a sample'))).toHaveLength(1);
    const mail = await mailTo(email);
    expect(mail.map((m) => [m.subject, m.text])).toEqual([
      ['Your oolong sample is on its way', `Hello ${email.split('@')[0]}, we are shipping it.`],
    ]);
    expect((await journal(stack.db.pool, cancelsWf!)).map((r) => [r.step, r.detail.outcome])).toEqual([
      ['requested', undefined],
      ['end', 'cancelled-by-customer'],
    ]);
  });
});
