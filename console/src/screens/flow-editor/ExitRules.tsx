import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { useLocale } from '../../i18n/locale';
import type { FlowDraft } from './flow-graph';
import { EventMatcherFields } from './EventMatcherFields';

type ExitRule = FlowDraft['exitOn'][number];

/**
 * Journey-wide exit rules: an event that ends the journey wherever it stands (any order → converted). Not nodes, so
 * they live beside the canvas, not on it.
 */
export function ExitRules({ rules, onChange }: { rules: ExitRule[]; onChange: (rules: ExitRule[]) => void }) {
  const { t } = useLocale();
  const set = (i: number, rule: ExitRule) => onChange(rules.map((old, k) => (k === i ? rule : old)));
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('editor.exitRules')} data-testid="exit-rules">
      <Typography.Paragraph type="secondary">{t('editor.exitRulesHelp')}</Typography.Paragraph>
      {rules.map((rule, i) => (
        <Form key={i} layout="vertical" component="div" data-testid={`exit-rule-${i}`}>
          <Space align="start" wrap>
            <EventMatcherFields
              id={`exit-rule-${i}-on`}
              value={rule.on}
              onChange={(on) => set(i, { ...rule, on })}
            />
            <Form.Item label={t('editor.field.outcome')} htmlFor={`exit-rule-${i}-outcome`}>
              <Input
                id={`exit-rule-${i}-outcome`}
                value={rule.outcome}
                onChange={(e) => set(i, { ...rule, outcome: e.target.value })}
              />
            </Form.Item>
            <Button onClick={() => onChange(rules.filter((_, k) => k !== i))}>
              {t('editor.removeExitRule')}
            </Button>
          </Space>
        </Form>
      ))}
      <Button
        data-testid="add-exit-rule"
        onClick={() =>
          onChange([...rules, { on: { type: 'order_placed', where: [] }, outcome: 'converted' }])
        }
      >
        + {t('editor.addExitRule')}
      </Button>
    </Card>
  );
}
