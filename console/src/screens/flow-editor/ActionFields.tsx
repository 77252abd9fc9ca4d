import { DatePicker, Input, InputNumber, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useLocale } from '../../i18n/locale';
import { useEditorCatalog } from './editor-catalog';
import { Field } from './fields';
import type { FlowNodeOf } from './flow-graph';

type AwardPoints = FlowNodeOf<'awardPoints'>;
type SetAttribute = FlowNodeOf<'setAttribute'>;

/** Points awarded: a fixed number, or a rate of an event field (minor units) with a cap. */
export function PointsFields({ node, onChange }: { node: AwardPoints; onChange: (n: AwardPoints) => void }) {
  const { t } = useLocale();
  const points = node.points;
  return (
    <>
      <Field id="prop-pointsMode" label={t('editor.field.amountKind')} path="points" exact>
        <Radio.Group
          id="prop-pointsMode"
          aria-label={t('editor.field.amountKind')}
          optionType="button"
          size="small"
          value={'fixed' in points ? 'fixed' : 'rate'}
          onChange={(e) =>
            onChange({
              ...node,
              points:
                e.target.value === 'fixed'
                  ? { fixed: 100 }
                  : { rateOf: { field: 'amount', basisPoints: 100, cap: 1000 } },
            })
          }
          options={[
            { value: 'fixed', label: t('editor.field.fixed') },
            { value: 'rate', label: t('editor.field.rateOf') },
          ]}
        />
      </Field>
      {'fixed' in points ? (
        <Field id="prop-points" label={t('editor.field.points')} path="points.fixed">
          <InputNumber
            id="prop-points"
            min={1}
            precision={0}
            value={points.fixed}
            onChange={(v) => onChange({ ...node, points: { fixed: v ?? 1 } })}
          />
        </Field>
      ) : (
        <>
          <Field id="prop-pointsField" label={t('editor.field.rateField')} path="points.rateOf.field">
            <Input
              id="prop-pointsField"
              value={points.rateOf.field}
              onChange={(e) =>
                onChange({ ...node, points: { rateOf: { ...points.rateOf, field: e.target.value } } })
              }
            />
          </Field>
          <Field id="prop-pointsRate" label={t('editor.field.pointsRate')} path="points.rateOf.basisPoints">
            <InputNumber
              id="prop-pointsRate"
              min={0.01}
              max={10_000}
              precision={2}
              value={points.rateOf.basisPoints / 100}
              onChange={(v) =>
                onChange({
                  ...node,
                  points: { rateOf: { ...points.rateOf, basisPoints: Math.round((v ?? 0) * 100) } },
                })
              }
            />
          </Field>
          <Field id="prop-pointsCap" label={t('editor.field.pointsCap')} path="points.rateOf.cap">
            <InputNumber
              id="prop-pointsCap"
              min={1}
              precision={0}
              value={points.rateOf.cap}
              onChange={(v) => onChange({ ...node, points: { rateOf: { ...points.rateOf, cap: v ?? 1 } } })}
            />
          </Field>
        </>
      )}
    </>
  );
}

/**
 * A profile attribute written, picked from the attribute catalog, its value typed by the attribute's type (a number,
 * yes/no, a date, text, a list); or a tag added to a list attribute.
 */
export function SetAttributeFields({
  node,
  onChange,
}: {
  node: SetAttribute;
  onChange: (n: SetAttribute) => void;
}) {
  const { t } = useLocale();
  const catalog = useEditorCatalog();
  const names = catalog.attributeTypes.map((a) => a.name);
  if (!names.includes(node.attribute)) names.push(node.attribute);
  const type = catalog.attributeTypes.find((a) => a.name === node.attribute)?.type ?? 'string';
  const tagging = node.addTag !== undefined;
  const bare = () => {
    const rest = { ...node };
    delete rest.value;
    delete rest.addTag;
    return rest;
  };
  const emptyValue = (of: typeof type): NonNullable<SetAttribute['value']> =>
    of === 'number' ? 0 : of === 'boolean' ? true : of === 'string-list' ? [] : '';
  const value = node.value;
  return (
    <>
      <Field id="prop-attribute" label={t('editor.field.attribute')} path="attribute">
        <Select
          id="prop-attribute"
          showSearch
          value={node.attribute}
          options={names.map((n) => {
            const declared = catalog.attributeTypes.find((a) => a.name === n);
            return { value: n, label: declared ? `${n} (${declared.type})` : n };
          })}
          onChange={(attribute: string) => {
            const nextType = catalog.attributeTypes.find((a) => a.name === attribute)?.type ?? 'string';
            onChange(
              tagging && nextType === 'string-list'
                ? { ...node, attribute }
                : { ...bare(), attribute, value: emptyValue(nextType) },
            );
          }}
        />
      </Field>
      {type === 'string-list' && (
        <Field id="prop-attrMode" label={t('editor.field.valueType')}>
          <Radio.Group
            id="prop-attrMode"
            aria-label={t('editor.field.valueType')}
            optionType="button"
            size="small"
            value={tagging ? 'tag' : 'value'}
            onChange={(e) =>
              onChange(e.target.value === 'tag' ? { ...bare(), addTag: '' } : { ...bare(), value: [] })
            }
            options={[
              { value: 'value', label: t('editor.field.attrValue') },
              { value: 'tag', label: t('editor.field.addTag') },
            ]}
          />
        </Field>
      )}
      <Field
        id="prop-attrInput"
        label={tagging ? t('editor.field.addTag') : t('editor.field.attrValue')}
        path={tagging ? 'addTag' : 'value'}
      >
        {tagging ? (
          <Input
            id="prop-attrInput"
            value={node.addTag}
            onChange={(e) => onChange({ ...node, addTag: e.target.value })}
          />
        ) : type === 'number' ? (
          <InputNumber
            id="prop-attrInput"
            value={typeof value === 'number' ? value : undefined}
            onChange={(v) => onChange({ ...node, value: v ?? 0 })}
          />
        ) : type === 'boolean' ? (
          <Radio.Group
            id="prop-attrInput"
            aria-label={t('editor.field.attrValue')}
            value={value === true ? 'true' : 'false'}
            onChange={(e) => onChange({ ...node, value: e.target.value === 'true' })}
            options={[
              { value: 'true', label: 'true' },
              { value: 'false', label: 'false' },
            ]}
          />
        ) : type === 'date' ? (
          <DatePicker
            id="prop-attrInput"
            format="YYYY-MM-DD"
            value={typeof value === 'string' && dayjs(value).isValid() ? dayjs(value) : null}
            onChange={(d) => onChange({ ...node, value: d ? d.format('YYYY-MM-DD') : '' })}
          />
        ) : type === 'string-list' ? (
          <Select
            id="prop-attrInput"
            mode="tags"
            value={Array.isArray(value) ? value : []}
            onChange={(v: string[]) => onChange({ ...node, value: v })}
          />
        ) : (
          <Input
            id="prop-attrInput"
            value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
            onChange={(e) => onChange({ ...node, value: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
