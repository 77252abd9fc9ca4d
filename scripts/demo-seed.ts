import type { Ledger } from '../ledger';
import type { ProductServices } from '../services/product-services';
import { JOURNEY_PLUGINS } from '../workflows/journeys/registry';

/** Program budget of the demo: 1,000,000.00 CNY. */
const DEMO_PROGRAM_BUDGET = 100_000_000;
/** Each demo campaign's budget: 50,000.00 CNY. */
const DEMO_CAMPAIGN_BUDGET = 5_000_000;

/**
 * On an empty database, `npm start` funds the program budget and launches one demo campaign per journey plugin
 * with the plugin's default config (the numbers of the marketing plans), so the printed curl examples work at once.
 */
export async function seedDemo(services: ProductServices, ledger: Ledger): Promise<string[]> {
  if ((await services.campaigns.list({})).length > 0) return [];
  await ledger.fundProgram({
    idempotencyKey: 'demo/program-funding',
    amount: DEMO_PROGRAM_BUDGET,
    asOf: new Date().toISOString(),
    memo: 'demo program budget',
  });
  const launched: string[] = [];
  for (const plugin of JOURNEY_PLUGINS) {
    const campaignId = `demo-${plugin.type}`;
    // A demo flow listens for custom events: declared first (any properties), as a campaign needs.
    const config = plugin.exampleConfig ?? {};
    for (const ref of plugin.customEventsOf?.(plugin.configSchema.parse(config)) ?? []) {
      await services.eventTypes.declare(
        ref.name,
        { description: 'declared by the demo seed', propertiesSchema: { type: 'object' } },
        'demo-seed',
      );
    }
    await services.campaigns.create(
      {
        campaignId,
        name: `Demo: ${plugin.title}`,
        journeyType: plugin.type,
        config,
        budget: DEMO_CAMPAIGN_BUDGET,
      },
      'demo-seed',
    );
    await services.campaigns.launch(campaignId);
    launched.push(campaignId);
  }
  return launched;
}

/** Copy-paste examples for the banner of `npm start`. */
export function curlExamples(apiUrl: string, keyExpression: string): string[] {
  const auth = `-H "Authorization: Bearer ${keyExpression}" -H 'Content-Type: application/json'`;
  return [
    'Try it:',
    `  curl -s ${auth} -X POST ${apiUrl}/v1/events -d '{"type":"signed_up","eventId":"ev-1","customerId":"c-1","email":"c1@example.com","locale":"en"}'`,
    `  curl -s ${auth} ${apiUrl}/v1/customers/c-1/wallet`,
    `  curl -s ${auth} -X POST ${apiUrl}/v1/events -d '{"type":"order_placed","eventId":"ev-2","customerId":"c-1","orderId":"o-1","amount":25000,"categories":["tea"]}'`,
    `  curl -s ${auth} ${apiUrl}/v1/campaigns/demo-trial-credit/journeys/c-1`,
    `  curl -s ${auth} -X POST ${apiUrl}/v1/support/credits -d '{"customerId":"c-1","amount":5000,"reason":"late delivery"}'`,
    `  curl -s ${auth} ${apiUrl}/v1/finance/liability`,
  ];
}
