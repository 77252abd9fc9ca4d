import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyStore } from '../../stores/api-keys';
import { hashApiKey } from './api-key-material';
import { problems } from './problem';
import { hasAnyRole, isRole, type Role } from './roles';

/** The caller behind a valid, unrevoked API key. */
export interface Principal {
  keyId: string;
  name: string;
  roles: Role[];
}

/** What the credential lookup found; routes decide whether it suffices. */
export type Identity =
  | { kind: 'anonymous' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'authenticated'; principal: Principal };

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The presented key: `Authorization: Bearer <key>`, or `X-Api-Key: <key>`. */
export function presentedKey(req: Request): { key: string } | { error: string } | null {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    if (!match?.[1]) return { error: 'The Authorization header must be "Bearer <api key>".' };
    return { key: match[1] };
  }
  const headerKey = req.headers['x-api-key'];
  if (headerKey !== undefined) {
    const key = Array.isArray(headerKey) ? undefined : headerKey.trim();
    if (!key) return { error: 'The X-Api-Key header must hold exactly one API key.' };
    return { key };
  }
  return null;
}

export function identityOf(res: Response): Identity {
  return (res.locals.identity as Identity | undefined) ?? { kind: 'anonymous' };
}

export function principalOf(res: Response): Principal | null {
  const identity = identityOf(res);
  return identity.kind === 'authenticated' ? identity.principal : null;
}

/**
 * Resolves the presented credential once per request (before rate limiting, which is keyed per API key). It never
 * rejects by itself: public routes ignore credentials, protected routes call `authorize`.
 */
export function identify(store: ApiKeyStore) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const presented = presentedKey(req);
    let identity: Identity;
    if (presented === null) identity = { kind: 'anonymous' };
    else if ('error' in presented) identity = { kind: 'invalid', reason: presented.error };
    else {
      const record = await store.findByHash(hashApiKey(presented.key));
      if (!record) identity = { kind: 'invalid', reason: 'The API key is not known.' };
      else if (record.revokedAt) identity = { kind: 'invalid', reason: 'The API key has been revoked.' };
      else
        identity = {
          kind: 'authenticated',
          principal: { keyId: record.id, name: record.name, roles: record.roles.filter(isRole) },
        };
    }
    res.locals.identity = identity;
    next();
  };
}

/** 401 without a valid key, 403 when the key holds none of the roles; otherwise the principal. */
export function authorize(res: Response, allowed: readonly Role[]): Principal {
  const identity = identityOf(res);
  if (identity.kind === 'anonymous') {
    throw problems.unauthenticated('Send an API key as "Authorization: Bearer <key>" or "X-Api-Key: <key>".');
  }
  if (identity.kind === 'invalid') throw problems.unauthenticated(identity.reason);
  if (!hasAnyRole(identity.principal.roles, allowed)) {
    throw problems.forbidden(
      `This operation requires one of the roles: ${[...new Set([...allowed, 'admin'])].join(', ')}.`,
    );
  }
  return identity.principal;
}
