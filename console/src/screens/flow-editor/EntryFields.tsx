import { Alert, Checkbox, DatePicker, InputNumber, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLocale } from '../../i18n/locale';
import { useEditorCatalog } from './editor-catalog';
import { Field, TimeOfDayInput } from './fields';
import type { FlowNodeOf } from './flow-graph';
import { EventMatcherFields } from './EventMatcherFields';

type EntryNode = FlowNodeOf<'entry'>;
type DateEntry = NonNullable<EntryNode['date']>;
type CalendarEntry = NonNullable<EntryNode['calendar']>;
type Weekday = NonNullable<CalendarEntry['weekday']>;
export type EntryKind = 'event' | 'date' | 'calendar' | 'audience';

const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

export const entryKindOf = (n: EntryNode): EntryKind =>
  n.on ? 'event' : n.date ? 'date' : n.calendar ? 'calendar' : 'audience';

/** The entry without its trigger: enrolment of the campaign's audience at launch only. */
function bare(n: EntryNode): EntryNode {
  const rest = { ...n };
  delete rest.on;
  delete rest.date;
  delete rest.calendar;
  return rest;
}

/**
 * How customers enter: an event (built-in or declared custom, with a filter on its fields), a date attribute of the
 * profile (yearly, N days before or after, at a time), a calendar rule (monthly day N, a weekday, listed dates, at a
 * time) in the campaign's time zone, or only the audience enrolled at launch.
 */
export function EntryFields({ node, onChange }: { node: EntryNode; onChange: (n: EntryNode) => void }) {
  const { t } = useLocale();
  const catalog = useEditorCatalog();
  const kind = entryKindOf(node);
  const dateAttributes = catalog.attributeTypes.filter((a) => a.type === 'date').map((a) => a.name);
  const switchTo = (next: EntryKind) => {
    const rest = bare(node);
    if (next === 'event') onChange({ ...rest, on: { type: 'order_placed', where: [] } });
    else if (next === 'date')
      onChange({
        ...rest,
        date: { attribute: dateAttributes[0] ?? 'birthday', offsetDays: 0, time: '09:00' },
      });
    else if (next === 'calendar') onChange({ ...rest, calendar: { monthlyDay: 1, time: '09:00' } });
    else onChange(rest);
  };
  return (
    <>
      <Field id="prop-entryKind" label={t('editor.entry.kind')} path="on" exact>
        <Radio.Group
          id="prop-entryKind"
          aria-label={t('editor.entry.kind')}
          optionType="button"
          size="small"
          value={kind}
          onChange={(e) => switchTo(e.target.value as EntryKind)}
          options={(['event', 'date', 'calendar', 'audience'] as const).map((k) => ({
            value: k,
            label: t(`editor.entry.kind.${k}`),
          }))}
        />
      </Field>
      {node.on && (
        <EventMatcherFields
          id="prop-on"
          value={node.on}
          path="on"
          onChange={(on) => onChange({ ...node, on })}
        />
      )}
      {node.date && <DateEntryFields value={node.date} onChange={(date) => onChange({ ...node, date })} />}
      {node.calendar && (
        <CalendarEntryFields value={node.calendar} onChange={(calendar) => onChange({ ...node, calendar })} />
      )}
      {(kind === 'date' || kind === 'calendar') && (
        <Typography.Paragraph type="secondary" data-testid="entry-timezone">
          {t('editor.entry.timezone', { tz: catalog.timezone })}
        </Typography.Paragraph>
      )}
      {kind === 'audience' && <AudienceEntryHelp />}
    </>
  );
}

function DateEntryFields({ value, onChange }: { value: DateEntry; onChange: (d: DateEntry) => void }) {
  const { t } = useLocale();
  const catalog = useEditorCatalog();
  const names = catalog.attributeTypes.filter((a) => a.type === 'date').map((a) => a.name);
  if (!names.includes(value.attribute)) names.push(value.attribute);
  const offset = value.offsetDays ?? 0;
  const when = offset < 0 ? 'before' : offset > 0 ? 'after' : 'on';
  return (
    <>
      <Field id="prop-dateAttribute" label={t('editor.entry.dateAttribute')} path="date.attribute">
        <Select
          id="prop-dateAttribute"
          value={value.attribute}
          options={names.map((n) => ({ value: n, label: n }))}
          onChange={(attribute: string) => onChange({ ...value, attribute })}
        />
      </Field>
      <Field id="prop-dateWhen" label={t('editor.entry.dateWhen')} path="date.offsetDays">
        <Space wrap>
          <Radio.Group
            id="prop-dateWhen"
            aria-label={t('editor.entry.dateWhen')}
            optionType="button"
            size="small"
            value={when}
            onChange={(e) => {
              const days = Math.abs(offset) || 7;
              const next = e.target.value as 'before' | 'on' | 'after';
              onChange({ ...value, offsetDays: next === 'on' ? 0 : next === 'before' ? -days : days });
            }}
            options={(['before', 'on', 'after'] as const).map((w) => ({
              value: w,
              label: t(`editor.entry.date.${w}`),
            }))}
          />
          {when !== 'on' && (
            <InputNumber
              id="prop-dateDays"
              aria-label={t('editor.entry.dateDays')}
              min={1}
              max={180}
              precision={0}
              style={{ width: 120 }}
              addonAfter={t('editor.duration.days')}
              value={Math.abs(offset)}
              onChange={(v) => onChange({ ...value, offsetDays: (when === 'before' ? -1 : 1) * (v ?? 1) })}
            />
          )}
        </Space>
      </Field>
      <Field id="prop-dateTime" label={t('editor.entry.time')} path="date.time">
        <TimeOfDayInput
          id="prop-dateTime"
          value={value.time}
          onChange={(time) => onChange({ ...value, time })}
        />
      </Field>
      <Typography.Paragraph type="secondary" data-testid="entry-date-summary">
        {t('editor.entry.dateSummary', {
          attribute: value.attribute,
          when:
            when === 'on'
              ? t('editor.entry.date.on')
              : t(`editor.entry.date.${when}N`, { n: Math.abs(offset) }),
          time: value.time ?? '09:00',
        })}
      </Typography.Paragraph>
    </>
  );
}

type CalendarRule = 'monthly' | 'weekly' | 'dates';

function CalendarEntryFields({
  value,
  onChange,
}: {
  value: CalendarEntry;
  onChange: (c: CalendarEntry) => void;
}) {
  const { t } = useLocale();
  const rule: CalendarRule =
    value.weekday !== undefined || value.weekdays !== undefined
      ? 'weekly'
      : value.dates !== undefined
        ? 'dates'
        : 'monthly';
  const withRule = (next: CalendarRule): CalendarEntry => {
    const time = value.time ?? '09:00';
    // Keeps the "every customer" choice across a change of rule.
    const scope = value.everyone ? { everyone: true } : {};
    if (next === 'weekly') return { weekdays: ['monday'], time, ...scope };
    if (next === 'dates') return { dates: [], time, ...scope };
    return { monthlyDay: 1, time, ...scope };
  };
  return (
    <>
      <Field id="prop-calendarRule" label={t('editor.entry.calendarRule')} path="calendar" exact>
        <Radio.Group
          id="prop-calendarRule"
          aria-label={t('editor.entry.calendarRule')}
          optionType="button"
          size="small"
          value={rule}
          onChange={(e) => onChange(withRule(e.target.value as CalendarRule))}
          options={(['monthly', 'weekly', 'dates'] as const).map((r) => ({
            value: r,
            label: t(`editor.entry.calendar.${r}`),
          }))}
        />
      </Field>
      {rule === 'monthly' && (
        <Field id="prop-monthlyDay" label={t('editor.entry.monthlyDay')} path="calendar.monthlyDay">
          <InputNumber
            id="prop-monthlyDay"
            min={1}
            max={31}
            precision={0}
            value={value.monthlyDay}
            onChange={(v) => {
              const rest = { ...value };
              delete rest.monthlyDay;
              onChange(v === null || v === undefined ? rest : { ...rest, monthlyDay: v });
            }}
          />
        </Field>
      )}
      {rule === 'weekly' && (
        <Field id="prop-weekdays" label={t('editor.entry.weekdays')} path="calendar.weekdays">
          <div id="prop-weekdays" role="group" aria-label={t('editor.entry.weekdays')}>
            <Checkbox.Group
              // A stored rule may name one `weekday`; saved again it names `weekdays`.
              value={value.weekdays ?? (value.weekday !== undefined ? [value.weekday] : [])}
              onChange={(days) => {
                // A weekly rule needs a day: the last one ticked stays ticked.
                if (days.length === 0) return;
                const rest = { ...value };
                delete rest.weekday;
                // In week order, whatever order they were ticked in.
                onChange({ ...rest, weekdays: WEEKDAYS.filter((d) => days.includes(d)) });
              }}
              options={WEEKDAYS.map((d) => ({ value: d, label: t(`editor.weekday.${d}`) }))}
            />
          </div>
        </Field>
      )}
      {rule === 'dates' && (
        <Field id="prop-dates" label={t('editor.entry.dates')} path="calendar.dates">
          <DatePicker
            id="prop-dates"
            multiple
            format="YYYY-MM-DD"
            style={{ width: '100%' }}
            value={(value.dates ?? []).map((d) => dayjs(d))}
            onChange={(dates) =>
              onChange({
                ...value,
                dates: [...new Set((dates ?? []).map((d) => d.format('YYYY-MM-DD')))].sort(),
              })
            }
          />
        </Field>
      )}
      {rule === 'monthly' && (
        <Typography.Paragraph type="secondary">{t('editor.entry.monthlyHelp')}</Typography.Paragraph>
      )}
      <Field id="prop-calendarTime" label={t('editor.entry.time')} path="calendar.time">
        <TimeOfDayInput
          id="prop-calendarTime"
          value={value.time}
          onChange={(time) => onChange({ ...value, time })}
        />
      </Field>
      {/* Without a campaign audience the API refuses a calendar entry unless it says it means every customer. */}
      <Field id="prop-calendarEveryone" label={t('editor.entry.everyoneLabel')} path="calendar.everyone">
        <Checkbox
          id="prop-calendarEveryone"
          checked={value.everyone === true}
          onChange={(e) => {
            const rest = { ...value };
            delete rest.everyone;
            onChange(e.target.checked ? { ...rest, everyone: true } : rest);
          }}
        >
          {t('editor.entry.everyone')}
        </Checkbox>
      </Field>
    </>
  );
}

/** An entry without a trigger: only the campaign's audience enrols, at launch (set with the campaign, below). */
function AudienceEntryHelp() {
  const { t } = useLocale();
  const catalog = useEditorCatalog();
  const segment = catalog.segments.find((s) => s.segmentId === catalog.audience);
  const ready = catalog.audience !== undefined && catalog.enrolExisting;
  return (
    <Alert
      type={ready ? 'info' : 'warning'}
      showIcon
      data-testid="entry-audience"
      title={
        ready
          ? t('editor.entry.audienceSet', { name: segment?.name ?? catalog.audience ?? '' })
          : t('editor.entry.audienceMissing')
      }
    />
  );
}
