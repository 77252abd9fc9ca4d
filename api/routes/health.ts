import { z } from 'zod';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { currentCampaignBacklogMs, currentLagMs, type Backpressure } from '../platform/backpressure';
import { ProblemError } from '../platform/problem';

export type HealthChecks = Record<string, () => Promise<void>>;

const CheckStatus = z.enum(['ok', 'failed', 'timeout']);

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']).meta({
      description:
        'degraded: every dependency answers, but journeys are behind by more than the configured limit, or a ' +
        'campaign-level task (a scheduled launch or end, an enrolment) has waited longer than its limit for a worker.',
    }),
    checks: z.record(z.string(), CheckStatus),
    journeyLagSeconds: z.number().optional().meta({
      description: 'How far journeys are behind (task-queue backlog age, first-step wait of new journeys).',
    }),
    campaignQueueBacklogSeconds: z.number().optional().meta({
      description:
        'Age of the oldest task waiting on the campaign-level task queue (schedules, enrolment); absent when unknown.',
    }),
  })
  .meta({
    id: 'Health',
    example: { status: 'ok', checks: { postgres: 'ok', temporal: 'ok' }, journeyLagSeconds: 0.2 },
  });

type CheckStatus = z.infer<typeof CheckStatus>;

async function runCheck(check: () => Promise<void>, timeoutMs: number): Promise<CheckStatus | Error> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([check().then(() => 'ok' as const), timeout]);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz: runs every injected check in parallel. 200 when all pass (status `degraded` while journeys are behind);
 * 503 problem+json naming the failed ones.
 * Failure reasons are logged, not returned: error messages can reveal hosts and credentials in connection strings.
 */
export function createHealthModule(
  checks: HealthChecks,
  timeoutMs = 2_000,
  backpressure?: Backpressure,
): ApiModule {
  return defineModule({
    name: 'platform',
    description: 'Health, metrics and the API description.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/healthz',
        operationId: 'getHealth',
        summary: 'Liveness and dependency health',
        auth: 'public',
        response: { status: 200, schema: HealthSchema, description: 'Every dependency answered.' },
        problemStatuses: [503],
        handler: async ({ log }) => {
          const names = Object.keys(checks);
          const results = await Promise.all(names.map((name) => runCheck(checks[name]!, timeoutMs)));
          const statuses: Record<string, CheckStatus> = {};
          names.forEach((name, i) => {
            const result = results[i]!;
            if (result instanceof Error) {
              log.warn({ check: name, err: result }, 'health check failed');
              statuses[name] = 'failed';
            } else statuses[name] = result;
          });
          const failed = names.filter((name) => statuses[name] !== 'ok');
          if (failed.length > 0) {
            throw new ProblemError({
              status: 503,
              type: 'unavailable',
              title: 'Service unavailable',
              detail: `Health check failed: ${failed.join(', ')}.`,
              extensions: { checks: statuses },
              headers: { 'Retry-After': '5' },
            });
          }
          const lagMs = currentLagMs(backpressure);
          const campaignMs = currentCampaignBacklogMs(backpressure);
          const journeysBehind =
            backpressure !== undefined && lagMs !== undefined && lagMs > backpressure.degradedAboveMs;
          const campaignsWaiting =
            backpressure?.campaignQueueDegradedAboveMs !== undefined &&
            campaignMs !== undefined &&
            campaignMs > backpressure.campaignQueueDegradedAboveMs;
          return {
            status: journeysBehind || campaignsWaiting ? ('degraded' as const) : ('ok' as const),
            checks: statuses,
            ...(lagMs === undefined ? {} : { journeyLagSeconds: lagMs / 1000 }),
            ...(campaignMs === undefined ? {} : { campaignQueueBacklogSeconds: campaignMs / 1000 }),
          };
        },
      }),
    ],
  });
}
