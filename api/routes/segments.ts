import { z } from 'zod';
import type { SegmentService } from '../../services/segments';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { CreationOrderPageQuery, Id, Label, pageOf } from './schemas';

/**
 * The filter as OpenAPI shows it: an object, described in words. Its tree is recursive, which the OpenAPI generator
 * cannot follow, so the segment service checks the shape (contracts/segment-filter.ts; 400 with located issues).
 */
const FilterSchema = z.record(z.string(), z.unknown()).meta({
  description: 'A segment filter tree (see POST /v1/segments).',
  example: {
    all: [
      { attribute: 'region', op: 'eq', value: 'east' },
      { fact: 'orderCount', op: 'gte', value: 2 },
      { not: { attribute: 'tags', op: 'contains', value: 'churned' } },
      { birthday: { withinDays: 7 } },
    ],
  },
});

const SegmentSchema = z
  .object({
    segmentId: z.string(),
    name: z.string(),
    filter: FilterSchema,
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Segment' });

const PreviewSchema = z
  .object({
    count: z.number().int(),
    sample: z.array(z.string()).meta({ description: 'Up to 20 member customer ids, in id order.' }),
    asOf: z.string().meta({ description: 'The instant the facts were computed at.' }),
  })
  .meta({ id: 'SegmentPreview' });

const FILTER_DESCRIPTION =
  'A tree: {"all": [...]}, {"any": [...]}, {"not": ...}; leaves compare a profile attribute ({"attribute": "region", ' +
  '"op": "eq", "value": "east"}) or a fact ({"fact": "orderCount", "op": "gte", "value": 3}) with eq, ne, gt, gte, ' +
  'lt, lte, in (a list), exists (no value), contains (a tag in a string list, text in a string); or use a birthday ' +
  'helper ({"birthday": {"month": 4}}, {"birthday": {"withinDays": 7}}, days counted in UTC). Facts: orderCount, ' +
  'totalSpent, totalSpentLast365Days, daysSinceLastOrder, walletBalance, pointsBalance (minor units / points), tier ' +
  '(standard < silver < gold < diamond), referralsPaid. A missing attribute or fact matches no comparison but ne. ' +
  'At most 6 levels and 100 nodes. 422 invalid-segment-filter locates what is wrong: not such a tree, beyond the ' +
  'limits, an undeclared attribute, an op or value that does not fit its type.';

/** Saved audiences over profile attributes and facts, and who they hold now. */
export function createSegmentsModule(segments: SegmentService): ApiModule {
  const READERS = ['growth', 'ops'] as const;
  return defineModule({
    name: 'segments',
    description: 'Audiences: customers selected by a filter over profile attributes and computed facts.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/segments',
        operationId: 'createSegment',
        summary: 'Save a segment (a named filter)',
        description: FILTER_DESCRIPTION,
        auth: ['growth'],
        request: { body: z.strictObject({ name: Label, filter: FilterSchema }) },
        response: { status: 201, schema: SegmentSchema },
        problemStatuses: [422],
        handler: ({ body, principal }) => segments.create(body, principal?.keyId ?? null),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/segments/preview',
        operationId: 'previewSegmentFilter',
        summary: 'Count a filter that is not saved yet (a live count while editing one)',
        description:
          'The filter is checked as POST /v1/segments checks it (422 invalid-segment-filter locating each issue) and ' +
          'counted as GET /v1/segments/{id}/preview counts; nothing is written.',
        auth: READERS,
        request: { body: z.strictObject({ filter: FilterSchema }) },
        response: { status: 200, schema: PreviewSchema },
        problemStatuses: [422],
        // A question, not a change: nothing is written, and the console asks on every edit.
        audit: false,
        handler: ({ body }) => segments.previewFilter(body.filter),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/segments',
        operationId: 'listSegments',
        summary: 'The saved segments, oldest first, in pages',
        auth: READERS,
        request: { query: z.strictObject(CreationOrderPageQuery) },
        response: { status: 200, schema: pageOf(SegmentSchema) },
        problemStatuses: [422],
        handler: ({ query: { after, limit } }) => segments.page({ limit, ...(after ? { after } : {}) }),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/segments/:id',
        operationId: 'getSegment',
        summary: 'A saved segment',
        auth: READERS,
        request: { params: z.strictObject({ id: Id }) },
        response: { status: 200, schema: SegmentSchema },
        problemStatuses: [404],
        handler: ({ params }) => segments.get(params.id),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/segments/:id/preview',
        operationId: 'previewSegment',
        summary: 'How many customers a segment holds now, and up to 20 of their ids',
        description:
          'Counted by one SQL statement under a statement timeout (422 segment-too-slow when it runs out). Erased ' +
          'customers are in no segment.',
        auth: READERS,
        request: { params: z.strictObject({ id: Id }) },
        response: { status: 200, schema: PreviewSchema },
        problemStatuses: [404, 422],
        handler: ({ params }) => segments.preview(params.id),
      }),
    ],
  });
}
