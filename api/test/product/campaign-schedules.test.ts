import { randomBytes } from 'node:crypto';
import { expectProblem } from '../../../test/support/api/probe';
import { eventually } from '../../../test/support/eventually';
import { useProductTestApi } from '../../../test/support/per-file';
import {
  campaignScheduleWorkflowId,
  type CampaignScheduleResult,
} from '../../../workflows/campaign-schedule/definitions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('campaign schedules: a campaign launches and ends itself (startsAt / endsAt / timezone)', () => {
  // Campaign-level workflows on their own queue and worker, as the product runs them.
  const api = useProductTestApi({ ownCampaignQueue: true });
  const growth = () => ({ Authorization: `Bearer ${api.keys.growth}` });
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  /** An instant `ms` from now on the test server's clock (the one the schedule workflow's timers run on). */
  const fromNow = async (ms: number) => new Date(Date.parse(await api.now()) + ms).toISOString();

  const create = (body: Record<string, unknown>) => api.http().post('/v1/campaigns').set(growth()).send(body);
  const get = async (campaignId: string) =>
    (await api.http().get(`/v1/campaigns/${campaignId}`).set(growth())).body as Record<string, unknown>;
  const setSchedule = (campaignId: string, body: Record<string, unknown>) =>
    api.http().put(`/v1/campaigns/${campaignId}/schedule`).set(growth()).send(body);
  const allocated = async () =>
    (
      await api
        .http()
        .get('/v1/finance/program-budget')
        .set({ Authorization: `Bearer ${api.keys.finance}` })
    ).body.allocated as number;
  const auditOf = async (campaignId: string) =>
    (
      await api
        .http()
        .get(`/v1/audit?resource=/v1/campaigns/${campaignId}`)
        .set({ Authorization: `Bearer ${api.keys.ops}` })
    ).body.items as { actorKeyId: string; actorName: string; operationId: string; resource: string }[];
  /** The schedule workflow's result once it has nothing left to do. */
  const scheduleResult = async (campaignId: string) => {
    const workflowId = campaignScheduleWorkflowId(campaignId);
    await api.settle();
    expect(await api.workflowStatus(workflowId)).toBe('COMPLETED');
    // Run by the campaign worker: never behind the journeys' queue.
    expect((await api.workflows.client.workflow.getHandle(workflowId).describe()).taskQueue).toBe(
      api.campaignTaskQueue,
    );
    return (await api.workflows.client.workflow.getHandle(workflowId).result()) as CampaignScheduleResult;
  };

  it('launches at startsAt and ends at endsAt, shows the next action, audits both as `schedule`', async () => {
    const campaignId = id('sched');
    const [startsAt, endsAt] = [await fromNow(2 * DAY), await fromNow(5 * DAY)];
    const allocatedBefore = await allocated();
    const created = await create({
      campaignId,
      name: 'double eleven',
      journeyType: 'trial-credit',
      budget: 70_000,
      startsAt,
      endsAt,
      timezone: 'Asia/Shanghai',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      startsAt,
      endsAt,
      timezone: 'Asia/Shanghai',
      nextScheduledAction: { action: 'launch', at: startsAt },
    });

    await api.advance(2 * DAY - HOUR);
    await api.settle();
    expect(await get(campaignId)).toMatchObject({ status: 'draft', launchedAt: null });
    expect(await allocated()).toBe(allocatedBefore);

    await api.advance(2 * HOUR);
    await api.settle();
    expect(await get(campaignId)).toMatchObject({
      status: 'launched',
      nextScheduledAction: { action: 'end', at: endsAt },
    });
    // The budget is carved out of the program once, as a launch by hand does.
    expect(await allocated()).toBe(allocatedBefore + 70_000);

    await api.advance(3 * DAY - 2 * HOUR);
    await api.settle();
    expect(await get(campaignId)).toMatchObject({ status: 'launched' });
    await api.advance(2 * HOUR);
    expect(await scheduleResult(campaignId)).toEqual({
      campaignId,
      actions: [
        { action: 'launch', at: startsAt, outcome: 'launched' },
        { action: 'end', at: endsAt, outcome: 'ended' },
      ],
    });
    expect(await get(campaignId)).toMatchObject({ status: 'ended', nextScheduledAction: null });
    expect(await allocated()).toBe(allocatedBefore + 70_000);
    expect(await auditOf(campaignId)).toEqual([
      expect.objectContaining({
        actorKeyId: 'schedule',
        actorName: 'schedule',
        operationId: 'endCampaign',
        resource: `/v1/campaigns/${campaignId}/end`,
      }),
      expect.objectContaining({
        actorKeyId: 'schedule',
        operationId: 'launchCampaign',
        resource: `/v1/campaigns/${campaignId}/launch`,
      }),
    ]);
  });

  it('follows a changed schedule (its zone named canonically) and forgets a cleared one', async () => {
    const campaignId = id('moved');
    const first = await fromNow(1 * DAY);
    expect(
      (await create({ campaignId, name: 'moved', journeyType: 'trial-credit', budget: 10, startsAt: first }))
        .status,
    ).toBe(201);
    const later = await fromNow(3 * DAY);
    // A zone typed in another case is kept as its canonical name (an outside probe saw "europe/berlin" stored so).
    const moved = await setSchedule(campaignId, { startsAt: later, timezone: 'europe/BERLIN' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      startsAt: later,
      endsAt: null,
      timezone: 'Europe/Berlin',
      nextScheduledAction: { action: 'launch', at: later },
    });

    await api.advance(2 * DAY);
    await api.settle();
    expect(await get(campaignId)).toMatchObject({ status: 'draft' });
    await api.advance(1 * DAY + HOUR);
    await api.settle();
    expect(await get(campaignId)).toMatchObject({ status: 'launched' });

    // An end set, then cleared before it is due: the campaign keeps running.
    const end = await fromNow(2 * DAY);
    expect((await setSchedule(campaignId, { endsAt: end })).body).toMatchObject({
      startsAt: later,
      endsAt: end,
      nextScheduledAction: { action: 'end', at: end },
    });
    const cleared = await setSchedule(campaignId, { endsAt: null });
    expect(cleared.body).toMatchObject({ endsAt: null, nextScheduledAction: null });
    await api.advance(3 * DAY);
    expect(await scheduleResult(campaignId)).toEqual({
      campaignId,
      actions: [
        // The run that launched it ended; the signal-with-start of the end began a new run, which replays the start
        // (a no-op on a launched campaign) and then had nothing left once the end was cleared.
        { action: 'launch', at: later, outcome: 'no-op', reason: 'already-launched' },
      ],
    });
    expect(await get(campaignId)).toMatchObject({ status: 'launched', endsAt: null });
  });

  it('launches at once when startsAt is past; a launch or end by hand first makes the scheduled one a no-op', async () => {
    const past = await create({
      name: 'late',
      journeyType: 'trial-credit',
      budget: 10,
      startsAt: await fromNow(-HOUR),
    });
    expect(past.status).toBe(201);
    const pastId = past.body.campaignId as string;
    const launched = await eventually(() => get(pastId), {
      until: (c) => c.status === 'launched',
      description: `${pastId} launched by its schedule`,
    });
    expect(launched.status).toBe('launched');

    const manualId = id('manual');
    const allocatedBefore = await allocated();
    const startsAt = await fromNow(DAY);
    const endsAt = await fromNow(2 * DAY);
    await create({
      campaignId: manualId,
      name: 'by hand',
      journeyType: 'trial-credit',
      budget: 500,
      startsAt,
      endsAt,
    });
    expect((await api.http().post(`/v1/campaigns/${manualId}/launch`).set(growth())).status).toBe(200);
    await api.advance(DAY + HOUR);
    await api.settle();
    expect((await api.http().post(`/v1/campaigns/${manualId}/end`).set(growth())).status).toBe(200);
    await api.advance(DAY);
    expect(await scheduleResult(manualId)).toEqual({
      campaignId: manualId,
      actions: [
        { action: 'launch', at: startsAt, outcome: 'no-op', reason: 'already-launched' },
        { action: 'end', at: endsAt, outcome: 'no-op', reason: 'already-ended' },
      ],
    });
    expect(await allocated()).toBe(allocatedBefore + 500);
    expect((await auditOf(manualId)).map((e) => e.actorKeyId)).not.toContain('schedule');
  });

  it('plans from the campaign row when it moved without the workflow hearing of it', async () => {
    const campaignId = id('healed');
    const planned = await fromNow(DAY);
    await create({ campaignId, name: 'healed', journeyType: 'trial-credit', budget: 10, startsAt: planned });
    // What a change whose transaction failed after its signal leaves: row and workflow disagree.
    const stored = await fromNow(3 * DAY);
    await api.db.pool.query('UPDATE campaigns SET starts_at = $2 WHERE campaign_id = $1', [
      campaignId,
      stored,
    ]);
    await api.advance(DAY + HOUR);
    await api.settle();
    expect(await get(campaignId)).toMatchObject({ status: 'draft' });
    await api.advance(2 * DAY);
    expect(await scheduleResult(campaignId)).toEqual({
      campaignId,
      actions: [
        {
          action: 'launch',
          at: planned,
          outcome: 'no-op',
          reason: 'schedule-changed',
          stored: { startsAt: stored, endsAt: null },
        },
        { action: 'launch', at: stored, outcome: 'launched' },
      ],
    });
    expect(await get(campaignId)).toMatchObject({ status: 'launched' });
  });

  it('starts a campaign-level run when a scheduled launch fires, and cancels it at the scheduled end', async () => {
    const campaignId = id('sweep');
    const [startsAt, endsAt] = [await fromNow(DAY), await fromNow(3 * DAY)];
    await create({
      campaignId,
      name: 'reminders',
      journeyType: 'expiry-reminder',
      budget: 1,
      startsAt,
      endsAt,
    });
    const sweep = `journey/${campaignId}/_campaign`;
    await api.advance(DAY + HOUR);
    await api.settle();
    expect(await api.workflowStatus(sweep)).toBe('RUNNING');
    await api.advance(2 * DAY);
    await api.settle();
    expect(await get(campaignId)).toMatchObject({ status: 'ended' });
    expect(await api.workflowStatus(sweep)).toBe('CANCELLED');
  });

  it('refuses an end not after the start, an end in the past and an unknown zone with 422 naming the field', async () => {
    const startsAt = await fromNow(2 * DAY);
    const before = await api.nothingWrittenSnapshot();
    const backwards = await create({
      name: 'backwards',
      journeyType: 'trial-credit',
      budget: 10,
      startsAt,
      endsAt: startsAt,
    });
    expect(expectProblem(backwards, 422, 'invalid-schedule').errors).toEqual([
      expect.objectContaining({ path: ['body', 'endsAt'], message: 'must be after startsAt' }),
    ]);
    const zone = await create({
      name: 'zone',
      journeyType: 'trial-credit',
      budget: 10,
      timezone: 'Mars/Olympus',
    });
    expect(expectProblem(zone, 422, 'invalid-schedule').errors).toEqual([
      expect.objectContaining({ path: ['body', 'timezone'] }),
    ]);
    const offset = await create({
      name: 'offset',
      journeyType: 'trial-credit',
      budget: 10,
      timezone: '+08:00',
    });
    expectProblem(offset, 422, 'invalid-schedule');
    const pastEnd = await create({
      name: 'over',
      journeyType: 'trial-credit',
      budget: 10,
      endsAt: new Date(Date.now() - HOUR).toISOString(),
    });
    expect(expectProblem(pastEnd, 422, 'invalid-schedule').errors).toEqual([
      expect.objectContaining({ path: ['body', 'endsAt'], message: 'is in the past' }),
    ]);
    const yearZero = await create({
      name: 'ancient',
      journeyType: 'trial-credit',
      budget: 10,
      startsAt: '0000-01-01T00:00:00Z',
    });
    expect(expectProblem(yearZero, 422, 'invalid-schedule').errors).toEqual([
      expect.objectContaining({ path: ['body', 'startsAt'] }),
    ]);
    expect(await api.nothingWrittenSnapshot()).toEqual(before);

    // A change is checked against the schedule it would produce; an ended campaign has none left to change.
    const campaignId = id('checked');
    await create({ campaignId, name: 'checked', journeyType: 'trial-credit', budget: 10, startsAt });
    expectProblem(await setSchedule(campaignId, { endsAt: await fromNow(DAY) }), 422, 'invalid-schedule');
    expect((await api.http().post(`/v1/campaigns/${campaignId}/end`).set(growth())).status).toBe(200);
    expectProblem(await setSchedule(campaignId, { startsAt: null }), 409, 'campaign-ended');
    expectProblem(await setSchedule(id('nobody'), { startsAt: null }), 404);
  });
});
