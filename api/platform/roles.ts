import { z } from 'zod';

/** Who calls the API (design.md, "Who uses it"). admin may do everything. */
export const ROLES = [
  'growth',
  'support',
  'support-manager',
  'finance',
  'storefront',
  'ops',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export const RoleSchema = z.enum(ROLES).meta({ id: 'Role', description: 'A role an API key holds.' });

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a caller holding `held` may use a route open to `allowed`; admin passes every role check. */
export function hasAnyRole(held: readonly Role[], allowed: readonly Role[]): boolean {
  return held.includes('admin') || held.some((r) => allowed.includes(r));
}
