import { randomBytes } from 'node:crypto';
import { expectProblem } from '../../../test/support/api/probe';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { eventually } from '../../../test/support/eventually';
import { journal } from '../../../test/support/journey-assertions';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { useProductTestApi } from '../../../test/support/per-file';
import { recordTierChange } from '../../../stores/loyalty-tiers';
import {
  OPEN_OCCURRENCES_HEARD,
  openOccurrencesOf,
  recordOpenOccurrences,
} from '../../../stores/open-occurrences';
import { enrolmentWorkflowId, LAUNCH_RUN } from '../../../workflows/campaign-enrolment/definitions';
import { journeyWorkflowId } from '../../../workflows/shared/definitions';

interface Template {
  id: string;
  eventTypes: { name: string; propertiesSchema: Record<string, unknown> }[];
  config: { definition: { nodes: Record<string, unknown>[] } };
  audience?: { name: string; filter: unknown; enrolExisting: boolean };
}

interface Run {
  run: string;
  state: string;
  total: number;
  enrolled: number;
  already: number;
}

const DAY_MS = 86_400_000;
const WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * Audiences and enrolment without an event, through the API alone on the real servers (time skipped): a campaign's
 * audience gates event-started journeys, enrolExisting enrols the audience at launch (template 6), a date entry
 * (template 3, birthday by tier) and a calendar entry (template 4, 会员日) enrol who they select at their occurrence in
 * the campaign's time zone; ledger rows, captured emails and the enrolment progress are asserted.
 */
describe('audiences and enrolment of flow campaigns', () => {
  // Campaign-level workflows on their own queue and worker, as the product runs them.
  const api = useProductTestApi({ ownCampaignQueue: true });
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
    const found = (res.body.items as (Template & { id: string })[]).find((t) => t.id === templateId);
    expect(found).toBeDefined();
    for (const e of found!.eventTypes) {
      const declared = await api
        .http()
        .put(`/v1/event-types/${e.name}`)
        .set(as('growth'))
        .send({ propertiesSchema: e.propertiesSchema });
      expect(declared.status).toBe(200);
    }
    return found!;
  }

  async function segment(name: string, filter: unknown): Promise<string> {
    const res = await post('/v1/segments', 'growth', { name, filter });
    expect(res.status).toBe(201);
    return res.body.segmentId as string;
  }

  async function customer(email: string, attributes?: Record<string, unknown>): Promise<string> {
    const customerId = id('cust');
    const res = await post('/v1/events', 'storefront', {
      type: 'signed_up',
      eventId: id('ev'),
      customerId,
      email,
      locale: 'en',
    });
    expect(res.status).toBe(202);
    if (attributes) {
      const put = await api
        .http()
        .put(`/v1/customers/${customerId}/attributes`)
        .set(as('growth'))
        .send({ attributes });
      expect(put.status).toBe(200);
    }
    return customerId;
  }

  async function create(body: Record<string, unknown>): Promise<string> {
    const res = await post('/v1/campaigns', 'growth', {
      name: 'enrolment test',
      journeyType: 'flow',
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body.campaignId as string;
  }

  const launch = async (campaignId: string) =>
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);

  const runs = async (campaignId: string): Promise<Run[]> => {
    const res = await api.http().get(`/v1/campaigns/${campaignId}/enrolment`).set(as('ops'));
    expect(res.status).toBe(200);
    return res.body.runs as Run[];
  };

  const tier = (customerId: string, to: 'silver' | 'gold') =>
    recordTierChange(api.db.pool, {
      idempotencyKey: id('tier'),
      campaignId: 'cmp-tiers',
      customerId,
      from: null,
      to,
      reason: 'upgrade',
      rollingSpend: 0,
      at: new Date().toISOString(),
    });

  /** The day (UTC+8, no DST) a 09:00 Asia/Shanghai entry next fires after the test server's now. */
  async function nextNineInShanghai(): Promise<string> {
    const now = Date.parse(await api.now());
    const local = new Date(now + 8 * 3_600_000);
    const day = local.getUTCHours() >= 9 ? new Date(local.getTime() + DAY_MS) : local;
    return day.toISOString().slice(0, 10);
  }

  it('refuses an unknown audience, enrolExisting without one and on a coded journey (422, nothing written)', async () => {
    const t = await template('webinar-attendance');
    const before = await api.nothingWrittenSnapshot();
    const unknown = await post('/v1/campaigns', 'growth', {
      name: 'x',
      journeyType: 'flow',
      config: t.config,
      budget: 1000,
      audience: 'seg_nope',
    });
    expect(expectProblem(unknown, 422, 'unknown-segment').errors).toEqual([
      expect.objectContaining({ path: ['body', 'audience'] }),
    ]);
    const alone = await post('/v1/campaigns', 'growth', {
      name: 'x',
      journeyType: 'flow',
      config: t.config,
      budget: 1000,
      enrolExisting: true,
    });
    expectProblem(alone, 422, 'enrol-without-audience');
    const segmentTest = structuredClone(t.config);
    segmentTest.definition.nodes.splice(1, 0, {
      id: 'member',
      type: 'condition',
      branches: [{ when: [{ on: 'segment', segmentId: 'seg_missing' }], next: 'grant' }],
      otherwise: 'done',
    });
    segmentTest.definition.nodes[0]!.next = 'member';
    const missing = await post('/v1/campaigns', 'growth', {
      name: 'x',
      journeyType: 'flow',
      config: segmentTest,
      budget: 1000,
    });
    expect(expectProblem(missing, 422, 'unknown-segment').errors).toEqual([
      expect.objectContaining({
        path: ['body', 'config', 'definition', 'nodes', 1, 'branches', 0, 'when', 0, 'segmentId'],
      }),
    ]);
    // An inline filter is checked like a saved segment's: an undeclared attribute, a numeric op on a string.
    const inlineTest = structuredClone(segmentTest);
    (inlineTest.definition.nodes[1] as { branches: { when: unknown[] }[] }).branches[0]!.when = [
      {
        on: 'segment',
        filter: {
          all: [
            { attribute: 'undeclared', op: 'eq', value: 'x' },
            { attribute: 'region', op: 'gt', value: 3 },
          ],
        },
      },
    ];
    const badInline = await post('/v1/campaigns', 'growth', {
      name: 'x',
      journeyType: 'flow',
      config: inlineTest,
      budget: 1000,
    });
    expect(expectProblem(badInline, 422, 'invalid-segment-filter').errors).toEqual([
      expect.objectContaining({
        path: ['body', 'config', 'definition', 'nodes', 1, 'branches', 0, 'when', 0, 'filter', 'all', 0],
      }),
      expect.objectContaining({
        path: ['body', 'config', 'definition', 'nodes', 1, 'branches', 0, 'when', 0, 'filter', 'all', 1],
      }),
    ]);
    expect(await api.nothingWrittenSnapshot()).toEqual(before);
    const seg = await segment('anyone east', { attribute: 'region', op: 'eq', value: 'east' });
    const coded = await post('/v1/campaigns', 'growth', {
      name: 'x',
      journeyType: 'trial-credit',
      budget: 1000,
      audience: seg,
      enrolExisting: true,
    });
    expectProblem(coded, 422, 'enrol-not-supported');
  });

  it('an audience lets only its members start a journey; a page resumes from the durable cursor and counts once', async () => {
    const t = await template('webinar-attendance');
    const east = await segment('east', { attribute: 'region', op: 'eq', value: 'east' });
    const campaignId = await create({ config: t.config, budget: 100_000, audience: east });
    await launch(campaignId);
    const member = await customer(uniqueRecipient('east'), { region: 'east' });
    const outsider = await customer(uniqueRecipient('west'), { region: 'west' });
    const attended = (customerId: string) =>
      post('/v1/events', 'storefront', {
        type: 'custom',
        name: 'webinar_attended',
        eventId: id('ev'),
        customerId,
        properties: { webinarId: 'w-1', minutes: 45 },
      });
    expect((await attended(member)).body.deliveries).toEqual([
      { campaignId, journeyType: 'flow', delivery: 'delivered' },
    ]);
    expect((await attended(outsider)).body.deliveries).toEqual([]);
    expect(await api.result(journeyWorkflowId(campaignId, member))).toBe('rewarded');

    // Enrolment pages by hand (page size 1): the event-started member is the same journey, not a second one.
    const second = await customer(uniqueRecipient('east-2'), { region: 'east' });
    const [first, last] = [member, second].sort();
    const page = (run: string) =>
      api.services.campaigns.enrolPage({ campaignId, run, asOf: new Date().toISOString(), pageSize: 1 });
    const one = await page('launch');
    expect(one).toMatchObject({ state: 'more', total: 2, cursor: first });
    expect((await api.http().post(`/v1/campaigns/${campaignId}/pause`).set(as('growth'))).status).toBe(200);
    expect(await page('launch')).toMatchObject({ state: 'paused', cursor: first });
    await launch(campaignId);
    const two = await page('launch');
    expect(two).toMatchObject({ state: 'more', cursor: last, enrolled: 1, already: 1 });
    expect(await page('launch')).toMatchObject({ state: 'completed', enrolled: 1, already: 1 });
    expect(await page('launch')).toMatchObject({ state: 'completed', enrolled: 1, already: 1 });
    expect(await api.result(journeyWorkflowId(campaignId, second))).toBe('rewarded');
    expect((await journal(api.db.pool, journeyWorkflowId(campaignId, second)))[0]).toMatchObject({
      step: 'attended',
      kind: 'flow-entered',
      detail: { enrolment: 'audience', run: 'launch' },
    });
    expect(await runs(campaignId)).toEqual([
      expect.objectContaining({ run: 'launch', state: 'completed', total: 2, enrolled: 1, already: 1 }),
    ]);
    expect((await api.http().post(`/v1/campaigns/${campaignId}/end`).set(as('growth'))).status).toBe(200);
    expect(await page('later')).toMatchObject({ state: 'stopped' });
  });

  it('template 6 (win-back): the audience dormant at launch is enrolled at once; an order wins one back', async () => {
    const t = await template('win-back-dormant');
    const now = Date.now();
    const order = (customerId: string, daysAgo: number) =>
      post('/v1/events', 'storefront', {
        type: 'order_placed',
        eventId: id('ev'),
        customerId,
        orderId: id('order'),
        amount: 20_000,
        occurredAt: new Date(now - daysAgo * DAY_MS).toISOString(),
      });
    const [lapsedEmail, backEmail, activeEmail] = ['lapsed', 'back', 'active'].map((tag) =>
      uniqueRecipient(`winback-${tag}`),
    );
    const lapsed = await customer(lapsedEmail!);
    const back = await customer(backEmail!);
    const active = await customer(activeEmail!);
    await order(lapsed, 120);
    await order(back, 95);
    await order(active, 10);
    const audience = await segment(t.audience!.name, t.audience!.filter);
    const campaignId = await create({ config: t.config, budget: 100_000, audience, enrolExisting: true });
    await launch(campaignId);

    await eventually(() => runs(campaignId), {
      until: (r) => r[0]?.state === 'completed',
      description: 'the launch run completed',
    });
    expect(await runs(campaignId)).toEqual([
      expect.objectContaining({ run: 'launch', state: 'completed', total: 2, enrolled: 2, already: 0 }),
    ]);
    const [lapsedWf, backWf] = [lapsed, back].map((c) => journeyWorkflowId(campaignId, c));
    await eventually(() => mailTo(backEmail!), { until: (m) => m.length === 1, description: 'the email' });
    await api.advance('2 days');
    const comeback = await post('/v1/events', 'storefront', {
      type: 'order_placed',
      eventId: id('ev'),
      customerId: back,
      orderId: id('order'),
      amount: 20_000,
    });
    expect(comeback.body.deliveries).toEqual([{ campaignId, journeyType: 'flow', delivery: 'signalled' }]);
    expect(await api.results([lapsedWf!, backWf!], { stepHours: 24 })).toEqual(['lapsed', 'won-back']);

    const rows = await journal(api.db.pool, lapsedWf!);
    expect(rows.map((r) => r.step)).toEqual(['dormant', 'comeback-credit', 'comeback-email', 'end']);
    const asOf = rows[1]!.occurredAt.toISOString();
    for (const c of [lapsed, back])
      expect((await api.ledger.wallet(c, asOf)).lots).toEqual([
        expect.objectContaining({ kind: 'cash', original: 3000, campaignId }),
      ]);
    expect((await api.ledger.wallet(active, asOf)).lots).toEqual([]);
    expect(await api.ledger.campaignBudget(campaignId)).toMatchObject({ granted: 6000 });
    expect((await mailTo(lapsedEmail!)).map((m) => m.subject)).toEqual([
      'We miss you: 30.00 CNY to come back',
    ]);
    expect(await mailTo(activeEmail!)).toEqual([]);
  });

  it('template 3 (birthday by tier): at 09:00 in the campaign’s zone on the day, each member gets the credit of their tier', async () => {
    const t = await template('birthday-gift');
    const day = await nextNineInShanghai();
    const birthday = `1990-${day.slice(5)}`;
    const emails = ['gold', 'silver', 'standard', 'other-day'].map((tag) => uniqueRecipient(`bday-${tag}`));
    const gold = await customer(emails[0]!, { birthday });
    const silver = await customer(emails[1]!, { birthday });
    const standard = await customer(emails[2]!, { birthday });
    const otherDay = await customer(emails[3]!, {
      birthday: `1990-${new Date(Date.parse(day) + 40 * DAY_MS).toISOString().slice(5, 10)}`,
    });
    await tier(gold, 'gold');
    await tier(silver, 'silver');
    const campaignId = await create({ config: t.config, budget: 100_000, timezone: 'Asia/Shanghai' });
    await launch(campaignId);

    const ids = [gold, silver, standard].map((c) => `${journeyWorkflowId(campaignId, c)}/${day}`);
    await api.advance('1 day', { stepHours: 6 });
    expect(await api.results(ids, { stepHours: 6 })).toEqual([
      'birthday-gift',
      'birthday-gift',
      'birthday-gift',
    ]);
    const entered = (await journal(api.db.pool, ids[0]!))[0]!;
    expect(entered).toMatchObject({ kind: 'flow-entered', detail: { enrolment: 'date', run: day } });
    // 09:00 in Shanghai (01:00 UTC), give or take the workflow task's own seconds.
    const late = entered.occurredAt.getTime() - Date.parse(`${day}T01:00:00Z`);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(60_000);

    const asOf = new Date(Date.parse(`${day}T02:00:00Z`)).toISOString();
    const granted = async (c: string) => (await api.ledger.wallet(c, asOf)).lots.map((l) => l.original);
    expect(await granted(gold)).toEqual([10_000]);
    expect(await granted(silver)).toEqual([5_000]);
    expect(await granted(standard)).toEqual([2_000]);
    expect(await granted(otherDay)).toEqual([]);
    expect((await mailTo(emails[0]!)).map((m) => m.subject)).toEqual([
      'Happy birthday! 100.00 CNY of birthday credit',
    ]);
    expect((await mailTo(emails[2]!)).map((m) => m.subject)).toEqual([
      'Happy birthday! 20.00 CNY of birthday credit',
    ]);
    expect(await mailTo(emails[3]!)).toEqual([]);
    expect((await runs(campaignId)).find((r) => r.run === day)).toMatchObject({
      state: 'completed',
      total: 3,
      enrolled: 3,
    });
  });

  it('template 4 (会员日): on member day silver members and above get a one-day voucher; others nothing', async () => {
    const t = await template('member-day');
    const day = await nextNineInShanghai();
    const config = structuredClone(t.config);
    (config.definition.nodes[0] as { calendar: { monthlyDay: number } }).calendar.monthlyDay = Number(
      day.slice(8, 10),
    );
    const emails = ['gold', 'silver', 'standard'].map((tag) => uniqueRecipient(`member-day-${tag}`));
    // The audience keeps the run to this test's customers (a calendar entry without one takes everyone).
    const region = id('region');
    const audience = await segment('member-day test', { attribute: 'region', op: 'eq', value: region });
    const gold = await customer(emails[0]!, { region });
    const silver = await customer(emails[1]!, { region });
    const standard = await customer(emails[2]!, { region });
    const outside = await customer(uniqueRecipient('member-day-outside'));
    await tier(gold, 'gold');
    await tier(silver, 'silver');
    await tier(outside, 'gold');
    const campaignId = await create({ config, budget: 100_000, timezone: 'Asia/Shanghai', audience });
    await launch(campaignId);
    const ids = [gold, silver, standard].map((c) => `${journeyWorkflowId(campaignId, c)}/${day}`);
    await api.advance('1 day', { stepHours: 6 });
    expect(await api.results(ids, { stepHours: 6 })).toEqual([
      'voucher-sent',
      'voucher-sent',
      'not-eligible',
    ]);
    const asOf = new Date(Date.parse(`${day}T02:00:00Z`)).toISOString();
    for (const c of [gold, silver]) {
      const lots = (await api.ledger.wallet(c, asOf)).lots;
      expect(lots).toEqual([
        expect.objectContaining({ kind: 'threshold', original: 3000, minOrderAmount: 30_000, campaignId }),
      ]);
      // One day: it expires a day after it was granted.
      const validFor = Date.parse(lots[0]!.expiresAt!) - Date.parse(`${day}T01:00:00Z`);
      expect(validFor).toBeGreaterThanOrEqual(DAY_MS);
      expect(validFor).toBeLessThan(DAY_MS + 60_000);
    }
    expect((await api.ledger.wallet(standard, asOf)).lots).toEqual([]);
    expect((await mailTo(emails[1]!)).map((m) => m.subject)).toEqual([
      'Member day: 30.00 CNY off 300.00, today only',
    ]);
    expect(await mailTo(emails[2]!)).toEqual([]);
    expect((await api.ledger.wallet(outside, asOf)).lots).toEqual([]);
    expect(await api.ledger.campaignBudget(campaignId)).toMatchObject({ granted: 6000 });
    expect((await runs(campaignId)).find((r) => r.run === day)).toMatchObject({
      state: 'completed',
      total: 3,
      enrolled: 3,
    });
  });

  it('a calendar entry enrols everyone only when told: an audience or everyone: true (422 naming the node)', async () => {
    const t = await template('member-day');
    expect((t.config.definition.nodes[0] as { calendar: { everyone?: boolean } }).calendar.everyone).toBe(
      true,
    );
    const implicit = structuredClone(t.config);
    delete (implicit.definition.nodes[0] as { calendar: { everyone?: boolean } }).calendar.everyone;
    const before = await api.nothingWrittenSnapshot();
    const refused = await post('/v1/campaigns', 'growth', {
      name: 'x',
      journeyType: 'flow',
      config: implicit,
      budget: 1000,
    });
    const problem = expectProblem(refused, 422, 'calendar-without-audience');
    expect(problem.errors).toEqual([
      expect.objectContaining({
        path: ['body', 'config', 'definition', 'nodes', 0, 'calendar', 'everyone'],
        message: expect.stringContaining('node "member-day"'),
      }),
    ]);
    expect(await api.nothingWrittenSnapshot()).toEqual(before);
    // Said explicitly, or narrowed by an audience (a config stored without the field parses as before).
    expect(
      (
        await post('/v1/campaigns', 'growth', {
          journeyType: 'flow',
          name: 'x',
          config: t.config,
          budget: 1000,
        })
      ).status,
    ).toBe(201);
    const seg = await segment('calendar audience', { attribute: 'region', op: 'eq', value: id('region') });
    const narrowed = await create({ config: implicit, budget: 1000, audience: seg });
    const stored = await api.http().get(`/v1/campaigns/${narrowed}`).set(as('growth'));
    expect(stored.status).toBe(200);
    expect(stored.body.config.definition.nodes[0].calendar).not.toHaveProperty('everyone');
    // A draft's config change is checked against its audience the same way.
    const bare = await create({ config: t.config, budget: 1000 });
    const update = await api
      .http()
      .put(`/v1/campaigns/${bare}/config`)
      .set(as('growth'))
      .send({ config: implicit });
    expectProblem(update, 422, 'calendar-without-audience');
  });

  /** Nodes that wait `days` for an order: converted on one, lapsed without. */
  const waitForOrder = (days: number) => [
    {
      id: 'order',
      type: 'waitFor',
      on: { type: 'order_placed' },
      timeout: { days },
      onEvent: 'converted',
      onTimeout: 'lapsed',
    },
    { id: 'converted', type: 'exit', outcome: 'converted' },
    { id: 'lapsed', type: 'exit', outcome: 'lapsed' },
  ];

  /** A birthday flow's definition (09:00 in the campaign's zone on the day) around the given nodes. */
  const birthdayFlow = (nodes: Record<string, unknown>[], exitOn: unknown[] = []) => ({
    definition: {
      nodes: [
        { id: 'birthday', type: 'entry', date: { attribute: 'birthday' }, next: nodes[0]!.id },
        ...nodes,
      ],
      exitOn,
    },
  });

  it('date-entry journeys hear events: a waitFor converts on an order, an exit rule ends one; ended ones are forgotten', async () => {
    const day = await nextNineInShanghai();
    const region = id('region');
    const audience = await segment('birthday events', { attribute: 'region', op: 'eq', value: region });
    const [buyerEmail, quietEmail] = [uniqueRecipient('bday-buyer'), uniqueRecipient('bday-quiet')];
    const buyer = await customer(buyerEmail, { birthday: `1991-${day.slice(5)}`, region });
    const quiet = await customer(quietEmail, { birthday: `1992-${day.slice(5)}`, region });
    const voucherThenWait = await create({
      config: birthdayFlow([
        { id: 'voucher', type: 'grantCredit', amount: { fixed: 2000 }, validityDays: 30, next: 'order' },
        {
          id: 'order',
          type: 'waitFor',
          on: { type: 'order_placed' },
          timeout: { days: 7 },
          onEvent: 'converted',
          onTimeout: 'reminder',
        },
        { id: 'converted', type: 'exit', outcome: 'converted' },
        {
          id: 'reminder',
          type: 'sendEmail',
          subject: { 'zh-CN': '生日券还在', en: 'Your birthday voucher is waiting' },
          body: {
            'zh-CN': '{name}，别忘了您的生日券。',
            en: '{name}, your birthday voucher is still there.',
          },
          next: 'reminded',
        },
        { id: 'reminded', type: 'exit', outcome: 'reminded' },
      ]),
      budget: 100_000,
      timezone: 'Asia/Shanghai',
      audience,
    });
    const exitRule = await create({
      config: birthdayFlow(
        [
          { id: 'week', type: 'wait', for: { days: 7 }, next: 'no-order' },
          { id: 'no-order', type: 'exit', outcome: 'no-order' },
        ],
        [{ on: { type: 'order_placed' }, outcome: 'ordered' }],
      ),
      budget: 100_000,
      timezone: 'Asia/Shanghai',
      audience,
    });
    await launch(voucherThenWait);
    await launch(exitRule);
    const mine = new Set([voucherThenWait, exitRule]);
    const order = async (customerId: string) => {
      const res = await post('/v1/events', 'storefront', {
        type: 'order_placed',
        eventId: id('ev'),
        customerId,
        orderId: id('order'),
        amount: 20_000,
      });
      expect(res.status).toBe(202);
      return (res.body.deliveries as { campaignId: string; delivery: string }[])
        .filter((d) => mine.has(d.campaignId))
        .map((d) => [d.campaignId, d.delivery]);
    };
    // Before the day no occurrence is open: the order reaches neither (no Temporal call at all).
    expect(await order(buyer)).toEqual([]);

    await api.advance('1 day', { stepHours: 6 });
    const occurrence = (campaignId: string, c: string) => `${journeyWorkflowId(campaignId, c)}/${day}`;
    expect(await order(buyer).then((d) => d.sort((a, b) => (a[0]! < b[0]! ? -1 : 1)))).toEqual(
      [
        [voucherThenWait, 'signalled'],
        [exitRule, 'signalled'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    expect(
      await api.results([occurrence(voucherThenWait, buyer), occurrence(exitRule, buyer)], { stepHours: 6 }),
    ).toEqual(['converted', 'ordered']);
    expect(
      await api.results([occurrence(voucherThenWait, quiet), occurrence(exitRule, quiet)], { stepHours: 24 }),
    ).toEqual(['reminded', 'no-order']);
    // (Template 3's birthday campaign of an earlier test is still launched and greets them too.)
    const reminders = async (email: string) =>
      (await mailTo(email)).map((m) => m.subject).filter((s) => s.includes('voucher is waiting'));
    expect(await reminders(quietEmail)).toEqual(['Your birthday voucher is waiting']);
    expect(await reminders(buyerEmail)).toEqual([]);
    const asOf = (
      await journal(api.db.pool, occurrence(voucherThenWait, buyer))
    )[1]!.occurredAt.toISOString();
    expect((await api.ledger.wallet(buyer, asOf)).lots.filter((l) => mine.has(l.campaignId!))).toEqual([
      expect.objectContaining({ original: 2000, campaignId: voucherThenWait }),
    ]);
    // Ended occurrences removed their own rows: the next event costs no signal.
    expect(await order(buyer)).toEqual([]);
    // A row left behind (recorded just after its journey ended, or a journey that failed): the event that finds it
    // ended forgets it; the one after costs nothing.
    await recordOpenOccurrences(api.db.pool, exitRule, day, [
      { customerId: buyer, workflowId: occurrence(exitRule, buyer) },
    ]);
    expect(await order(buyer)).toEqual([[exitRule, 'not-running']]);
    expect(await order(buyer)).toEqual([]);
  });

  it('a date-entry campaign that also enrolled its audience at launch: those journeys still hear events', async () => {
    const region = id('region');
    const audience = await segment('dated and enrolled', { attribute: 'region', op: 'eq', value: region });
    // A birthday half a year away: no occurrence opens during the test.
    const far = new Date(Date.parse(await api.now()) + 180 * DAY_MS).toISOString().slice(5, 10);
    const member = await customer(uniqueRecipient('dated-enrolled'), { birthday: `1990-${far}`, region });
    const campaignId = await create({
      config: birthdayFlow(waitForOrder(7)),
      budget: 10_000,
      timezone: 'Asia/Shanghai',
      audience,
      enrolExisting: true,
    });
    await launch(campaignId);
    await eventually(() => runs(campaignId), {
      until: (r) => r.find((x) => x.run === 'launch')?.state === 'completed',
      description: 'the launch run completed',
    });
    const ordered = await post('/v1/events', 'storefront', {
      type: 'order_placed',
      eventId: id('ev'),
      customerId: member,
      orderId: id('order'),
      amount: 20_000,
    });
    expect(
      (ordered.body.deliveries as { campaignId: string }[]).filter((d) => d.campaignId === campaignId),
    ).toEqual([{ campaignId, journeyType: 'flow', delivery: 'signalled' }]);
    expect(await api.result(journeyWorkflowId(campaignId, member))).toBe('converted');
  });

  it('a relaunch enrols a birthday that fell in the pause, late and once; an ended campaign does not', async () => {
    const day = await nextNineInShanghai();
    const region = id('region');
    const audience = await segment('birthday catch-up', { attribute: 'region', op: 'eq', value: region });
    const celebrant = await customer(uniqueRecipient('bday-paused'), {
      birthday: `1993-${day.slice(5)}`,
      region,
    });
    const config = birthdayFlow([
      { id: 'gift', type: 'grantCredit', amount: { fixed: 3000 }, validityDays: 30, next: 'done' },
      { id: 'done', type: 'exit', outcome: 'gift' },
    ]);
    const [resumed, ended] = [
      await create({ config, budget: 100_000, timezone: 'Asia/Shanghai', audience }),
      await create({ config, budget: 100_000, timezone: 'Asia/Shanghai', audience }),
    ];
    for (const c of [resumed, ended]) {
      await launch(c);
      expect((await post(`/v1/campaigns/${c}/pause`, 'growth', {})).status).toBe(200);
    }
    await api.advance('1 day', { stepHours: 6 });
    for (const c of [resumed, ended])
      expect((await runs(c)).find((r) => r.run === day)).toMatchObject({ state: 'paused', enrolled: 0 });
    const journey = (c: string) => `${journeyWorkflowId(c, celebrant)}/${day}`;
    expect(await api.workflowStatus(journey(resumed))).toBeNull();

    expect((await post(`/v1/campaigns/${ended}/end`, 'growth', {})).status).toBe(200);
    await launch(resumed);
    await eventually(() => runs(resumed), {
      until: (r) => r.find((x) => x.run === day)?.state === 'completed',
      description: 'the missed occurrence enrolled on relaunch',
    });
    expect(await api.result(journey(resumed))).toBe('gift');
    expect((await journal(api.db.pool, journey(resumed)))[0]).toMatchObject({
      kind: 'flow-entered',
      detail: { enrolment: 'date', run: day },
    });
    // Paused and relaunched again: the occurrence is not enrolled twice.
    expect((await post(`/v1/campaigns/${resumed}/pause`, 'growth', {})).status).toBe(200);
    await launch(resumed);
    await api.advance('1 hour');
    expect((await runs(resumed)).find((r) => r.run === day)).toMatchObject({
      state: 'completed',
      enrolled: 1,
    });
    const asOf = await api.now();
    const ours = new Set([resumed, ended]);
    expect((await api.ledger.wallet(celebrant, asOf)).lots.filter((l) => ours.has(l.campaignId!))).toEqual([
      expect.objectContaining({ original: 3000, campaignId: resumed }),
    ]);
    expect(await api.ledger.campaignBudget(resumed)).toMatchObject({ granted: 3000 });
    expect(await api.ledger.campaignBudget(ended)).toMatchObject({ granted: 0 });
    expect(await api.workflowStatus(journey(ended))).toBeNull();
  });

  it('every open occurrence hears an event, and the journey of the launch enrolment too; ended ones and an ended campaign are forgotten', async () => {
    const region = id('region');
    const audience = await segment('daily and enrolled', { attribute: 'region', op: 'eq', value: region });
    const member = await customer(uniqueRecipient('daily-member'), { region });
    const quiet = await customer(uniqueRecipient('daily-quiet'), { region });
    const campaignId = await create({
      config: {
        definition: {
          nodes: [
            {
              id: 'daily',
              type: 'entry',
              calendar: { weekdays: [...WEEK], time: '09:00' },
              next: 'order',
            },
            ...waitForOrder(10),
          ],
        },
      },
      budget: 10_000,
      timezone: 'Asia/Shanghai',
      audience,
      enrolExisting: true,
    });
    const first = await nextNineInShanghai();
    await launch(campaignId);
    await eventually(() => runs(campaignId), {
      until: (r) => r.find((x) => x.run === 'launch')?.state === 'completed',
      description: 'the launch run completed',
    });
    // Two daily occurrences open (each waits 10 days), beside the journey the launch started.
    await api.advance('2 days', { stepHours: 6 });
    const second = new Date(Date.parse(`${first}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    const base = journeyWorkflowId(campaignId, member);
    const journeys = [base, `${base}/${first}`, `${base}/${second}`];
    for (const wf of journeys) expect(await api.workflowStatus(wf)).toBe('RUNNING');
    const rows = async (customerId: string) =>
      (
        await api.db.pool.query<{ run: string }>(
          'SELECT run FROM flow_open_occurrences WHERE campaign_id = $1 AND customer_id = $2 ORDER BY run',
          [campaignId, customerId],
        )
      ).rows.map((r) => r.run);
    expect(await rows(member)).toEqual([first, second]);

    const ordered = await post('/v1/events', 'storefront', {
      type: 'order_placed',
      eventId: id('ev'),
      customerId: member,
      orderId: id('order'),
      amount: 20_000,
    });
    // One delivery per journey, the occurrence's date naming each occurrence journey.
    expect(
      (ordered.body.deliveries as { campaignId: string; delivery: string; occurrence?: string }[])
        .filter((d) => d.campaignId === campaignId)
        .map((d) => [d.delivery, d.occurrence]),
    ).toEqual([
      ['signalled', undefined],
      ['signalled', first],
      ['signalled', second],
    ]);
    expect(await api.results(journeys, { stepHours: 1 })).toEqual(['converted', 'converted', 'converted']);
    // Each occurrence journey removed its own row at its end; the quiet customer's are still open.
    expect(await rows(member)).toEqual([]);
    expect(await rows(quiet)).toEqual([first, second]);
    expect((await post(`/v1/campaigns/${campaignId}/end`, 'growth', {})).status).toBe(200);
    expect(await rows(quiet)).toEqual([]);

    // However many occurrences a quiet customer collects, the newest few hear events (the table stays bounded).
    const runsOf = Array.from({ length: OPEN_OCCURRENCES_HEARD + 3 }, (_, i) =>
      new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
    );
    for (const run of runsOf)
      await recordOpenOccurrences(api.db.pool, 'cmp-bounded', run, [
        { customerId: member, workflowId: `${base}/bounded/${run}` },
      ]);
    const heard = await openOccurrencesOf(api.db.pool, member, ['cmp-bounded']);
    expect(heard.get('cmp-bounded')).toEqual(
      runsOf.slice(-OPEN_OCCURRENCES_HEARD).map((r) => `${base}/bounded/${r}`),
    );
  });

  // Last in the file: the journeys' worker is stopped and started again (its sticky runs would slow what follows).
  it('campaign-level workflows run on a queue of their own: an enrolment completes while no journey worker serves', async () => {
    const t = await template('win-back-dormant');
    const lapsed = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const customerId = await customer(uniqueRecipient(`own-queue-${n}`));
        const placed = await post('/v1/events', 'storefront', {
          type: 'order_placed',
          eventId: id('ev'),
          customerId,
          orderId: id('order'),
          amount: 20_000,
          occurredAt: new Date(Date.now() - 120 * DAY_MS).toISOString(),
        });
        expect(placed.status).toBe(202);
        return customerId;
      }),
    );
    const audience = await segment(`${t.audience!.name} (own queue)`, t.audience!.filter);
    const campaignId = await create({ config: t.config, budget: 100_000, audience, enrolExisting: true });
    const ours = lapsed.map((c) => journeyWorkflowId(campaignId, c));

    await api.withoutJourneyWorker(async () => {
      await launch(campaignId);
      // Served by the campaign worker alone: the run pages the audience and starts every member's journey…
      await eventually(() => runs(campaignId), {
        until: (r) => r[0]?.state === 'completed',
        description: 'the launch run completed with no journey worker',
      });
      const [run] = await runs(campaignId);
      expect(run).toMatchObject({ run: 'launch', state: 'completed', enrolled: run!.total });
      expect(run!.total).toBeGreaterThanOrEqual(3);
      const launchRun = await api.temporal.workflow
        .getHandle(enrolmentWorkflowId(campaignId, LAUNCH_RUN))
        .describe();
      expect(launchRun.taskQueue).toBe(api.campaignTaskQueue);
      for (const wf of ours) {
        const journey = await api.temporal.workflow.getHandle(wf).describe();
        expect(journey).toMatchObject({ taskQueue: api.taskQueue, status: { name: 'RUNNING' } });
        // …which wait, not run: no entry step until a journey worker polls.
        expect(await journal(api.db.pool, wf)).toEqual([]);
      }
    });

    for (const wf of ours)
      await eventually(() => journal(api.db.pool, wf), {
        until: (rows) => rows.some((r) => r.step === 'dormant'),
        description: `${wf} entered once the journey worker is back`,
      });
  });
});
