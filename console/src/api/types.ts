import type { paths } from './schema';

/** The JSON a GET answers with on 200, straight from the generated paths (what the client's `data` is). */
export type GetJson<P extends keyof paths> = paths[P]['get'] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
