import { Card, Checkbox, Form, InputNumber, Radio, Space } from 'antd';
import { useLocale } from '../../i18n/locale';
import type { FlowDraft } from './flow-graph';

type ReEntry = NonNullable<FlowDraft['reentry']>;
type EmailCap = NonNullable<FlowDraft['emailCap']>;

/**
 * Journey-wide settings that are not nodes: whether a customer who finished may enter again (once, after N days, or
 * unlimited, with a cap on entries), and the per-customer email frequency cap.
 */
export function JourneySettings({
  reentry,
  emailCap,
  onChange,
}: {
  reentry: ReEntry | undefined;
  emailCap: EmailCap | undefined;
  onChange: (next: { reentry: ReEntry | undefined; emailCap: EmailCap | undefined }) => void;
}) {
  const { t } = useLocale();
  const mode = reentry?.mode ?? 'once';
  const maxEntries = reentry && reentry.mode !== 'once' ? reentry.maxEntries : undefined;
  const setReentry = (next: ReEntry | undefined) => onChange({ reentry: next, emailCap });
  const withMax = <R extends ReEntry>(r: R, max: number | undefined): R => {
    const rest = { ...r } as R & { maxEntries?: number };
    delete rest.maxEntries;
    return (max === undefined ? rest : { ...rest, maxEntries: max }) as R;
  };
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('editor.settings')} data-testid="journey-settings">
      <Form layout="vertical" component="div">
        <Form.Item label={t('editor.reentry')} style={{ marginBottom: 8 }}>
          <Space wrap>
            <Radio.Group
              aria-label={t('editor.reentry')}
              optionType="button"
              size="small"
              value={mode}
              onChange={(e) => {
                const next = e.target.value as ReEntry['mode'];
                setReentry(
                  next === 'once'
                    ? undefined
                    : next === 'after'
                      ? withMax({ mode: 'after', days: 30 }, maxEntries)
                      : withMax({ mode: 'unlimited' }, maxEntries),
                );
              }}
              options={(['once', 'after', 'unlimited'] as const).map((m) => ({
                value: m,
                label: t(`editor.reentry.${m}`),
              }))}
            />
            {reentry?.mode === 'after' && (
              <InputNumber
                id="reentry-days"
                aria-label={t('editor.reentry.days')}
                min={1}
                max={3650}
                precision={0}
                addonAfter={t('editor.duration.days')}
                value={reentry.days}
                onChange={(v) => setReentry({ ...reentry, days: v ?? 1 })}
              />
            )}
            {reentry && reentry.mode !== 'once' && (
              <InputNumber
                id="reentry-maxEntries"
                aria-label={t('editor.reentry.maxEntries')}
                placeholder={t('editor.reentry.maxEntries')}
                style={{ width: 240 }}
                min={2}
                max={1000}
                precision={0}
                value={maxEntries}
                onChange={(v) => setReentry(withMax(reentry, v ?? undefined))}
              />
            )}
          </Space>
        </Form.Item>
        <Form.Item label={t('editor.emailCap')} style={{ marginBottom: 0 }}>
          <Space wrap>
            <Checkbox
              checked={emailCap !== undefined}
              onChange={(e) =>
                onChange({ reentry, emailCap: e.target.checked ? { max: 1, perDays: 7 } : undefined })
              }
            >
              {t('editor.emailCap.on')}
            </Checkbox>
            {emailCap && (
              <>
                <InputNumber
                  id="emailCap-max"
                  aria-label={t('editor.emailCap.max')}
                  addonBefore={t('editor.emailCap.max')}
                  min={1}
                  max={1000}
                  precision={0}
                  value={emailCap.max}
                  onChange={(v) => onChange({ reentry, emailCap: { ...emailCap, max: v ?? 1 } })}
                />
                <InputNumber
                  id="emailCap-perDays"
                  aria-label={t('editor.emailCap.perDays')}
                  addonBefore={t('editor.emailCap.perDays')}
                  min={1}
                  max={365}
                  precision={0}
                  value={emailCap.perDays}
                  onChange={(v) => onChange({ reentry, emailCap: { ...emailCap, perDays: v ?? 1 } })}
                />
              </>
            )}
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
