import { z } from 'zod';
import type { JourneyDefinitionValidator } from '../../services/journey-definitions';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { problems } from '../platform/problem';

/** Checking a flow journey definition before it becomes a campaign (the console's journey editor, live). */
export function createJourneyDefinitionsModule(validator: JourneyDefinitionValidator): ApiModule {
  return defineModule({
    name: 'journey-definitions',
    description: 'Flow journey definitions checked without creating a campaign.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/journey-definitions/validate',
        operationId: 'validateJourneyDefinition',
        summary: 'Check a flow journey definition',
        description:
          'Runs the checks `POST /v1/campaigns` runs on a flow campaign’s `config.definition` (the flow schema, ' +
          'the graph rules: one entry, every node reachable, every path ends, no loop without a wait, references, ' +
          'amounts; custom events declared in the catalog) and creates nothing. 200 `{valid: true}`, or 422 whose ' +
          'errors locate each issue (`body.definition.nodes.3.next`) and name the node in the message. Any ' +
          'object is accepted as the definition so that a half-built graph gets every issue as a 422, not a 400.',
        auth: ['growth', 'ops'],
        request: {
          body: z.strictObject({
            definition: z.record(z.string(), z.unknown()).meta({
              description:
                'A flow definition: `config.definition` of a `flow` campaign (Create_flowJourney_Campaign).',
              example: {
                nodes: [
                  { id: 'start', type: 'entry', on: { type: 'signed_up' }, next: 'done' },
                  { id: 'done', type: 'exit', outcome: 'finished' },
                ],
              },
            }),
          }),
        },
        response: { status: 200, schema: z.object({ valid: z.literal(true) }) },
        problemStatuses: [422],
        // A question, not a change: nothing is written, and the editor asks on every edit.
        audit: false,
        handler: async ({ body }) => {
          const issues = await validator.issues(body.definition);
          if (issues.length > 0) {
            throw problems.unprocessable(
              `The definition breaks ${issues.length} rule${issues.length === 1 ? '' : 's'} of a flow journey.`,
              'invalid-journey-definition',
              issues.map((i) => ({ ...i, path: ['body', ...i.path] })),
            );
          }
          return { valid: true as const };
        },
      }),
    ],
  });
}
