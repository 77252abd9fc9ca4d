import { randomBytes } from 'node:crypto';
import { expectProblem } from '../../../test/support/api/probe';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { journal } from '../../../test/support/journey-assertions';
import { insertReferral } from '../../../test/support/kpi-scenario';
import { eventually } from '../../../test/support/eventually';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { useProductTestApi } from '../../../test/support/per-file';
import { journeyWorkflowId } from '../../../workflows/shared/definitions';

interface Template {
  id: string;
  number: number;
  journeyType: string;
  eventTypes: { name: string; propertiesSchema: Record<string, unknown> }[];
  config: { definition: { nodes: Record<string, unknown>[] } };
}

/**
 * Issue 14's "done when", through the API alone: declare the template's event types, create a flow campaign from the
 * template with a budget, launch it, send the events, then see the credit (ledger), the email (SMTP capture) and the
 * KPIs. Real servers, time skipped.
 */
describe('journey templates end to end through the product API', () => {
  const api = useProductTestApi();
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const post = (path: string, role: keyof ProductTestApi['keys'], body: unknown) =>
    api
      .http()
      .post(path)
      .set(as(role))
      .send(body as object);

  async function template(templateId: string): Promise<Template> {
    const res = await api.http().get('/v1/journey-templates').set(as('growth'));
    expect(res.status).toBe(200);
    const found = (res.body.items as Template[]).find((t) => t.id === templateId);
    expect(found).toMatchObject({ journeyType: 'flow' });
    return found!;
  }

  async function declareEventTypes(t: Template): Promise<void> {
    for (const e of t.eventTypes) {
      const res = await api
        .http()
        .put(`/v1/event-types/${e.name}`)
        .set(as('growth'))
        .send({ propertiesSchema: e.propertiesSchema });
      expect(res.status).toBe(200);
      expect((await api.http().get(`/v1/event-types/${e.name}`).set(as('storefront'))).body).toMatchObject({
        name: e.name,
        propertiesSchema: e.propertiesSchema,
      });
    }
  }

  async function launchFromTemplate(t: Template, budget: number): Promise<string> {
    const created = await post('/v1/campaigns', 'growth', {
      name: `from template ${t.number}`,
      journeyType: 'flow',
      config: t.config,
      budget,
    });
    expect(created.status).toBe(201);
    const campaignId = created.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);
    return campaignId;
  }

  async function signUp(customerId: string, email: string, locale: 'en' | 'zh-CN') {
    const res = await post('/v1/events', 'storefront', {
      type: 'signed_up',
      eventId: id('ev'),
      customerId,
      email,
      locale,
    });
    expect(res.status).toBe(202);
  }

  const kpis = async (campaignId: string) => {
    const res = await api.http().get(`/v1/campaigns/${campaignId}/kpis`).set(as('growth'));
    expect(res.status).toBe(200);
    return res.body as {
      journeyType: string;
      totals: { journeysStarted: number; credits: { lotsGranted: number; amountGranted: number } };
    };
  };

  it('publishes the flow config (the definition schema) in /openapi.json like every plugin config', async () => {
    const doc = (await api.http().get('/openapi.json')).body as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const body = doc.components.schemas['Create_flowJourney_Campaign'];
    expect(body?.properties?.journeyType).toEqual({ type: 'string', enum: ['flow'] });
    const text = JSON.stringify(body?.properties?.config);
    for (const nodeType of [
      'entry',
      'wait',
      'waitFor',
      'condition',
      'split',
      'grantCredit',
      'sendEmail',
      'exit',
      'awardPoints',
      'setAttribute',
      'limit',
    ])
      expect(text).toContain(`"enum":["${nodeType}"]`);
  });

  it('refuses a flow whose graph is broken or listens for an undeclared event (422 naming the node)', async () => {
    const t = await template('webinar-attendance');
    const before = await api.nothingWrittenSnapshot();
    const undeclared = await post('/v1/campaigns', 'growth', {
      name: 'too early',
      journeyType: 'flow',
      config: t.config,
      budget: 10_000,
    });
    expect(expectProblem(undeclared, 422, 'undeclared-event-type').errors).toEqual([
      {
        path: ['body', 'config', 'definition', 'nodes', 0, 'on', 'name'],
        message: 'node "attended": listens for "webinar_attended", which is not a declared event type',
        code: 'custom',
      },
    ]);
    const broken = structuredClone(t.config);
    broken.definition.nodes[1]!.next = 'nowhere';
    const refused = await post('/v1/campaigns', 'growth', {
      name: 'broken',
      journeyType: 'flow',
      config: broken,
      budget: 10_000,
    });
    expect(expectProblem(refused, 422, 'rule-violated').errors).toEqual([
      expect.objectContaining({
        path: ['body', 'config', 'definition', 'nodes', 1],
        message: 'node "grant": leads to "nowhere", which is not a node of this definition',
      }),
    ]);
    expect(await api.nothingWrittenSnapshot()).toEqual(before);
  });

  describe('the patterns of a declared properties schema', () => {
    const declare = (name: string, propertiesSchema: Record<string, unknown>) =>
      api.http().put(`/v1/event-types/${name}`).set(as('growth')).send({ propertiesSchema });
    const custom = (name: string, properties: Record<string, unknown>, eventId = id('ev')) =>
      post('/v1/events', 'storefront', { type: 'custom', name, eventId, customerId: id('cust'), properties });

    it('run in linear time: a nested quantifier answers at once, on a value whose backtracking would never end', async () => {
      const probe = { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } };
      expect((await declare('probe_redos', probe)).status).toBe(200);
      // The outside probe's event, as sent: 31 characters blocked the event loop for 56 s before.
      const probed = await post('/v1/events', 'storefront', {
        type: 'custom',
        name: 'probe_redos',
        eventId: 'probe-redos-1',
        customerId: 'probe-r',
        properties: { s: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' },
      });
      expect(expectProblem(probed, 422, 'invalid-event-properties').errors).toEqual([
        expect.objectContaining({ path: ['body', 'properties', 's'], code: 'pattern' }),
      ]);
      // 999 a's then "!" (the longest string property): a backtracking engine would take some 2^999 steps.
      const long = await custom('probe_redos', { s: `${'a'.repeat(999)}!` });
      expect(expectProblem(long, 422, 'invalid-event-properties').errors).toEqual([
        expect.objectContaining({ path: ['body', 'properties', 's'], code: 'pattern' }),
      ]);
      expect((await custom('probe_redos', { s: 'a'.repeat(1000) })).status).toBe(202);
    });

    it('refuses a backreference or lookaround on declaration (422 naming where), storing nothing', async () => {
      const ordinary = { type: 'object', properties: { s: { type: 'string', pattern: '^[a-z]+$' } } };
      expect((await declare('probe_kept', ordinary)).status).toBe(200);
      const before = await api.nothingWrittenSnapshot();
      const refusals: [string, Record<string, unknown>, (string | number)[]][] = [
        [
          'probe_backref',
          { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)\\1$' } } },
          ['body', 'propertiesSchema', 'properties', 's', 'pattern'],
        ],
        [
          'probe_named_backref',
          { type: 'object', properties: { s: { type: 'string', pattern: '^(?<x>a+)\\k<x>$' } } },
          ['body', 'propertiesSchema', 'properties', 's', 'pattern'],
        ],
        [
          'probe_lookahead',
          {
            type: 'object',
            properties: {
              tags: { type: 'array', items: { anyOf: [{ type: 'string', pattern: '^(?=a)a+$' }] } },
            },
          },
          ['body', 'propertiesSchema', 'properties', 'tags', 'items', 'anyOf', 0, 'pattern'],
        ],
        [
          'probe_lookbehind',
          { type: 'object', patternProperties: { '(?<=x)y': { type: 'string' } } },
          ['body', 'propertiesSchema', 'patternProperties', '(?<=x)y'],
        ],
        // Linear, but its ~1 000 instructions would cost every character of every value checked.
        [
          'probe_huge',
          { type: 'object', properties: { s: { type: 'string', pattern: '[a-z]{1000}' } } },
          ['body', 'propertiesSchema', 'properties', 's', 'pattern'],
        ],
        // Redeclaring a stored type with such a pattern leaves the stored one as it was.
        [
          'probe_kept',
          { type: 'object', properties: { s: { type: 'string', pattern: '^(?!b)[a-z]+$' } } },
          ['body', 'propertiesSchema', 'properties', 's', 'pattern'],
        ],
      ];
      for (const [name, propertiesSchema, path] of refusals) {
        const refused = await declare(name, propertiesSchema);
        expect(expectProblem(refused, 422, 'invalid-properties-schema').errors).toEqual([
          expect.objectContaining({ path, message: expect.stringContaining('linear-time engine') }),
        ]);
      }
      expect(await api.nothingWrittenSnapshot()).toEqual(before);
      for (const name of [
        'probe_backref',
        'probe_named_backref',
        'probe_lookahead',
        'probe_lookbehind',
        'probe_huge',
      ])
        expectProblem(await api.http().get(`/v1/event-types/${name}`).set(as('growth')), 404);
      const kept = await api.http().get('/v1/event-types/probe_kept').set(as('growth'));
      expect(kept.body).toMatchObject({ propertiesSchema: ordinary });
      expect((await custom('probe_kept', { s: 'bcd' })).status).toBe(202);
    });

    it('keep ordinary patterns working: a matching value is accepted, another refused naming the field', async () => {
      const coded = {
        type: 'object',
        properties: { code: { type: 'string', pattern: '^[A-Z]{3}-\\d+$' }, note: { type: 'string' } },
        required: ['code'],
        patternProperties: { '^ref[A-Z]$': { type: 'integer' } },
      };
      expect((await declare('probe_coded', coded)).status).toBe(200);
      expect((await custom('probe_coded', { code: 'ABC-123', note: 'x', refA: 1 })).status).toBe(202);
      const before = await api.nothingWrittenSnapshot();
      const lower = await custom('probe_coded', { code: 'abc-123' });
      expect(expectProblem(lower, 422, 'invalid-event-properties').errors).toEqual([
        {
          path: ['body', 'properties', 'code'],
          message: 'must match pattern "^[A-Z]{3}-\\d+$"',
          code: 'pattern',
        },
      ]);
      const unanchored = await custom('probe_coded', { code: 'ABC-123x' });
      expect(expectProblem(unanchored, 422, 'invalid-event-properties').errors).toEqual([
        expect.objectContaining({ path: ['body', 'properties', 'code'], code: 'pattern' }),
      ]);
      const keyed = await custom('probe_coded', { code: 'ABC-1', refB: 'two' });
      expect(expectProblem(keyed, 422, 'invalid-event-properties').errors).toEqual([
        expect.objectContaining({ path: ['body', 'properties', 'refB'], code: 'type' }),
      ]);
      const missing = await custom('probe_coded', { note: 'no code' });
      expect(expectProblem(missing, 422, 'invalid-event-properties').errors).toEqual([
        expect.objectContaining({ path: ['body', 'properties', 'code'], code: 'required' }),
      ]);
      expect(await api.nothingWrittenSnapshot()).toEqual(before);
    });
  });

  it('template 1 (线上研讨会): webinar_attended with minutes ≥ 30 → 30.00 credit + email; KPIs count it', async () => {
    const t = await template('webinar-attendance');
    await declareEventTypes(t);

    // The catalog guards ingest: an undeclared name or properties its schema rejects are 422, nothing written.
    const before = await api.nothingWrittenSnapshot();
    const unknown = await post('/v1/events', 'storefront', {
      type: 'custom',
      name: 'webinar_skipped',
      eventId: id('ev'),
      customerId: id('cust'),
      properties: {},
    });
    expect(expectProblem(unknown, 422, 'unknown-event-type').errors).toEqual([
      expect.objectContaining({ path: ['body', 'name'] }),
    ]);
    const bad = await post('/v1/events', 'storefront', {
      type: 'custom',
      name: 'webinar_attended',
      eventId: id('ev'),
      customerId: id('cust'),
      properties: { webinarId: 'w-1', minutes: 'forty' },
    });
    expect(expectProblem(bad, 422, 'invalid-event-properties').errors).toEqual([
      expect.objectContaining({ path: ['body', 'properties', 'minutes'] }),
    ]);
    // A schema the catalog cannot use (not an object schema, a NUL Postgres cannot store) is refused too.
    for (const propertiesSchema of [{ type: 'string' }, { type: 'object', properties: { 'a\u0000': {} } }]) {
      const refused = await api
        .http()
        .put('/v1/event-types/webinar_registered')
        .set(as('growth'))
        .send({ propertiesSchema });
      expectProblem(refused, 422, 'invalid-properties-schema');
    }
    // A $ref that leads only to itself is named as such (not "Maximum call stack size exceeded").
    const selfRef = await api
      .http()
      .put('/v1/event-types/webinar_registered')
      .set(as('growth'))
      .send({
        propertiesSchema: {
          type: 'object',
          $defs: { a: { $ref: '#/$defs/a' } },
          properties: { x: { $ref: '#/$defs/a' } },
        },
      });
    expect(expectProblem(selfRef, 422, 'invalid-properties-schema').detail).toContain(
      'a $ref leads only to itself',
    );
    // A custom event may not take a built-in event's name.
    for (const name of ['order_placed', 'signed_up', 'custom']) {
      const reserved = await api
        .http()
        .put(`/v1/event-types/${name}`)
        .set(as('growth'))
        .send({ propertiesSchema: { type: 'object' } });
      expect(expectProblem(reserved, 422, 'reserved-event-name').errors).toEqual([
        expect.objectContaining({ path: ['params', 'name'] }),
      ]);
    }
    expect(await api.nothingWrittenSnapshot()).toEqual(before);

    const campaignId = await launchFromTemplate(t, 100_000);
    const stayed = id('cust');
    const left = id('cust');
    const stayedEmail = uniqueRecipient('webinar');
    const leftEmail = uniqueRecipient('webinar-short');
    await signUp(stayed, stayedEmail, 'zh-CN');
    await signUp(left, leftEmail, 'en');
    const attended = (customerId: string, minutes: number) =>
      post('/v1/events', 'storefront', {
        type: 'custom',
        name: 'webinar_attended',
        eventId: id('ev'),
        customerId,
        properties: { webinarId: 'w-2026-12', minutes },
      });
    const long = await attended(stayed, 45);
    expect(long.status).toBe(202);
    expect(long.body.deliveries).toEqual([{ campaignId, journeyType: 'flow', delivery: 'delivered' }]);
    const short = await attended(left, 12);
    expect(short.status).toBe(202);
    expect(short.body.deliveries).toEqual([]);

    const workflowId = journeyWorkflowId(campaignId, stayed);
    expect(await api.result(workflowId)).toBe('rewarded');
    const state = await api.http().get(`/v1/campaigns/${campaignId}/journeys/${stayed}`).set(as('ops'));
    expect(state.body).toMatchObject({ status: 'completed', outcome: 'rewarded', details: { node: 'done' } });
    const expiresAt = String(state.body.details.expiresAt);

    // The ledger: one 30.00 cash lot from this campaign's budget, nothing for the short attendance.
    const rows = await journal(api.db.pool, workflowId);
    expect(rows.map((r) => r.step)).toEqual(['attended', 'grant', 'thank-you', 'end']);
    const asOf = rows[1]!.occurredAt.toISOString();
    expect((await api.ledger.wallet(stayed, asOf)).lots).toEqual([
      expect.objectContaining({ kind: 'cash', original: 3000, remaining: 3000, campaignId, expiresAt }),
    ]);
    expect((await api.ledger.wallet(left, asOf)).lots).toEqual([]);
    expect(await api.ledger.campaignBudget(campaignId)).toMatchObject({ granted: 3000, remaining: 97_000 });

    const mail = await mailTo(stayedEmail);
    expect(mail.map((m) => m.subject)).toEqual(['感谢参加研讨会：30.00 CNY 体验金已到账']);
    expect(mail[0]!.text).toContain('感谢您参加我们的线上研讨会（45 分钟）');
    expect(mail[0]!.text).toContain(`有效期至 ${expiresAt.slice(0, 10)}`);
    expect(await mailTo(leftEmail)).toEqual([]);

    expect(await kpis(campaignId)).toMatchObject({
      journeyType: 'flow',
      totals: { journeysStarted: 1, credits: { lotsGranted: 1, amountGranted: 3000 } },
    });
  });

  it('template 8 (cart abandonment): an order within the hour recovers the cart; no order → coupon + email', async () => {
    const t = await template('cart-abandonment');
    await declareEventTypes(t);
    const campaignId = await launchFromTemplate(t, 50_000);
    const buyer = id('cust');
    const walker = id('cust');
    const buyerEmail = uniqueRecipient('cart-buyer');
    const walkerEmail = uniqueRecipient('cart-walker');
    await signUp(buyer, buyerEmail, 'en');
    await signUp(walker, walkerEmail, 'en');
    for (const customerId of [buyer, walker]) {
      const abandoned = await post('/v1/events', 'storefront', {
        type: 'custom',
        name: 'cart_abandoned',
        eventId: id('ev'),
        customerId,
        properties: { cartId: id('cart'), value: 15_000 },
      });
      expect(abandoned.body.deliveries).toEqual([{ campaignId, journeyType: 'flow', delivery: 'delivered' }]);
    }
    await api.advance('30 minutes');
    const ordered = await post('/v1/events', 'storefront', {
      type: 'order_placed',
      eventId: id('ev'),
      customerId: buyer,
      orderId: id('order'),
      amount: 15_000,
    });
    expect(ordered.body.deliveries).toEqual([{ campaignId, journeyType: 'flow', delivery: 'signalled' }]);

    const [buyerWf, walkerWf] = [buyer, walker].map((c) => journeyWorkflowId(campaignId, c));
    expect(await api.results([buyerWf!, walkerWf!], { stepHours: 1 })).toEqual(['recovered', 'coupon-sent']);

    const walkerRows = await journal(api.db.pool, walkerWf!);
    expect(walkerRows.map((r) => r.step)).toEqual(['abandoned', 'coupon', 'coupon-email', 'end']);
    const minutesToCoupon =
      (walkerRows[1]!.occurredAt.getTime() - walkerRows[0]!.occurredAt.getTime()) / 60_000;
    expect(Math.round(minutesToCoupon)).toBe(60);
    const asOf = walkerRows[1]!.occurredAt.toISOString();
    expect((await api.ledger.wallet(walker, asOf)).lots).toEqual([
      expect.objectContaining({ kind: 'threshold', original: 1000, minOrderAmount: 10_000, campaignId }),
    ]);
    expect((await api.ledger.wallet(buyer, asOf)).lots).toEqual([]);
    expect((await journal(api.db.pool, buyerWf!)).map((r) => r.step)).toEqual(['abandoned', 'end']);

    const mail = await mailTo(walkerEmail);
    expect(mail.map((m) => m.subject)).toEqual(['Your cart is waiting: 10.00 CNY off 100.00']);
    expect(mail[0]!.text).toContain('10.00 CNY off any order of 100.00 CNY or more');
    expect(await mailTo(buyerEmail)).toEqual([]);

    expect(await kpis(campaignId)).toMatchObject({
      totals: { journeysStarted: 2, credits: { lotsGranted: 1, amountGranted: 1000 } },
    });
  });
  it('template 5 (阶梯满赠): each order ≥ 500.00 opens a merchandise task, ≥ 1 000.00 a gift-box task, with an email; smaller orders nothing', async () => {
    const t = await template('tiered-gift');
    expect(t.eventTypes).toEqual([]);
    const campaignId = await launchFromTemplate(t, 10_000);
    const customerId = id('cust');
    const email = uniqueRecipient('tiered-gift');
    await signUp(customerId, email, 'en');
    const order = async (amount: number) => {
      const orderId = id('order');
      const res = await post('/v1/events', 'storefront', {
        type: 'order_placed',
        eventId: id('ev'),
        customerId,
        orderId,
        amount,
      });
      expect(res.status).toBe(202);
      const deliveries = res.body.deliveries as { campaignId: string; delivery: string }[];
      return { orderId, deliveries: deliveries.filter((d) => d.campaignId === campaignId) };
    };
    const small = await order(20_000);
    // Below the entry's threshold: no journey starts (a flow may still be told of it, with nobody listening).
    expect(small.deliveries.map((d) => d.delivery)).not.toContain('delivered');
    const first = await order(60_000);
    expect(first.deliveries).toEqual([{ campaignId, journeyType: 'flow', delivery: 'delivered' }]);
    const workflowId = journeyWorkflowId(campaignId, customerId);
    await eventually(() => api.services.journeys.state(workflowId), {
      until: (s) => s.step === 'next-order',
      description: 'the journey waiting for the next order',
    });
    await api.advance('2 days');
    await order(30_000); // heard, but below the threshold: the wait goes on
    const big = await order(120_000);
    await eventually(() => mailTo(email), {
      until: (m) => m.length === 2,
      description: 'two gift emails',
    });
    expect((await mailTo(email)).map((m) => m.subject)).toEqual([
      'Your custom merchandise is on its way',
      'Your co-branded gift box is on its way',
    ]);
    expect((await mailTo(email))[1]!.text).toContain(`order ${big.orderId}`);
    const tasks = await api
      .http()
      .get('/v1/support/tasks?kind=gift-fulfilment&status=open')
      .set(as('support'));
    expect(tasks.status).toBe(200);
    const mine = (tasks.body.items as { customerId: string; title: string }[]).filter(
      (task) => task.customerId === customerId,
    );
    expect(mine.map((task) => task.title).sort()).toEqual([
      '满1000元赠品牌联名礼盒: send the co-branded gift box',
      '满500元赠定制周边: send the custom merchandise',
    ]);
    // No credit: gifts are goods, fulfilled by the warehouse from the tasks.
    expect((await api.ledger.campaignBudget(campaignId)).granted).toBe(0);
    await api.workflows.terminate([workflowId]);
  });

  it('template 2 (方案共创基金): a fund per request, approval above 5 000.00 waited for, a quota per salesperson', async () => {
    const t = await template('co-creation-fund');
    await declareEventTypes(t);
    const campaignId = await launchFromTemplate(t, 5_000_000);
    const prospects = ['small', 'approved', 'declined', 'over-quota', 'other-sales'].map(() =>
      id('prospect'),
    );
    const emails = prospects.map(() => uniqueRecipient('co-creation'));
    for (const [i, p] of prospects.entries()) await signUp(p, emails[i]!, i === 0 ? 'zh-CN' : 'en');
    const request = async (customerId: string, salesperson: string, amount: number, purpose: string) => {
      const res = await post('/v1/events', 'storefront', {
        type: 'custom',
        name: 'co_creation_fund_requested',
        eventId: id('ev'),
        customerId,
        properties: { salesperson, amount, purpose },
      });
      expect(res.body.deliveries).toEqual([{ campaignId, journeyType: 'flow', delivery: 'delivered' }]);
      return journeyWorkflowId(campaignId, customerId);
    };
    const approvalTask = async (workflowId: string) => {
      const state = await eventually(() => api.services.journeys.state(workflowId), {
        until: (s) => s.status === 'waiting' && typeof s.details.taskId === 'number',
        description: 'waiting for the manager',
      });
      return state.details.taskId as number;
    };
    const close = async (taskId: number, status: 'done' | 'cancelled') => {
      const res = await post(`/v1/support/tasks/${taskId}/close`, 'support-manager', { status });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ kind: 'flow-approval', status });
    };

    const [small, approved, declined, overQuota, otherSales] = prospects as [
      string,
      string,
      string,
      string,
      string,
    ];
    const wfSmall = await request(small, 'sales-li', 300_000, 'design-fee');
    expect(await api.result(wfSmall)).toBe('funded');
    const wfApproved = await request(approved, 'sales-li', 800_000, 'first-order');
    await close(await approvalTask(wfApproved), 'done');
    expect(await api.result(wfApproved)).toBe('funded');
    const wfDeclined = await request(declined, 'sales-li', 600_000, 'first-order');
    await close(await approvalTask(wfDeclined), 'cancelled');
    expect(await api.result(wfDeclined)).toBe('declined');
    // 3 000 + 8 000 used of sales-li's 20 000.00; 10 000 more does not fit even once approved.
    const wfOver = await request(overQuota, 'sales-li', 1_000_000, 'first-order');
    await close(await approvalTask(wfOver), 'done');
    expect(await api.result(wfOver)).toBe('over-salesperson-quota');
    const wfOther = await request(otherSales, 'sales-wang', 400_000, 'first-order');
    expect(await api.result(wfOther)).toBe('funded');

    const asOf = (await journal(api.db.pool, wfOther)).at(-1)!.occurredAt.toISOString();
    const lots = async (c: string) => (await api.ledger.wallet(c, asOf)).lots;
    expect(await lots(small)).toEqual([
      expect.objectContaining({
        kind: 'cash',
        original: 300_000,
        campaignId,
        scope: { type: 'categories', categories: ['design-fee'] },
      }),
    ]);
    expect(await lots(approved)).toEqual([expect.objectContaining({ kind: 'cash', original: 800_000 })]);
    expect(await lots(declined)).toEqual([]);
    expect(await lots(overQuota)).toEqual([]);
    expect(await lots(otherSales)).toEqual([expect.objectContaining({ original: 400_000 })]);
    expect((await api.ledger.campaignBudget(campaignId)).granted).toBe(1_500_000);
    expect((await journal(api.db.pool, wfApproved)).map((r) => r.step)).toEqual([
      'requested',
      'approval',
      'approval:closed',
      'quota',
      'order-fund',
      'tag',
      'email',
      'end',
    ]);

    const profile = await api.http().get(`/v1/customers/${small}`).set(as('support'));
    expect(profile.body.attributes).toMatchObject({ tags: ['co-creation-fund'] });
    const mail = await mailTo(emails[0]!);
    expect(mail.map((m) => m.subject)).toEqual(['您的方案共创基金 3000.00 CNY 已到账']);
    expect(mail[0]!.text).toContain('sales-li 为您申请的方案共创基金 3000.00 CNY');
    expect(await mailTo(emails[2]!)).toEqual([]);
    expect(await kpis(campaignId)).toMatchObject({
      totals: { journeysStarted: 5, credits: { lotsGranted: 3, amountGranted: 1_500_000 } },
    });
  });

  it('template 7 (推荐好友再享8折): a referee’s first order → a 20 %-off coupon; the first N referrers get a bonus, each once', async () => {
    const t = await template('referral-second-coupon');
    const limit = t.config.definition.nodes.find((n) => n.type === 'limit')!;
    expect(limit).toMatchObject({ max: 100, countOnce: 'referrer' });
    // The template's 100, made 2 so the test reaches it.
    const config = structuredClone(t.config);
    config.definition.nodes.find((n) => n.type === 'limit')!.max = 2;
    const campaignId = await launchFromTemplate({ ...t, config }, 1_000_000);

    const [r1, r2, r3] = [id('referrer'), id('referrer'), id('referrer')];
    const referees = [
      { id: id('referee'), referrer: r1 },
      { id: id('referee'), referrer: r1 },
      { id: id('referee'), referrer: r2 },
      { id: id('referee'), referrer: r3 },
    ];
    const loner = id('cust');
    const emails = new Map<string, string>();
    for (const c of [r1, r2, r3, loner, ...referees.map((r) => r.id)]) {
      emails.set(c, uniqueRecipient('referral-7'));
      await signUp(c, emails.get(c)!, 'zh-CN');
    }
    // The referral relationship, as the referral journey records it when a referee signs up with a share code.
    for (const r of referees)
      await insertReferral(api.db.pool, {
        refereeId: r.id,
        referrerId: r.referrer,
        campaignId: 'referral-campaign',
        status: 'paid',
      });
    const firstOrder = async (customerId: string) => {
      const res = await post('/v1/events', 'storefront', {
        type: 'order_placed',
        eventId: id('ev'),
        customerId,
        orderId: id('order'),
        amount: 20_000,
      });
      expect(res.status).toBe(202);
      const wf = journeyWorkflowId(campaignId, customerId);
      return wf;
    };
    const outcomes: unknown[] = [];
    for (const c of [...referees.map((r) => r.id), loner])
      outcomes.push(await api.result(await firstOrder(c)));
    expect(outcomes).toEqual(['rewarded', 'rewarded', 'rewarded', 'rewarded', 'not-a-referee-first-order']);

    const asOf = new Date(
      Date.parse(
        (await journal(api.db.pool, journeyWorkflowId(campaignId, loner)))[0]!.occurredAt.toISOString(),
      ) + 1000,
    ).toISOString();
    const lots = async (c: string) => (await api.ledger.wallet(c, asOf)).lots;
    for (const r of referees)
      expect(await lots(r.id)).toEqual([
        expect.objectContaining({ kind: 'percent', percentBp: 2000, original: 5000, campaignId }),
      ]);
    // r1 counted once (its second referee's order pays nothing more), r2 second, r3 past the first 2.
    expect(await lots(r1)).toEqual([expect.objectContaining({ kind: 'cash', original: 10_000, campaignId })]);
    expect(await lots(r2)).toEqual([expect.objectContaining({ kind: 'cash', original: 10_000 })]);
    expect(await lots(r3)).toEqual([]);
    expect(await lots(loner)).toEqual([]);
    expect(
      (await journal(api.db.pool, journeyWorkflowId(campaignId, referees[1]!.id))).map((r) => [
        r.step,
        r.kind,
      ]),
    ).toEqual([
      ['order', 'flow-entered'],
      ['coupon', 'credit-granted'],
      ['coupon-email', 'email-sent'],
      ['first-100', 'limit-reached'],
      ['end', 'journey-completed'],
    ]);
    const mail = await mailTo(emails.get(referees[0]!.id)!);
    expect(mail.map((m) => m.subject)).toEqual(['推荐好友再享8折']);
    expect(mail[0]!.text).toContain('送您一张8折券（最高抵扣 50.00 CNY）');
    expect(await mailTo(emails.get(loner)!)).toEqual([]);
    // The referrers paid the bonus are told, once each, in their locale, with their own credit's amount and expiry.
    for (const r of [r1, r2]) {
      const bonus = (await mailTo(emails.get(r)!)).filter((m) => m.subject.startsWith('推荐奖励'));
      expect(bonus.map((m) => m.subject)).toEqual(['推荐奖励：100.00 CNY']);
      const expiresOn = (await lots(r))[0]!.expiresAt!.slice(0, 10);
      expect(bonus[0]!.text).toContain(`送您 100.00 CNY 奖励金，有效期至 ${expiresOn}`);
    }
    expect(await mailTo(emails.get(r3)!)).toEqual([]);
    expect(
      (await journal(api.db.pool, journeyWorkflowId(campaignId, referees[0]!.id))).map((r) => [
        r.step,
        r.kind,
      ]),
    ).toContainEqual(['referrer-bonus:referrer-email', 'referrer-email-sent']);
    expect((await api.ledger.campaignBudget(campaignId)).granted).toBe(4 * 5000 + 2 * 10_000);
  });
});
