import { Form, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useIssuesAt } from './editor-catalog';

/** IANA time zones the browser knows, the common ones first. */
export const TIME_ZONES: readonly string[] = [
  ...new Set([
    'Asia/Shanghai',
    'Asia/Hong_Kong',
    'Asia/Singapore',
    'UTC',
    ...Intl.supportedValuesOf('timeZone'),
  ]),
];

/**
 * A labelled field: the label points at the control by id, so a screen reader and a test find it by its name. With a
 * `path` (under the node, as the API locates issues: `date.time`), the API's 422 about it shows on the field.
 */
export function Field({
  id,
  label,
  path,
  exact = false,
  children,
}: {
  id: string;
  label: string;
  path?: string;
  /** Only issues at `path` itself (a choice whose parts have their own fields). */
  exact?: boolean;
  children: ReactNode;
}) {
  const errors = useIssuesAt(path, exact);
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      style={{ marginBottom: 12 }}
      validateStatus={errors.length > 0 ? 'error' : undefined}
      help={
        errors.length > 0 ? (
          <span data-testid={`field-issue-${path ?? id}`}>{errors.join(' · ')}</span>
        ) : undefined
      }
    >
      {children}
    </Form.Item>
  );
}

/** The API's issues at or under `path`, under a row of controls that is not one field (a test, a group). */
export function RowIssues({ path }: { path: string }) {
  const errors = useIssuesAt(path);
  if (errors.length === 0) return null;
  return (
    <Typography.Text type="danger" data-testid={`field-issue-${path}`} style={{ display: 'block' }}>
      {errors.join(' · ')}
    </Typography.Text>
  );
}

/** A time of day HH:MM picked on a clock (kept as the text the API takes). */
export function TimeOfDayInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string | undefined;
  onChange: (time: string) => void;
}) {
  const [h, m] = (value ?? '').split(':').map(Number);
  const picked =
    h !== undefined && m !== undefined && Number.isInteger(h) && Number.isInteger(m)
      ? dayjs().hour(h).minute(m).second(0).millisecond(0)
      : null;
  return (
    <TimePicker
      id={id}
      format="HH:mm"
      allowClear={false}
      value={picked}
      onChange={(time) => time && onChange(time.format('HH:mm'))}
    />
  );
}
