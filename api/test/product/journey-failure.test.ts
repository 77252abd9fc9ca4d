import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { useProductTestApi } from '../../../test/support/per-file';
import { createKey } from '../../../test/support/api/test-api';
import { invariantViolations } from '../../../test/support/ledger';

/** Support credits whose reason carries this have their grant fail for good (fault injected at the activity). */
const POISON = 'poison-pill';

describe('a support credit whose grant fails for good, through the API (issue 12, bug 2)', () => {
  const api = useProductTestApi({
    wrapActivities: (real) => ({
      grantCredit: async (req, journal) => {
        if (req.source.reason.includes(POISON)) {
          throw ApplicationFailure.create({
            message: 'invalid byte sequence for encoding "UTF8": 0x00',
            type: 'PoisonedRequest',
            nonRetryable: true,
          });
        }
        return real.grantCredit(req, journal);
      },
    }),
  });
  const id = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  /** perkflow_journeys_failed{journey_type="compensation"} as /metrics reports it (0 when absent). */
  async function failedCompensations(): Promise<number> {
    const res = await api.http().get('/metrics');
    expect(res.status).toBe(200);
    const line = /^perkflow_journeys_failed\{journey_type="compensation"\} (\d+)$/m.exec(res.text);
    return line ? Number(line[1]) : 0;
  }

  it('releases the agent quota, reads failed, opens a task and moves the metric', async () => {
    const growth = as(api.keys.growth);
    const created = await api
      .http()
      .post('/v1/campaigns')
      .set(growth)
      .send({
        name: 'compensation',
        journeyType: 'compensation',
        budget: 10_000_000,
        config: { agentDailyQuota: 30_000, agentMonthlyQuota: 50_000, approvalThreshold: 30_000 },
      });
    const campaignId = created.body.campaignId as string;
    expect((await api.http().post(`/v1/campaigns/${campaignId}/launch`).set(growth)).status).toBe(200);
    const agent = as((await createKey(api.apiKeys, ['support'], id('agent'))).plaintext);
    const metricBefore = await failedCompensations();

    const customerId = id('cust');
    const poisoned = await api
      .http()
      .post('/v1/support/credits')
      .set(agent)
      .send({ customerId, amount: 20_000, reason: `${POISON} late parcel` });
    expect(poisoned.status).toBe(202);
    const workflowId = poisoned.body.workflowId as string;
    await expect(api.result(workflowId, { stepHours: 1, maxDays: 1 })).rejects.toThrow();
    expect(await api.workflowStatus(workflowId)).toBe('FAILED');

    const state = await api
      .http()
      .get(`/v1/journeys?workflowId=${encodeURIComponent(workflowId)}`)
      .set(as(api.keys.ops));
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      status: 'failed',
      outcome: 'failed',
      failure: {
        activity: 'grantCredit',
        afterStep: 'quota-reserved',
        reason: 'non-retryable:PoisonedRequest',
        released: ['agent-quota'],
      },
    });
    expect(state.text).not.toContain('0x00');

    const tasks = await api
      .http()
      .get('/v1/support/tasks?status=open&kind=journey-failed')
      .set(as(api.keys.ops));
    expect(tasks.status).toBe(200);
    expect(tasks.body.items).toContainEqual(
      expect.objectContaining({
        taskId: state.body.failure.supportTaskId,
        kind: 'journey-failed',
        customerId,
        status: 'open',
      }),
    );
    expect(await failedCompensations()).toBe(metricBefore + 1);

    // The same agent's next credit fits the 30,000 day only because the failed 20,000 was given back.
    const next = await api
      .http()
      .post('/v1/support/credits')
      .set(agent)
      .send({ customerId, amount: 25_000, reason: 'damaged parcel' });
    expect(next.status).toBe(202);
    expect(await api.results([next.body.workflowId], { stepHours: 1, maxDays: 1 })).toEqual(['granted']);
    const wallet = await api.http().get(`/v1/customers/${customerId}/wallet`).set(agent);
    expect(wallet.body.balance).toBe(25_000);
    expect(await invariantViolations(api.db.pool)).toEqual([]);
  });
});
