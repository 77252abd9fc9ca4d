import type { ProductTestApi } from '../../../test/support/api/product-api';
import { expectProblem } from '../../../test/support/api/probe';
import { useProductTestApi } from '../../../test/support/per-file';

describe('campaign budget top-ups, with a record', () => {
  const api = useProductTestApi({ programFunding: 100_000 });
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const http = () => api.http();
  const create = async (budget: number) =>
    (
      await http()
        .post('/v1/campaigns')
        .set(as('growth'))
        .send({ name: 'budgeted', journeyType: 'compensation', budget })
    ).body.campaignId as string;
  const topUp = (campaignId: string, amount: number, role: keyof ProductTestApi['keys'] = 'finance') =>
    http().post(`/v1/campaigns/${campaignId}/budget`).set(as(role)).send({ amount, reason: 'Q4 push' });

  it('a launched campaign gets the top-up allocated in the ledger once, and the change is listed', async () => {
    const campaignId = await create(10_000);
    expect((await http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);
    const first = await topUp(campaignId, 5000).set('Idempotency-Key', 'top-up-1');
    expect(first.status).toBe(200);
    expect(first.body.budget).toBe(15_000);
    const retried = await topUp(campaignId, 5000).set('Idempotency-Key', 'top-up-1');
    expect(retried.body.budget).toBe(15_000);
    expect((await api.ledger.campaignBudget(campaignId)).remaining).toBe(15_000);

    // Pause, top up, relaunch: the relaunch does not allocate the budget again.
    expect((await http().post(`/v1/campaigns/${campaignId}/pause`).set(as('growth'))).status).toBe(200);
    expect((await topUp(campaignId, 1000, 'growth')).body.budget).toBe(16_000);
    expect((await http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth'))).status).toBe(200);
    expect((await api.ledger.campaignBudget(campaignId)).remaining).toBe(16_000);

    const listed = await http().get(`/v1/campaigns/${campaignId}/budget`).set(as('ops'));
    expect(listed.body).toMatchObject({ campaignId, budget: 16_000 });
    expect(listed.body.changes).toEqual([
      expect.objectContaining({ amount: 1000, changedBy: api.keyIds.growth, reason: 'Q4 push' }),
      expect.objectContaining({ amount: 5000, changedBy: api.keyIds.finance }),
    ]);
  });

  it('a draft only raises the budget it will open with; over the program budget, ended, bad input and roles refused', async () => {
    const draft = await create(1000);
    expect((await topUp(draft, 500)).body.budget).toBe(1500);
    expect((await http().post(`/v1/campaigns/${draft}/launch`).set(as('growth'))).status).toBe(200);
    expect((await api.ledger.campaignBudget(draft)).remaining).toBe(1500);

    const before = await api.nothingWrittenSnapshot();
    expectProblem(await topUp(draft, 10_000_000), 422, 'program-budget-exceeded');
    expectProblem(await topUp(draft, 0), 400);
    expectProblem(await topUp('no-such', 10), 404);
    expectProblem(await topUp(draft, 10, 'support'), 403);
    expect(await api.nothingWrittenSnapshot()).toEqual(before);

    expect((await http().post(`/v1/campaigns/${draft}/end`).set(as('growth'))).status).toBe(200);
    expectProblem(await topUp(draft, 10), 409, 'campaign-ended');
  });

  it('top-ups racing a launch never leave the ledger budget behind the campaign row', async () => {
    const campaignId = await create(1000);
    const answers = await Promise.all([
      http().post(`/v1/campaigns/${campaignId}/launch`).set(as('growth')),
      ...Array.from({ length: 6 }, () => topUp(campaignId, 100)),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const row = await http().get(`/v1/campaigns/${campaignId}/budget`).set(as('ops'));
    expect(row.body.budget).toBe(1600);
    expect((await api.ledger.campaignBudget(campaignId)).remaining).toBe(1600);
  });
});
