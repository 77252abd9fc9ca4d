import type { Pool } from 'pg';
import { membership, segmentFilter } from '../stores/segment-members';
import type { SegmentFilter } from '../contracts/segment-filter';

/**
 * Which of a few audiences (segment ids) a customer is in now: what the event router asks once per event, for the
 * campaigns whose journey the event would start. Segments are immutable once saved, so their filters are kept.
 */
export class AudienceMembership {
  private readonly filters = new Map<string, Promise<SegmentFilter | null>>();

  constructor(private readonly pool: Pool) {}

  async of(customerId: string, segmentIds: readonly string[], asOf: string): Promise<Set<string>> {
    const filters = new Map<string, SegmentFilter | null>();
    for (const id of new Set(segmentIds)) filters.set(id, await this.filter(id));
    if (filters.size === 0) return new Set();
    const answers = await membership(this.pool, customerId, filters, asOf);
    return new Set(Object.entries(answers).flatMap(([id, inside]) => (inside ? [id] : [])));
  }

  private filter(segmentId: string): Promise<SegmentFilter | null> {
    let found = this.filters.get(segmentId);
    if (!found) {
      found = segmentFilter(this.pool, segmentId);
      this.filters.set(segmentId, found);
      // A failed read (or a segment not there yet) is not kept.
      found.then(
        (f) => f === null && this.filters.delete(segmentId),
        () => this.filters.delete(segmentId),
      );
    }
    return found;
  }
}
