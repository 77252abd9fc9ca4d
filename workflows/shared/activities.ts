import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * Every side effect of a journey goes through these proxies. Business refusals (budget exhausted, quota exceeded)
 * come back as non-retryable ApplicationFailures; infrastructure errors are retried with backoff.
 */
export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 10,
  },
});
