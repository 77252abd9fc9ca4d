import { Input, Typography } from 'antd';
import { useLocale } from '../../i18n/locale';
import { Field } from './fields';

/** An email's copy as the API takes it: subject and body in both locales, with `{variables}`. */
export interface EmailCopy {
  subject: { 'zh-CN': string; en: string };
  body: { 'zh-CN': string; en: string };
}

export const EMPTY_EMAIL_COPY: EmailCopy = {
  subject: { 'zh-CN': '', en: '' },
  body: { 'zh-CN': '', en: '' },
};

/**
 * Subject and body per locale (a send-email node's, or the referrer email of a grant); `path` is where the API's
 * issues about it land (`''` for a node's own fields, `email.` for a grant's email).
 */
export function EmailCopyFields({
  id,
  path,
  value,
  onChange,
}: {
  id: string;
  path: '' | 'email.';
  value: EmailCopy;
  onChange: (copy: EmailCopy) => void;
}) {
  const { t } = useLocale();
  return (
    <>
      {(['zh-CN', 'en'] as const).map((locale) => (
        <div key={locale}>
          <Field
            id={`${id}-subject-${locale}`}
            label={t('editor.field.subject', { locale })}
            path={`${path}subject.${locale}`}
          >
            <Input
              id={`${id}-subject-${locale}`}
              lang={locale}
              value={value.subject[locale]}
              onChange={(e) =>
                onChange({ ...value, subject: { ...value.subject, [locale]: e.target.value } })
              }
            />
          </Field>
          <Field
            id={`${id}-body-${locale}`}
            label={t('editor.field.body', { locale })}
            path={`${path}body.${locale}`}
          >
            <Input.TextArea
              id={`${id}-body-${locale}`}
              lang={locale}
              autoSize={{ minRows: 3, maxRows: 8 }}
              value={value.body[locale]}
              onChange={(e) => onChange({ ...value, body: { ...value.body, [locale]: e.target.value } })}
            />
          </Field>
        </div>
      ))}
      <Typography.Paragraph type="secondary">{t('editor.field.variables')}</Typography.Paragraph>
    </>
  );
}
