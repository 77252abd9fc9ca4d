import { randomBytes } from 'node:crypto';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';
import { createKey } from '../../../test/support/api/test-api';

describe('Idempotency-Key on product POSTs', () => {
  const api = useProductTestApi();
  let compensation: string;
  let repurchase: string;
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    const launch = async (journeyType: string) => {
      const created = await api
        .http()
        .post('/v1/campaigns')
        .set(as(api.keys.growth))
        .send({ name: journeyType, journeyType, budget: 1_000_000 });
      await api.http().post(`/v1/campaigns/${created.body.campaignId}/launch`).set(as(api.keys.growth));
      return created.body.campaignId as string;
    };
    compensation = await launch('compensation');
    repurchase = await launch('repurchase-voucher');
  });

  it('support credit: a replay returns the first 202 and starts no second journey; another body is 409', async () => {
    const key = id('idem');
    const body = { customerId: id('cust'), amount: 1000, reason: 'late delivery' };
    const first = await api
      .http()
      .post('/v1/support/credits')
      .set(as(api.keys.support))
      .set('Idempotency-Key', key)
      .send(body);
    expect(first.status).toBe(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    await api.results([first.body.workflowId], { stepHours: 1, maxDays: 1 });
    const after = { counts: await api.counts(), workflows: api.workflowIds.size };

    const replay = await api
      .http()
      .post('/v1/support/credits')
      .set(as(api.keys.support))
      .set('Idempotency-Key', key)
      .send(body);
    expect(replay.status).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(first.text);
    expect({ counts: await api.counts(), workflows: api.workflowIds.size }).toEqual(after);
    const wallet = await api.http().get(`/v1/customers/${body.customerId}/wallet`).set(as(api.keys.support));
    expect(wallet.body.balance).toBe(1000);

    const reused = await api
      .http()
      .post('/v1/support/credits')
      .set(as(api.keys.support))
      .set('Idempotency-Key', key)
      .send({ ...body, amount: 2000 });
    expectProblem(reused, 409, 'idempotency-key-reused');
    expect({ counts: await api.counts(), workflows: api.workflowIds.size }).toEqual(after);
  });

  it('support credit: keys are per API key — two agents with the same key get two requests', async () => {
    const key = id('shared');
    const customerId = id('cust');
    const agents = [
      (await createKey(api.apiKeys, ['support'], 'agent a')).plaintext,
      (await createKey(api.apiKeys, ['support'], 'agent b')).plaintext,
    ];
    const responses = [];
    for (const agent of agents) {
      responses.push(
        await api
          .http()
          .post('/v1/support/credits')
          .set(as(agent))
          .set('Idempotency-Key', key)
          .send({ customerId, amount: 700, reason: 'shared key' }),
      );
    }
    expect(responses.map((r) => r.status)).toEqual([202, 202]);
    expect(responses[1]!.headers['idempotent-replayed']).toBeUndefined();
    expect(responses[0]!.body.workflowId).not.toBe(responses[1]!.body.workflowId);
    expect(
      await api.results(
        responses.map((r) => r.body.workflowId as string),
        { stepHours: 1 },
      ),
    ).toEqual(['granted', 'granted']);
  });

  it('events: a replay returns the first 202 without recording or signalling again; another body is 409', async () => {
    const key = id('idem');
    const customerId = id('cust');
    const body = { type: 'order_placed', eventId: id('ev'), customerId, orderId: id('order'), amount: 9000 };
    const first = await api
      .http()
      .post('/v1/events')
      .set(as(api.keys.storefront))
      .set('Idempotency-Key', key)
      .send(body);
    expect(first.status).toBe(202);
    expect(first.body.deliveries).toEqual([
      { campaignId: repurchase, journeyType: 'repurchase-voucher', delivery: 'delivered' },
    ]);
    // The journey it started keeps writing its journal in the background: compare everything else.
    const written = async () => ({
      ...(await api.counts()),
      journeyEvents: 0,
      workflows: api.workflowIds.size,
    });
    const before = await written();
    const replay = await api
      .http()
      .post('/v1/events')
      .set(as(api.keys.storefront))
      .set('Idempotency-Key', key)
      .send(body);
    expect(replay.status).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(first.text);
    // Without the key, the same event would have been answered as a duplicate: the replay is the stored answer.
    expect(replay.body.duplicate).toBe(false);
    expect(await written()).toEqual(before);

    expectProblem(
      await api
        .http()
        .post('/v1/events')
        .set(as(api.keys.storefront))
        .set('Idempotency-Key', key)
        .send({ ...body, amount: 9001 }),
      409,
      'idempotency-key-reused',
    );
    expect(await written()).toEqual(before);
  });

  it('program budget: a replay funds once; the same key from another finance key funds again', async () => {
    const read = async () =>
      (await api.http().get('/v1/finance/program-budget').set(as(api.keys.finance))).body.funded as number;
    const start = await read();
    const key = id('fund');
    const fund = (apiKey: string, amount = 500) =>
      api
        .http()
        .post('/v1/finance/program-budget')
        .set(as(apiKey))
        .set('Idempotency-Key', key)
        .send({ amount });
    const first = await fund(api.keys.finance);
    expect(first.status).toBe(201);
    const replay = await fund(api.keys.finance);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(first.text);
    expect(await read()).toBe(start + 500);
    expectProblem(await fund(api.keys.finance, 600), 409, 'idempotency-key-reused');

    const other = (await createKey(api.apiKeys, ['finance'], 'finance b')).plaintext;
    const second = await fund(other, 800);
    expect(second.status).toBe(201);
    expect(await read()).toBe(start + 1300);
  });

  it('campaign create: a replay returns the first 201; the duplicate id is not re-evaluated', async () => {
    const key = id('idem');
    const body = { name: 'idem', journeyType: 'dormancy', budget: 10 };
    const first = await api
      .http()
      .post('/v1/campaigns')
      .set(as(api.keys.growth))
      .set('Idempotency-Key', key)
      .send(body);
    expect(first.status).toBe(201);
    const before = await api.counts();
    const replay = await api
      .http()
      .post('/v1/campaigns')
      .set(as(api.keys.growth))
      .set('Idempotency-Key', key)
      .send(body);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.campaignId).toBe(first.body.campaignId);
    expect(await api.counts()).toEqual(before);
    expect(compensation).toEqual(expect.any(String));
  });
});
