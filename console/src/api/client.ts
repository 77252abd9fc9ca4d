import createClient, { type Middleware } from 'openapi-fetch';
import { readApiKey } from '../session';
import type { paths } from './schema';

/** Adds the signed-in key as a header to every call (unless the call set its own, as sign-in does). */
const authorization: Middleware = {
  onRequest({ request }) {
    const key = readApiKey();
    if (key && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${key}`);
    return request;
  },
};

/** The typed client of this API: paths, parameters and bodies come from schema.d.ts, generated from /openapi.json. */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'omit',
  cache: 'no-store',
});
api.use(authorization);
