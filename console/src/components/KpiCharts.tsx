import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import type { GetJson } from '../api/types';
import { money } from '../format';
import { useLocale } from '../i18n/locale';

// Only the parts drawn here, so the bundle carries no unused chart types.
echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
]);

type Kpis = GetJson<'/v1/campaigns/{id}/kpis'>;
type Metrics = Kpis['totals'];
type Field = 'amountGranted' | 'amountRedeemedNet';

const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Every day from the first to the last active one, so the time axis has no holes. */
function dayRange(kpis: Kpis): string[] {
  const days = kpis.totals.series.map((p) => p.day).sort();
  const out: string[] = [];
  const last = days[days.length - 1];
  for (let d = days[0]; d !== undefined && last !== undefined && d <= last; d = dayAfter(d)) out.push(d);
  return out;
}

const valuesOn = (days: string[], metrics: Metrics, field: Field) => {
  const byDay = new Map(metrics.series.map((p) => [p.day, p[field]]));
  return days.map((d) => (byDay.get(d) ?? 0) / 100);
};

/** One chart: the campaign total as a line and, with A/B variants, a bar per variant and day (what /kpis/<id> drew). */
function DailyChart({ kpis, field, title }: { kpis: Kpis; field: Field; title: string }) {
  const { t } = useLocale();
  const days = dayRange(kpis);
  const variants = kpis.abTest?.variants ?? [];
  const option = {
    // No animation: the chart is read, not watched (and screenshots catch it drawn).
    animation: false,
    aria: { enabled: true, label: { description: title } },
    title: { show: false },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toFixed(2)} ${kpis.currency}` },
    legend: { top: 0 },
    grid: { left: 64, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v * 100) } },
    series: [
      { name: t('kpis.total'), type: 'line', data: valuesOn(days, kpis.totals, field) },
      ...variants.map((v) => ({
        name: t('kpis.variant', { name: v.name }),
        type: 'bar',
        data: valuesOn(days, v.metrics, field),
      })),
    ],
  };
  return (
    <figure style={{ margin: '16px 0' }} data-testid={`chart-${field}`}>
      <figcaption style={{ fontWeight: 600 }}>{title}</figcaption>
      {days.length === 0 ? (
        <p>{t('kpis.noActivity')}</p>
      ) : (
        <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />
      )}
    </figure>
  );
}

export function KpiCharts({ kpis }: { kpis: Kpis }) {
  const { t } = useLocale();
  return (
    <>
      <DailyChart kpis={kpis} field="amountGranted" title={t('kpis.issuance')} />
      <DailyChart kpis={kpis} field="amountRedeemedNet" title={t('kpis.redemption')} />
    </>
  );
}
