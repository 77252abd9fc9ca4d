import { randomBytes } from 'node:crypto';
import { JOURNEY_PLUGINS } from '../../../workflows/journeys/registry';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';
import { eventually } from '../../../test/support/eventually';

describe('campaigns API (POST/GET /v1/campaigns, launch | pause | end)', () => {
  const api = useProductTestApi();
  const growth = () => ({ Authorization: `Bearer ${api.keys.growth}` });
  const finance = () => ({ Authorization: `Bearer ${api.keys.finance}` });
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;

  const create = (body: Record<string, unknown>) => api.http().post('/v1/campaigns').set(growth()).send(body);
  const action = (campaignId: string, verb: 'launch' | 'pause' | 'end') =>
    api.http().post(`/v1/campaigns/${campaignId}/${verb}`).set(growth());
  const programBudget = async () =>
    (await api.http().get('/v1/finance/program-budget').set(finance())).body as {
      funded: number;
      allocated: number;
      remaining: number;
    };

  it('creates a draft campaign of every journey type with the plugin defaults as its config', async () => {
    const types = await api.http().get('/v1/journey-types').set(growth());
    expect(types.status).toBe(200);
    const defaults = new Map(
      (types.body.items as { type: string; defaultConfig: unknown }[]).map((t) => [t.type, t.defaultConfig]),
    );
    expect([...defaults.keys()].sort()).toEqual(JOURNEY_PLUGINS.map((p) => p.type).sort());

    for (const plugin of JOURNEY_PLUGINS) {
      const example = plugin.exampleConfig;
      // Custom events an example listens for must be declared first (a flow's entry event).
      for (const ref of plugin.customEventsOf?.(plugin.configSchema.parse(example ?? {})) ?? []) {
        const declared = await api
          .http()
          .put(`/v1/event-types/${ref.name}`)
          .set(growth())
          .send({ propertiesSchema: { type: 'object' } });
        expect(declared.status).toBe(200);
      }
      const res = await create({
        name: `${plugin.type} demo`,
        journeyType: plugin.type,
        budget: 100_000,
        ...(example ? { config: example } : {}),
      });
      expect({ type: plugin.type, status: res.status }).toEqual({ type: plugin.type, status: 201 });
      expect(res.body).toMatchObject({
        name: `${plugin.type} demo`,
        journeyType: plugin.type,
        budget: 100_000,
        status: 'draft',
        createdBy: api.keyIds.growth,
        launchedAt: null,
        pausedAt: null,
        endedAt: null,
      });
      expect(res.body.campaignId).toMatch(/^cmp_[0-9a-f]{12}$/);
      // A plugin with an example config has no complete default (a flow needs its definition).
      expect(res.body.config).toEqual(
        example ? plugin.configSchema.parse(example) : defaults.get(plugin.type),
      );
      if (example) expect(defaults.get(plugin.type)).toBeNull();
      else expect(res.body.config).toEqual(plugin.configSchema.parse({}));
    }
  });

  it('keeps a given campaign id and a partial config merged with the defaults', async () => {
    const campaignId = id('rv');
    const res = await create({
      campaignId,
      name: 'repurchase, 10 days',
      journeyType: 'repurchase-voucher',
      budget: 50_000,
      config: { firstVoucherAfterDays: 10 },
    });
    expect(res.status).toBe(201);
    expect(res.body.campaignId).toBe(campaignId);
    expect(res.body.config.firstVoucherAfterDays).toBe(10);
    expect(res.body.config.secondVoucherAfterDays).toBe(30);
  });

  it('refuses an invalid config of every journey type with 400 and issues under body.config', async () => {
    const before = await api.counts();
    for (const plugin of JOURNEY_PLUGINS) {
      const res = await create({
        name: 'bad config',
        journeyType: plugin.type,
        budget: 1000,
        config: { notAConfigField: true },
      });
      const problem = expectProblem(res, 400, 'validation-failed');
      const errors = problem.errors as { path: (string | number)[] }[];
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(e.path.slice(0, 2)).toEqual(['body', 'config']);
    }
    // Cross-field rules of a plugin schema are checked too, and point at the offending field. The OpenAPI document
    // cannot state them (the request matches the published schema), so breaking one is a 422, not a 400.
    const refined = await create({
      name: 'bad order',
      journeyType: 'repurchase-voucher',
      budget: 1000,
      config: { firstVoucherAfterDays: 30, secondVoucherAfterDays: 7 },
    });
    const problem = expectProblem(refined, 422, 'rule-violated');
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: ['body', 'config', 'secondVoucherAfterDays'] }),
    ]);
    const wrongType = await create({
      name: 'bad type',
      journeyType: 'compensation',
      budget: 1000,
      config: { agentDailyQuota: 'lots' },
    });
    expect(expectProblem(wrongType, 400).errors).toEqual([
      expect.objectContaining({ path: ['body', 'config', 'agentDailyQuota'] }),
    ]);
    expect(await api.counts()).toEqual(before);
  });

  it('refuses an unknown journeyType, a missing name and a non-positive budget with 400', async () => {
    const before = await api.counts();
    const unknown = expectProblem(
      await create({ name: 'x', journeyType: 'lottery', budget: 1000 }),
      400,
      'validation-failed',
    );
    expect((unknown.errors as { path: unknown[] }[]).map((e) => e.path)).toContainEqual([
      'body',
      'journeyType',
    ]);
    const noName = expectProblem(await create({ journeyType: 'trial-credit', budget: 1000 }), 400);
    expect((noName.errors as { path: unknown[] }[]).map((e) => e.path)).toContainEqual(['body', 'name']);
    const zero = expectProblem(await create({ name: 'x', journeyType: 'trial-credit', budget: 0 }), 400);
    expect((zero.errors as { path: unknown[] }[]).map((e) => e.path)).toContainEqual(['body', 'budget']);
    const badId = expectProblem(
      await create({ campaignId: 'has space', name: 'x', journeyType: 'trial-credit', budget: 1 }),
      400,
    );
    expect((badId.errors as { path: unknown[] }[]).map((e) => e.path)).toContainEqual(['body', 'campaignId']);
    expect(await api.counts()).toEqual(before);
  });

  it('refuses a duplicate campaign id with 409 and keeps the first', async () => {
    const campaignId = id('dup');
    expect((await create({ campaignId, name: 'first', journeyType: 'trial-credit', budget: 1 })).status).toBe(
      201,
    );
    const res = await create({ campaignId, name: 'second', journeyType: 'dormancy', budget: 2 });
    expectProblem(res, 409, 'campaign-exists');
    const got = await api.http().get(`/v1/campaigns/${campaignId}`).set(growth());
    expect(got.body).toMatchObject({ name: 'first', journeyType: 'trial-credit', budget: 1 });
  });

  it('runs the lifecycle draft → launched ⇄ paused → ended, funding the budget once, with 409s', async () => {
    const campaignId = id('life');
    await create({ campaignId, name: 'life', journeyType: 'trial-credit', budget: 70_000 });
    const start = await programBudget();

    expectProblem(await action(campaignId, 'pause'), 409, 'not-launched');

    const launched = await action(campaignId, 'launch');
    expect(launched.status).toBe(200);
    expect(launched.body).toMatchObject({ campaignId, status: 'launched', pausedAt: null, endedAt: null });
    expect(typeof launched.body.launchedAt).toBe('string');
    expect((await programBudget()).allocated).toBe(start.allocated + 70_000);
    expect(await api.ledger.campaignBudget(campaignId)).toMatchObject({ budget: 70_000, remaining: 70_000 });

    // Launching a launched campaign is a no-op, not a second allocation.
    expect((await action(campaignId, 'launch')).body.status).toBe('launched');

    const paused = await action(campaignId, 'pause');
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    expect(typeof paused.body.pausedAt).toBe('string');
    expect((await action(campaignId, 'pause')).body.status).toBe('paused');

    // Relaunch after a pause: the budget was opened once and is not opened again.
    expect((await action(campaignId, 'launch')).body.status).toBe('launched');
    expect((await programBudget()).allocated).toBe(start.allocated + 70_000);

    const ended = await action(campaignId, 'end');
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    expect(typeof ended.body.endedAt).toBe('string');
    expectProblem(await action(campaignId, 'launch'), 409, 'campaign-ended');
    expectProblem(await action(campaignId, 'pause'), 409, 'not-launched');
    expect((await action(campaignId, 'end')).body.status).toBe('ended');
    expect((await api.http().get(`/v1/campaigns/${campaignId}`).set(growth())).body.status).toBe('ended');
  });

  it('replaces a draft’s config and name (variants merged again, audited); refuses a bad config, an unknown or launched one', async () => {
    const campaignId = id('edit');
    const created = await create({
      campaignId,
      name: 'trial v1',
      journeyType: 'trial-credit',
      budget: 10_000,
      variants: [{ name: 'a' }, { name: 'b', config: { amount: 8000 } }],
    });
    expect(created.status).toBe(201);
    const put = (body: Record<string, unknown>, target = campaignId) =>
      api.http().put(`/v1/campaigns/${target}/config`).set(growth()).send(body);

    const updated = await put({ name: 'trial v2', config: { validityDays: 14, remindDaysBeforeExpiry: 3 } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'trial v2',
      status: 'draft',
      config: { validityDays: 14, remindDaysBeforeExpiry: 3, amount: 5000 },
    });
    expect(updated.body.variants).toEqual([
      expect.objectContaining({
        name: 'a',
        effectiveConfig: expect.objectContaining({ validityDays: 14, amount: 5000 }),
      }),
      expect.objectContaining({
        name: 'b',
        effectiveConfig: expect.objectContaining({ validityDays: 14, amount: 8000 }),
      }),
    ]);
    const audit = await api
      .http()
      .get(`/v1/audit?resource=${encodeURIComponent(`/v1/campaigns/${campaignId}/config`)}`)
      .set({ Authorization: `Bearer ${api.keys.ops}` });
    expect(audit.body.items).toEqual([expect.objectContaining({ operationId: 'updateDraftCampaign' })]);

    // The plugin's rules as on create, on the field; 422, not 400: the request's schema cannot know the stored
    // campaign's journey type. Nothing changed.
    const bad = expectProblem(
      await put({ config: { validityDays: 5, remindDaysBeforeExpiry: 7 } }),
      422,
      'invalid-config',
    );
    expect(JSON.stringify(bad.errors)).toContain('config');
    expect((await api.http().get(`/v1/campaigns/${campaignId}`).set(growth())).body.config.validityDays).toBe(
      14,
    );
    expectProblem(await put({ config: {} }, 'cmp_nobody'), 404, 'not-found');

    expect((await action(campaignId, 'launch')).status).toBe(200);
    expectProblem(await put({ config: { validityDays: 20 } }), 409, 'campaign-not-draft');
    expect((await api.http().get(`/v1/campaigns/${campaignId}`).set(growth())).body.config.validityDays).toBe(
      14,
    );
    expect((await action(campaignId, 'end')).status).toBe(200);
  });

  it('ending a campaign cancels its waiting journeys, and they read as cancelled, not as waiting', async () => {
    const campaignId = id('end-journeys');
    await create({ campaignId, name: 'trial', journeyType: 'trial-credit', budget: 10_000 });
    expect((await action(campaignId, 'launch')).status).toBe(200);
    const customerId = id('c-end');
    const event = await api
      .http()
      .post('/v1/events')
      .set({ Authorization: `Bearer ${api.keys.storefront}` })
      .send({
        type: 'signed_up',
        eventId: id('e'),
        customerId,
        email: `${customerId}@example.com`,
        locale: 'en',
      });
    expect(event.status).toBe(202);
    const journey = () => api.http().get(`/v1/campaigns/${campaignId}/journeys/${customerId}`).set(growth());
    await eventually(journey, {
      until: (res) => res.body.status === 'waiting' && res.body.nextWakeAt !== undefined,
      description: 'the trial journey asleep until its reminder',
    });

    expect((await action(campaignId, 'end')).status).toBe(200);
    // On a real server the end cancels the campaign's running journeys found by listing them; the time-skipping test
    // server cannot list workflows, so that cancellation is sent here as the product sends it.
    await api.temporal.workflow.getHandle(`journey/${campaignId}/${customerId}`).cancel();
    const ended = await eventually(journey, {
      until: (res) => res.body.status !== 'waiting',
      description: 'the journey no longer waiting',
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'cancelled', outcome: 'cancelled' });
    expect(ended.body.nextWakeAt).toBeUndefined();
    const listed = await api
      .http()
      .get(`/v1/customers/${customerId}/journeys`)
      .set({ Authorization: `Bearer ${api.keys.support}` });
    expect(listed.body.items).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  });

  it('ends a draft without ever allocating budget', async () => {
    const campaignId = id('draft-end');
    await create({ campaignId, name: 'never launched', journeyType: 'dormancy', budget: 5 });
    const before = await api.counts();
    expect((await action(campaignId, 'end')).body.status).toBe('ended');
    expect((await api.counts()).ledger_transactions).toBe(before.ledger_transactions);
    expectProblem(await action(campaignId, 'launch'), 409, 'campaign-ended');
  });

  it('refuses to launch with 422 when the program budget cannot cover the campaign, writing nothing', async () => {
    const { remaining } = await programBudget();
    const campaignId = id('big');
    await create({ campaignId, name: 'too big', journeyType: 'trial-credit', budget: remaining + 1 });
    const before = await api.counts();
    expectProblem(await action(campaignId, 'launch'), 422, 'program-budget-exceeded');
    expect(await api.counts()).toEqual(before);
    expect((await api.http().get(`/v1/campaigns/${campaignId}`).set(growth())).body.status).toBe('draft');

    // Funding the program through the finance API makes the same launch succeed.
    const funded = await api.http().post('/v1/finance/program-budget').set(finance()).send({ amount: 1 });
    expect(funded.status).toBe(201);
    expect(funded.body.remaining).toBe(remaining + 1);
    expect((await action(campaignId, 'launch')).status).toBe(200);
    expect((await programBudget()).remaining).toBe(0);
    await api.fundProgram(1_000_000_000);
  });

  it('starts a campaign-level journey on launch and cancels it on end (expiry reminders)', async () => {
    const campaignId = id('expiry');
    await create({ campaignId, name: 'reminders', journeyType: 'expiry-reminder', budget: 1 });
    const workflowId = `journey/${campaignId}/_campaign`;
    expect(await api.workflowStatus(workflowId)).toBeNull();
    await action(campaignId, 'launch');
    expect(await api.workflowStatus(workflowId)).toBe('RUNNING');
    await action(campaignId, 'end');
    const status = await eventually(() => api.workflowStatus(workflowId), {
      until: (s) => s === 'CANCELLED',
      description: `${workflowId} to be cancelled`,
    });
    expect(status).toBe('CANCELLED');
  });

  it('lists with filters, gets one, and answers 404 for unknown ids', async () => {
    const a = id('list-a');
    const b = id('list-b');
    await create({ campaignId: a, name: 'a', journeyType: 'referral', budget: 10 });
    await create({ campaignId: b, name: 'b', journeyType: 'referral', budget: 10 });
    await action(b, 'launch');

    const all = await api.http().get('/v1/campaigns').set(growth());
    expect(all.status).toBe(200);
    const ids = (all.body.items as { campaignId: string }[]).map((c) => c.campaignId);
    expect(ids).toEqual(expect.arrayContaining([a, b]));

    const referral = await api.http().get('/v1/campaigns?journeyType=referral&status=draft').set(growth());
    const items = referral.body.items as { campaignId: string; status: string; journeyType: string }[];
    expect(items.map((c) => c.campaignId)).toContain(a);
    expect(items.map((c) => c.campaignId)).not.toContain(b);
    for (const c of items) expect(c).toMatchObject({ status: 'draft', journeyType: 'referral' });

    const launched = await api.http().get('/v1/campaigns?status=launched').set(growth());
    const launchedItems = launched.body.items as { campaignId: string; status: string }[];
    expect(launchedItems.map((c) => c.campaignId)).toContain(b);
    for (const c of launchedItems) expect(c.status).toBe('launched');

    const one = await api.http().get(`/v1/campaigns/${a}`).set(growth());
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ campaignId: a, name: 'a', status: 'draft' });

    expectProblem(await api.http().get('/v1/campaigns/no-such-campaign').set(growth()), 404, 'not-found');
    for (const verb of ['launch', 'pause', 'end'] as const) {
      expectProblem(await action('no-such-campaign', verb), 404, 'not-found');
    }
    expectProblem(await api.http().get('/v1/campaigns?status=running').set(growth()), 400);
    expectProblem(await api.http().get('/v1/campaigns?journeyType=lottery').set(growth()), 400);
  });
});
