/**
 * Links into the Temporal Web UI (the dev server's, or TEMPORAL_UI_URL), filtered by the search attributes journeys
 * carry, so an operator goes from a customer or a campaign straight to its workflows. Null when no UI is known.
 */
export interface TemporalUiLinks {
  /** The workflows list of the namespace, filtered by a visibility query (e.g. `CustomerId = "c-42"`) if given. */
  workflows(query?: string): string;
  /**
   * One workflow: the list filtered by its id (its runs, newest first, one click from the history). The list's
   * `query` parameter is the one link form every UI version takes; a run page needs the run id as well.
   */
  workflow(workflowId: string): string;
}

export interface TemporalUiSettings {
  url: string;
  namespace: string;
}

export function temporalUiLinks(settings: TemporalUiSettings | undefined): TemporalUiLinks | null {
  if (!settings) return null;
  const base = `${settings.url.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(settings.namespace)}/workflows`;
  const workflows = (query?: string) => (query ? `${base}?query=${encodeURIComponent(query)}` : base);
  return { workflows, workflow: (workflowId) => workflows(attributeEquals('WorkflowId', workflowId)) };
}

/**
 * A visibility query for one search attribute's value. Customer and campaign ids are validated to [A-Za-z0-9._:-] and
 * journey workflow ids add only `/`; quotes and backslashes are dropped all the same, so the value cannot end the string.
 */
export function attributeEquals(
  attribute: 'CustomerId' | 'CampaignId' | 'WorkflowId',
  value: string,
): string {
  return `${attribute} = "${value.replace(/["\\]/g, '')}"`;
}
