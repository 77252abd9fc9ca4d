import type { AnyRouteDefinition, ApiModule } from '../../../api/platform/define-route';
import type { TestApi } from './test-api';

/** The routes the modules declare (the registry the app mounts), optionally leaving out some modules by name. */
export function declaredRoutes(
  modules: readonly ApiModule[],
  options: { exceptModules?: readonly string[] } = {},
): AnyRouteDefinition[] {
  return modules.filter((m) => !options.exceptModules?.includes(m.name)).flatMap((m) => m.routes);
}

/** `method /path/{param}`: how a declared route and an OpenAPI operation are compared. */
export function operationKey(route: Pick<AnyRouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

/** Every operation of the served OpenAPI document, as `operationKey`s. */
export async function servedOperations(api: TestApi): Promise<string[]> {
  const doc = (await api.http().get('/openapi.json')).body as { paths: Record<string, object> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
}
