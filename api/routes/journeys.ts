import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import type { JourneyClient } from '../../services/journey-client';
import { journeyWorkflowId } from '../../workflows/shared/definitions';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { problems } from '../platform/problem';
import { Id } from './schemas';

export const JourneyStateSchema = z
  .object({
    workflowId: z.string(),
    journeyType: z.string(),
    campaignId: z.string(),
    customerId: z.string(),
    status: z.string(),
    step: z.string(),
    nextWakeAt: z.string().optional(),
    history: z.array(z.object({ at: z.string(), step: z.string(), note: z.string().optional() })),
    outcome: z.string().optional(),
    failure: z
      .object({
        activity: z.string().optional(),
        afterStep: z.string(),
        reason: z.string(),
        released: z.array(z.string()),
        supportTaskId: z.number().int().optional(),
        unfinished: z.array(z.string()).optional(),
      })
      .optional()
      .meta({
        description:
          'Why a `failed` journey failed: the step, a reason code (never a message) and what it gave back.',
      }),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'JourneyState' });

/** Where a customer is in a journey, read through the workflow's journeyState query. */
export function createJourneysModule(journeys: JourneyClient): ApiModule {
  const read = async (workflowId: string) => {
    try {
      return { workflowId, ...(await journeys.state(workflowId)) };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw problems.notFound(`No journey ${workflowId}.`);
      throw err;
    }
  };
  const READERS = ['ops', 'growth', 'support', 'support-manager'] as const;
  return defineModule({
    name: 'journeys',
    description: 'Journey state (the same data ops see in the Temporal Web UI).',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/campaigns/:id/journeys/:customerId',
        operationId: 'getCustomerJourney',
        summary: 'The state of one customer’s journey in a campaign',
        auth: READERS,
        request: { params: z.strictObject({ id: Id, customerId: Id }) },
        response: { status: 200, schema: JourneyStateSchema },
        problemStatuses: [404],
        handler: ({ params }) => read(journeyWorkflowId(params.id, params.customerId)),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/journeys',
        operationId: 'getJourney',
        summary: 'The state of a journey by workflow id (e.g. a compensation request)',
        auth: READERS,
        request: {
          query: z.strictObject({
            workflowId: z
              .string()
              .min(1)
              .max(400)
              .regex(/^journey\/[A-Za-z0-9._:/-]+$/, 'must be a journey workflow id'),
          }),
        },
        response: { status: 200, schema: JourneyStateSchema },
        problemStatuses: [404],
        handler: ({ query }) => read(query.workflowId),
      }),
    ],
  });
}
