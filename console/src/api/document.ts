import type { RJSFSchema } from '@rjsf/utils';
import type { components } from './schema';

export type Role = components['schemas']['Role'];

interface Operation {
  operationId?: string;
  'x-required-roles'?: string[];
}

/** The parts of /openapi.json the console reads at run time: who may call what, and the request schemas. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, RJSFSchema> };
}

/**
 * The API's own document (public). The console reads roles and form schemas from it rather than repeating them, so
 * a route's roles or a plugin's config change in one place. `no-cache`: always asked again, but with the cached copy's
 * ETag, so an unchanged document is a 304 (a new API version has a new tag).
 */
export async function loadOpenApiDocument(): Promise<OpenApiDocument> {
  const res = await fetch('/openapi.json', { credentials: 'omit', cache: 'no-cache' });
  if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

/** The roles that may call each operation (admin may call all). */
export function rolesByOperation(doc: OpenApiDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      if (op.operationId) out.set(op.operationId, op['x-required-roles'] ?? []);
    }
  }
  return out;
}

/** Whether a key holding `held` may call the operation, by the document's declaration (the API still checks). */
export function mayCall(roles: Map<string, string[]>, held: readonly Role[], operationId: string): boolean {
  if (held.includes('admin')) return true;
  const allowed = roles.get(operationId);
  return allowed !== undefined && held.some((r) => allowed.includes(r));
}

/** One create-campaign body schema per journey plugin: journey type → the schema (with the document's components). */
export function campaignFormSchemas(doc: OpenApiDocument): Map<string, RJSFSchema> {
  const out = new Map<string, RJSFSchema>();
  const union = doc.components.schemas.CreateCampaign?.oneOf ?? [];
  for (const option of union) {
    if (typeof option !== 'object' || !option.$ref) continue;
    const name = option.$ref.split('/').pop() ?? '';
    const schema = doc.components.schemas[name];
    const journeyType = (schema?.properties?.journeyType as RJSFSchema | undefined)?.enum?.[0];
    if (schema && typeof journeyType === 'string') {
      // $refs inside point at #/components/...: the form's root schema carries the components they resolve in.
      out.set(journeyType, { ...schema, components: doc.components } as RJSFSchema);
    }
  }
  return out;
}
