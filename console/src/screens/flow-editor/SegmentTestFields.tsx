import { Radio, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useLocale } from '../../i18n/locale';
import { ConditionGroup } from '../segments/ConditionGroup';
import { filterOf, groupOf, newGroup, type AttributeType, type Group } from '../segments/segment-model';
import { useEditorCatalog } from './editor-catalog';
import { RowIssues } from './fields';
import type { FlowNodeOf } from './flow-graph';

type ConditionPredicate = FlowNodeOf<'condition'>['branches'][number]['when'][number];
export type SegmentTest = Extract<ConditionPredicate, { on: 'segment' }>;

/**
 * A segment test in a condition branch: membership of a saved segment, or a filter built here with the segments
 * screen's builder (attribute, fact and birthday tests typed by the attribute catalog); either may be negated.
 */
export function SegmentTestFields({
  id,
  value,
  issuePath,
  onChange,
}: {
  id: string;
  value: SegmentTest;
  /** Where the test sits under its node (`branches.0.when.1`). */
  issuePath: string | undefined;
  onChange: (p: SegmentTest) => void;
}) {
  const { t } = useLocale();
  const catalog = useEditorCatalog();
  const types = useMemo(
    () => new Map<string, AttributeType>(catalog.attributeTypes.map((a) => [a.name, a.type])),
    [catalog.attributeTypes],
  );
  // The builder keeps its own rows (keys, values as typed); the definition gets the filter tree they make.
  const [group, setGroup] = useState<Group>(() => (value.filter ? groupOf(value.filter) : newGroup()));
  const source = value.filter !== undefined ? 'inline' : 'saved';
  const member = value.member ?? true;
  const withSource = (next: 'saved' | 'inline'): SegmentTest => {
    const rest = { ...value };
    delete rest.segmentId;
    delete rest.filter;
    return next === 'inline'
      ? { ...rest, filter: filterOf(group, types) as Record<string, unknown> }
      : { ...rest, segmentId: catalog.segments[0]?.segmentId ?? '' };
  };
  const segments = catalog.segments.map((s) => ({ value: s.segmentId, label: s.name }));
  if (value.segmentId && !catalog.segments.some((s) => s.segmentId === value.segmentId))
    segments.push({ value: value.segmentId, label: value.segmentId });
  return (
    <div data-testid={`${id}-segment`} style={{ width: '100%' }}>
      <Space wrap style={{ marginBottom: 4 }}>
        <Radio.Group
          aria-label={t('editor.segment.source')}
          optionType="button"
          size="small"
          value={source}
          onChange={(e) => onChange(withSource(e.target.value as 'saved' | 'inline'))}
          options={[
            { value: 'saved', label: t('editor.segment.saved') },
            { value: 'inline', label: t('editor.segment.inline') },
          ]}
        />
        <Radio.Group
          aria-label={t('editor.segment.member')}
          size="small"
          value={member ? 'in' : 'out'}
          onChange={(e) => onChange({ ...value, member: e.target.value === 'in' })}
          options={[
            { value: 'in', label: t('editor.segment.in') },
            { value: 'out', label: t('editor.segment.out') },
          ]}
        />
      </Space>
      {source === 'saved' && segments.length === 0 && (
        <Typography.Text type="secondary">{t('editor.segment.none')}</Typography.Text>
      )}
      {source === 'saved' ? (
        // A radio list, not a Select: axe flags the Select's option list as an unnamed input once it was opened.
        <Radio.Group
          id={`${id}-segmentId`}
          aria-label={t('editor.segment.pick')}
          value={value.segmentId || undefined}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          options={segments}
          onChange={(e) => onChange({ ...value, segmentId: e.target.value as string })}
        />
      ) : (
        <ConditionGroup
          group={group}
          types={types}
          depth={0}
          path={`${id}-g`}
          onChange={(next) => {
            setGroup(next);
            onChange({ ...value, filter: filterOf(next, types) as Record<string, unknown> });
          }}
        />
      )}
      {issuePath && <RowIssues path={issuePath} />}
    </div>
  );
}
