import { z } from 'zod';
import type { JourneyTemplates } from '../../services/journey-templates';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';

const JourneyTemplateSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    title: z.string(),
    description: z.string(),
    seedPlan: z.string(),
    journeyType: z.literal('flow'),
    eventTypes: z.array(
      z.object({
        name: z.string(),
        description: z.string().optional(),
        propertiesSchema: z.record(z.string(), z.unknown()),
      }),
    ),
    config: z.unknown().meta({ description: 'The config of a flow campaign (POST /v1/campaigns).' }),
    audience: z
      .object({ name: z.string(), filter: z.unknown(), enrolExisting: z.boolean() })
      .optional()
      .meta({
        description:
          'The audience the template is meant for: create it with POST /v1/segments ({name, filter}) and give its id ' +
          'as the campaign’s `audience` (with `enrolExisting` as given).',
      }),
  })
  .meta({ id: 'JourneyTemplate' });

/** Ready journey definitions (journey-templates/*.json in the repo): data a marketer starts a flow campaign from. */
export function createJourneyTemplatesModule(templates: JourneyTemplates): ApiModule {
  return defineModule({
    name: 'journey-templates',
    description: 'Ready flow definitions to start a campaign from.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/journey-templates',
        operationId: 'listJourneyTemplates',
        summary: 'List the journey templates',
        description:
          'Each is a complete `flow` campaign config: declare its eventTypes (PUT /v1/event-types/{name}), then ' +
          'POST /v1/campaigns with journeyType "flow" and the config (edited to taste) and a budget.',
        auth: ['growth', 'ops'],
        response: { status: 200, schema: z.object({ items: z.array(JourneyTemplateSchema) }) },
        handler: async () => ({
          items: templates.list().map((t) => ({ ...t, journeyType: 'flow' as const })),
        }),
      }),
    ],
  });
}
