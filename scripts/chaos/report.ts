import { fmtS, type ChaosReport, type RoundReport } from './run';

function outcomeCount(r: RoundReport, pick: (key: string) => boolean): number {
  return Object.entries(r.outcomes).reduce((n, [k, v]) => (pick(k) ? n + v : n), 0);
}

const is2xx = (k: string) => /^2\d\d$/.test(k);
const KNOWN = new Set(['503', '500', 'conn', 'hang']);

/** A Markdown table: one row per round, the drain and the verdict below. */
export function formatReport(report: ChaosReport): string {
  const header = [
    '#',
    'fault',
    'at req',
    'sent',
    'accepted',
    '2xx answers',
    '503',
    '500',
    'conn',
    'hang',
    'other',
    'max ms',
    'recover s',
    'settle s',
    'effects',
    'invariants',
  ];
  const rows = report.rounds.map((r) => {
    const failing = r.invariants.filter((i) => i.violations.length > 0).map((i) => i.name);
    return [
      String(r.round),
      r.fault,
      String(r.faultAtRequest),
      String(r.sent),
      String(r.accepted),
      String(outcomeCount(r, is2xx)),
      String(outcomeCount(r, (k) => k === '503')),
      String(outcomeCount(r, (k) => k === '500')),
      String(outcomeCount(r, (k) => k === 'conn')),
      String(outcomeCount(r, (k) => k === 'hang')),
      String(outcomeCount(r, (k) => !is2xx(k) && !KNOWN.has(k))),
      String(r.maxAnsweredMs),
      fmtS(r.recoverMs),
      fmtS(r.settleMs),
      `${r.effectsExpected - r.effectsMissing.length}/${r.effectsExpected}`,
      r.invariants.length === 0
        ? 'not checked'
        : failing.length === 0
          ? `${r.invariants.length} hold`
          : `FAIL ${failing.join(',')}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  out.push('');
  for (const r of report.rounds) out.push(`round ${r.round}: ${r.faultDetail}`);
  if (report.drain) {
    const d = report.drain;
    out.push(
      '',
      `drain: deferred effects (emails sent and delivered, trial conversions) ` +
        `${d.missing.length === 0 ? `complete after ${fmtS(d.ms)} s` : `${d.missing.length} missing`}; ` +
        `${d.emailsDelivered} emails delivered, ${d.inboxDuplicates.length} duplicates, ` +
        `${d.resentSameMessageId} re-sent with the same Message-ID; ` +
        `effects regressed: ${d.effectsRegressed.length}; ` +
        `invariants: ${d.invariants.filter((i) => i.violations.length > 0).length === 0 ? 'all hold' : 'FAIL'}`,
    );
  }
  out.push(
    '',
    `seed ${report.seed}, ${report.rounds.length} rounds in ${fmtS(report.totalMs)} s: ` +
      (report.violations.length === 0 ? 'no violations' : `${report.violations.length} VIOLATIONS`),
  );
  for (const v of report.violations.slice(0, 50)) out.push(`  - ${v}`);
  if (report.violations.length > 50) out.push(`  … and ${report.violations.length - 50} more`);
  return out.join('\n');
}
