import { Card, Col, Descriptions, Row, Space, Statistic, Table, Tag } from 'antd';
import { useAccess } from '../../access';
import { api } from '../../api/client';
import { call, ProblemError } from '../../api/problem';
import type { GetJson as Json } from '../../api/types';
import { useApiData } from '../../api/use-api-data';
import { ProblemAlert } from '../../components/ProblemAlert';
import { dateTime, money } from '../../format';
import { useLocale } from '../../i18n/locale';
import { CompensationForm } from './CompensationForm';
import { CustomerJourneys } from './CustomerJourneys';
import { CustomerStatement } from './CustomerStatement';

type Tier = Json<'/v1/customers/{id}/tier'>;

const h2 = { fontSize: 16, margin: 0 } as const;

/**
 * One customer: profile, wallet lots with expiry, points, tier, statement, journeys, and the compensation form. Each
 * part is shown to a key whose roles may read it (by the API's declaration); the customer's data is rendered as text.
 */
export function CustomerView({ customerId }: { customerId: string }) {
  const { t } = useLocale();
  const access = useAccess();
  const path = { params: { path: { id: customerId } } };
  const profile = useApiData(() => call(api.GET('/v1/customers/{id}', path)), [customerId]);
  const wallet = useApiData(
    () =>
      access.may('getWallet') ? call(api.GET('/v1/customers/{id}/wallet', path)) : Promise.resolve(null),
    [customerId],
  );
  const points = useApiData(
    () =>
      access.may('getPoints') ? call(api.GET('/v1/customers/{id}/points', path)) : Promise.resolve(null),
    [customerId],
  );
  const tier = useApiData(async (): Promise<Tier | null> => {
    if (!access.may('getMemberTier')) return null;
    try {
      return await call(api.GET('/v1/customers/{id}/tier', path));
    } catch (err) {
      // No member-tier journey has placed this customer yet: no tier, not a failure.
      if (err instanceof ProblemError && err.problem.status === 404) return null;
      throw err;
    }
  }, [customerId]);

  if (profile.problem) return <ProblemAlert problem={profile.problem} />;
  const p = profile.data?.profile;
  const facts = profile.data?.facts;

  return (
    <div data-testid="customer-view">
      <Card
        title={<h2 style={h2}>{t('customers.profile', { id: customerId })}</h2>}
        loading={profile.loading}
        style={{ marginBottom: 16 }}
      >
        {p && facts && (
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="customer-profile">
            <Descriptions.Item label={t('customers.email')}>{p.email ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('customers.phone')}>{p.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('customers.locale')}>{p.locale}</Descriptions.Item>
            <Descriptions.Item label={t('customers.signedUpAt')}>{dateTime(p.signedUpAt)}</Descriptions.Item>
            <Descriptions.Item label={t('customers.orders')}>{p.orderCount}</Descriptions.Item>
            <Descriptions.Item label={t('customers.totalSpent')}>{money(p.totalSpent)}</Descriptions.Item>
            <Descriptions.Item label={t('customers.lastOrderAt')}>
              {dateTime(p.lastOrderAt)}
              {facts.daysSinceLastOrder !== null &&
                ` (${t('customers.daysAgo', { n: facts.daysSinceLastOrder })})`}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.lastActiveAt')}>
              {dateTime(p.lastActiveAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.referralCode')}>{p.referralCode}</Descriptions.Item>
            <Descriptions.Item label={t('customers.segment')}>
              <Tag>{facts.lead ? t('customers.lead') : t('customers.buyer')}</Tag>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>

      <Row gutter={16}>
        {wallet.data !== null && (
          <Col xs={24} xl={16}>
            <Card
              title={<h2 style={h2}>{t('customers.wallet')}</h2>}
              loading={wallet.loading}
              style={{ marginBottom: 16 }}
            >
              {wallet.problem && <ProblemAlert problem={wallet.problem} />}
              {wallet.data && (
                <>
                  <Space size="large" wrap style={{ marginBottom: 12 }}>
                    <Statistic
                      title={t('customers.balance')}
                      value={money(wallet.data.balance)}
                      suffix={wallet.data.currency}
                      data-testid="wallet-balance"
                    />
                    <Statistic title={t('customers.expiringSoon')} value={wallet.data.expiringSoon.length} />
                  </Space>
                  <Table
                    data-testid="lots-table"
                    size="small"
                    rowKey="lotId"
                    pagination={false}
                    dataSource={wallet.data.lots}
                    locale={{ emptyText: t('customers.noLots') }}
                    columns={[
                      { title: t('customers.lot'), dataIndex: 'lotId' },
                      { title: t('customers.kind'), dataIndex: 'kind' },
                      { title: t('finance.campaign'), dataIndex: 'campaignId' },
                      {
                        title: t('customers.remaining'),
                        dataIndex: 'remaining',
                        align: 'right' as const,
                        render: (v: number) => money(v),
                      },
                      {
                        title: t('customers.original'),
                        dataIndex: 'original',
                        align: 'right' as const,
                        render: (v: number) => money(v),
                      },
                      {
                        title: t('customers.expiresAt'),
                        dataIndex: 'expiresAt',
                        render: (v: string | null) => dateTime(v),
                      },
                    ]}
                  />
                </>
              )}
            </Card>
          </Col>
        )}
        <Col xs={24} xl={8}>
          {points.data !== null && (
            <Card
              title={<h2 style={h2}>{t('customers.points')}</h2>}
              loading={points.loading}
              style={{ marginBottom: 16 }}
            >
              {points.problem && <ProblemAlert problem={points.problem} />}
              {points.data && (
                <>
                  <Statistic
                    title={t('customers.pointsBalance')}
                    value={points.data.balance}
                    data-testid="points-balance"
                  />
                  {points.data.lots.slice(0, 3).map((lot) => (
                    <div key={lot.lotId}>
                      {t('customers.pointsExpiring', { n: lot.remaining, at: dateTime(lot.expiresAt) })}
                    </div>
                  ))}
                </>
              )}
            </Card>
          )}
          {access.may('getMemberTier') && (
            <Card
              title={<h2 style={h2}>{t('customers.tier')}</h2>}
              loading={tier.loading}
              style={{ marginBottom: 16 }}
            >
              {tier.problem && <ProblemAlert problem={tier.problem} />}
              <div data-testid="customer-tier">
                {tier.data
                  ? `${t(`tier.${tier.data.tier}`)} · ${t('customers.rollingSpend', { amount: money(tier.data.rollingSpend) })}`
                  : !tier.loading && t('customers.noTier')}
              </div>
            </Card>
          )}
        </Col>
      </Row>

      {access.may('listCustomerJourneys') && <CustomerJourneys customerId={customerId} />}
      {access.may('requestCompensationCredit') && (
        <CompensationForm customerId={customerId} onSubmitted={() => wallet.reload()} />
      )}
      {access.may('getStatement') && <CustomerStatement customerId={customerId} />}
    </div>
  );
}
