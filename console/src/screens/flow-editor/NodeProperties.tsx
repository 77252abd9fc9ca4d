import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { money, toMinor } from '../../format';
import { useLocale } from '../../i18n/locale';
import { connect, exitsOf, type FlowNode, type FlowNodeOf } from './flow-graph';
import { PredicateRows } from './PredicateRows';
import { PointsFields, SetAttributeFields } from './ActionFields';
import { EmailCopyFields, EMPTY_EMAIL_COPY } from './EmailCopyFields';
import { EntryFields } from './EntryFields';
import { EventMatcherFields } from './EventMatcherFields';
import { Field, TimeOfDayInput, TIME_ZONES } from './fields';
import { NodeIssuesContext } from './editor-catalog';
import type { DefinitionIssue } from './use-live-validation';

type Duration = NonNullable<FlowNodeOf<'wait'>['for']>;
/** The lot kinds the ledger has (a flow grant may give any of them). */
const CREDIT_KINDS = ['cash', 'threshold', 'rebate', 'percent', 'shipping', 'gift'] as const;
const NODE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Days, hours and minutes of a duration, each optional (the API wants more than zero in total). */
function DurationFields({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: Duration | undefined;
  onChange: (d: Duration) => void;
}) {
  const { t } = useLocale();
  const unit = (key: keyof Duration) => (
    <InputNumber
      id={`${id}-${key}`}
      aria-label={`${label} · ${t(`editor.duration.${key}`)}`}
      min={0}
      precision={0}
      style={{ width: 120 }}
      addonAfter={t(`editor.duration.${key}`)}
      value={value?.[key]}
      onChange={(v) => {
        const next = { ...value };
        if (v === null || v === undefined) delete next[key];
        else next[key] = v;
        onChange(next);
      }}
    />
  );
  return (
    <Form.Item label={label} htmlFor={`${id}-days`} style={{ marginBottom: 12 }}>
      <Space wrap>
        {unit('days')}
        {unit('hours')}
        {unit('minutes')}
      </Space>
    </Form.Item>
  );
}

/** An amount typed in currency units (10.50), kept in minor units (1050) as the API takes it. */
function MoneyInput({
  id,
  value,
  onChange,
  label,
}: {
  id: string;
  value: number | undefined;
  onChange: (minor: number | undefined) => void;
  label?: string;
}) {
  return (
    <InputNumber
      id={id}
      aria-label={label}
      min={0.01}
      step={1}
      precision={2}
      style={{ width: 160 }}
      value={value === undefined ? undefined : Number(money(value))}
      onChange={(v) => onChange(v === null || v === undefined ? undefined : toMinor(v))}
    />
  );
}

/** The node's own fields, by type. */
function TypeFields({ node, onChange }: { node: FlowNode; onChange: (n: FlowNode) => void }) {
  const { t } = useLocale();
  const id = 'prop';
  switch (node.type) {
    case 'entry':
      return <EntryFields node={node} onChange={onChange} />;
    case 'waitFor':
      return (
        <>
          <EventMatcherFields
            id={`${id}-on`}
            value={node.on}
            path="on"
            onChange={(on) => onChange({ ...node, on })}
          />
          <DurationFields
            id={`${id}-timeout`}
            label={t('editor.field.timeout')}
            value={node.timeout}
            onChange={(timeout) => onChange({ ...node, timeout })}
          />
        </>
      );
    case 'wait': {
      const mode = node.at !== undefined ? 'at' : node.until !== undefined ? 'until' : 'for';
      return (
        <>
          <Field id={`${id}-waitMode`} label={t('editor.field.waitMode')}>
            <Select
              id={`${id}-waitMode`}
              value={mode}
              options={[
                { value: 'for', label: t('editor.field.waitFor') },
                { value: 'until', label: t('editor.field.until') },
                { value: 'at', label: t('editor.field.at') },
              ]}
              onChange={(next) => {
                const rest = { ...node };
                delete rest.for;
                delete rest.until;
                delete rest.at;
                onChange(
                  next === 'until'
                    ? { ...rest, until: '' }
                    : next === 'at'
                      ? { ...rest, at: { time: '10:00', timezone: 'Asia/Shanghai' } }
                      : { ...rest, for: { days: 1 } },
                );
              }}
            />
          </Field>
          {mode === 'until' && (
            <Field id={`${id}-until`} label={t('editor.field.until')} path="until">
              <DatePicker
                id={`${id}-until`}
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                value={node.until && dayjs(node.until).isValid() ? dayjs(node.until) : null}
                onChange={(at) => onChange({ ...node, until: at ? at.second(0).format() : '' })}
              />
            </Field>
          )}
          {mode === 'at' && node.at && (
            <>
              <Field id={`${id}-at`} label={t('editor.field.at')} path="at.time">
                <TimeOfDayInput
                  id={`${id}-at`}
                  value={node.at.time}
                  onChange={(time) => onChange({ ...node, at: { ...node.at!, time } })}
                />
              </Field>
              <Field id={`${id}-timezone`} label={t('editor.field.timezone')} path="at.timezone">
                <Select
                  id={`${id}-timezone`}
                  showSearch
                  value={node.at.timezone ?? 'UTC'}
                  options={TIME_ZONES.map((tz) => ({ value: tz, label: tz }))}
                  onChange={(timezone: string) => onChange({ ...node, at: { ...node.at!, timezone } })}
                />
              </Field>
            </>
          )}
          {mode === 'for' && (
            <DurationFields
              id={`${id}-for`}
              label={t('editor.field.waitFor')}
              value={node.for}
              onChange={(d) => onChange({ ...node, for: d })}
            />
          )}
        </>
      );
    }
    case 'condition':
      return (
        <>
          {node.branches.map((branch, i) => (
            <PredicateRows
              key={i}
              idPrefix={`${id}-branch-${i}`}
              label={t('editor.field.branch', { n: i + 1 })}
              predicates={branch.when}
              subject
              issuePath={`branches.${i}.when`}
              onChange={(when) =>
                onChange({ ...node, branches: node.branches.map((b, k) => (k === i ? { ...b, when } : b)) })
              }
            />
          ))}
          <Space style={{ marginBottom: 12 }}>
            <Button
              size="small"
              onClick={() =>
                onChange({
                  ...node,
                  branches: [
                    ...node.branches,
                    {
                      when: [{ on: 'fact', fact: 'orderCount', op: 'gte', value: 1 }],
                    } as (typeof node.branches)[number],
                  ],
                })
              }
            >
              + {t('editor.field.addBranch')}
            </Button>
            {node.branches.length > 1 && (
              <Button
                size="small"
                onClick={() => onChange({ ...node, branches: node.branches.slice(0, -1) })}
              >
                − {t('editor.field.removeBranch')}
              </Button>
            )}
          </Space>
        </>
      );
    case 'split':
      return (
        <Form.Item label={t('editor.field.cohorts')}>
          {node.cohorts.map((c, i) => {
            const set = (patch: Partial<typeof c>) =>
              onChange({
                ...node,
                cohorts: node.cohorts.map((old, k) => (k === i ? { ...old, ...patch } : old)),
              });
            return (
              <Space key={i} wrap style={{ marginBottom: 4 }}>
                <Input
                  aria-label={t('editor.field.cohortName', { n: i + 1 })}
                  style={{ width: 120 }}
                  value={c.name}
                  onChange={(e) => set({ name: e.target.value })}
                />
                <InputNumber
                  aria-label={t('editor.field.cohortWeight', { n: i + 1 })}
                  min={1}
                  precision={0}
                  value={c.weight}
                  onChange={(v) => set({ weight: v ?? 1 })}
                />
                <Checkbox checked={c.holdout} onChange={(e) => set({ holdout: e.target.checked })}>
                  {t('editor.field.holdout')}
                </Checkbox>
              </Space>
            );
          })}
          <Space>
            <Button
              size="small"
              onClick={() =>
                onChange({
                  ...node,
                  cohorts: [
                    ...node.cohorts,
                    {
                      name: `cohort-${node.cohorts.length + 1}`,
                      weight: 10,
                      holdout: false,
                    } as (typeof node.cohorts)[number],
                  ],
                })
              }
            >
              + {t('editor.field.addCohort')}
            </Button>
            {node.cohorts.length > 2 && (
              <Button size="small" onClick={() => onChange({ ...node, cohorts: node.cohorts.slice(0, -1) })}>
                − {t('editor.field.removeCohort')}
              </Button>
            )}
          </Space>
        </Form.Item>
      );
    case 'grantCredit': {
      const amountMode = 'fixed' in node.amount ? 'fixed' : 'byTier' in node.amount ? 'tier' : 'rate';
      const amount = node.amount;
      return (
        <>
          <Field id={`${id}-amountKind`} label={t('editor.field.amountKind')}>
            <Select
              id={`${id}-amountKind`}
              value={amountMode}
              options={[
                { value: 'fixed', label: t('editor.field.fixed') },
                { value: 'rate', label: t('editor.field.rate') },
                { value: 'tier', label: t('editor.field.byTier') },
              ]}
              onChange={(v) =>
                onChange({
                  ...node,
                  amount:
                    v === 'fixed'
                      ? { fixed: 1000 }
                      : v === 'tier'
                        ? { byTier: { silver: 3000, gold: 5000, diamond: 10000 } }
                        : { rateOf: { field: 'amount', basisPoints: 500, cap: 5000 } },
                })
              }
            />
          </Field>
          {'byTier' in amount &&
            (['none', 'standard', 'silver', 'gold', 'diamond'] as const).map((tier) => (
              <Field key={tier} id={`${id}-tier-${tier}`} label={t('editor.field.tierAmount', { tier })}>
                <MoneyInput
                  id={`${id}-tier-${tier}`}
                  value={amount.byTier[tier]}
                  onChange={(v) => {
                    const byTier = { ...amount.byTier };
                    if (v === undefined) delete byTier[tier];
                    else byTier[tier] = v;
                    onChange({ ...node, amount: { byTier } });
                  }}
                />
              </Field>
            ))}
          {'fixed' in amount ? (
            <Field id={`${id}-amount`} label={t('editor.field.amount')} path="amount">
              <MoneyInput
                id={`${id}-amount`}
                value={amount.fixed}
                onChange={(v) => onChange({ ...node, amount: { fixed: v ?? 0 } })}
              />
            </Field>
          ) : !('rateOf' in amount) ? null : (
            <>
              <Field id={`${id}-rateField`} label={t('editor.field.rateField')}>
                <Input
                  id={`${id}-rateField`}
                  value={amount.rateOf.field}
                  onChange={(e) =>
                    'rateOf' in node.amount &&
                    onChange({
                      ...node,
                      amount: { rateOf: { ...node.amount.rateOf, field: e.target.value } },
                    })
                  }
                />
              </Field>
              <Field id={`${id}-rate`} label={t('editor.field.ratePercent')}>
                <InputNumber
                  id={`${id}-rate`}
                  min={0.01}
                  max={100}
                  precision={2}
                  value={amount.rateOf.basisPoints / 100}
                  onChange={(v) =>
                    'rateOf' in node.amount &&
                    onChange({
                      ...node,
                      amount: { rateOf: { ...node.amount.rateOf, basisPoints: Math.round((v ?? 0) * 100) } },
                    })
                  }
                />
              </Field>
              <Field id={`${id}-cap`} label={t('editor.field.cap')}>
                <MoneyInput
                  id={`${id}-cap`}
                  value={amount.rateOf.cap}
                  onChange={(v) =>
                    'rateOf' in node.amount &&
                    onChange({ ...node, amount: { rateOf: { ...node.amount.rateOf, cap: v ?? 0 } } })
                  }
                />
              </Field>
            </>
          )}
          <Field id={`${id}-kind`} label={t('editor.field.kind')} path="kind">
            <Select
              id={`${id}-kind`}
              value={node.kind}
              options={CREDIT_KINDS.map((k) => ({ value: k, label: k }))}
              onChange={(kind) => {
                // Each kind's own terms: a percent coupon's rate, a gift item's SKU; others drop them.
                const rest = { ...node };
                delete rest.percentBp;
                delete rest.giftSku;
                onChange({
                  ...rest,
                  kind,
                  ...(kind === 'percent' ? { percentBp: node.percentBp ?? 1000 } : {}),
                  ...(kind === 'gift' ? { giftSku: node.giftSku ?? '' } : {}),
                  ...(kind === 'gift' || kind === 'shipping' ? { scope: { type: 'all' as const } } : {}),
                });
              }}
            />
          </Field>
          {node.kind === 'percent' && (
            <Field id={`${id}-percentOff`} label={t('editor.field.percentOff')} path="percentBp">
              <InputNumber
                id={`${id}-percentOff`}
                min={0.01}
                max={100}
                precision={2}
                addonAfter="%"
                value={node.percentBp === undefined ? undefined : node.percentBp / 100}
                onChange={(v) => onChange({ ...node, percentBp: Math.round((v ?? 0) * 100) })}
              />
            </Field>
          )}
          {node.kind === 'gift' && (
            <Field id={`${id}-giftSku`} label={t('editor.field.giftSku')} path="giftSku">
              <Input
                id={`${id}-giftSku`}
                value={node.giftSku}
                onChange={(e) => onChange({ ...node, giftSku: e.target.value })}
              />
            </Field>
          )}
          <Field id={`${id}-recipient`} label={t('editor.field.recipient')}>
            <Select
              id={`${id}-recipient`}
              value={node.recipient ?? 'customer'}
              options={(['customer', 'referrer'] as const).map((k) => ({ value: k, label: k }))}
              onChange={(recipient) => {
                // Only a referrer's grant sends an email of its own (the API refuses one on the customer's).
                const rest = { ...node };
                if (recipient === 'customer') delete rest.email;
                onChange({ ...rest, recipient });
              }}
            />
          </Field>
          {node.recipient === 'referrer' && (
            <Form.Item style={{ marginBottom: 12 }}>
              <Checkbox
                id={`${id}-referrerEmail`}
                checked={node.email !== undefined}
                onChange={(e) => {
                  const rest = { ...node };
                  delete rest.email;
                  onChange(e.target.checked ? { ...rest, email: structuredClone(EMPTY_EMAIL_COPY) } : rest);
                }}
              >
                {t('editor.field.referrerEmail')}
              </Checkbox>
            </Form.Item>
          )}
          {node.recipient === 'referrer' && node.email !== undefined && (
            <EmailCopyFields
              id={`${id}-email`}
              path="email."
              value={node.email}
              onChange={(email) => onChange({ ...node, email })}
            />
          )}
          {node.kind === 'threshold' && (
            <Field id={`${id}-minOrder`} label={t('editor.field.minOrder')} path="minOrderAmount">
              <MoneyInput
                id={`${id}-minOrder`}
                value={node.minOrderAmount}
                onChange={(v) => onChange({ ...node, minOrderAmount: v })}
              />
            </Field>
          )}
          <Field id={`${id}-validity`} label={t('editor.field.validityDays')} path="validityDays">
            <InputNumber
              id={`${id}-validity`}
              min={1}
              max={3650}
              precision={0}
              value={node.validityDays}
              onChange={(v) => onChange({ ...node, validityDays: v ?? 1 })}
            />
          </Field>
          <Field id={`${id}-stacking`} label={t('editor.field.stacking')}>
            <Select
              id={`${id}-stacking`}
              value={node.stacking}
              options={(['stackable', 'exclusive'] as const).map((k) => ({ value: k, label: k }))}
              onChange={(stacking) => onChange({ ...node, stacking })}
            />
          </Field>
          <Field id={`${id}-categories`} label={t('editor.field.categories')}>
            <Select
              id={`${id}-categories`}
              mode="tags"
              placeholder={t('editor.field.allCategories')}
              value={node.scope.type === 'categories' ? node.scope.categories : []}
              onChange={(categories: string[]) =>
                onChange({
                  ...node,
                  scope: categories.length > 0 ? { type: 'categories', categories } : { type: 'all' },
                })
              }
            />
          </Field>
        </>
      );
    }
    case 'sendEmail':
      return (
        <EmailCopyFields
          id={id}
          path=""
          value={node}
          onChange={(copy) => onChange({ ...node, subject: copy.subject, body: copy.body })}
        />
      );
    case 'createTask':
      return (
        <>
          <Field id={`${id}-taskKind`} label={t('editor.field.taskKind')}>
            <Select
              id={`${id}-taskKind`}
              value={node.kind}
              options={(['callback', 'gift-fulfilment', 'flow-approval'] as const).map((k) => ({
                value: k,
                label: k,
              }))}
              onChange={(kind) => onChange({ ...node, kind })}
            />
          </Field>
          <Field id={`${id}-title`} label={t('editor.field.title')} path="title">
            <Input
              id={`${id}-title`}
              value={node.title}
              onChange={(e) => onChange({ ...node, title: e.target.value })}
            />
          </Field>
          <DurationFields
            id={`${id}-dueIn`}
            label={t('editor.field.dueIn')}
            value={node.dueIn}
            onChange={(dueIn) => onChange({ ...node, dueIn })}
          />
          <Form.Item style={{ marginBottom: 12 }}>
            <Checkbox
              id={`${id}-waitForClose`}
              checked={node.waitForClose !== undefined}
              onChange={(e) => {
                const rest = { ...node };
                delete rest.waitForClose;
                onChange(
                  e.target.checked ? ({ ...rest, waitForClose: { timeout: { days: 3 } } } as FlowNode) : rest,
                );
              }}
            >
              {t('editor.field.waitForClose')}
            </Checkbox>
          </Form.Item>
          {node.waitForClose && (
            <DurationFields
              id={`${id}-closeTimeout`}
              label={t('editor.field.timeout')}
              value={node.waitForClose.timeout}
              onChange={(timeout) => onChange({ ...node, waitForClose: { ...node.waitForClose!, timeout } })}
            />
          )}
        </>
      );
    case 'awardPoints':
      return (
        <>
          <PointsFields node={node} onChange={onChange} />
          <Field id={`${id}-pointsValidity`} label={t('editor.field.validityDays')}>
            <InputNumber
              id={`${id}-pointsValidity`}
              min={1}
              precision={0}
              value={node.validityDays}
              onChange={(v) => {
                const rest = { ...node };
                delete rest.validityDays;
                onChange(v ? { ...rest, validityDays: v } : rest);
              }}
            />
          </Field>
        </>
      );
    case 'setAttribute':
      return <SetAttributeFields node={node} onChange={onChange} />;
    case 'limit':
      return (
        <>
          <Field id={`${id}-counter`} label={t('editor.field.counter')} path="counter">
            <Input
              id={`${id}-counter`}
              value={node.counter}
              onChange={(e) => onChange({ ...node, counter: e.target.value })}
            />
          </Field>
          <Field id={`${id}-max`} label={t('editor.field.max')}>
            <InputNumber
              id={`${id}-max`}
              min={1}
              precision={0}
              value={node.max}
              onChange={(v) => onChange({ ...node, max: v ?? 1 })}
            />
          </Field>
          {(['per', 'amount'] as const).map((key) => (
            <Field
              key={key}
              id={`${id}-${key}`}
              label={t(key === 'per' ? 'editor.field.perField' : 'editor.field.amountField')}
            >
              <Input
                id={`${id}-${key}`}
                value={node[key]?.field ?? ''}
                onChange={(e) => {
                  const rest = { ...node };
                  delete rest[key];
                  onChange(e.target.value ? { ...rest, [key]: { field: e.target.value } } : rest);
                }}
              />
            </Field>
          ))}
          <Field id={`${id}-countOnce`} label={t('editor.field.countOnce')}>
            <Select
              id={`${id}-countOnce`}
              value={node.countOnce}
              options={(['journey', 'customer', 'referrer'] as const).map((k) => ({ value: k, label: k }))}
              onChange={(countOnce) => onChange({ ...node, countOnce })}
            />
          </Field>
        </>
      );
    case 'exit':
      return (
        <>
          <Field id={`${id}-outcome`} label={t('editor.field.outcome')} path="outcome">
            <Input
              id={`${id}-outcome`}
              value={node.outcome}
              onChange={(e) => onChange({ ...node, outcome: e.target.value })}
            />
          </Field>
          <Field id={`${id}-status`} label={t('editor.field.status')}>
            <Select
              id={`${id}-status`}
              value={node.status}
              options={(['completed', 'cancelled', 'refused'] as const).map((k) => ({ value: k, label: k }))}
              onChange={(status) => onChange({ ...node, status })}
            />
          </Field>
        </>
      );
  }
}

/** Where an exit's field sits under its node (`branches.1.next`), as the API locates an issue about it. */
function exitPath(handle: string): string {
  const indexed = /^(branch|cohort)-(\d+)$/.exec(handle);
  if (indexed) return `${indexed[1] === 'branch' ? 'branches' : 'cohorts'}.${indexed[2]}.next`;
  if (handle === 'closeTimeout') return 'waitForClose.onTimeout';
  if (handle === 'closeCancelled') return 'waitForClose.onCancelled';
  return handle;
}

/**
 * The property panel of the selected node: its id (renaming keeps the edges), its fields by type, where each exit
 * leads (the keyboard's way to connect and cut edges), and removing it.
 */
export function NodeProperties({
  node,
  nodeIds,
  onChange,
  onRename,
  onRemove,
  issues = [],
}: {
  node: FlowNode;
  nodeIds: string[];
  /** The API's issues about this node (its 422 from the live check or from saving), shown on their fields. */
  issues?: readonly DefinitionIssue[];
  onChange: (n: FlowNode) => void;
  onRename: (id: string) => void;
  onRemove: () => void;
}) {
  const { t } = useLocale();
  // The panel is keyed by the node's id (a rename mounts it afresh), so this starts from the current id.
  const [id, setId] = useState(node.id);
  const idValid = NODE_ID.test(id) && (id === node.id || !nodeIds.includes(id));
  return (
    <NodeIssuesContext.Provider value={issues}>
      <Form layout="vertical" component="div" data-testid="node-properties">
        <Field id="prop-id" label={t('editor.field.id')}>
          <Input
            id="prop-id"
            value={id}
            status={idValid ? undefined : 'error'}
            onChange={(e) => setId(e.target.value)}
            onBlur={() => (idValid && id !== node.id ? onRename(id) : setId(node.id))}
            onPressEnter={() => idValid && id !== node.id && onRename(id)}
          />
        </Field>
        <TypeFields node={node} onChange={onChange} />
        {exitsOf(node).map((exit) => (
          <Field
            key={exit.handle}
            id={`prop-exit-${exit.handle}`}
            label={t('editor.field.exit', { exit: exit.label })}
            path={exitPath(exit.handle)}
          >
            <Select
              id={`prop-exit-${exit.handle}`}
              allowClear
              showSearch
              placeholder={t('editor.notConnected')}
              value={exit.target}
              options={nodeIds.filter((n) => n !== node.id).map((n) => ({ value: n, label: n }))}
              onChange={(target: string | undefined) => onChange(connect(node, exit.handle, target))}
            />
          </Field>
        ))}
        <Popconfirm
          title={t('editor.removeConfirm', { id: node.id })}
          okText={t('action.ok')}
          cancelText={t('action.cancel')}
          onConfirm={onRemove}
        >
          <Button danger data-testid="remove-node">
            {t('editor.removeNode')}
          </Button>
        </Popconfirm>
      </Form>
    </NodeIssuesContext.Provider>
  );
}
