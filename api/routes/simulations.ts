import { z } from 'zod';
import { SimulationRequest, SimulationResponse, SIMULATION_LIMITS } from '../../contracts/simulation';
import type { CampaignSimulationService } from '../../services/campaign-simulation';
import { Id } from '../../contracts/text';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';

/** Runs a campaign's journey ahead of time for given customer timelines, on the real workflow code, in isolation. */
export function createSimulationsModule(simulations: CampaignSimulationService): ApiModule {
  return defineModule({
    name: 'simulations',
    description: "Simulate a campaign's journey before launch: months of a customer's life in seconds.",
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/campaigns/:id/simulate',
        operationId: 'simulateCampaign',
        summary: "Simulate the campaign's journey for customer timelines",
        description:
          'Runs the genuine journey workflow of the campaign (draft, launched, paused or ended) for each timeline on ' +
          'its own time-skipping Temporal server with a scratch ledger and captured mail: the real ledger, journeys ' +
          'and mail are never touched. Each timeline answers with the step timeline, every credit and points ' +
          'movement, the rendered emails, support tasks, how each journey ended and the cost to the budget. ' +
          `Bounds: horizon ≤ ${SIMULATION_LIMITS.horizonDays} days, ≤ ${SIMULATION_LIMITS.events} events, ` +
          `≤ ${SIMULATION_LIMITS.timelines} timelines, a wall-clock limit per timeline (422 simulation-too-long). ` +
          'When every simulation environment is busy: 429 with Retry-After. The same request gives the same answer.',
        auth: ['growth', 'ops'],
        request: { params: z.object({ id: Id }), body: SimulationRequest },
        response: { status: 200, schema: SimulationResponse },
        problemStatuses: [404, 422, 429, 503],
        // It writes nothing of ours (scratch databases are thrown away): nothing to audit.
        audit: false,
        handler: ({ params, body }) => simulations.simulate(params.id, body),
      }),
    ],
  });
}
