/**
 * Links into the Temporal Web UI (the dev server's, or TEMPORAL_UI_URL), filtered by the search attributes journeys
 * carry, so an operator goes from a customer or a campaign straight to its workflows. Null when no UI is known.
 */
export interface TemporalUiLinks {
  /** The workflows list of the namespace, filtered by a visibility query (e.g. `CustomerId = "c-42"`) if given. */
  workflows(query?: string): string;
  /** One workflow's page (its latest run). */
  workflow(workflowId: string): string;
}

export interface TemporalUiSettings {
  url: string;
  namespace: string;
}

export function temporalUiLinks(settings: TemporalUiSettings | undefined): TemporalUiLinks | null {
  if (!settings) return null;
  const base = `${settings.url.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(settings.namespace)}/workflows`;
  return {
    workflows: (query) => (query ? `${base}?query=${encodeURIComponent(query)}` : base),
    workflow: (workflowId) => `${base}/${encodeURIComponent(workflowId)}`,
  };
}

/** A visibility query for one search attribute's value; ids are validated to [A-Za-z0-9._:-], so no quoting issues. */
export function attributeEquals(attribute: 'CustomerId' | 'CampaignId', value: string): string {
  return `${attribute} = "${value.replace(/["\\]/g, '')}"`;
}
