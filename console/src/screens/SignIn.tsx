import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { call, problemOf, type Problem } from '../api/problem';
import type { components } from '../api/schema';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLocale } from '../i18n/locale';

export type Me = components['schemas']['Me'];

/** Checks the key with GET /v1/me before keeping it: a wrong key shows the API's 401, and nothing is stored. */
export function SignIn({ onSignedIn }: { onSignedIn: (key: string, me: Me) => void }) {
  const { t } = useLocale();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ key }: { key: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const trimmed = key.trim();
      const me = await call(api.GET('/v1/me', { headers: { Authorization: `Bearer ${trimmed}` } }));
      onSignedIn(trimmed, me);
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ maxWidth: 480, margin: '10vh auto', padding: 16 }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('signIn.title')}
        </Typography.Title>
        {problem && <ProblemAlert problem={problem} />}
        <Form layout="vertical" onFinish={submit} autoComplete="off" requiredMark={false}>
          <Form.Item
            label={t('signIn.key')}
            name="key"
            extra={t('signIn.keyHelp')}
            rules={[{ required: true, whitespace: true, message: t('signIn.keyRequired') }]}
          >
            <Input.Password id="api-key" autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="sign-in">
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
