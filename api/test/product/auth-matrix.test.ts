import { expectAuthMatrix } from '../../../test/support/api/auth-matrix';
import type { Role } from '../../platform/roles';
import { useProductTestApi } from '../../../test/support/per-file';
import type { RouteProbe } from '../../../test/support/api/probe';
import { declaredRoutes, operationKey, servedOperations } from '../../../test/support/api/route-registry';

/** Who may call each product route (design.md, "Who uses it"); admin passes every check. */
const WALLET_READERS: Role[] = ['storefront', 'support', 'support-manager', 'finance', 'ops'];
const JOURNEY_READERS: Role[] = ['ops', 'growth', 'support', 'support-manager'];
const CAMPAIGN = 'auth-matrix-campaign';

const MATRIX: { operationId: string; roles: Role[]; probe: RouteProbe }[] = [
  {
    operationId: 'createCampaign',
    roles: ['growth'],
    probe: {
      method: 'post',
      path: '/v1/campaigns',
      body: { campaignId: CAMPAIGN, name: 'auth', journeyType: 'compensation', budget: 1000 },
    },
  },
  {
    operationId: 'listCampaigns',
    roles: ['growth', 'ops', 'finance'],
    probe: { method: 'get', path: '/v1/campaigns' },
  },
  {
    operationId: 'getCampaign',
    roles: ['growth', 'ops', 'finance'],
    probe: { method: 'get', path: `/v1/campaigns/${CAMPAIGN}` },
  },
  {
    operationId: 'getCampaignEnrolment',
    roles: ['growth', 'ops'],
    probe: { method: 'get', path: `/v1/campaigns/${CAMPAIGN}/enrolment` },
  },
  {
    operationId: 'launchCampaign',
    roles: ['growth'],
    probe: { method: 'post', path: `/v1/campaigns/${CAMPAIGN}/launch` },
  },
  {
    operationId: 'pauseCampaign',
    roles: ['growth'],
    probe: { method: 'post', path: `/v1/campaigns/${CAMPAIGN}/pause` },
  },
  {
    operationId: 'endCampaign',
    roles: ['growth'],
    probe: { method: 'post', path: `/v1/campaigns/${CAMPAIGN}/end` },
  },
  {
    operationId: 'simulateCampaign',
    roles: ['growth', 'ops'],
    probe: {
      method: 'post',
      path: `/v1/campaigns/${CAMPAIGN}/simulate`,
      body: { timelines: [{ events: [] }] },
    },
  },
  {
    operationId: 'listJourneyTypes',
    roles: ['growth', 'ops'],
    probe: { method: 'get', path: '/v1/journey-types' },
  },
  {
    operationId: 'listJourneyTemplates',
    roles: ['growth', 'ops'],
    probe: { method: 'get', path: '/v1/journey-templates' },
  },
  {
    operationId: 'validateJourneyDefinition',
    roles: ['growth', 'ops'],
    probe: {
      method: 'post',
      path: '/v1/journey-definitions/validate',
      body: {
        definition: {
          nodes: [
            { id: 'start', type: 'entry', on: { type: 'signed_up' }, next: 'done' },
            { id: 'done', type: 'exit', outcome: 'finished' },
          ],
        },
      },
    },
  },
  {
    operationId: 'putEventType',
    roles: ['growth'],
    probe: {
      method: 'put',
      path: '/v1/event-types/auth_matrix_event',
      body: { propertiesSchema: { type: 'object' } },
    },
  },
  {
    operationId: 'getEventType',
    roles: ['growth', 'ops', 'storefront'],
    probe: { method: 'get', path: '/v1/event-types/auth_matrix_event' },
  },
  {
    operationId: 'listEventTypes',
    roles: ['growth', 'ops', 'storefront'],
    probe: { method: 'get', path: '/v1/event-types' },
  },
  {
    operationId: 'postCustomerEvent',
    roles: ['storefront'],
    probe: {
      method: 'post',
      path: '/v1/events',
      body: { type: 'active', eventId: 'auth-ev-1', customerId: 'auth-cust' },
    },
  },
  {
    operationId: 'requestCompensationCredit',
    roles: ['support', 'support-manager'],
    probe: {
      method: 'post',
      path: '/v1/support/credits',
      // No such campaign: an allowed caller gets a 422 and no journey starts.
      body: { customerId: 'auth-cust', amount: 100, reason: 'auth matrix', campaignId: 'no-such-campaign' },
    },
  },
  {
    operationId: 'decideApproval',
    roles: ['support-manager', 'growth'],
    probe: { method: 'post', path: '/v1/approvals/1', body: { decision: 'approve' } },
  },
  {
    operationId: 'getWallet',
    roles: WALLET_READERS,
    probe: { method: 'get', path: '/v1/customers/auth-cust/wallet' },
  },
  {
    operationId: 'getStatement',
    roles: WALLET_READERS,
    probe: { method: 'get', path: '/v1/customers/auth-cust/statement' },
  },
  {
    operationId: 'redeemCredit',
    roles: ['storefront'],
    probe: {
      method: 'post',
      path: '/v1/redemptions',
      body: { customerId: 'auth-cust', order: { orderId: 'auth-order', amount: 1000 }, commit: true },
    },
  },
  {
    operationId: 'getLiability',
    roles: ['finance'],
    probe: { method: 'get', path: '/v1/finance/liability' },
  },
  {
    operationId: 'getBreakage',
    roles: ['finance'],
    probe: { method: 'get', path: '/v1/finance/breakage?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z' },
  },
  {
    operationId: 'getMarketingExpense',
    roles: ['finance'],
    probe: { method: 'get', path: '/v1/finance/expense?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z' },
  },
  {
    operationId: 'getProgramBudget',
    roles: ['finance', 'growth'],
    probe: { method: 'get', path: '/v1/finance/program-budget' },
  },
  {
    operationId: 'fundProgramBudget',
    roles: ['finance'],
    probe: { method: 'post', path: '/v1/finance/program-budget', body: { amount: 1 } },
  },
  {
    operationId: 'getCampaignPointsBudget',
    roles: ['growth', 'finance', 'ops'],
    probe: { method: 'get', path: `/v1/campaigns/${CAMPAIGN}/points-budget` },
  },
  {
    operationId: 'getPointsTerms',
    roles: ['finance', 'growth', 'storefront'],
    probe: { method: 'get', path: '/v1/finance/points-terms' },
  },
  {
    operationId: 'setPointsTerms',
    roles: ['finance'],
    probe: {
      method: 'put',
      path: '/v1/finance/points-terms',
      body: { points: 100, minor: 100, minPoints: 100, maxShareBp: 5000 },
    },
  },
  {
    operationId: 'getPointsLiability',
    roles: ['finance'],
    probe: { method: 'get', path: '/v1/finance/points-liability' },
  },
  {
    operationId: 'getPointsActivity',
    roles: ['finance'],
    probe: { method: 'get', path: '/v1/finance/points?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z' },
  },
  {
    operationId: 'getCampaignKpis',
    roles: ['growth', 'finance', 'ops'],
    probe: { method: 'get', path: `/v1/campaigns/${CAMPAIGN}/kpis` },
  },
  {
    operationId: 'getReferralLeaderboard',
    roles: ['growth', 'finance', 'ops'],
    probe: { method: 'get', path: '/v1/referrals/leaderboard' },
  },
  {
    operationId: 'listSupportTasks',
    roles: ['support', 'support-manager', 'growth', 'ops'],
    probe: { method: 'get', path: '/v1/support/tasks?status=open' },
  },
  {
    operationId: 'getCompensationQuota',
    roles: ['support', 'support-manager'],
    // A read: 200 with a launched compensation campaign, else 422; either way nothing is written.
    probe: { method: 'get', path: '/v1/support/quota' },
  },
  {
    operationId: 'getCustomer',
    roles: ['support', 'support-manager', 'growth', 'ops'],
    // No such customer: an allowed caller gets a 404.
    probe: { method: 'get', path: '/v1/customers/auth-cust' },
  },
  {
    operationId: 'listCompensationCampaigns',
    roles: ['support', 'support-manager'],
    probe: { method: 'get', path: '/v1/support/compensation-campaigns' },
  },
  {
    operationId: 'findCustomers',
    roles: ['support', 'support-manager', 'growth', 'ops'],
    probe: { method: 'get', path: '/v1/customers?email=nobody%40example.com' },
  },
  {
    operationId: 'listCustomerJourneys',
    roles: ['support', 'support-manager', 'growth', 'ops'],
    probe: { method: 'get', path: '/v1/customers/auth-cust/journeys' },
  },
  {
    operationId: 'getJourneyOverview',
    roles: ['ops'],
    probe: { method: 'get', path: '/v1/ops/journeys' },
  },
  {
    operationId: 'getCustomerJourney',
    roles: JOURNEY_READERS,
    probe: { method: 'get', path: `/v1/campaigns/${CAMPAIGN}/journeys/auth-cust` },
  },
  {
    operationId: 'listRewards',
    roles: ['storefront', 'growth', 'ops'],
    probe: { method: 'get', path: '/v1/loyalty/catalog' },
  },
  {
    operationId: 'upsertReward',
    roles: ['growth'],
    probe: {
      method: 'put',
      path: '/v1/loyalty/catalog/auth-reward',
      body: { name: 'auth', pointsCost: 10, stock: 1, lowStockThreshold: 0 },
    },
  },
  {
    operationId: 'redeemReward',
    roles: ['storefront'],
    // No such reward: an allowed caller gets a 422 and nothing is redeemed.
    probe: { method: 'post', path: '/v1/customers/auth-cust/rewards', body: { rewardId: 'no-such-reward' } },
  },
  {
    operationId: 'getRewardFulfilment',
    roles: ['support', 'support-manager'],
    probe: { method: 'get', path: '/v1/loyalty/fulfilments/auth-redemption' },
  },
  {
    operationId: 'listCustomerRewardFulfilments',
    roles: ['storefront', 'support', 'support-manager'],
    probe: { method: 'get', path: '/v1/customers/auth-cust/reward-fulfilments' },
  },
  {
    operationId: 'advanceRewardFulfilment',
    roles: ['support', 'support-manager'],
    // No such fulfilment: an allowed caller gets a 404 and nothing moves.
    probe: {
      method: 'post',
      path: '/v1/loyalty/fulfilments/auth-redemption/status',
      body: { status: 'shipped' },
    },
  },
  {
    operationId: 'getPoints',
    roles: ['storefront', 'support', 'support-manager', 'ops'],
    probe: { method: 'get', path: '/v1/customers/auth-cust/points' },
  },
  {
    operationId: 'donatePoints',
    roles: ['storefront'],
    // No points campaign is launched: an allowed caller gets a 422 and nothing moves.
    probe: {
      method: 'post',
      path: '/v1/customers/auth-cust/points/donations',
      body: { charityId: 'auth-charity', points: 1 },
    },
  },
  {
    operationId: 'getMemberTier',
    roles: ['storefront', 'support', 'growth', 'ops'],
    probe: { method: 'get', path: '/v1/customers/auth-cust/tier' },
  },
  {
    operationId: 'openPointsDispute',
    roles: ['support'],
    // No points campaign is launched: an allowed caller gets a 422 and no review starts.
    probe: {
      method: 'post',
      path: '/v1/points/disputes',
      body: { customerId: 'auth-cust', orderId: 'auth-order', campaignId: 'no-such-campaign' },
    },
  },
  {
    operationId: 'createCodeBatch',
    roles: ['growth'],
    probe: {
      method: 'post',
      path: `/v1/campaigns/${CAMPAIGN}/code-batches`,
      body: { kind: 'unique', count: 1, reward: { amount: 100 } },
    },
  },
  {
    operationId: 'getCodeBatch',
    roles: ['growth', 'ops', 'finance'],
    probe: { method: 'get', path: '/v1/code-batches/cb_none' },
  },
  {
    operationId: 'listCodes',
    roles: ['growth'],
    probe: { method: 'get', path: '/v1/code-batches/cb_none/codes' },
  },
  {
    operationId: 'getCode',
    roles: ['storefront', 'support', 'support-manager', 'growth'],
    probe: { method: 'get', path: '/v1/codes/NOSUCHCODE' },
  },
  {
    operationId: 'claimCode',
    roles: ['storefront', 'support', 'support-manager'],
    // No such code: an allowed caller gets a 404 and nothing is granted.
    probe: { method: 'post', path: '/v1/codes/NOSUCHCODE/claim', body: { customerId: 'auth-cust' } },
  },
  {
    operationId: 'voidCode',
    roles: ['growth'],
    probe: { method: 'post', path: '/v1/codes/NOSUCHCODE/void' },
  },
  {
    operationId: 'listAuditEntries',
    roles: ['ops', 'finance'],
    probe: { method: 'get', path: '/v1/audit' },
  },
  {
    operationId: 'closeSupportTask',
    roles: ['support', 'support-manager'],
    probe: { method: 'post', path: '/v1/support/tasks/999999/close', body: { status: 'done' } },
  },
  {
    operationId: 'assignSupportTask',
    roles: ['support-manager'],
    probe: { method: 'post', path: '/v1/support/tasks/999999/assign', body: { assignee: 'agent-1' } },
  },
  {
    operationId: 'requestAdjustment',
    roles: ['support-manager', 'finance'],
    // No such lot: an allowed caller gets a 404 and nothing is adjusted.
    probe: {
      method: 'post',
      path: '/v1/customers/auth-cust/adjustments',
      body: { action: 'void', lotId: '00000000-0000-4000-8000-000000000000', reason: 'auth matrix' },
    },
  },
  {
    operationId: 'listAdjustments',
    roles: ['support-manager', 'finance', 'ops'],
    probe: { method: 'get', path: '/v1/adjustments' },
  },
  {
    operationId: 'decideAdjustment',
    roles: ['support-manager', 'finance'],
    probe: { method: 'post', path: '/v1/adjustments/adj_none/decision', body: { decision: 'reject' } },
  },
  {
    operationId: 'topUpCampaignBudget',
    roles: ['growth', 'finance'],
    probe: {
      method: 'post',
      path: `/v1/campaigns/${CAMPAIGN}/budget`,
      body: { amount: 1, reason: 'auth matrix' },
    },
  },
  {
    operationId: 'setCampaignSchedule',
    roles: ['growth'],
    probe: { method: 'put', path: `/v1/campaigns/${CAMPAIGN}/schedule`, body: { timezone: 'UTC' } },
  },
  {
    operationId: 'updateDraftCampaign',
    roles: ['growth'],
    probe: { method: 'put', path: `/v1/campaigns/${CAMPAIGN}/config`, body: { config: {} } },
  },
  {
    operationId: 'listCampaignBudgetChanges',
    roles: ['growth', 'finance', 'ops'],
    probe: { method: 'get', path: `/v1/campaigns/${CAMPAIGN}/budget` },
  },
  {
    operationId: 'getReferralLink',
    roles: ['storefront', 'growth', 'support'],
    probe: { method: 'get', path: '/v1/customers/no-such-customer/referral' },
  },
  {
    operationId: 'eraseCustomer',
    roles: ['support-manager'],
    probe: { method: 'delete', path: '/v1/customers/no-such-customer' },
  },
  {
    operationId: 'exportCustomer',
    roles: ['support-manager', 'storefront'],
    probe: { method: 'get', path: '/v1/customers/no-such-customer/export' },
  },
  {
    operationId: 'putAttributeType',
    roles: ['growth', 'ops'],
    probe: { method: 'put', path: '/v1/attribute-types/authMatrixAttribute', body: { type: 'string' } },
  },
  {
    operationId: 'listAttributeTypes',
    roles: ['growth', 'ops', 'storefront', 'support', 'support-manager'],
    probe: { method: 'get', path: '/v1/attribute-types' },
  },
  {
    operationId: 'replaceCustomerAttributes',
    roles: ['storefront', 'support', 'support-manager', 'growth'],
    // No such customer: an allowed caller gets a 404, nothing written.
    probe: {
      method: 'put',
      path: '/v1/customers/auth-cust/attributes',
      body: { attributes: { region: 'east' } },
    },
  },
  {
    operationId: 'mergeCustomerAttributes',
    roles: ['storefront', 'support', 'support-manager', 'growth'],
    probe: {
      method: 'patch',
      path: '/v1/customers/auth-cust/attributes',
      body: { attributes: { region: null } },
    },
  },
  {
    operationId: 'createSegment',
    roles: ['growth'],
    probe: {
      method: 'post',
      path: '/v1/segments',
      body: { name: 'auth', filter: { fact: 'orderCount', op: 'gte', value: 1 } },
    },
  },
  {
    operationId: 'previewSegmentFilter',
    roles: ['growth', 'ops'],
    probe: {
      method: 'post',
      path: '/v1/segments/preview',
      body: { filter: { fact: 'orderCount', op: 'gte', value: 1 } },
    },
  },
  {
    operationId: 'listSegments',
    roles: ['growth', 'ops'],
    probe: { method: 'get', path: '/v1/segments' },
  },
  {
    operationId: 'getSegment',
    roles: ['growth', 'ops'],
    probe: { method: 'get', path: '/v1/segments/seg_none' },
  },
  {
    operationId: 'previewSegment',
    roles: ['growth', 'ops'],
    probe: { method: 'get', path: '/v1/segments/seg_none/preview' },
  },
  {
    operationId: 'getJourney',
    roles: JOURNEY_READERS,
    probe: { method: 'get', path: '/v1/journeys?workflowId=journey/none/none' },
  },
];

describe('auth matrix of every product route', () => {
  const api = useProductTestApi();
  /**
   * Row count and content of every table, and the journeys started. No table is left out: authentication reads
   * api_keys but records nothing (no last-used stamp), so a refused request leaves every table as it was.
   */
  const snapshot = () => api.nothingWrittenSnapshot();

  it('the matrix covers every product route of the registry, each probe on its route', async () => {
    // Platform routes (health, metrics, API keys) have their own tests in api/test/.
    const routes = declaredRoutes(api.modules, { exceptModules: ['api-keys'] });
    expect(MATRIX.map((m) => m.operationId).sort()).toEqual(routes.map((r) => r.operationId).sort());
    for (const { operationId, probe } of MATRIX) {
      const route = routes.find((r) => r.operationId === operationId)!;
      const template = new RegExp(`^${route.path.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}(\\?.*)?$`);
      expect({ operationId, method: probe.method, path: template.test(probe.path) }).toEqual({
        operationId,
        method: route.method,
        path: true,
      });
    }
    // And the registry is what the API serves.
    const keyRoutes = declaredRoutes(api.modules)
      .filter((r) => !routes.includes(r))
      .map(operationKey);
    expect(routes.map(operationKey).sort()).toEqual(
      (await servedOperations(api)).filter((op) => op.includes(' /v1/') && !keyRoutes.includes(op)).sort(),
    );
  });

  it.each(MATRIX.map((m) => [`${m.probe.method.toUpperCase()} ${m.probe.path}`, m] as const))(
    '%s',
    async (_name, { roles, probe }) => {
      await expectAuthMatrix(api, probe, roles, { snapshot });
    },
  );

  it('the snapshot notices writes (so "nothing written" can fail)', async () => {
    const before = await snapshot();
    await api
      .http()
      .post('/v1/events')
      .set({ Authorization: `Bearer ${api.keys.storefront}` })
      .send({ type: 'active', eventId: 'auth-ev-2', customerId: 'auth-cust-2' });
    expect(await snapshot()).not.toEqual(before);
  });

  it('the snapshot notices an update that adds no row', async () => {
    const before = await snapshot();
    await api.db.pool.query(`UPDATE api_keys SET name = name || ' (renamed)' WHERE id = $1`, [
      api.keyIds.ops,
    ]);
    expect((await snapshot()).tables.api_keys).not.toEqual(before.tables.api_keys);
    expect((await snapshot()).tables.api_keys?.rows).toBe(before.tables.api_keys?.rows);
  });
});
