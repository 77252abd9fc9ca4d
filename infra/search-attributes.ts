import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { status } from '@grpc/grpc-js';

/** The search attributes that make journeys findable in the Temporal Web UI. */
export const JOURNEY_SEARCH_ATTRIBUTES = ['CustomerId', 'CampaignId', 'JourneyType'] as const;

/**
 * Registers the journey search attributes on a server that lacks them (an external cluster, a fresh compose stack).
 * The dev server started by `npm start` gets them through --search-attribute, so this is a no-op there.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  let known = new Set<string>();
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    known = new Set([
      ...Object.keys(existing.customAttributes ?? {}),
      ...Object.keys(existing.systemAttributes ?? {}),
    ]);
  } catch (err) {
    // The time-skipping test server implements AddSearchAttributes but not ListSearchAttributes.
    if ((err as { code?: number }).code !== status.UNIMPLEMENTED) throw err;
  }
  const missing = JOURNEY_SEARCH_ATTRIBUTES.filter((name) => !known.has(name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
    ),
  });
  return missing;
}
