import type { SegmentFilter } from '../../../contracts/segment-filter';
import type { FlowDefinition } from './definition';

/** A saved segment a definition's conditions test, and where (under the config). */
export interface SegmentReference {
  segmentId: string;
  path: (string | number)[];
  message: string;
}

/** Every saved segment the definition's conditions test (campaign create checks they exist). */
export function segmentReferences(def: FlowDefinition): SegmentReference[] {
  const refs: SegmentReference[] = [];
  def.nodes.forEach((n, i) => {
    if (n.type !== 'condition') return;
    n.branches.forEach((b, bi) =>
      b.when.forEach((t, ti) => {
        if (t.on === 'segment' && t.segmentId !== undefined)
          refs.push({
            segmentId: t.segmentId,
            path: ['definition', 'nodes', i, 'branches', bi, 'when', ti, 'segmentId'],
            message: `node "${n.id}": tests segment "${t.segmentId}", which does not exist`,
          });
      }),
    );
  });
  return refs;
}

/** A segment filter a definition's conditions give inline, and where (its attributes are checked against the catalog). */
export interface InlineSegmentFilter {
  filter: SegmentFilter;
  path: (string | number)[];
  nodeId: string;
}

/** Every inline segment filter of the definition's conditions. */
export function inlineSegmentFilters(def: FlowDefinition): InlineSegmentFilter[] {
  const found: InlineSegmentFilter[] = [];
  def.nodes.forEach((n, i) => {
    if (n.type !== 'condition') return;
    n.branches.forEach((b, bi) =>
      b.when.forEach((t, ti) => {
        if (t.on === 'segment' && t.filter !== undefined)
          found.push({
            filter: t.filter as SegmentFilter,
            path: ['definition', 'nodes', i, 'branches', bi, 'when', ti, 'filter'],
            nodeId: n.id,
          });
      }),
    );
  });
  return found;
}
