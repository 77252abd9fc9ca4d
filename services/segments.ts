import { randomBytes } from 'node:crypto';
import { isCalendarDate, type AttributeType } from '../contracts/customer-attributes';
import {
  SegmentFilterBody,
  TIER_RANKS,
  type AttributeComparison,
  type FactComparison,
  type SegmentFilter,
  type SegmentOp,
} from '../contracts/segment-filter';
import { pgErrorCode } from '../lib/transaction';
import { compileSegmentFilter } from '../stores/segment-query';
import type { SegmentPreview, SegmentRecord, SegmentStore } from '../stores/segments';
import type { AttributeCatalog } from './attribute-catalog';
import { issuePath, ServiceError, type ServiceIssue } from './errors';
import { pageOrRefuse, type CreationOrderPage, type PageOf } from './paging';

/** Customer ids a preview shows at most. */
export const SEGMENT_SAMPLE_SIZE = 20;
/** How long a preview's one statement may run before Postgres cancels it. */
export const DEFAULT_SEGMENT_PREVIEW_TIMEOUT_MS = 5_000;
const QUERY_CANCELED = '57014';

type ValueKind = 'string' | 'number' | 'boolean' | 'date' | 'tier';

/** What each kind of value may be compared with, and what `in` and `contains` take. */
const OPS: Record<AttributeType | 'numeric-fact' | 'tier', readonly SegmentOp[]> = {
  string: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists', 'contains'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
  boolean: ['eq', 'ne', 'exists'],
  'string-list': ['contains', 'in', 'exists'],
  'numeric-fact': ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
  tier: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
};

/** Why `value` is not one `kind` value, or null. */
function scalarIssue(kind: ValueKind, value: unknown): string | null {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? null : 'must be a string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'must be a date YYYY-MM-DD';
    case 'tier':
      return (TIER_RANKS as readonly unknown[]).includes(value)
        ? null
        : `must be one of ${TIER_RANKS.join(', ')}`;
  }
}

/**
 * Saved audiences: a filter tree over profile attributes and computed facts, validated against the attribute catalog
 * and compiled to one parameterized SQL statement (stores/segment-query.ts) whenever it is read.
 */
export class SegmentService {
  constructor(
    private readonly store: SegmentStore,
    private readonly catalog: AttributeCatalog,
    private readonly previewTimeoutMs: number = DEFAULT_SEGMENT_PREVIEW_TIMEOUT_MS,
  ) {}

  /**
   * Saves a segment: the filter's shape and limits first, then its fit with the catalog; both 422 with issues located
   * in `body.filter` (the route's schema cannot state a recursive tree, so a body it accepts may still be refused).
   */
  async create(body: { name: string; filter: unknown }, actor: string | null): Promise<SegmentRecord> {
    const filter = await this.checked(body.filter);
    return this.store.create({
      segmentId: `seg_${randomBytes(8).toString('hex')}`,
      name: body.name,
      filter,
      createdBy: actor,
    });
  }

  /** The filter as a tree within the limits that fits the catalog, or a 422 locating each issue in `body.filter`. */
  private async checked(filter: unknown): Promise<SegmentFilter> {
    const parsed = SegmentFilterBody.safeParse(filter);
    if (!parsed.success) {
      throw new ServiceError(
        'unprocessable',
        'INVALID_SEGMENT_FILTER',
        'The filter is not a segment filter tree within the limits.',
        parsed.error.issues.map((i) => ({
          path: ['body', 'filter', ...issuePath(i.path)],
          message: i.message,
          code: i.code,
        })),
      );
    }
    await this.checkFilter(parsed.data);
    return parsed.data;
  }

  async get(segmentId: string): Promise<SegmentRecord> {
    const found = await this.store.get(segmentId);
    if (!found) throw new ServiceError('not-found', 'SEGMENT_NOT_FOUND', `No segment ${segmentId}.`);
    return found;
  }

  /** The saved segments oldest first, a page at a time. */
  async page(page: CreationOrderPage): Promise<PageOf<SegmentRecord>> {
    return pageOrRefuse(await this.store.page(page));
  }

  /** How many customers the segment holds now and the first ids; one statement under a timeout. */
  async preview(
    segmentId: string,
    asOf: string = new Date().toISOString(),
  ): Promise<SegmentPreview & { asOf: string }> {
    const segment = await this.get(segmentId);
    return this.count(segment.filter, asOf, `Segment ${segmentId}`);
  }

  /**
   * The same count for a filter not saved yet (the console's live count while a marketer edits one): checked as
   * `create` checks it (422 with located issues), nothing written.
   */
  async previewFilter(
    filter: unknown,
    asOf: string = new Date().toISOString(),
  ): Promise<SegmentPreview & { asOf: string }> {
    return this.count(await this.checked(filter), asOf, 'The filter');
  }

  private async count(
    filter: SegmentFilter,
    asOf: string,
    subject: string,
  ): Promise<SegmentPreview & { asOf: string }> {
    const compiled = compileSegmentFilter(filter, await this.catalog.types(), asOf);
    try {
      return { ...(await this.store.preview(compiled, SEGMENT_SAMPLE_SIZE, this.previewTimeoutMs)), asOf };
    } catch (err) {
      if (pgErrorCode(err) !== QUERY_CANCELED) throw err;
      throw new ServiceError(
        'unprocessable',
        'SEGMENT_TOO_SLOW',
        `${subject} took longer than ${this.previewTimeoutMs} ms to count; narrow it.`,
      );
    }
  }

  /** Refuses (422, each issue at its place in `body.filter`) undeclared attributes and ops or values that do not fit. */
  private async checkFilter(filter: SegmentFilter): Promise<void> {
    const issues = segmentFilterIssues(filter, await this.catalog.types(), ['body', 'filter']);
    if (issues.length > 0) {
      throw new ServiceError(
        'unprocessable',
        'INVALID_SEGMENT_FILTER',
        `The filter cannot be used: ${issues.map((i) => i.message).join('; ')}.`,
        issues,
      );
    }
  }
}

/**
 * Undeclared attributes and ops or values that do not fit their type, each at its place under `path`: a saved
 * segment's filter, or one a flow's condition gives inline (the same SQL runs either way).
 */
export function segmentFilterIssues(
  filter: SegmentFilter,
  types: ReadonlyMap<string, AttributeType>,
  path: (string | number)[],
): ServiceIssue[] {
  const issues: ServiceIssue[] = [];
  const walk = (f: SegmentFilter, at: (string | number)[]) => {
    if ('all' in f) return f.all.forEach((c, i) => walk(c, [...at, 'all', i]));
    if ('any' in f) return f.any.forEach((c, i) => walk(c, [...at, 'any', i]));
    if ('not' in f) return walk(f.not, [...at, 'not']);
    if ('birthday' in f) return;
    const issue = 'fact' in f ? factIssue(f) : attributeIssue(f, types.get(f.attribute));
    if (issue) issues.push({ path: at, message: issue, code: 'invalid-comparison' });
  };
  walk(filter, path);
  return issues;
}

function attributeIssue(c: AttributeComparison, type: AttributeType | undefined): string | null {
  if (!type) return `unknown attribute ${c.attribute}`;
  const kind: ValueKind = type === 'string-list' ? 'string' : type;
  return comparisonIssue(`attribute ${c.attribute} (${type})`, OPS[type], kind, c);
}

function factIssue(c: FactComparison): string | null {
  return c.fact === 'tier'
    ? comparisonIssue('fact tier', OPS.tier, 'tier', c)
    : comparisonIssue(`fact ${c.fact}`, OPS['numeric-fact'], 'number', c);
}

function comparisonIssue(
  subject: string,
  ops: readonly SegmentOp[],
  kind: ValueKind,
  c: { op: SegmentOp; value?: unknown },
): string | null {
  if (!ops.includes(c.op)) return `${subject}: ${c.op} does not apply (use ${ops.join(', ')})`;
  if (c.op === 'exists') return c.value === undefined ? null : `${subject}: exists takes no value`;
  if (c.op === 'in') {
    if (!Array.isArray(c.value) || c.value.length === 0) return `${subject}: in takes a non-empty list`;
    const bad = c.value.map((v) => scalarIssue(kind, v)).find((i) => i !== null);
    return bad ? `${subject}: each value ${bad}` : null;
  }
  const issue = scalarIssue(kind, c.value);
  return issue ? `${subject}: value ${issue}` : null;
}
