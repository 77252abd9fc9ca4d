import { z } from 'zod';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { problems } from '../platform/problem';
import { ROLES, RoleSchema } from '../platform/roles';

const MeSchema = z
  .object({
    keyId: z.string(),
    name: z.string(),
    roles: z.array(RoleSchema),
  })
  .meta({
    id: 'Me',
    description: 'The API key that made the request: its id, name and roles (never its secret).',
  });

/**
 * Who am I: a client (the console) asks which roles the key it holds has, to show only what that key may do. The API
 * still checks every call; this answer only shapes the navigation.
 */
export function createMeModule(): ApiModule {
  return defineModule({
    name: 'me',
    description: 'The calling API key.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/me',
        operationId: 'getMe',
        summary: 'The calling API key: name and roles',
        auth: ROLES,
        response: { status: 200, schema: MeSchema },
        handler: async ({ principal }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          return { keyId: principal.keyId, name: principal.name, roles: principal.roles };
        },
      }),
    ],
  });
}
