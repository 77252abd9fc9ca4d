import { isDeepStrictEqual } from 'node:util';
import { ROLES, hasAnyRole, type Role } from '../../../api/platform/roles';
import { problemDefect, send, type RouteProbe } from './probe';
import type { TestApi } from './test-api';

export interface AuthMatrixOptions {
  /**
   * Called before and after every rejected request; the two results must be deep-equal (e.g. row counts of the
   * tables the route writes), proving a 401/403 wrote nothing.
   */
  snapshot?: () => Promise<unknown>;
}

/**
 * Sends `probe` with no key, broken keys and one key per role, and expects: 401 problem without a valid key,
 * 403 problem for roles outside `allowedRoles` (admin is always allowed), anything but 401/403 for allowed ones.
 * All mismatches are reported together.
 */
export async function expectAuthMatrix(
  api: TestApi,
  probe: RouteProbe,
  allowedRoles: readonly Role[] | 'public',
  options: AuthMatrixOptions = {},
): Promise<void> {
  const failures: string[] = [];
  const rejected = async (label: string, headers: Record<string, string>, status: 401 | 403) => {
    const before = await options.snapshot?.();
    const res = await send(api, probe, headers);
    const defect = problemDefect(res, status);
    if (defect) failures.push(`${label}: ${defect}`);
    if (options.snapshot && !isDeepStrictEqual(before, await options.snapshot())) {
      failures.push(`${label}: a rejected request changed the snapshot`);
    }
  };
  const accepted = async (label: string, headers: Record<string, string>) => {
    const res = await send(api, probe, headers);
    if (res.status === 401 || res.status === 403)
      failures.push(`${label}: status ${res.status}, expected access`);
  };

  if (allowedRoles === 'public') {
    await accepted('no key', {});
    await accepted('unknown key', { Authorization: 'Bearer pk_unknown' });
  } else {
    await rejected('no key', {}, 401);
    await rejected('unknown bearer key', { Authorization: 'Bearer pk_not_a_real_key_0000000000' }, 401);
    await rejected('unknown X-Api-Key', { 'X-Api-Key': 'pk_not_a_real_key_0000000000' }, 401);
    await rejected('revoked key', { Authorization: `Bearer ${api.revokedKey}` }, 401);
    await rejected(
      'Basic scheme',
      { Authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` },
      401,
    );
    await rejected('empty bearer', { Authorization: 'Bearer ' }, 401);
  }
  for (const role of ROLES) {
    const allowed = allowedRoles === 'public' || hasAnyRole([role], allowedRoles);
    const headers = { Authorization: `Bearer ${api.keys[role]}` };
    if (allowed) await accepted(`role ${role}`, headers);
    else await rejected(`role ${role}`, headers, 403);
  }
  if (allowedRoles !== 'public') await accepted('admin via X-Api-Key', { 'X-Api-Key': api.keys.admin });

  expect(failures).toEqual([]);
}
