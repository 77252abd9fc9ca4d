import type { SimulationResult } from '../contracts/simulation';
import type { JourneyClient } from '../services/journey-client';
import { listJourneyEvents } from '../stores/journey-events';
import type { SimulationEnvironment } from './environment';

/** What one timeline event did, at its test-server time. */
export interface Delivery {
  atMs: number;
  customerId: string;
  event: string;
  delivery: string;
}

/** A simulation reports at most this many steps and movements (a three-year journey with daily steps stays whole). */
const REPORT_LIMIT = 5_000;
const MINUTE_MS = 60_000;

export interface ReportInput {
  env: SimulationEnvironment;
  journeys: JourneyClient;
  campaignId: string;
  workflowIds: string[];
  customerIds: string[];
  name: string | null;
  customerId: string;
  variant: string | null;
  startAt: string;
  endMs: number;
  /** Test-server time → business time. */
  toBusiness: (ms: number) => number;
  clock: SimulationResult['clock'];
  horizonReached: boolean;
  deliveries: Delivery[];
  currency: string;
}

/**
 * The result document of one timeline, read from the scratch ledger and journal and the captured mail. Times are
 * business time rounded to the minute: the test server's clock runs on for milliseconds while a step executes, and
 * the same request must give the same answer.
 */
export async function buildReport(input: ReportInput): Promise<SimulationResult> {
  const { env } = input;
  const at = (ms: number) => new Date(Math.round(input.toBusiness(ms) / MINUTE_MS) * MINUTE_MS).toISOString();
  const atIso = (iso: string) => at(Date.parse(iso));

  const [steps, movements, budget] = await Promise.all([
    listJourneyEvents(env.db.pool, REPORT_LIMIT),
    env.ledger.customerMovements({ customerIds: input.customerIds, limit: REPORT_LIMIT }),
    input.workflowIds.length ? env.ledger.campaignBudget(input.campaignId).catch(() => null) : null,
  ]);
  const journeys: SimulationResult['journeys'] = [];
  for (const workflowId of input.workflowIds) {
    const state = await input.journeys.state(workflowId);
    journeys.push({
      workflowId,
      customerId: state.customerId,
      status: state.status,
      step: state.step,
      outcome: state.outcome ?? null,
      failureReason: state.failure?.reason ?? null,
    });
  }

  const credit = movements
    .filter((m) => m.unit === 'credit')
    .map((m) => ({
      at: atIso(m.occurredAt),
      type: m.type,
      customerId: m.customerId,
      amount: m.amount,
      lotId: m.lotId,
      kind: m.kind,
      expiresAt: m.expiresAt ? atIso(m.expiresAt) : null,
      memo: m.memo,
    }));
  const points = movements
    .filter((m) => m.unit === 'points')
    .map((m) => ({
      at: atIso(m.occurredAt),
      type: m.type,
      customerId: m.customerId,
      points: m.amount,
      expiresAt: m.expiresAt ? atIso(m.expiresAt) : null,
      memo: m.memo,
    }));
  // Within a minute, by recipient, then in the order they were sent (one journey's emails go out one by one).
  const emails = input.env.capture.messages
    .map((m, order) => ({
      order,
      email: {
        at: at(m.atMs ?? input.endMs),
        to: m.to,
        template: m.template,
        locale: m.locale,
        subject: m.subject,
        text: m.text,
      },
    }))
    .sort(
      (a, b) =>
        a.email.at.localeCompare(b.email.at) || a.email.to.localeCompare(b.email.to) || a.order - b.order,
    )
    .map(({ email }) => email);
  const tasks = input.env.capture.tasks
    .map((t) => ({ at: at(t.atMs), customerId: t.customerId, kind: t.kind, title: t.title }))
    .sort(
      (a, b) =>
        a.at.localeCompare(b.at) ||
        a.customerId.localeCompare(b.customerId) ||
        a.title.localeCompare(b.title),
    );
  const cost = {
    currency: input.currency,
    granted: budget?.granted ?? 0,
    revoked: budget?.revoked ?? 0,
    net: budget?.spentNet ?? 0,
    pointsAwarded: points.filter((p) => p.type === 'points_earn').reduce((s, p) => s + p.points, 0),
  };
  const result: Omit<SimulationResult, 'summary'> = {
    name: input.name,
    customerId: input.customerId,
    variant: input.variant,
    startAt: new Date(Math.round(Date.parse(input.startAt) / MINUTE_MS) * MINUTE_MS).toISOString(),
    endAt: at(input.endMs),
    clock: input.clock,
    horizonReached: input.horizonReached,
    deliveries: input.deliveries.map((d) => ({
      at: at(d.atMs),
      customerId: d.customerId,
      event: d.event,
      delivery: d.delivery,
    })),
    journeys,
    // Within a minute, by journey then in its own order: the milliseconds the test server's clock ran on while
    // steps executed differ between runs, and the same request must answer the same.
    steps: steps
      .map((s, order) => ({
        order,
        step: {
          at: atIso(s.occurredAt),
          workflowId: s.workflowId,
          step: s.step,
          kind: s.kind,
          detail: s.detail ?? {},
        },
      }))
      .sort(
        (a, b) =>
          a.step.at.localeCompare(b.step.at) ||
          a.step.workflowId.localeCompare(b.step.workflowId) ||
          a.order - b.order,
      )
      .map(({ step }) => step),
    credit,
    points,
    emails,
    tasks,
    cost,
  };
  return stableLotIds(
    { ...result, summary: summarise(result) },
    movements.map((m) => m.lotId),
  );
}

/**
 * Lot ids are time-ordered UUIDs with a random part, different on every run; a simulated lot is named by the order it
 * first moved in instead (`lot-1`, `lot-2`, ...), wherever its id shows (journal details name lots too), so the same
 * request answers the same document.
 */
function stableLotIds(result: SimulationResult, lotIds: (string | null)[]): SimulationResult {
  const names = new Map<string, string>();
  for (const id of lotIds) if (id && !names.has(id)) names.set(id, `lot-${names.size + 1}`);
  if (names.size === 0) return result;
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  return JSON.parse(JSON.stringify(result), (_key, value: unknown) =>
    typeof value === 'string' ? value.replace(uuid, (id) => names.get(id) ?? id) : value,
  ) as SimulationResult;
}

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`; // minor units of a two-decimal currency, for people only

/** A few sentences for people: day by day what happened, how it ended, what it cost. */
export function summarise(r: Omit<SimulationResult, 'summary'>): string[] {
  const start = Date.parse(r.startAt);
  const day = (iso: string) => {
    const ms = Date.parse(iso) - start;
    const d = Math.floor(ms / 86_400_000);
    const hours = Math.floor((ms % 86_400_000) / 3_600_000);
    return hours ? `Day ${d} +${hours}h` : `Day ${d}`;
  };
  const lines: { at: string; order: number; text: string }[] = [];
  r.deliveries.forEach((d, i) =>
    lines.push({ at: d.at, order: i, text: `${d.event} from ${d.customerId} (${d.delivery})` }),
  );
  for (const c of r.credit) {
    const what =
      c.type === 'grant'
        ? `granted ${money(c.amount, r.cost.currency)} ${c.kind ?? ''} credit to ${c.customerId}${
            c.expiresAt ? `, expiring ${day(c.expiresAt).toLowerCase()}` : ''
          }`
        : `${c.type} ${money(Math.abs(c.amount), r.cost.currency)} of ${c.customerId}'s credit`;
    lines.push({ at: c.at, order: 1_000, text: what.replace(/\s+/g, ' ') });
  }
  for (const p of r.points) {
    lines.push({
      at: p.at,
      order: 1_000,
      text: `${p.type.replace('points_', 'points ')}: ${p.points} for ${p.customerId}`,
    });
  }
  for (const e of r.emails)
    lines.push({ at: e.at, order: 2_000, text: `email "${e.subject}" (${e.locale}) to ${e.to}` });
  for (const t of r.tasks)
    lines.push({ at: t.at, order: 3_000, text: `support task (${t.kind}): ${t.title}` });
  lines.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order);
  const ends = r.journeys.map(
    (j) =>
      `${j.workflowId}: ${j.status}${j.outcome ? ` (${j.outcome})` : ''} at step ${j.step}${
        j.failureReason ? `, failed: ${j.failureReason}` : ''
      }`,
  );
  return [
    ...lines.map((l) => `${day(l.at)}: ${l.text}`),
    ...(ends.length ? ends : ['No journey started.']),
    `${r.horizonReached ? 'Stopped at the horizon' : 'Ended'} ${day(r.endAt).toLowerCase()}. Cost to the budget: ${money(
      r.cost.net,
      r.cost.currency,
    )} net (${money(r.cost.granted, r.cost.currency)} granted, ${money(r.cost.revoked, r.cost.currency)} revoked)${
      r.cost.pointsAwarded ? `, ${r.cost.pointsAwarded} points awarded` : ''
    }.`,
  ];
}
