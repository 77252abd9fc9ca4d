import { Input, Select } from 'antd';
import { useLocale } from '../../i18n/locale';
import { useEditorCatalog } from './editor-catalog';
import { Field } from './fields';
import type { FlowNodeOf } from './flow-graph';
import { PredicateRows } from './PredicateRows';

export type EventMatcher = NonNullable<FlowNodeOf<'entry'>['on']>;
const EVENT_TYPES: readonly EventMatcher['type'][] = [
  'signed_up',
  'order_placed',
  'order_refunded',
  'active',
  'review_submitted',
  'custom',
];

/**
 * Which event a node (or a journey-wide exit rule) listens for, and the filter on its fields. A custom event is picked
 * from the event catalog (typed by hand when the catalog cannot be read). `path`: where the matcher sits under its
 * node (`on`), so the API's issues show on its fields.
 */
export function EventMatcherFields({
  id,
  value,
  path,
  onChange,
}: {
  id: string;
  value: EventMatcher;
  path?: string;
  onChange: (m: EventMatcher) => void;
}) {
  const { t } = useLocale();
  const catalog = useEditorCatalog();
  const declared = catalog.eventTypes.map((e) => e.name);
  if (value.name && !declared.includes(value.name)) declared.push(value.name);
  return (
    <>
      <Field id={`${id}-type`} label={t('editor.field.event')} path={path && `${path}.type`}>
        <Select
          id={`${id}-type`}
          value={value.type}
          options={EVENT_TYPES.map((type) => ({ value: type, label: t(`editor.eventType.${type}`) }))}
          onChange={(type) => {
            const next: EventMatcher = { ...value, type };
            if (type === 'custom') next.name = value.name ?? catalog.eventTypes[0]?.name ?? '';
            else delete next.name;
            onChange(next);
          }}
        />
      </Field>
      {value.type === 'custom' && (
        <Field id={`${id}-name`} label={t('editor.field.eventName')} path={path && `${path}.name`}>
          {catalog.eventTypes.length > 0 ? (
            <Select
              id={`${id}-name`}
              showSearch
              value={value.name || undefined}
              placeholder={t('editor.field.eventNamePick')}
              options={declared.map((name) => ({
                value: name,
                label: catalog.eventTypes.find((e) => e.name === name)?.description
                  ? `${name} · ${catalog.eventTypes.find((e) => e.name === name)!.description}`
                  : name,
              }))}
              onChange={(name: string) => onChange({ ...value, name })}
            />
          ) : (
            <Input
              id={`${id}-name`}
              value={value.name}
              placeholder="cart_abandoned"
              onChange={(e) => onChange({ ...value, name: e.target.value })}
            />
          )}
        </Field>
      )}
      <PredicateRows
        idPrefix={`${id}-where`}
        label={t('editor.field.filter')}
        predicates={value.where ?? []}
        subject={false}
        issuePath={path && `${path}.where`}
        onChange={(where) => onChange({ ...value, where })}
      />
    </>
  );
}
