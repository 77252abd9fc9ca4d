import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { apiModules, DEFAULT_API_INFO } from '../api/app';
import { buildOpenApiDocument } from '../api/platform/openapi';
import { createProductModules } from '../api/product-modules';
import { createAuditModule } from '../api/routes/audit';
import { createApiKeysModule } from '../api/routes/keys';
import { PROJECT_ROOT } from '../infra/project-root';
import type { ProductServices } from '../services/product-services';
import type { ApiKeyStore } from '../stores/api-keys';
import type { AuditLogStore } from '../stores/audit-log';

/** The committed types of the console's API client (`npm run console:api-types` writes them). */
export const CONSOLE_API_TYPES = join(PROJECT_ROOT, 'console', 'src', 'api', 'schema.d.ts');

/**
 * Stands in for services and stores while only the route declarations are read: building the document calls none
 * of them, and a call would be a bug here, so every use throws.
 */
function inert<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_, key) => {
      if (key === 'then') return undefined;
      return new Proxy(() => undefined, {
        apply: () => {
          throw new Error(`${name}.${String(key)} called while generating the OpenAPI document`);
        },
        get: (_t, inner) => inert<object>(`${name}.${String(key)}`)[inner as never],
      });
    },
  });
}

/** The OpenAPI document the app serves (api/server.ts's modules), built from the declarations without any server. */
export function servedOpenApiDocument(): ReturnType<typeof buildOpenApiDocument> {
  const routes = [
    createApiKeysModule(inert<ApiKeyStore>('apiKeys')),
    createAuditModule(inert<AuditLogStore>('audit')),
    ...createProductModules(inert<ProductServices>('services'), new Registry()),
  ];
  return buildOpenApiDocument(apiModules({ health: { checks: {} }, routes }), DEFAULT_API_INFO);
}

/**
 * zod-to-openapi writes a nullable reference as `allOf: [{ $ref }, { type: ['object', 'null'] }]`, which
 * openapi-typescript turns into `X & (Record<string, never> | null)`, a type no value has. `anyOf: [{ $ref }, { type:
 * 'null' }]` says the same and becomes `X | null`.
 */
function nullableRefsAsUnions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableRefsAsUnions);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).map(([k, v]) => [k, nullableRefsAsUnions(v)] as const);
  const out = Object.fromEntries(entries) as Record<string, unknown>;
  const allOf = out.allOf as Record<string, unknown>[] | undefined;
  const [ref, nullable, ...rest] = allOf ?? [];
  const type = nullable?.type;
  if (
    ref?.$ref &&
    rest.length === 0 &&
    Array.isArray(type) &&
    type.includes('null') &&
    Object.keys(nullable ?? {}).length === 1
  ) {
    delete out.allOf;
    out.anyOf = [ref, { type: 'null' }];
  }
  return out;
}

/** TypeScript types of every path and schema (openapi-typescript), as the committed file holds them. */
export async function consoleApiTypes(): Promise<string> {
  // An ES module (its CommonJS build requires ES modules too): loaded by tsx here; jest runs this script as a child.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(
    nullableRefsAsUnions(servedOpenApiDocument()) as unknown as Parameters<typeof openapiTS>[0],
  );
  const header =
    "/**\n * Generated from the API's OpenAPI document by `npm run console:api-types`; do not edit.\n" +
    ' * test/console-api-types.unit.test.ts fails while this file is stale.\n */\n\n';
  // Formatted like every other file, so `prettier --check .` passes on the committed copy.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(CONSOLE_API_TYPES)) ?? {};
  return prettier.format(header + astToString(ast), { ...options, filepath: CONSOLE_API_TYPES });
}

if (require.main === module) {
  void (async () => {
    const types = await consoleApiTypes();
    // --stdout: print instead of writing (the staleness test compares it with the committed file).
    if (process.argv.includes('--stdout')) {
      process.stdout.write(types);
      return;
    }
    const before = (() => {
      try {
        return readFileSync(CONSOLE_API_TYPES, 'utf8');
      } catch {
        return '';
      }
    })();
    writeFileSync(CONSOLE_API_TYPES, types);
    console.log(
      `${CONSOLE_API_TYPES}: ${before === types ? 'unchanged' : 'written'} (${types.length} characters)`,
    );
  })();
}
