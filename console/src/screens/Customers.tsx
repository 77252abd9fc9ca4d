import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { call, problemOf, type Problem } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLocale } from '../i18n/locale';
import { CustomerView } from './customer/CustomerView';
import { searchKind } from './customer/search-kind';

/**
 * Support's customer 360: find a customer by id, email or phone (the API matches contact data on its keyed hash), then
 * everything about them on one page, at its own URL (/console/customers/{id}).
 */
export function Customers({
  customerId,
  onOpen,
}: {
  customerId: string | undefined;
  onOpen: (customerId: string) => void;
}) {
  const { t } = useLocale();
  /** Counts searches, so searching the same id again reads it again. */
  const [searches, setSearches] = useState(0);
  /** Several accounts sharing the contact searched for: support picks one. */
  const [matches, setMatches] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [searching, setSearching] = useState(false);

  const search = async (value: string) => {
    const text = value.trim();
    setMatches(null);
    setProblem(null);
    if (text === '') return;
    const kind = searchKind(text);
    if (kind === 'id') {
      setSearches((n) => n + 1);
      onOpen(text);
      return;
    }
    setSearching(true);
    try {
      const found = await call(api.GET('/v1/customers', { params: { query: { [kind]: text } } }));
      const ids = found.items.map((c) => c.customerId);
      if (ids.length === 1) {
        setSearches((n) => n + 1);
        onOpen(ids[0]!);
      } else setMatches(ids);
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setSearching(false);
    }
  };

  return (
    <section aria-labelledby="customers-title">
      <Typography.Title level={1} id="customers-title" style={{ fontSize: 22 }}>
        {t('customers.title')}
      </Typography.Title>
      <Form layout="vertical" style={{ maxWidth: 480, marginBottom: 16 }}>
        <Form.Item label={t('customers.search')} htmlFor="customer-search">
          <Input.Search
            id="customer-search"
            placeholder="c-42 / li.hua@example.com"
            enterButton={t('customers.find')}
            allowClear
            loading={searching}
            defaultValue={customerId}
            data-testid="customer-search"
            onSearch={(value) => void search(value)}
          />
        </Form.Item>
      </Form>
      {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
      {matches && matches.length === 0 && (
        <Alert type="info" showIcon title={t('customers.noMatch')} data-testid="customer-no-match" />
      )}
      {matches && matches.length > 1 && (
        <Space wrap data-testid="customer-matches" style={{ marginBottom: 16 }}>
          {t('customers.matches')}
          {matches.map((id) => (
            <Button
              key={id}
              onClick={() => {
                setMatches(null);
                setSearches((n) => n + 1);
                onOpen(id);
              }}
            >
              {id}
            </Button>
          ))}
        </Space>
      )}
      {customerId && !matches && <CustomerView key={`${customerId}/${searches}`} customerId={customerId} />}
    </section>
  );
}
