import { z } from 'zod';
import { FlowDefinition } from './definition';
import { validateFlow } from './validate';

/**
 * A flow campaign's config: its journey graph. The graph rules (validate.ts) run as part of the schema, so a broken
 * definition is a 422 on campaign create whose issues name the node (`config.definition.nodes.3`, "node "grant": …").
 */
export const FlowConfig = z.strictObject({ definition: FlowDefinition }).superRefine((config, ctx) => {
  for (const issue of validateFlow(config.definition)) {
    ctx.addIssue({ code: 'custom', path: ['definition', ...issue.path], message: issue.message });
  }
});

export type FlowConfig = z.infer<typeof FlowConfig>;
