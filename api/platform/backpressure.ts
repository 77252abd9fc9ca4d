import type { JourneyLagReading } from '../../services/journey-lag';
import { problems } from './problem';

/** How the API pushes back when journeys fall behind (thresholds from JOURNEY_LAG_DEGRADED_MS / _SHED_MS). */
export interface Backpressure {
  /** The latest lag reading (JourneyLagMonitor.current); undefined before the first. */
  reading: () => JourneyLagReading | undefined;
  /** Above this lag /healthz says `degraded`. */
  degradedAboveMs: number;
  /** Above this lag POST /v1/events answers 503 with Retry-After. */
  shedAboveMs: number;
  /** Above this backlog age of the campaign-level queue /healthz says `degraded` (intake goes on). */
  campaignQueueDegradedAboveMs?: number;
}

/** A reading older than this says nothing about now (the sampler is stuck or Temporal does not answer it). */
const STALE_AFTER_MS = 15_000;
const MAX_RETRY_AFTER_SECONDS = 60;
/** 40 + its half = 60: the largest base that keeps the whole jitter below the cap. */
const MAX_BASE_SECONDS = 40;

/**
 * Half the lag, plus up to half of that again at random, within 1..60 s. Half: with intake refused the workers drain
 * what is queued faster than it built up, and the lag is re-read every 500 ms — told the whole lag, clients stayed
 * away for seconds after the backlog had cleared and the machine idled (bench:scale --trace-lag). The spread: every
 * client refused in the same second told the same instant would come back together and be refused together. The base
 * is capped at 40 s first, so the spread survives the worst backlogs (40..60 s) instead of all answers reading 60.
 */
export function retryAfterSeconds(lagMs: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BASE_SECONDS, Math.max(1, Math.ceil(lagMs / 2000)));
  const jitter = Math.floor(random() * (Math.floor(base / 2) + 1));
  return Math.min(MAX_RETRY_AFTER_SECONDS, base + jitter);
}

/** The latest reading while it still says something about now; undefined before the first or once stale. */
function freshReading(bp: Backpressure | undefined, now: number): JourneyLagReading | undefined {
  const reading = bp?.reading();
  return reading && now - reading.at <= STALE_AFTER_MS ? reading : undefined;
}

/** The campaign-level queue's backlog age in ms from a fresh reading; undefined when unknown or not watched. */
export function currentCampaignBacklogMs(bp: Backpressure | undefined, now = Date.now()): number | undefined {
  return freshReading(bp, now)?.campaignBacklogAgeMs ?? undefined;
}

/** The current lag in ms, or undefined when there is no fresh reading (then nothing is refused on its account). */
export function currentLagMs(bp: Backpressure | undefined, now = Date.now()): number | undefined {
  return freshReading(bp, now)?.lagMs;
}

/**
 * Refuses new intake while journeys are further behind than the threshold: every accepted event adds journey work,
 * and accepting it silently is how new journeys came to wait 15 minutes. Retry-After: see `retryAfterSeconds`.
 */
export function refuseIntakeWhenBehind(
  bp: Backpressure | undefined,
  random: () => number = Math.random,
): void {
  const lagMs = currentLagMs(bp);
  if (!bp || lagMs === undefined || lagMs <= bp.shedAboveMs) return;
  const retryAfter = retryAfterSeconds(lagMs, random);
  throw problems.overloaded(
    `Journeys are ${(lagMs / 1000).toFixed(1)} s behind (the limit is ${bp.shedAboveMs / 1000} s); the event was not recorded.`,
    retryAfter,
  );
}
