import Form from '@rjsf/antd';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { App as AntApp, Button, Card, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { campaignFormSchemas, type OpenApiDocument } from '../api/document';
import { bodyFieldErrors, call, problemOf, type Problem } from '../api/problem';
import type { components } from '../api/schema';
import { ProblemAlert } from '../components/ProblemAlert';
import { jsonSchemaValidator } from '../forms/json-schema-validator';
import { UnclampedInputTemplate } from '../forms/UnclampedInputTemplate';
import { useLocale } from '../i18n/locale';

type CreateCampaign = components['schemas']['CreateCampaign'];

const UI_SCHEMA: UiSchema = {
  // The plugin is chosen above the form; the body carries it as a one-value enum.
  journeyType: { 'ui:widget': 'hidden' },
  'ui:order': ['name', 'budget', 'campaignId', 'config', '*'],
  'ui:submitButtonOptions': { norender: true },
};

/**
 * A campaign from a journey plugin: the form is generated from that plugin's create schema in /openapi.json (the
 * plugin's own zod schema, published by the API), so a new plugin or config field needs no console change. What only
 * the API can judge comes back as problem+json and shows on its field.
 */
export function CreateCampaignScreen({
  doc,
  onCreated,
  onCancel,
}: {
  doc: OpenApiDocument;
  onCreated: (id: string) => void;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const { message } = AntApp.useApp();
  const schemas = useMemo(() => campaignFormSchemas(doc), [doc]);
  const [journeyType, setJourneyType] = useState<string | undefined>();
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<ErrorSchema | undefined>();
  const [busy, setBusy] = useState(false);
  const schema: RJSFSchema | undefined = journeyType ? schemas.get(journeyType) : undefined;

  const choose = (type: string) => {
    setJourneyType(type);
    setFormData({ journeyType: type });
    setProblem(null);
    setFieldErrors(undefined);
  };

  const submit = async (data: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    setFieldErrors(undefined);
    try {
      const created = await call(
        api.POST('/v1/campaigns', { body: { ...data, journeyType } as CreateCampaign }),
      );
      void message.success(t('create.created'));
      onCreated(created.campaignId);
    } catch (err) {
      const p = problemOf(err);
      setProblem(p);
      setFieldErrors(bodyFieldErrors(p));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="create-title">
      <Typography.Title level={1} id="create-title" style={{ fontSize: 22 }}>
        {t('create.title')}
      </Typography.Title>
      <Card>
        <label htmlFor="journey-type" style={{ display: 'block', marginBottom: 8 }}>
          {t('create.plugin')}
        </label>
        <Select
          id="journey-type"
          data-testid="journey-type"
          style={{ width: 360, marginBottom: 24 }}
          placeholder={t('create.pluginPlaceholder')}
          value={journeyType}
          onChange={choose}
          options={[...schemas.entries()].map(([type, s]) => ({
            value: type,
            label: `${type}${s.title ? ` — ${s.title}` : ''}`,
          }))}
        />
        {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
        {schema && (
          <Form
            key={journeyType}
            schema={schema}
            uiSchema={UI_SCHEMA}
            templates={{ BaseInputTemplate: UnclampedInputTemplate }}
            validator={jsonSchemaValidator}
            formData={formData}
            extraErrors={fieldErrors}
            showErrorList={false}
            noHtml5Validate
            experimental_defaultFormStateBehavior={{ arrayMinItems: { populate: 'requiredOnly' } }}
            onChange={(e) => setFormData(e.formData as Record<string, unknown>)}
            onSubmit={(e) => void submit(e.formData as Record<string, unknown>)}
            // The form's own validation errors show on their fields; without a handler rjsf also logs them.
            onError={() => undefined}
          >
            <Button type="primary" htmlType="submit" loading={busy} data-testid="create-submit">
              {t('create.submit')}
            </Button>{' '}
            <Button onClick={onCancel}>{t('action.cancel')}</Button>
          </Form>
        )}
      </Card>
    </section>
  );
}
