import { FlowConfig } from '../workflows/journeys/flow/config';
import { flowPlugin } from '../workflows/journeys/flow/plugin';
import type { AttributeCatalog } from './attribute-catalog';
import type { EventCatalog } from './event-catalog';
import { attributeWriteIssues } from './flow-attribute-check';
import { issuePath, type ServiceIssue } from './errors';

/**
 * Checks a flow journey definition as campaign create would, without creating anything: the flow plugin's own zod
 * schema with its graph rules (workflows/journeys/flow/config.ts, validate.ts) and the event catalog for the custom
 * events it listens for. What the console's journey editor asks on every change, so its answer must be the one
 * `POST /v1/campaigns` would give.
 */
export class JourneyDefinitionValidator {
  constructor(
    private readonly eventTypes: Pick<EventCatalog, 'undeclared'>,
    private readonly attributeTypes?: Pick<AttributeCatalog, 'types'>,
  ) {}

  /** Every issue, located under the definition (`['definition', 'nodes', 3, 'next']`) and naming its node. */
  async issues(definition: unknown): Promise<ServiceIssue[]> {
    const parsed = FlowConfig.safeParse({ definition });
    if (!parsed.success) {
      return parsed.error.issues.map((issue) => {
        const path = issuePath(issue.path);
        return { path, message: namingTheNode(definition, path, issue.message), code: issue.code };
      });
    }
    const attributes = await attributeWriteIssues(
      flowPlugin.attributesOf?.(parsed.data) ?? [],
      this.attributeTypes,
      [],
    );
    const listensFor = flowPlugin.customEventsOf?.(parsed.data) ?? [];
    if (listensFor.length === 0) return attributes;
    const undeclared = new Set(await this.eventTypes.undeclared([...new Set(listensFor.map((r) => r.name))]));
    return [
      ...listensFor
        .filter((r) => undeclared.has(r.name))
        .map((r) => ({ path: r.path, message: r.message, code: 'custom' })),
      ...attributes,
    ];
  }
}

/**
 * The graph rules already say `node "<id>": …`; a shape issue (a missing `next`, an amount below one) says only what
 * is wrong, so the node's id is put in front when the path points into a node that has one.
 */
function namingTheNode(definition: unknown, path: (string | number)[], message: string): string {
  if (path[0] !== 'definition' || path[1] !== 'nodes' || typeof path[2] !== 'number') return message;
  const nodes = (definition as { nodes?: unknown } | null)?.nodes;
  const node: unknown = Array.isArray(nodes) ? nodes[path[2]] : undefined;
  const id = (node as { id?: unknown } | null | undefined)?.id;
  const prefix = typeof id === 'string' && id !== '' ? `node "${id}": ` : `node ${path[2] + 1}: `;
  return message.startsWith('node "') ? message : `${prefix}${message}`;
}
