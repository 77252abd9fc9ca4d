import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useLocale } from '../../i18n/locale';
import type { FlowNodeOf } from './flow-graph';

type EventPredicate = NonNullable<FlowNodeOf<'entry'>['on']>['where'][number];
type ConditionPredicate = FlowNodeOf<'condition'>['branches'][number]['when'][number];
/** What the rows edit: comparisons on the event or a fact. Segment tests (on: segment) are shown as JSON for now. */
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
}: {
  idPrefix: string;
  label: string;
  predicates: P[];
  onChange: (next: P[]) => void;
  /** Condition tests name their subject (event or fact); filters test the event's fields only. */
  subject: boolean;
}) {
  const { t } = useLocale();
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
        if ('on' in predicate && predicate.on === 'segment')
          return (
            <Space key={i} wrap style={{ marginBottom: 4 }}>
              <Typography.Text code>{JSON.stringify(predicate)}</Typography.Text>
              {remove}
            </Space>
          );
        const p = predicate as Comparison;
        const isFact = 'on' in p && p.on === 'fact';
        return (
          <Space key={i} wrap style={{ marginBottom: 4 }}>
            {subject && (
              <Select
                aria-label={t('editor.predicate.on')}
                style={{ width: 100 }}
                value={isFact ? 'fact' : 'event'}
                options={[
                  { value: 'event', label: t('editor.predicate.event') },
                  { value: 'fact', label: t('editor.predicate.fact') },
                ]}
                onChange={(on) => {
                  const rest = { ...p } as Record<string, unknown>;
                  delete rest.field;
                  delete rest.fact;
                  set(
                    i,
                    (on === 'fact'
                      ? { ...rest, on, fact: 'orderCount' }
                      : { ...rest, on, field: 'amount' }) as P,
                  );
                }}
              />
            )}
            {isFact ? (
              <Select
                aria-label={t('editor.predicate.factName')}
                style={{ width: 170 }}
                value={(p as Extract<ConditionPredicate, { on: 'fact' }>).fact}
                options={FACTS.map((f) => ({ value: f, label: f }))}
                onChange={(fact) => set(i, { ...p, fact } as P)}
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
              style={{ width: 90 }}
              value={p.op}
              options={OPERATORS.map((op) => ({ value: op, label: op }))}
              onChange={(op) => set(i, withOperator(p, op) as P)}
            />
            <ValueInput
              id={`${row}-value`}
              label={t('editor.predicate.value')}
              predicate={p}
              onChange={(value) => set(i, { ...p, value } as P)}
            />
            {remove}
          </Space>
        );
      })}
      <Button size="small" onClick={() => onChange([...predicates, fresh])}>
        + {t('editor.predicate.add')}
      </Button>
    </Form.Item>
  );
}
