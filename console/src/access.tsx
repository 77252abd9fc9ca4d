import { createContext, useContext } from 'react';
import type { Role } from './api/document';

/** The signed-in key and what its roles allow, by the API's own declaration of each operation's roles. */
export interface Access {
  name: string;
  roles: Role[];
  may(operationId: string): boolean;
}

export const AccessContext = createContext<Access | null>(null);

export function useAccess(): Access {
  const access = useContext(AccessContext);
  if (!access) throw new Error('useAccess outside a signed-in console');
  return access;
}
