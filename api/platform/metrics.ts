import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, collectDefaultMetrics, type Registry } from 'prom-client';
import { ROUTE_LABEL } from './mount-route';

/** Label of requests that matched no declared route: raw paths would make the label set unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Returns the counter registered under `name` in `registry`, creating it on first use. Modules call this instead of
 * `new Counter` so that building two apps (tests) or re-registering a module never throws "already registered".
 *
 *   const started = counter(registry, { name: 'journeys_started_total', help: '…', labelNames: ['journey_type'] });
 *   started.inc({ journey_type: 'trial-credit' });
 */
export function counter<L extends string>(
  registry: Registry,
  config: { name: string; help: string; labelNames?: readonly L[] },
): Counter<L> {
  const existing = registry.getSingleMetric(config.name);
  if (existing) {
    if (!(existing instanceof Counter)) throw new Error(`metric ${config.name} exists and is not a counter`);
    return existing as Counter<L>;
  }
  return new Counter<L>({ ...config, registers: [registry] });
}

/** Like `counter`, for histograms (durations, amounts). */
export function histogram<L extends string>(
  registry: Registry,
  config: { name: string; help: string; labelNames?: readonly L[]; buckets?: number[] },
): Histogram<L> {
  const existing = registry.getSingleMetric(config.name);
  if (existing) {
    if (!(existing instanceof Histogram))
      throw new Error(`metric ${config.name} exists and is not a histogram`);
    return existing as Histogram<L>;
  }
  return new Histogram<L>({ ...config, registers: [registry] });
}

/**
 * A gauge whose values are read at scrape time by `read` (e.g. a count kept in Postgres, shared by every process).
 * A read that fails (the database is down) keeps the values of the last scrape rather than failing /metrics.
 */
export function gaugeReadAtScrape<L extends string>(
  registry: Registry,
  config: { name: string; help: string; labelNames: readonly L[] },
  read: () => Promise<Array<{ labels: Record<L, string>; value: number }>>,
): void {
  if (registry.getSingleMetric(config.name)) return;
  new Gauge<L>({
    ...config,
    registers: [registry],
    async collect() {
      let values: Array<{ labels: Record<L, string>; value: number }>;
      try {
        values = await read();
      } catch {
        return;
      }
      for (const { labels, value } of values) this.set(labels as Partial<Record<L, string>>, value);
    },
  });
}

/** Like `counter`, for a gauge whose value is read when scraped (`collect` sets it). */
export function gauge(
  registry: Registry,
  config: { name: string; help: string; collect: (this: Gauge) => void },
): Gauge {
  const existing = registry.getSingleMetric(config.name);
  if (existing) {
    if (!(existing instanceof Gauge)) throw new Error(`metric ${config.name} exists and is not a gauge`);
    return existing as Gauge;
  }
  return new Gauge({ ...config, registers: [registry] });
}

/** Process metrics (CPU, memory, event loop lag, GC), once per registry. */
export function ensureDefaultMetrics(registry: Registry): void {
  if (!registry.getSingleMetric('process_cpu_user_seconds_total'))
    collectDefaultMetrics({ register: registry });
}

/** Counts and times every response, labelled by route template (never the raw path), method and status. */
export function httpMetrics(registry: Registry): RequestHandler {
  const requests = counter(registry, {
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
  });
  const duration = histogram(registry, {
    name: 'http_request_duration_seconds',
    help: 'Time from request to response, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return (req, res, next) => {
    const stop = duration.startTimer();
    res.on('finish', () => {
      const labels = {
        method: req.method,
        route: (res.locals[ROUTE_LABEL] as string | undefined) ?? UNMATCHED_ROUTE,
        status: String(res.statusCode),
      };
      requests.inc(labels);
      stop(labels);
    });
    next();
  };
}

/** The Prometheus exposition endpoint. */
export function metricsEndpoint(registry: Registry): RequestHandler {
  return async (_req, res) => {
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  };
}
