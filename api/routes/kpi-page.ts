import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * GET /kpis/:campaignId — a campaign's KPI page: public, static HTML + an inline, dependency-free SVG chart renderer
 * (no CDN: perkflow machines may have no internet). The page holds no data and no secret: it asks for an API key in a
 * form field, keeps it in page memory only (never in the URL, a cookie or storage) and fetches
 * /v1/campaigns/:id/kpis with `Authorization: Bearer <key>`, so the API's own auth and roles (growth, finance, ops)
 * decide what it may show. The script is allowed by a per-response CSP nonce, like /docs.
 */
const SCRIPT = String.raw`
const NS = 'http://www.w3.org/2000/svg';
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const campaignId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const el = (name, attrs, text) => {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
};
let currency = '';
const money = (minor) => (minor / 100).toFixed(2) + (currency ? ' ' + currency : '');
const pct = (r) => (r === null || r === undefined ? '—' : (Number(r) * 100).toFixed(2) + ' %');
const dayAdd = (day, n) => new Date(Date.parse(day + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

/** Every day from the first to the last active day, so the time axis has no holes (shared by both charts). */
function dayRange(active) {
  const days = [...active].sort();
  if (days.length === 0) return [];
  const out = [];
  for (let d = days[0]; d <= days[days.length - 1]; d = dayAdd(d, 1)) out.push(d);
  return out;
}

/**
 * One chart over the given days: the campaign total as a line (a marker on every active day) and, with A/B variants, one bar per variant
 * and active day. Each series is { name, points: [{ day, value }] } with only active (non-zero) days in points.
 */
function chart(container, title, days, total, variants) {
  const W = 880, H = 300, L = 70, R = 16, T = 30, B = 46;
  const svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img', 'aria-label': title });
  svg.appendChild(el('text', { x: L, y: 18, 'font-size': 14, 'font-weight': 600, fill: '#222' }, title));
  if (days.length === 0) {
    svg.appendChild(el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', fill: '#888', class: 'empty' }, 'No activity yet'));
    container.appendChild(svg);
    return;
  }
  const values = [total, ...variants].flatMap((s) => s.points.map((p) => p.value));
  const max = Math.max(0, ...values), min = Math.min(0, ...values);
  const span = max - min || 1;
  const y = (v) => T + ((max - v) / span) * (H - T - B);
  const slot = (W - L - R) / days.length;
  const x = (i) => L + slot * i + slot / 2;
  const index = new Map(days.map((d, i) => [d, i]));
  // Axes, zero line and labels.
  svg.appendChild(el('line', { x1: L, y1: T, x2: L, y2: H - B, stroke: '#999' }));
  svg.appendChild(el('line', { x1: L, y1: y(0), x2: W - R, y2: y(0), stroke: '#999' }));
  for (const v of [max, min !== 0 ? min : null, max / 2].filter((v) => v !== null && v !== 0)) {
    svg.appendChild(el('line', { x1: L, y1: y(v), x2: W - R, y2: y(v), stroke: '#eee' }));
    svg.appendChild(el('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#555' }, money(v)));
  }
  svg.appendChild(el('text', { x: L - 6, y: y(0) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#555' }, '0'));
  const every = Math.max(1, Math.ceil(days.length / 10));
  days.forEach((d, i) => {
    if (i % every === 0 || i === days.length - 1)
      svg.appendChild(el('text', { x: x(i), y: H - B + 16, 'text-anchor': 'middle', 'font-size': 10, fill: '#555' }, d.slice(5)));
  });
  // Variant bars, grouped within each day's slot.
  const bw = variants.length ? Math.max(1, (slot * 0.7) / variants.length) : 0;
  variants.forEach((s, k) => {
    for (const p of s.points) {
      const i = index.get(p.day);
      const top = Math.min(y(p.value), y(0));
      svg.appendChild(el('rect', {
        class: 'bar', 'data-series': s.name, 'data-day': p.day, 'data-value': p.value,
        x: x(i) - (slot * 0.7) / 2 + k * bw, y: top, width: bw, height: Math.max(1, Math.abs(y(p.value) - y(0))),
        fill: COLORS[(k + 1) % COLORS.length], 'fill-opacity': 0.75,
      })).appendChild(el('title', {}, s.name + ' ' + p.day + ': ' + money(p.value)));
    }
  });
  // Total line over every day of the range (inactive days are 0), markers on active days.
  const byDay = new Map(total.points.map((p) => [p.day, p.value]));
  const d = days.map((day, i) => (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(byDay.get(day) || 0).toFixed(1)).join(' ');
  svg.appendChild(el('path', { class: 'line', 'data-series': total.name, d, fill: 'none', stroke: COLORS[0], 'stroke-width': 2 }));
  for (const p of total.points) {
    svg.appendChild(el('circle', {
      class: 'point', 'data-series': total.name, 'data-day': p.day, 'data-value': p.value,
      cx: x(index.get(p.day)), cy: y(p.value), r: 4, fill: COLORS[0],
    })).appendChild(el('title', {}, p.day + ': ' + money(p.value)));
  }
  // Legend.
  let lx = L;
  [total, ...variants].forEach((s, k) => {
    svg.appendChild(el('rect', { x: lx, y: H - 16, width: 10, height: 10, fill: COLORS[k % COLORS.length] }));
    const label = k === 0 ? 'campaign total' : 'variant ' + s.name;
    svg.appendChild(el('text', { x: lx + 14, y: H - 7, 'font-size': 11, fill: '#333' }, label));
    lx += 24 + label.length * 6.5;
  });
  container.appendChild(svg);
}

const pick = (metrics, name, field) => ({
  name,
  points: metrics.series.filter((p) => p[field] !== 0).map((p) => ({ day: p.day, value: p[field] })),
});

function row(label, m) {
  return '<tr><th>' + esc(label) + '</th><td>' + m.journeysStarted + '</td><td>' + m.credits.lotsGranted + '</td><td>' +
    money(m.credits.amountGranted) + '</td><td>' + pct(m.claimRate) + '</td><td>' + pct(m.redemptionRate) + '</td><td>' +
    money(m.attributedGmv) + '</td><td>' + money(m.cost) + '</td><td>' + (m.roi === null ? '—' : esc(m.roi)) + '</td></tr>';
}

function render(k) {
  currency = k.currency;
  const variants = k.abTest ? k.abTest.variants : [];
  const out = [];
  out.push('<table class="kpis"><tr><th></th><th>journeys</th><th>lots</th><th>granted</th><th>claim rate</th>' +
    '<th>redemption rate</th><th>attributed GMV</th><th>cost</th><th>ROI</th></tr>');
  out.push(row('campaign', k.totals));
  for (const v of variants) out.push(row('variant ' + v.name, v.metrics));
  out.push('</table>');
  if (k.referrals) {
    out.push('<p>Referrals: ' + k.referrals.referrals + ' · valid ' + k.referrals.valid + ' · paid ' + k.referrals.paid +
      ' · conversion ' + pct(k.referrals.conversion) + '</p>');
  }
  if (k.abTest) {
    out.push('<h2>A/B test — customer conversion (95 % Wilson interval)</h2><table class="ab"><tr><th>variant</th>' +
      '<th>converted / assigned</th><th>rate</th><th>95 % CI</th></tr>');
    for (const v of variants) {
      const c = v.conversion;
      out.push('<tr><td>' + esc(v.name) + '</td><td>' + c.converted + ' / ' + c.assigned + '</td><td>' + pct(c.rate) +
        '</td><td>' + (c.ci95 ? pct(c.ci95.low) + ' – ' + pct(c.ci95.high) : '—') + '</td></tr>');
    }
    out.push('</table>');
    for (const c of k.abTest.comparisons) {
      out.push('<p class="cmp">' + esc(c.variant) + ' − ' + esc(c.baseline) + ': ' + pct(c.difference) + ' (95 % CI ' +
        (c.ci95 ? pct(c.ci95.low) + ' – ' + pct(c.ci95.high) : '—') + ')' + (c.significant ? ' — significant' : '') + '</p>');
    }
  }
  $('report').innerHTML = out.join('\n');
  const charts = $('charts');
  charts.textContent = '';
  const issuance = document.createElement('div');
  issuance.id = 'issuance-chart';
  const redemption = document.createElement('div');
  redemption.id = 'redemption-chart';
  charts.append(issuance, redemption);
  const days = dayRange(k.totals.series.map((p) => p.day));
  chart(issuance, 'Issuance per day (amount granted)', days, pick(k.totals, 'total', 'amountGranted'),
    variants.map((v) => pick(v.metrics, v.name, 'amountGranted')));
  chart(redemption, 'Redemption per day (net of refunds)', days, pick(k.totals, 'total', 'amountRedeemedNet'),
    variants.map((v) => pick(v.metrics, v.name, 'amountRedeemedNet')));
  document.body.dataset.state = 'rendered';
}

$('campaign').textContent = campaignId;
document.title = 'KPIs · ' + campaignId;
$('auth').addEventListener('submit', async (e) => {
  e.preventDefault();
  const key = $('key').value.trim();
  $('status').textContent = 'Loading…';
  document.body.dataset.state = 'loading';
  try {
    const res = await fetch('/v1/campaigns/' + encodeURIComponent(campaignId) + '/kpis', {
      headers: { Authorization: 'Bearer ' + key, Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
    });
    const body = await res.json();
    if (!res.ok) throw new Error(res.status + ' ' + (body.title || '') + (body.detail ? ': ' + body.detail : ''));
    $('status').textContent = 'As of ' + body.generatedAt;
    render(body);
  } catch (err) {
    $('status').textContent = 'Could not load the KPIs: ' + err.message;
    document.body.dataset.state = 'error';
  }
});
`;

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
form { margin: 0.5rem 0 1rem; } input { font: inherit; padding: 0.2rem 0.4rem; width: 24rem; }
table { border-collapse: collapse; margin: 0.5rem 0; } td, th { border: 1px solid #e3e3e3; padding: 0.2rem 0.5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
#status { color: #555; } svg { display: block; margin: 1rem 0; border: 1px solid #eee; }
`;

export function kpiPage(): RequestHandler {
  return (_req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; ` +
        `connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>KPIs</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${STYLE}</style>
</head>
<body data-state="idle">
<h1>Campaign KPIs · <span id="campaign"></span></h1>
<form id="auth" autocomplete="off">
  <label>API key (growth, finance or ops) <input id="key" name="key" type="password" autocomplete="off" required></label>
  <button type="submit">Show KPIs</button>
</form>
<p id="status">The key stays in this page's memory and is sent only as an Authorization header to this API.</p>
<section id="report"></section>
<section id="charts"></section>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`);
  };
}

/** Where the page is mounted: next to /docs, outside the JSON route modules (see api/app.ts). */
export const KPI_PAGE_PATH = '/kpis/:campaignId';
