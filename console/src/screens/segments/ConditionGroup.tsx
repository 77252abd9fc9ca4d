import { Button, Card, Checkbox, Input, Select, Space } from 'antd';
import { useLocale } from '../../i18n/locale';
import {
  FACTS,
  kindOf,
  newCondition,
  newGroup,
  opsFor,
  TIERS,
  type AttributeType,
  type Condition,
  type Group,
} from './segment-model';

/** Groups nest at most this deep (the API allows 6 levels; a negated group counts twice). */
const MAX_DEPTH = 3;

/** One group of the builder: all / any of its conditions and groups, optionally negated. */
export function ConditionGroup({
  group,
  types,
  depth,
  path,
  onChange,
  onRemove,
}: {
  group: Group;
  types: ReadonlyMap<string, AttributeType>;
  depth: number;
  /** A test id prefix: `g`, `g-1`, `g-1-0` (the item indexes from the top group). */
  path: string;
  onChange: (next: Group) => void;
  onRemove?: () => void;
}) {
  const { t } = useLocale();
  const setItem = (i: number, next: Condition | Group | null) =>
    onChange({
      ...group,
      items:
        next === null
          ? group.items.filter((_, k) => k !== i)
          : group.items.map((x, k) => (k === i ? next : x)),
    });
  return (
    <Card
      size="small"
      data-testid={`segment-${path}`}
      style={{ marginBottom: 8, background: depth % 2 ? '#fafafa' : undefined }}
      title={
        <Space wrap>
          <Select
            aria-label={t('segments.match')}
            data-testid={`segment-${path}-match`}
            value={group.match}
            style={{ width: 160 }}
            onChange={(match: Group['match']) => onChange({ ...group, match })}
            options={[
              { value: 'all', label: t('segments.match.all') },
              { value: 'any', label: t('segments.match.any') },
            ]}
          />
          <Checkbox checked={group.negate} onChange={(e) => onChange({ ...group, negate: e.target.checked })}>
            {t('segments.not')}
          </Checkbox>
        </Space>
      }
      extra={
        onRemove && (
          <Button size="small" onClick={onRemove}>
            {t('segments.remove')}
          </Button>
        )
      }
    >
      {group.items.map((item, i) =>
        item.kind === 'group' ? (
          <ConditionGroup
            key={item.key}
            group={item}
            types={types}
            depth={depth + 1}
            path={`${path}-${i}`}
            onChange={(next) => setItem(i, next)}
            onRemove={() => setItem(i, null)}
          />
        ) : (
          <ConditionRow
            key={item.key}
            condition={item}
            types={types}
            path={`${path}-${i}`}
            onChange={(next) => setItem(i, next)}
            onRemove={group.items.length > 1 ? () => setItem(i, null) : undefined}
          />
        ),
      )}
      <Space>
        <Button
          size="small"
          data-testid={`segment-${path}-add`}
          onClick={() => onChange({ ...group, items: [...group.items, newCondition()] })}
        >
          {t('segments.addCondition')}
        </Button>
        {depth < MAX_DEPTH && (
          <Button
            size="small"
            data-testid={`segment-${path}-add-group`}
            onClick={() => onChange({ ...group, items: [...group.items, newGroup()] })}
          >
            {t('segments.addGroup')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

function ConditionRow({
  condition: c,
  types,
  path,
  onChange,
  onRemove,
}: {
  condition: Condition;
  types: ReadonlyMap<string, AttributeType>;
  path: string;
  onChange: (next: Condition) => void;
  onRemove: (() => void) | undefined;
}) {
  const { t } = useLocale();
  const kind = kindOf(c, types);
  const ops = opsFor(kind);
  const fields =
    c.subject === 'fact'
      ? FACTS.map((f) => ({ value: f, label: f }))
      : c.subject === 'attribute'
        ? [...types].map(([name, type]) => ({ value: name, label: `${name} (${type})` }))
        : [
            { value: 'withinDays', label: t('segments.birthdayWithin', { n: 'N' }) },
            { value: 'month', label: t('segments.birthdayMonth') },
          ];
  const setSubject = (subject: Condition['subject']) => {
    const field =
      subject === 'fact'
        ? 'orderCount'
        : subject === 'attribute'
          ? ([...types.keys()][0] ?? '')
          : 'withinDays';
    onChange({
      ...c,
      subject,
      field,
      op: subject === 'attribute' ? 'eq' : 'gte',
      value: subject === 'birthday' ? '7' : '',
    });
  };
  return (
    <Space wrap style={{ marginBottom: 8 }} data-testid={`segment-${path}`}>
      <Select
        aria-label={t('segments.subject')}
        data-testid={`segment-${path}-subject`}
        value={c.subject}
        style={{ width: 110 }}
        onChange={setSubject}
        options={(['attribute', 'fact', 'birthday'] as const).map((s) => ({
          value: s,
          label: t(`segments.subject.${s}`),
        }))}
      />
      <Select
        aria-label={t('segments.field')}
        data-testid={`segment-${path}-field`}
        value={c.field}
        style={{ width: 200 }}
        showSearch
        onChange={(field: string) => {
          const next = { ...c, field };
          const nextOps = opsFor(kindOf(next, types));
          onChange(nextOps.includes(c.op) ? next : { ...next, op: nextOps[0]! });
        }}
        options={fields}
      />
      {c.subject !== 'birthday' && (
        <Select
          aria-label={t('segments.op')}
          data-testid={`segment-${path}-op`}
          value={c.op}
          style={{ width: 110 }}
          onChange={(op: Condition['op']) => onChange({ ...c, op })}
          options={ops.map((op) => ({ value: op, label: op }))}
        />
      )}
      {c.op !== 'exists' &&
        (kind === 'tier' && c.op !== 'in' ? (
          <Select
            aria-label={t('segments.value')}
            value={c.value || undefined}
            style={{ width: 140 }}
            onChange={(value: string) => onChange({ ...c, value })}
            options={TIERS.map((tier) => ({ value: tier, label: tier }))}
          />
        ) : (
          <Input
            aria-label={t('segments.value')}
            data-testid={`segment-${path}-value`}
            value={c.value}
            style={{ width: 160 }}
            placeholder={
              c.op === 'in' ? t('segments.valueListHelp') : kind === 'date' ? 'YYYY-MM-DD' : undefined
            }
            onChange={(e) => onChange({ ...c, value: e.target.value })}
          />
        ))}
      {onRemove && (
        <Button size="small" onClick={onRemove} aria-label={t('segments.remove')}>
          ×
        </Button>
      )}
    </Space>
  );
}
