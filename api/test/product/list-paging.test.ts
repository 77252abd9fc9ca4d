import { createSupportTask } from '../../../stores/support';
import { expectProblem } from '../../../test/support/api/probe';
import { useProductTestApi } from '../../../test/support/per-file';

/**
 * Lists come in keyset pages: `limit` items and the cursor of the next page, so a long list is walked in bounded
 * answers, and a walk sees every item once even while items are created under it. Oldest first: campaigns,
 * segments, API keys; newest first: support tasks, adjustments.
 */
describe('list paging (campaigns, segments, API keys, support tasks, adjustments)', () => {
  const api = useProductTestApi();
  type Role = 'growth' | 'admin' | 'support-manager';
  const as = (role: Role) => ({ Authorization: `Bearer ${api.keys[role]}` });

  /** Walks a list by `next`, `limit` at a time; returns each page's ids. */
  async function walk(
    path: string,
    role: Role,
    idOf: (item: Record<string, unknown>) => string,
    cursor: 'after' | 'before' = 'after',
  ) {
    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const res: { status: number; body: { items: unknown; next: unknown } } = await api
        .http()
        .get(`${path}${separator}limit=2${after !== null ? `&${cursor}=${encodeURIComponent(after)}` : ''}`)
        .set(as(role));
      expect(res.status).toBe(200);
      const items = res.body.items as Record<string, unknown>[];
      pages.push(items.map(idOf));
      after = res.body.next === null ? null : String(res.body.next);
      if (after !== null) expect(after).toBe(idOf(items.at(-1)!));
      expect(pages.length).toBeLessThan(50);
    } while (after !== null);
    return pages;
  }

  it('walks the campaigns two at a time, oldest first, each once; a filter pages within its matches', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api
        .http()
        .post('/v1/campaigns')
        .set(as('growth'))
        .send({
          campaignId: `paging-${i}`,
          name: `paging ${i}`,
          journeyType: i % 2 ? 'referral' : 'dormancy',
          budget: 10,
        });
      expect(res.status).toBe(201);
      created.push(res.body.campaignId as string);
    }
    const everything = (await api.http().get('/v1/campaigns?limit=500').set(as('growth'))).body;
    expect(everything.next).toBeNull();
    const pages = await walk('/v1/campaigns', 'growth', (c) => String(c.campaignId));
    expect(pages.flat()).toEqual((everything.items as { campaignId: string }[]).map((c) => c.campaignId));
    expect(pages.slice(0, -1).every((p) => p.length === 2)).toBe(true);
    expect(pages.flat().filter((id) => id.startsWith('paging-'))).toEqual(created);

    const referral = await walk('/v1/campaigns?journeyType=referral', 'growth', (c) => String(c.campaignId));
    expect(referral.flat().filter((id) => id.startsWith('paging-'))).toEqual(['paging-1', 'paging-3']);
  });

  it('a campaign created during a walk is neither skipped nor repeated: it comes last', async () => {
    for (const tag of ['walk-a', 'walk-b']) {
      const res = await api
        .http()
        .post('/v1/campaigns')
        .set(as('growth'))
        .send({ campaignId: `paging-${tag}`, name: tag, journeyType: 'referral', budget: 10 });
      expect(res.status).toBe(201);
    }
    const first = await api.http().get('/v1/campaigns?limit=1').set(as('growth'));
    const late = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ campaignId: 'paging-late', name: 'late', journeyType: 'referral', budget: 10 });
    expect(late.status).toBe(201);
    const rest: string[] = [];
    let after = first.body.next as string | null;
    while (after) {
      const res = await api.http().get(`/v1/campaigns?limit=3&after=${after}`).set(as('growth'));
      rest.push(...(res.body.items as { campaignId: string }[]).map((c) => c.campaignId));
      after = res.body.next === null ? null : String(res.body.next);
    }
    const ids = [first.body.items[0].campaignId as string, ...rest];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.at(-1)).toBe('paging-late');
  });

  it('walks the segments and the API keys the same way', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await api
        .http()
        .post('/v1/segments')
        .set(as('growth'))
        .send({
          name: `paging ${i}`,
          filter: { all: [{ attribute: 'region', op: 'eq', value: `paging-${i}` }] },
        });
      expect(res.status).toBe(201);
    }
    const segments = await walk('/v1/segments', 'growth', (s) => String(s.segmentId));
    const allSegments = (await api.http().get('/v1/segments?limit=500').set(as('growth'))).body.items as {
      segmentId: string;
    }[];
    expect(segments.flat()).toEqual(allSegments.map((s) => s.segmentId));
    expect(segments.flat().length).toBeGreaterThanOrEqual(3);

    for (let i = 0; i < 3; i++) {
      const res = await api
        .http()
        .post('/v1/api-keys')
        .set(as('admin'))
        .send({ name: `paging ${i}`, roles: ['ops'] });
      expect(res.status).toBe(201);
    }
    const keys = await walk('/v1/api-keys', 'admin', (k) => String(k.id));
    const allKeys = (await api.http().get('/v1/api-keys?limit=500').set(as('admin'))).body.items as {
      id: string;
    }[];
    expect(keys.flat()).toEqual(allKeys.map((k) => k.id));
    expect(JSON.stringify(allKeys)).not.toMatch(/pk_[A-Za-z0-9_-]{43}/);
  });

  it('walks the support tasks and the adjustments newest first, each once, within a filter', async () => {
    const opened: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { taskId } = await createSupportTask(api.db.pool, {
        idempotencyKey: `paging/${i}`,
        customerId: 'cust-paging',
        kind: 'callback',
        title: `call ${i}`,
      });
      opened.push(taskId);
    }
    const tasks = await walk(
      '/v1/support/tasks?kind=callback',
      'support-manager',
      (t) => String(t.taskId),
      'before',
    );
    expect(tasks.flat()).toEqual(opened.reverse().map(String));
    expect(tasks.map((p) => p.length)).toEqual([2, 2, 1]);

    const campaign = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'paging goodwill', journeyType: 'compensation', budget: 100_000 });
    expect(
      (await api.http().post(`/v1/campaigns/${campaign.body.campaignId}/launch`).set(as('growth'))).status,
    ).toBe(200);
    const requested: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api
        .http()
        .post('/v1/customers/cust-paging/adjustments')
        .set(as('support-manager'))
        .send({ action: 'grant', campaignId: campaign.body.campaignId, amount: 100, reason: `paging ${i}` });
      expect(res.status).toBe(201);
      requested.push(res.body.adjustmentId as string);
    }
    const adjustments = await walk('/v1/adjustments?customerId=cust-paging', 'support-manager', (a) =>
      String(a.adjustmentId),
    );
    expect(adjustments.flat()).toEqual([...requested].reverse());
    const unknown = await api.http().get('/v1/adjustments?after=never-issued').set(as('support-manager'));
    expect(expectProblem(unknown, 422, 'unknown-page-cursor').errors).toEqual([
      expect.objectContaining({ path: ['query', 'after'] }),
    ]);
  });

  it('refuses an after that names nothing of the list, with 422 at the parameter; a limit out of range or not in decimal digits, or an empty after, are 400', async () => {
    for (const path of ['/v1/campaigns', '/v1/segments']) {
      const res = await api.http().get(`${path}?after=never-issued`).set(as('growth'));
      const body = expectProblem(res, 422, 'unknown-page-cursor');
      expect(body.errors).toEqual([expect.objectContaining({ path: ['query', 'after'] })]);
    }
    // An id of another list is not a cursor of this one.
    const segment = (
      await api
        .http()
        .post('/v1/segments')
        .set(as('growth'))
        .send({
          name: 'not a cursor',
          filter: { all: [{ attribute: 'region', op: 'eq', value: 'nowhere' }] },
        })
    ).body as { segmentId: string };
    expectProblem(await api.http().get(`/v1/campaigns?after=${segment.segmentId}`).set(as('growth')), 422);
    expectProblem(await api.http().get('/v1/api-keys?after=never-issued').set(as('admin')), 422);
    // Whole numbers in decimal digits only: Number() reads "0x10" as 16 and "1e2" as 100, the contract does not.
    for (const [limit, message] of [
      ['0', 'Too small: expected number to be >=1'],
      ['501', 'Too big: expected number to be <=500'],
      ...['-1', '2.5', 'x', '0x10', '1e2', '1.0', '%2016', ''].map((l) => [
        l,
        'must be a whole number written in decimal digits',
      ]),
    ]) {
      const res = await api.http().get(`/v1/segments?limit=${limit}`).set(as('growth'));
      const body = expectProblem(res, 400, 'validation-failed');
      expect(body.errors).toEqual([expect.objectContaining({ path: ['query', 'limit'], message })]);
    }
    expect((await api.http().get('/v1/segments?limit=16').set(as('growth'))).status).toBe(200);
    expect((await api.http().get('/v1/segments?limit=016').set(as('growth'))).status).toBe(200);
    // A parameter given twice is said so (it read as the schema's complaint about an array).
    const twice = await api.http().get('/v1/segments?limit=5&limit=6').set(as('growth'));
    expect(expectProblem(twice, 400, 'validation-failed').errors).toEqual([
      { path: ['query', 'limit'], message: 'given more than once; give it once', code: 'invalid_type' },
    ]);
    expectProblem(await api.http().get('/v1/support/tasks?before=0x10').set(as('support-manager')), 400);
    expectProblem(await api.http().get('/v1/audit?before=1e3').set(as('admin')), 400);
    expectProblem(await api.http().get('/v1/campaigns?after=').set(as('growth')), 400);
  });
});
