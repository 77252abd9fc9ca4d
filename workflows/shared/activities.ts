import {
  proxyActivities,
  proxyLocalActivities,
  type ActivityOptions,
  type LocalActivityOptions,
  type RetryPolicy,
} from '@temporalio/workflow';
import type { MailActivities, ReadActivities, WriteActivities } from '../../activities';
import { isPatched } from './patches';

/*
 * Every side effect of a journey goes through these proxies, one per class of activity (activities/index.ts says
 * which activity is in which class; docs/decisions.md "Activity options" explains the numbers). Business refusals
 * (budget exhausted, quota exceeded) come back as non-retryable ApplicationFailures whatever the class; every other
 * failure is an outage or a bug and is retried.
 */

/**
 * How long one call keeps retrying before it fails its journey. Long enough to ride out any outage of Postgres or the
 * SMTP relay that an on-call engineer fixes (a weekend included); short enough that a bug raising a retryable error
 * fails its journey within the week instead of retrying unseen for the journey's whole year. After the fix, the
 * failed journey is reset to before the failed call and carries on.
 */
export const OUTAGE_BUDGET = '7 days';

/**
 * 1 s doubling to 5 min between attempts, no attempt limit (the time budget bounds it). The 5-minute ceiling keeps a
 * 7-day outage at ~2,000 attempts per waiting call and a journey no more than 5 minutes late once the dependency is
 * back. (The earlier policy, 10 attempts capped at 1 min, gave up after ~4 minutes.)
 */
export const RETRY_THROUGH_OUTAGES: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '5 minutes',
};

/**
 * Reads run as local activities: no activity task round trip through the server, one marker in the history. A read
 * answers in milliseconds, so 5 s means the connection is gone; retries beyond 10 s of backoff wait on a workflow
 * timer instead of holding the workflow task open in the worker (which would heartbeat it into the history).
 */
export const READ_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: '5 seconds',
  scheduleToCloseTimeout: OUTAGE_BUDGET,
  localRetryThreshold: '10 seconds',
  retry: RETRY_THROUGH_OUTAGES,
};

/**
 * Postgres writes, each idempotent by its key (a retry after a lost reply writes nothing twice). An attempt that takes
 * 15 s is stuck on a dead connection, not working: the next attempt starts on a fresh one.
 */
export const WRITE_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '15 seconds',
  scheduleToCloseTimeout: OUTAGE_BUDGET,
  retry: RETRY_THROUGH_OUTAGES,
};

/**
 * SMTP handoffs (logged by key in email_log, so a confirmed send is never repeated): 30 s per attempt covers connect,
 * greeting and DATA to a slow relay; the mail transport's own timeouts (email/mailer.ts) fail a hung attempt rather
 * than let it outlive this one.
 */
export const MAIL_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: OUTAGE_BUDGET,
  retry: RETRY_THROUGH_OUTAGES,
};

export const writes = proxyActivities<WriteActivities>(WRITE_OPTIONS);
export const mail = proxyActivities<MailActivities>(MAIL_OPTIONS);

const localReads = proxyLocalActivities<ReadActivities>(READ_OPTIONS);
/** Reads as journeys scheduled them before READS_ARE_LOCAL: only replayed histories from before it take this path. */
const scheduledReads = proxyActivities<ReadActivities>(WRITE_OPTIONS);

/**
 * Reads became local activities with this patch: a local activity leaves a marker where a scheduled one left
 * ActivityTaskScheduled/Completed events, so runs (and recorded histories) from before the change must replay their
 * reads as scheduled activities. Deprecate (deprecatePatch) once no journey started before it is running.
 */
export const READS_ARE_LOCAL = 'reads-as-local-activities';

/** The read proxy for this point of the run: local, unless replaying a run from before READS_ARE_LOCAL. */
export function reads(): ReadActivities {
  return isPatched(READS_ARE_LOCAL) ? localReads : scheduledReads;
}
