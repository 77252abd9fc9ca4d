/*
 * Every screen has its own URL under /console (history routing): a reload keeps the screen and a link such as
 * /console/campaigns/cmp_1 or /console/customers/c-42 opens it (after sign-in when the tab has no key yet). The API
 * serves index.html for these paths (api/platform/console-app.ts, CONSOLE_SCREENS: keep the sections in step). The
 * API key is never part of a URL.
 */

export const SECTIONS = [
  'campaigns',
  'segments',
  'tasks',
  'customers',
  'adjustments',
  'audit',
  'finance',
  'ops',
] as const;
export type Section = (typeof SECTIONS)[number];

export type Route =
  | { section: 'campaigns'; campaignId?: string; creating?: boolean; editingFlow?: boolean }
  | { section: 'customers'; customerId?: string }
  | { section: Exclude<Section, 'campaigns' | 'customers'> };

export const BASE = '/console';
/** Sub-paths of campaigns that are screens, not campaign ids. */
const NEW_CAMPAIGN = 'new';
const NEW_FLOW = 'new-flow';

/** The route a path names; null for /console itself and anything unknown (the first section the key may open). */
export function parseRoute(pathname: string): Route | null {
  if (!pathname.startsWith(`${BASE}/`)) return null;
  const [section, id, sub] = pathname
    .slice(BASE.length + 1)
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  if (!(SECTIONS as readonly string[]).includes(section ?? '')) return null;
  if (section === 'campaigns') {
    if (id === NEW_CAMPAIGN) return { section, creating: true };
    if (id === NEW_FLOW) return { section, editingFlow: true };
    if (id === undefined) return { section };
    return sub === 'edit' ? { section, campaignId: id, editingFlow: true } : { section, campaignId: id };
  }
  if (section === 'customers') return id === undefined ? { section } : { section, customerId: id };
  return { section: section as Exclude<Section, 'campaigns' | 'customers'> };
}

export function pathOf(route: Route): string {
  const id = (s: string) => encodeURIComponent(s);
  if (route.section === 'campaigns') {
    if (route.creating) return `${BASE}/campaigns/${NEW_CAMPAIGN}`;
    if (route.campaignId && route.editingFlow) return `${BASE}/campaigns/${id(route.campaignId)}/edit`;
    if (route.editingFlow) return `${BASE}/campaigns/${NEW_FLOW}`;
    if (route.campaignId) return `${BASE}/campaigns/${id(route.campaignId)}`;
  }
  if (route.section === 'customers' && route.customerId) return `${BASE}/customers/${id(route.customerId)}`;
  return `${BASE}/${route.section}`;
}
