import { isRetryable, type ApiClient, type CallResult } from './http';
import { CHAOS_CAMPAIGNS, TRIAL_CREDIT_AMOUNT } from './storefront';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One set-up call, repeated until it is answered with one of `ok` (the product may still be settling). */
async function until(
  call: () => Promise<CallResult>,
  ok: readonly number[],
  what: string,
  timeoutMs = 60_000,
): Promise<CallResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call();
    if (typeof res.outcome === 'number' && ok.includes(res.outcome)) return res;
    if (!isRetryable(res.outcome) || Date.now() > deadline)
      throw new Error(`${what}: ${String(res.outcome)} ${JSON.stringify(res.body)}`);
    await sleep(res.retryAfterS !== undefined ? res.retryAfterS * 1000 : 500);
  }
}

/**
 * Through the API, as an operator would: a storefront key, the program budget, and the three campaigns whose journeys
 * the chaos storefront's events drive (each launched with its plugin's default config).
 */
export async function setUpCampaigns(
  api: ApiClient,
  adminKey: string,
  customersExpected: number,
): Promise<{ storefrontKey: string }> {
  const key = await until(
    () => api.call('POST', '/v1/api-keys', adminKey, { name: 'chaos storefront', roles: ['storefront'] }),
    [201],
    'create the storefront key',
  );
  const storefrontKey = (key.body as { key?: string }).key;
  if (!storefrontKey) throw new Error('the API created a key without returning it');

  // Room for every customer's trial credit twice over: a refused grant for lack of budget would hide lost events.
  const campaignBudget = Math.max(customersExpected * TRIAL_CREDIT_AMOUNT * 2, 1_000_000);
  await until(
    () =>
      api.call('POST', '/v1/finance/program-budget', adminKey, {
        amount: campaignBudget * 3,
        memo: 'chaos run',
      }),
    [201],
    'fund the program budget',
  );
  const journeyTypes: Record<keyof typeof CHAOS_CAMPAIGNS, string> = {
    trial: 'trial-credit',
    repurchase: 'repurchase-voucher',
    points: 'points',
  };
  for (const [role, campaignId] of Object.entries(CHAOS_CAMPAIGNS) as [
    keyof typeof CHAOS_CAMPAIGNS,
    string,
  ][]) {
    await until(
      () =>
        api.call('POST', '/v1/campaigns', adminKey, {
          campaignId,
          name: `chaos ${role}`,
          journeyType: journeyTypes[role],
          config: {},
          budget: campaignBudget,
        }),
      // 409: created by an earlier attempt whose answer was lost.
      [201, 409],
      `create campaign ${campaignId}`,
    );
    await until(
      () => api.call('POST', `/v1/campaigns/${campaignId}/launch`, adminKey),
      [200, 409],
      `launch campaign ${campaignId}`,
    );
  }
  return { storefrontKey };
}
