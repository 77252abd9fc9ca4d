import type { Pool } from 'pg';
import type { CapturedMail } from '../../infra/dev/mail-capture';
import { journeyWorkflowId } from '../../workflows/shared/definitions';
import type { ApiClient } from './http';
import { CHAOS_CAMPAIGNS, type Accepted } from './storefront';

/**
 * "Every event the API accepted had its effect": for each 2xx the storefront got, the effect the product owes, looked
 * up in SQL (journey_events, the ledger) or through the journey-state API. A missing effect is a lost event.
 */

const trialJourney = (customerId: string) => journeyWorkflowId(CHAOS_CAMPAIGNS.trial, customerId);
const pointsJourney = (customerId: string) => journeyWorkflowId(CHAOS_CAMPAIGNS.points, customerId);
const repurchaseJourney = (customerId: string) => journeyWorkflowId(CHAOS_CAMPAIGNS.repurchase, customerId);

interface JourneyStep {
  workflow_id: string;
  step: string;
  outcome: string | null;
}

async function journeySteps(
  pool: Pool,
  workflowIds: string[],
): Promise<Map<string, Map<string, JourneyStep>>> {
  const rows = await pool.query<JourneyStep>(
    `SELECT workflow_id, step, detail->>'outcome' AS outcome FROM journey_events WHERE workflow_id = ANY ($1::text[])`,
    [workflowIds],
  );
  const byWorkflow = new Map<string, Map<string, JourneyStep>>();
  for (const r of rows.rows) {
    const steps = byWorkflow.get(r.workflow_id) ?? new Map<string, JourneyStep>();
    steps.set(r.step, r);
    byWorkflow.set(r.workflow_id, steps);
  }
  return byWorkflow;
}

/** The effects of `accepted` not (yet) visible, one line each; empty when every accepted request had its effect. */
export async function missingEffects(
  pool: Pool,
  api: ApiClient,
  adminKey: string,
  accepted: readonly Accepted[],
): Promise<string[]> {
  const customers = [...new Set(accepted.map((a) => a.customerId))];
  const steps = await journeySteps(pool, [
    ...customers.map(trialJourney),
    ...customers.map(pointsJourney),
    ...customers.map(repurchaseJourney),
  ]);
  const stepOf = (workflowId: string, step: string) => steps.get(workflowId)?.get(step);

  const lots = await pool.query<{ customer_id: string; n: number }>(
    `SELECT customer_id, count(*)::int AS n FROM ledger_lots
      WHERE campaign_id = $1 AND customer_id = ANY ($2::text[]) GROUP BY customer_id`,
    [CHAOS_CAMPAIGNS.trial, customers],
  );
  const trialLots = new Map(lots.rows.map((r) => [r.customer_id, r.n]));
  const orderIds = accepted.flatMap((a) => (a.kind === 'order' ? [a.orderId] : []));
  const pointLots = await pool.query<{ source_txn_id: string }>(
    'SELECT source_txn_id FROM ledger_point_lots WHERE source_txn_id = ANY ($1::text[])',
    [orderIds],
  );
  const earned = new Set(pointLots.rows.map((r) => r.source_txn_id));
  const redeemedOrders = accepted.flatMap((a) => (a.kind === 'redemption' ? [a.orderId] : []));
  const redemptionRows = await pool.query<{ id: string; order_id: string; total: string; reversed: boolean }>(
    `SELECT id, order_id, total, reversed_at IS NOT NULL AS reversed FROM ledger_redemptions
      WHERE order_id = ANY ($1::text[])`,
    [redeemedOrders],
  );
  const redemptions = new Map(redemptionRows.rows.map((r) => [r.order_id, r]));

  const missing: string[] = [];
  for (const a of accepted) {
    switch (a.kind) {
      case 'signup': {
        const grant = stepOf(trialJourney(a.customerId), 'grant');
        const end = stepOf(trialJourney(a.customerId), 'end');
        // A lead who ordered before the journey's first activity read their profile is no lead any more.
        if (!grant && end?.outcome !== 'not-a-lead')
          missing.push(`sign-up ${a.eventId}: no trial grant (journey end: ${end?.outcome ?? 'none'})`);
        else if (grant && trialLots.get(a.customerId) !== 1)
          missing.push(`sign-up ${a.eventId}: ${trialLots.get(a.customerId) ?? 0} trial lots, expected 1`);
        break;
      }
      case 'order': {
        if (!stepOf(pointsJourney(a.customerId), `earn:${a.orderId}`) || !earned.has(a.orderId))
          missing.push(`order ${a.orderId}: no points earned`);
        if (a.first && !stepOf(repurchaseJourney(a.customerId), 'end')) {
          // Still waiting for day 7: its state (read through the API, i.e. the worker answering a query) names the order.
          const state = await api.call(
            'GET',
            `/v1/campaigns/${CHAOS_CAMPAIGNS.repurchase}/journeys/${a.customerId}`,
            adminKey,
          );
          const firstOrderId = (state.body as { details?: { firstOrderId?: string } } | undefined)?.details
            ?.firstOrderId;
          if (state.outcome !== 200 || firstOrderId !== a.orderId)
            missing.push(
              `first order ${a.orderId}: repurchase journey not started (${String(state.outcome)})`,
            );
        }
        break;
      }
      case 'refund': {
        if (!stepOf(pointsJourney(a.customerId), `refund:${a.orderId}`))
          missing.push(`refund ${a.eventId}: points not taken back`);
        if (a.cancelsRepurchase) {
          const end = stepOf(repurchaseJourney(a.customerId), 'end');
          if (end?.outcome !== 'first-order-refunded')
            missing.push(
              `refund ${a.eventId}: repurchase journey not cancelled (end: ${end?.outcome ?? 'none'})`,
            );
        }
        const redemption = redemptions.get(a.orderId);
        if (redemption && !redemption.reversed) missing.push(`refund ${a.eventId}: redemption not reversed`);
        break;
      }
      case 'redemption': {
        const row = redemptions.get(a.orderId);
        if (!row || row.id !== a.redemptionId || Number(row.total) !== a.total)
          missing.push(`redemption ${a.redemptionId} of ${a.orderId}: not in the ledger as answered`);
        break;
      }
    }
  }
  return missing;
}

/**
 * Effects that may trail by the outbox's claim lease after a crash (an email claimed by a killed worker is resent
 * only when its lease lapses) and what waits behind them in a journey: every logged email sent and delivered, every
 * trial grant emailed, every signed-up customer's first order converting their trial journey.
 */
export async function missingDeferredEffects(
  pool: Pool,
  inbox: readonly CapturedMail[],
  accepted: readonly Accepted[],
): Promise<string[]> {
  const missing: string[] = [];
  const unsent = await pool.query<{ idempotency_key: string; claimed_s: number | null; attempts: number }>(
    `SELECT idempotency_key, extract(epoch FROM now() - claimed_at)::int AS claimed_s, attempts
       FROM email_log WHERE status <> 'sent'`,
  );
  for (const r of unsent.rows)
    missing.push(
      `email ${r.idempotency_key} not sent (claimed ${r.claimed_s ?? '-'} s ago, ${r.attempts} attempts)`,
    );
  const delivered = new Set(inbox.map((m) => m.headers['x-perkflow-idempotency-key']));
  const sent = await pool.query<{ idempotency_key: string }>(
    `SELECT idempotency_key FROM email_log WHERE status = 'sent'`,
  );
  for (const r of sent.rows)
    if (!delivered.has(r.idempotency_key))
      missing.push(`email ${r.idempotency_key} logged as sent, never delivered`);

  const customers = [...new Set(accepted.map((a) => a.customerId))];
  const steps = await journeySteps(pool, customers.map(trialJourney));
  const signedUp = new Set(accepted.flatMap((a) => (a.kind === 'signup' ? [a.customerId] : [])));
  for (const customerId of signedUp) {
    const journey = steps.get(trialJourney(customerId));
    if (journey?.has('grant') && !journey.has('email:granted'))
      missing.push(`trial grant of ${customerId}: never emailed`);
  }
  for (const a of accepted) {
    if (a.kind !== 'order' || !a.first || !signedUp.has(a.customerId)) continue;
    const end = steps.get(trialJourney(a.customerId))?.get('end');
    if (end?.outcome !== 'converted' && end?.outcome !== 'not-a-lead')
      missing.push(`first order ${a.orderId}: trial journey not converted (end: ${end?.outcome ?? 'none'})`);
  }
  return missing;
}
