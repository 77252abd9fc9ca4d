import { Card, DatePicker, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAccess } from '../access';
import { api } from '../api/client';
import { call } from '../api/problem';
import { useApiData } from '../api/use-api-data';
import type { GetJson as Json } from '../api/types';
import { CsvButton } from '../components/CsvButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { money } from '../format';
import { useLocale } from '../i18n/locale';

interface FinanceData {
  liability: Json<'/v1/finance/liability'>;
  breakage: Json<'/v1/finance/breakage'>;
  expense: Json<'/v1/finance/expense'>;
  points: Json<'/v1/finance/points-liability'>;
  budget: Json<'/v1/finance/program-budget'> | null;
}

/** Liability now, breakage and expense over a period, and the program budget: the finance routes as tables. */
export function Finance() {
  const { t } = useLocale();
  const access = useAccess();
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([
    dayjs().startOf('year'),
    dayjs().add(1, 'day').startOf('day'),
  ]);
  const { data, problem } = useApiData(async (): Promise<FinanceData> => {
    const query = { from: period[0].toISOString(), to: period[1].toISOString() };
    const [liability, breakage, expense, points, budget] = await Promise.all([
      call(api.GET('/v1/finance/liability')),
      call(api.GET('/v1/finance/breakage', { params: { query } })),
      call(api.GET('/v1/finance/expense', { params: { query } })),
      call(api.GET('/v1/finance/points-liability')),
      access.may('getProgramBudget') ? call(api.GET('/v1/finance/program-budget')) : Promise.resolve(null),
    ]);
    return { liability, breakage, expense, points, budget };
  }, [period, access]);

  /** Amounts in the CSV are currency units as numbers (12.34), so a spreadsheet can sum them. */
  const units = (minor: number) => minor / 100;
  const currency = data?.liability.currency ?? '';
  const amountHeader = `${t('finance.amount')} (${currency})`;
  const day = (d: Dayjs) => d.format('YYYY-MM-DD');
  const periodName = `${day(period[0])}_${day(period[1])}`;
  const expenseKeys = ['granted', 'redeemed', 'expired', 'revoked', 'points', 'expense'] as const;

  const byCampaign = [
    { title: t('finance.campaign'), dataIndex: 'campaignId' },
    {
      title: t('finance.amount'),
      dataIndex: 'amount',
      align: 'right' as const,
      render: (v: number) => money(v),
    },
  ];

  return (
    <section aria-labelledby="finance-title">
      <Typography.Title level={1} id="finance-title" style={{ fontSize: 22 }}>
        {t('finance.title')}
      </Typography.Title>
      {problem && <ProblemAlert problem={problem} />}
      {data?.budget && (
        <Card title={t('finance.budget')} style={{ marginBottom: 16 }}>
          <Space size="large" wrap>
            <Statistic
              title={t('finance.funded')}
              value={money(data.budget.funded)}
              suffix={data.budget.currency}
            />
            <Statistic title={t('finance.allocated')} value={money(data.budget.allocated)} />
            <Statistic title={t('finance.remaining')} value={money(data.budget.remaining)} />
          </Space>
        </Card>
      )}
      <Card
        title={t('finance.liability')}
        extra={
          <Space>
            {data && `${t('finance.total')}: ${money(data.liability.total)} ${data.liability.currency}`}
            <CsvButton
              testId="csv-liability"
              filename={`liability_${data ? data.liability.asOf.slice(0, 10) : ''}.csv`}
              header={[t('finance.campaign'), amountHeader]}
              rows={data?.liability.byCampaign.map((r) => [r.campaignId, units(r.amount)])}
            />
          </Space>
        }
        style={{ marginBottom: 16 }}
      >
        <Table
          data-testid="liability-table"
          size="small"
          rowKey="campaignId"
          loading={!data && !problem}
          pagination={false}
          dataSource={data?.liability.byCampaign ?? []}
          columns={byCampaign}
        />
      </Card>
      <Card
        title={t('finance.pointsLiability')}
        extra={
          <Space>
            {data &&
              `${t('finance.total')}: ${data.points.points} ${t('finance.pointsCount')} = ${money(data.points.value)} ${
                data.points.currency
              }`}
            <CsvButton
              testId="csv-points-liability"
              filename={`points_liability_${data ? data.points.asOf.slice(0, 10) : ''}.csv`}
              header={[t('finance.campaign'), t('finance.pointsCount'), amountHeader]}
              rows={data?.points.byCampaign.map((r) => [r.campaignId ?? '', r.points, units(r.value)])}
            />
          </Space>
        }
        style={{ marginBottom: 16 }}
      >
        <Table
          data-testid="points-liability-table"
          size="small"
          rowKey={(r) => r.campaignId ?? ''}
          pagination={false}
          dataSource={data?.points.byCampaign ?? []}
          columns={[
            { title: t('finance.campaign'), dataIndex: 'campaignId', render: (v: string | null) => v ?? '—' },
            { title: t('finance.pointsCount'), dataIndex: 'points', align: 'right' as const },
            {
              title: t('finance.amount'),
              dataIndex: 'value',
              align: 'right' as const,
              render: (v: number) => money(v),
            },
          ]}
        />
      </Card>
      <Space style={{ marginBottom: 16 }}>
        <span id="finance-period">{t('finance.period')}</span>
        <DatePicker.RangePicker
          aria-labelledby="finance-period"
          value={period}
          allowClear={false}
          onChange={(range) => {
            if (range?.[0] && range[1]) setPeriod([range[0], range[1]]);
          }}
        />
      </Space>
      <Card
        title={t('finance.expense')}
        extra={
          <Space>
            {data && `${t('finance.total')}: ${money(data.expense.total)}`}
            <CsvButton
              testId="csv-expense"
              filename={`expense_${periodName}.csv`}
              header={[
                t('finance.campaign'),
                ...expenseKeys.map(
                  (k) => `${t(k === 'expense' ? 'finance.expense.amount' : `finance.${k}`)} (${currency})`,
                ),
              ]}
              rows={data?.expense.campaigns.map((r) => [
                r.campaignId,
                ...expenseKeys.map((k) => units(r[k])),
              ])}
            />
          </Space>
        }
        style={{ marginBottom: 16 }}
      >
        <Table
          data-testid="expense-table"
          size="small"
          rowKey="campaignId"
          pagination={false}
          dataSource={data?.expense.campaigns ?? []}
          columns={[
            { title: t('finance.campaign'), dataIndex: 'campaignId' },
            ...(['granted', 'redeemed', 'expired', 'revoked', 'points'] as const).map((k) => ({
              title: t(`finance.${k}`),
              dataIndex: k,
              align: 'right' as const,
              render: (v: number) => money(v),
            })),
            {
              title: t('finance.expense.amount'),
              dataIndex: 'expense',
              align: 'right' as const,
              render: (v: number) => money(v),
            },
          ]}
        />
      </Card>
      <Card
        title={t('finance.breakage')}
        extra={
          <Space>
            {data && `${t('finance.total')}: ${money(data.breakage.total)}`}
            <CsvButton
              testId="csv-breakage"
              filename={`breakage_${periodName}.csv`}
              header={[t('finance.campaign'), amountHeader]}
              rows={data?.breakage.byCampaign.map((r) => [r.campaignId, units(r.amount)])}
            />
          </Space>
        }
      >
        <Table
          data-testid="breakage-table"
          size="small"
          rowKey="campaignId"
          pagination={false}
          dataSource={data?.breakage.byCampaign ?? []}
          columns={byCampaign}
        />
      </Card>
    </section>
  );
}
