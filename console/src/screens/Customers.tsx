import { Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocale } from '../i18n/locale';
import { CustomerView } from './customer/CustomerView';

/** Support's customer 360: find a customer by id, then everything about them on one page. */
export function Customers() {
  const { t } = useLocale();
  /** The customer searched for; `searches` counts searches, so searching the same id again reads it again. */
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [searches, setSearches] = useState(0);
  return (
    <section aria-labelledby="customers-title">
      <Typography.Title level={1} id="customers-title" style={{ fontSize: 22 }}>
        {t('customers.title')}
      </Typography.Title>
      <Form layout="vertical" style={{ maxWidth: 480, marginBottom: 16 }}>
        <Form.Item label={t('customers.search')} htmlFor="customer-search">
          <Input.Search
            id="customer-search"
            placeholder="c-42"
            enterButton={t('customers.find')}
            allowClear
            data-testid="customer-search"
            onSearch={(value) => {
              const id = value.trim();
              setCustomerId(id === '' ? null : id);
              setSearches((n) => n + 1);
            }}
          />
        </Form.Item>
      </Form>
      {customerId && <CustomerView key={`${customerId}/${searches}`} customerId={customerId} />}
    </section>
  );
}
