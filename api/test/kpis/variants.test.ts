import { EncryptingPayloadCodec } from '../../../infra/temporal-payload-codec';
import { testPersonalData } from '../../../test/support/personal-data';
import { randomBytes } from 'node:crypto';
import { CampaignAssignmentStore } from '../../../stores/campaigns';
import { assignVariant } from '../../../services/journey-client';
import { journeyWorkflowId } from '../../../workflows/shared/definitions';
import { useProductTestApi } from '../../../test/support/per-file';
import { expectProblem } from '../../../test/support/api/probe';
import { eventually } from '../../../test/support/eventually';

/** A/B variants end to end: POST /v1/campaigns validates them, events start journeys with the variant's config. */
describe('A/B variants of a campaign', () => {
  const api = useProductTestApi();
  const tag = randomBytes(3).toString('hex');
  const growth = () => ({ Authorization: `Bearer ${api.keys.growth}` });
  const create = (body: Record<string, unknown>) => api.http().post('/v1/campaigns').set(growth()).send(body);
  const errorPaths = (body: { errors: { path: (string | number)[] }[] }) =>
    body.errors.map((e) => e.path.join('.'));

  // The variants' rules reach beyond what the OpenAPI document can state (it publishes a variant's config as any
  // object), so breaking one is a 422 naming each issue under body.variants; too few variants is a 400 (minItems).
  it('refuses variants whose merged config breaks the plugin schema, duplicates and non-customer journeys', async () => {
    const base = { name: 'ab', journeyType: 'trial-credit', budget: 1_000_000 };
    // validityDays 5 with the default 7-day reminder breaks the plugin's own refinement.
    const badMerge = await create({
      ...base,
      variants: [{ name: 'a' }, { name: 'short', config: { validityDays: 5 } }],
    });
    expect(errorPaths(expectProblem(badMerge, 422, 'rule-violated') as never)).toEqual([
      'body.variants.1.config.remindDaysBeforeExpiry',
    ]);
    const unknownKey = await create({
      ...base,
      variants: [{ name: 'a' }, { name: 'b', config: { amonut: 1 } }],
    });
    expect(errorPaths(expectProblem(unknownKey, 422, 'rule-violated') as never)).toEqual([
      'body.variants.1.config',
    ]);
    const duplicate = await create({ ...base, variants: [{ name: 'a' }, { name: 'a' }] });
    expect(errorPaths(expectProblem(duplicate, 422, 'rule-violated') as never)).toEqual([
      'body.variants.1.name',
    ]);
    const one = await create({ ...base, variants: [{ name: 'a' }] });
    expectProblem(one, 400);
    const sweep = await create({
      ...base,
      journeyType: 'expiry-reminder',
      variants: [{ name: 'a' }, { name: 'b' }],
    });
    expect(errorPaths(expectProblem(sweep, 422, 'rule-violated') as never)).toEqual(['body.variants']);
    expect((await api.counts()).campaigns).toBe(0);
  });

  it('assigns each customer deterministically, records it and starts the journey with the variant config', async () => {
    const campaignId = `ab-trial-${tag}`;
    const created = await create({
      campaignId,
      name: 'trial credit A/B: 面额',
      journeyType: 'trial-credit',
      budget: 1_000_000,
      config: { amount: 5000 },
      variants: [
        { name: 'control', weight: 1 },
        { name: 'bigger', weight: 1, config: { amount: 8000 } },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.variants).toMatchObject([
      { name: 'control', weight: 1, config: {}, effectiveConfig: { amount: 5000, validityDays: 30 } },
      {
        name: 'bigger',
        weight: 1,
        config: { amount: 8000 },
        effectiveConfig: { amount: 8000, validityDays: 30 },
      },
    ]);
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(growth())).status).toBe(200);

    const customers = Array.from({ length: 10 }, (_, i) => `ab-${tag}-${i}`);
    const expected = new Map(
      customers.map((c) => [
        c,
        assignVariant(campaignId, c, [
          { name: 'control', weight: 1 },
          { name: 'bigger', weight: 1 },
        ]).name,
      ]),
    );
    expect(new Set(expected.values())).toEqual(new Set(['control', 'bigger']));
    for (const customerId of customers) {
      const res = await api
        .http()
        .post('/v1/events')
        .set({ Authorization: `Bearer ${api.keys.storefront}` })
        .send({
          type: 'signed_up',
          eventId: `ev-${customerId}`,
          customerId,
          email: `${customerId}@test.perkflow.local`,
        });
      expect(res.status).toBe(202);
    }

    // Each journey grants its trial credit at start (an activity: no timer to skip).
    const lots = async () =>
      (
        await api.pool.query<{ customer_id: string; original_amount: string }>(
          'SELECT customer_id, original_amount FROM ledger_lots WHERE campaign_id = $1',
          [campaignId],
        )
      ).rows;
    const granted = new Map(
      (
        await eventually(lots, {
          until: (rows) => rows.length === customers.length,
          description: `a trial-credit lot for each of the ${customers.length} customers`,
          timeoutMs: 30_000,
        })
      ).map((l) => [l.customer_id, Number(l.original_amount)]),
    );
    expect(granted).toEqual(new Map(customers.map((c) => [c, expected.get(c) === 'bigger' ? 8000 : 5000])));

    const rows = await api.pool.query<{ customer_id: string; variant: string }>(
      'SELECT customer_id, variant FROM campaign_assignments WHERE campaign_id = $1',
      [campaignId],
    );
    expect(new Map(rows.rows.map((r) => [r.customer_id, r.variant]))).toEqual(expected);

    // The journey's input carries the variant and its merged config.
    const first = customers[0]!;
    const history = await api.env.client.workflow
      .getHandle(journeyWorkflowId(campaignId, first))
      .fetchHistory();
    // Stored encrypted (as in production); opened with the product's codec.
    const stored = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const [payload] = await new EncryptingPayloadCodec(testPersonalData.cipher).decode([stored]);
    const input = JSON.parse(Buffer.from(payload!.data!).toString('utf8'));
    expect(input).toMatchObject({
      campaignId,
      customerId: first,
      variant: expected.get(first),
      config: { amount: expected.get(first) === 'bigger' ? 8000 : 5000 },
    });

    // The first assignment stands (a later write of another variant is ignored).
    const other = expected.get(first) === 'bigger' ? 'control' : 'bigger';
    await new CampaignAssignmentStore(api.pool).recordAssignment({
      campaignId,
      customerId: first,
      variant: other,
    });
    expect(await new CampaignAssignmentStore(api.pool).variantOf(campaignId, first)).toBe(
      expected.get(first),
    );

    // KPIs group by the recorded assignment. A journey's journal entry is written by the activity after its grant, so
    // the KPI read waits until every started journey has journaled.
    const kpis = await eventually(
      () =>
        api
          .http()
          .get(`/v1/campaigns/${campaignId}/kpis`)
          .set({ Authorization: `Bearer ${api.keys.ops}` }),
      {
        description: 'every journey journaled in the KPIs',
        until: (res) => res.status === 200 && res.body.totals.journeysStarted === customers.length,
      },
    );
    expect(kpis.status).toBe(200);
    const count = (v: string) => [...expected.values()].filter((x) => x === v).length;
    expect(
      kpis.body.abTest.variants.map(
        (v: { name: string; customersAssigned: number; metrics: { credits: { amountGranted: number } } }) => [
          v.name,
          v.customersAssigned,
          v.metrics.credits.amountGranted,
        ],
      ),
    ).toEqual([
      ['control', count('control'), count('control') * 5000],
      ['bigger', count('bigger'), count('bigger') * 8000],
    ]);
    expect(kpis.body.totals.journeysStarted).toBe(customers.length);
  });
});
