import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useLocale } from '../../i18n/locale';
import { useEditorCatalog } from './editor-catalog';
import { RowIssues } from './fields';
import type { FlowNodeOf } from './flow-graph';
import { SegmentTestFields, type SegmentTest } from './SegmentTestFields';

type EventPredicate = NonNullable<FlowNodeOf<'entry'>['on']>['where'][number];
type ConditionPredicate = FlowNodeOf<'condition'>['branches'][number]['when'][number];
/** Comparisons on the event or a fact; segment tests (on: segment) have their own fields (SegmentTestFields). */
type Comparison = Exclude<EventPredicate | ConditionPredicate, { on: 'segment' }>;
type Operator = EventPredicate['op'];
type Scalar = string | number | boolean;

const OPERATORS: readonly Operator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'];
const FACTS = [
  'orderCount',
  'totalSpent',
  'walletBalance',
  'daysSinceLastOrder',
  'locale',
  'tier',
  'pointsBalance',
  'referralsPaid',
  'referrer',
] as const satisfies readonly Extract<ConditionPredicate, { on: 'fact' }>['fact'][];
const TIERS = ['standard', 'silver', 'gold', 'diamond'] as const;
/** A tier is a name here (ranks are a segment test's: `tier gte silver`). */
const TIER_OPERATORS: readonly Operator[] = ['eq', 'ne', 'in', 'exists'];

/** What a value typed as text means: a number when it reads as one, true/false, else the text itself. */
function scalarOf(text: string): Scalar {
  const trimmed = text.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return text;
}

/** The same comparison under another operator, its value carried over where it still fits. */
function withOperator<P extends Comparison>(p: P, op: Operator): P {
  const old = 'value' in p ? p.value : undefined;
  const rest = { ...p } as Record<string, unknown>;
  delete rest.value;
  if (op === 'exists') return { ...rest, op } as P;
  if (op === 'in')
    return { ...rest, op, value: Array.isArray(old) ? old : old === undefined ? [] : [old] } as P;
  if (op === 'eq' || op === 'ne')
    return { ...rest, op, value: Array.isArray(old) ? (old[0] ?? '') : (old ?? '') } as P;
  return { ...rest, op, value: typeof old === 'number' ? old : 0 } as P;
}

function ValueInput({
  id,
  predicate,
  onChange,
  label,
}: {
  id: string;
  predicate: Comparison;
  onChange: (value: Scalar | Scalar[]) => void;
  label: string;
}) {
  if (predicate.op === 'exists') return null;
  // The member tier is one of four names: picked, not typed.
  if (
    'fact' in predicate &&
    predicate.fact === 'tier' &&
    (predicate.op === 'in' || predicate.op === 'eq' || predicate.op === 'ne')
  )
    return (
      <Select
        id={id}
        aria-label={label}
        style={{ minWidth: 140 }}
        mode={predicate.op === 'in' ? 'multiple' : undefined}
        value={
          predicate.op === 'in' ? (predicate.value as string[]) : (predicate.value as string) || undefined
        }
        options={TIERS.map((tier) => ({ value: tier, label: tier }))}
        onChange={(v: string | string[]) => onChange(v)}
      />
    );
  if (predicate.op === 'in')
    return (
      <Input
        id={id}
        aria-label={label}
        style={{ width: 140 }}
        value={predicate.value.join(', ')}
        onChange={(e) => onChange(e.target.value.split(',').map((v) => scalarOf(v.trim())))}
      />
    );
  if (predicate.op === 'eq' || predicate.op === 'ne')
    return (
      <Input
        id={id}
        aria-label={label}
        style={{ width: 120 }}
        value={String(predicate.value)}
        onChange={(e) => onChange(scalarOf(e.target.value))}
      />
    );
  return (
    <InputNumber
      id={id}
      aria-label={label}
      style={{ width: 120 }}
      value={predicate.value as number}
      onChange={(v) => onChange(v ?? 0)}
    />
  );
}

/**
 * The tests of an event filter (`field op value`) or of a condition branch (on the event or a fact of the customer),
 * one row each; all must hold.
 */
export function PredicateRows<P extends EventPredicate | ConditionPredicate>({
  idPrefix,
  label,
  predicates,
  onChange,
  subject,
  issuePath,
}: {
  idPrefix: string;
  label: string;
  predicates: P[];
  onChange: (next: P[]) => void;
  /** Condition tests name their subject (event, fact or segment); filters test the event's fields only. */
  subject: boolean;
  /** Where the tests sit under their node (`branches.0.when`, `on.where`): the API's issues show on each row. */
  issuePath?: string;
}) {
  const { t } = useLocale();
  const catalog = useEditorCatalog();
  const set = (i: number, p: P) => onChange(predicates.map((old, k) => (k === i ? p : old)));
  const fresh = (
    subject ? { on: 'event', field: 'amount', op: 'gte', value: 0 } : { field: 'amount', op: 'gte', value: 0 }
  ) as P;
  return (
    <Form.Item label={label}>
      {predicates.map((predicate, i) => {
        const row = `${idPrefix}-${i}`;
        const remove = (
          <Button
            aria-label={t('editor.predicate.remove')}
            onClick={() => onChange(predicates.filter((_, k) => k !== i))}
          >
            −
          </Button>
        );
        const rowPath = issuePath && `${issuePath}.${i}`;
        const onSelect = subject && (
          <Select
            aria-label={t('editor.predicate.on')}
            data-testid={`${row}-on`}
            style={{ width: 110 }}
            value={'on' in predicate ? predicate.on : 'event'}
            options={[
              { value: 'event', label: t('editor.predicate.event') },
              { value: 'fact', label: t('editor.predicate.fact') },
              { value: 'segment', label: t('editor.predicate.segment') },
            ]}
            onChange={(on: 'event' | 'fact' | 'segment') => {
              if (on === 'segment') {
                set(i, { on, segmentId: catalog.segments[0]?.segmentId ?? '', member: true } as P);
                return;
              }
              const rest = { ...predicate } as Record<string, unknown>;
              delete rest.field;
              delete rest.fact;
              delete rest.segmentId;
              delete rest.filter;
              delete rest.member;
              const op = typeof rest.op === 'string' ? rest.op : 'gte';
              set(
                i,
                (on === 'fact'
                  ? { op, value: 0, ...rest, on, fact: 'orderCount' }
                  : { op, value: 0, ...rest, on, field: 'amount' }) as P,
              );
            }}
          />
        );
        if ('on' in predicate && predicate.on === 'segment')
          return (
            <div key={i} style={{ marginBottom: 8 }}>
              <Space align="start" style={{ marginBottom: 4 }}>
                {onSelect}
                {remove}
              </Space>
              <SegmentTestFields
                id={row}
                value={predicate as SegmentTest}
                issuePath={rowPath}
                onChange={(next) => set(i, next as P)}
              />
            </div>
          );
        const p = predicate as Comparison;
        const isFact = 'on' in p && p.on === 'fact';
        const isTier = isFact && (p as { fact: string }).fact === 'tier';
        return (
          <Space key={i} wrap style={{ marginBottom: 4 }}>
            {onSelect}
            {isFact ? (
              <Select
                aria-label={t('editor.predicate.factName')}
                data-testid={`${row}-fact`}
                style={{ width: 170 }}
                value={(p as Extract<ConditionPredicate, { on: 'fact' }>).fact}
                options={FACTS.map((f) => ({ value: f, label: f }))}
                onChange={(fact) =>
                  set(
                    i,
                    (fact === 'tier'
                      ? { ...p, fact, op: 'eq', value: 'silver' }
                      : {
                          ...p,
                          fact,
                          ...(typeof (p as { value?: unknown }).value === 'string' ? { value: 0 } : {}),
                        }) as P,
                  )
                }
              />
            ) : (
              <Input
                id={`${row}-field`}
                aria-label={t('editor.predicate.field')}
                style={{ width: 120 }}
                value={(p as { field: string }).field}
                onChange={(e) => set(i, { ...p, field: e.target.value } as P)}
              />
            )}
            <Select
              aria-label={t('editor.predicate.op')}
              data-testid={`${row}-op`}
              style={{ width: 90 }}
              value={p.op}
              options={(isTier ? TIER_OPERATORS : OPERATORS).map((op) => ({ value: op, label: op }))}
              onChange={(op) => set(i, withOperator(p, op) as P)}
            />
            <ValueInput
              id={`${row}-value`}
              label={t('editor.predicate.value')}
              predicate={p}
              onChange={(value) => set(i, { ...p, value } as P)}
            />
            {remove}
            {rowPath && <RowIssues path={rowPath} />}
          </Space>
        );
      })}
      <Button size="small" onClick={() => onChange([...predicates, fresh])}>
        + {t('editor.predicate.add')}
      </Button>
    </Form.Item>
  );
}
