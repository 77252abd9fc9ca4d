import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_TEST_ARGS, resolveChromium } from '../../../infra/dev/chromium';
import { Ledger } from '../../../ledger';
import { KpiService } from '../../../services/kpis';
import { CampaignStore } from '../../../stores/campaigns';
import { PromotionCodeStore } from '../../../stores/promotion-codes';
import { kpiPage, KPI_PAGE_PATH } from '../../routes/kpi-page';
import { createKpisModule } from '../../routes/kpis';
import { createTestApi, type TestApi } from '../../../test/support/api/test-api';
import { seedKpiScenario } from '../../../test/support/kpi-scenario';

export const SCREENSHOT = '/tmp/perkflow-kpi-page.png';

/** The KPI page in a real headless Chromium against a real API over a seeded database. */
describe('KPI page (GET /kpis/:campaignId) in headless Chromium', () => {
  let api: TestApi;
  let server: Server;
  let base: string;
  let browser: Browser;
  let campaignId: string;

  beforeAll(async () => {
    api = await createTestApi({
      routes: (ctx) => [
        createKpisModule(
          new KpiService(ctx.pool, new CampaignStore(ctx.pool), new PromotionCodeStore(ctx.pool)),
        ),
      ],
    });
    campaignId = (await seedKpiScenario(api.pool, new Ledger(api.pool), 'page')).campaignId;
    // The page next to the API app, as api/app.ts mounts /docs.
    const outer = express();
    outer.get(KPI_PAGE_PATH, kpiPage());
    outer.use(api.app);
    server = await new Promise((resolve) => {
      const s = outer.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const executable = await resolveChromium();
    browser = await chromium.launch({
      executablePath: executable.path,
      env: { ...process.env, ...executable.env },
      args: [...CHROMIUM_TEST_ARGS],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => {
      if (!server) return r();
      server.close(() => r());
      server.closeAllConnections();
    });
    await api?.close();
  });

  it('asks for a key, fetches the KPIs with it in a header and draws issuance and redemption charts', async () => {
    const page = await browser.newPage({ viewport: { width: 960, height: 1100 } });
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    const requests: { url: string; authorization?: string }[] = [];
    page.on('request', (req) =>
      requests.push({ url: req.url(), authorization: req.headers().authorization }),
    );

    const res = await page.goto(`${base}/kpis/${campaignId}`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'nonce-/);
    expect(await page.textContent('#campaign')).toBe(campaignId);
    expect(await page.locator('svg').count()).toBe(0);

    const key = api.keys.finance;
    await page.fill('#key', key);
    await page.click('button[type=submit]');
    await page.waitForSelector('body[data-state=rendered]', { timeout: 15_000 });

    // Issuance: the campaign total is a line with a marker on each day with grants (Mar 1, 2, 3), and each
    // variant has a bar per day it granted on (control: Mar 1 and 3; bigger: Mar 1 and 2).
    const issuance = page.locator('#issuance-chart svg');
    expect(await issuance.locator('path.line[data-series=total]').count()).toBe(1);
    expect(await issuance.locator('path.line').getAttribute('d')).toMatch(
      /^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+){3}$/,
    );
    const days = (loc: ReturnType<typeof issuance.locator>) =>
      loc.evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-day')}=${e.getAttribute('data-value')}`),
      );
    expect(await days(issuance.locator('circle.point[data-series=total]'))).toEqual([
      '2025-03-01=18000',
      '2025-03-02=8000',
      '2025-03-03=5000',
    ]);
    expect(await days(issuance.locator('rect.bar[data-series=control]'))).toEqual([
      '2025-03-01=10000',
      '2025-03-03=5000',
    ]);
    expect(await days(issuance.locator('rect.bar[data-series=bigger]'))).toEqual([
      '2025-03-01=8000',
      '2025-03-02=8000',
    ]);
    // Bars have a visible size and sit inside the drawing.
    const boxes = await issuance
      .locator('rect.bar')
      .evaluateAll((els) =>
        els
          .map((e) => (e as unknown as { getBBox(): { width: number; height: number } }).getBBox())
          .map((b) => [b.width, b.height]),
      );
    for (const [w, h] of boxes) {
      expect(w).toBeGreaterThan(1);
      expect(h).toBeGreaterThan(1);
    }

    // Redemption (net of refunds): Mar 2 +13000, Mar 3 −4000 (refund of 8000 > 4000 redeemed), Mar 4 +3000.
    const redemption = page.locator('#redemption-chart svg');
    expect(await days(redemption.locator('circle.point[data-series=total]'))).toEqual([
      '2025-03-02=13000',
      '2025-03-03=-4000',
      '2025-03-04=3000',
    ]);
    expect(await redemption.locator('rect.bar').count()).toBe(4); // control Mar 2, Mar 4; bigger Mar 2, Mar 3
    // The negative day is drawn below the zero line, the positive ones above it.
    const cy = async (d: string) =>
      Number(await redemption.locator(`circle.point[data-day="${d}"]`).getAttribute('cy'));
    expect(await cy('2025-03-03')).toBeGreaterThan(await cy('2025-03-02'));
    expect(await cy('2025-03-03')).toBeGreaterThan(await cy('2025-03-04'));

    // The summary and the A/B table.
    expect(await page.textContent('table.kpis')).toContain('270.00 CNY');
    expect(await page.locator('table.ab tr').count()).toBe(3);

    // The key went only into the Authorization header of the one API call, never into a URL.
    const apiCalls = requests.filter((r) => r.url.includes('/v1/'));
    expect(apiCalls).toEqual([
      { url: `${base}/v1/campaigns/${campaignId}/kpis`, authorization: `Bearer ${key}` },
    ]);
    expect(requests.filter((r) => r.url.includes(key))).toEqual([]);
    expect(problems).toEqual([]);

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });

  it('shows the API’s refusal for a wrong key and draws nothing', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/kpis/${campaignId}`);
    await page.fill('#key', 'pk_wrong');
    await page.click('button[type=submit]');
    await page.waitForSelector('body[data-state=error]', { timeout: 15_000 });
    expect(await page.textContent('#status')).toMatch(/^Could not load the KPIs: 401/);
    expect(await page.locator('svg').count()).toBe(0);
    // A storefront key is authenticated but not allowed.
    await page.fill('#key', api.keys.storefront);
    await page.click('button[type=submit]');
    // A locator, not waitForFunction: the page's CSP forbids the eval a string predicate needs once it has to poll.
    await page.locator('#status', { hasText: '403' }).waitFor({ timeout: 15_000 });
    expect(await page.textContent('#status')).toMatch(/^Could not load the KPIs: 403/);
    await page.close();
  });
});
