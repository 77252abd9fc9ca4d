/** Money is integer minor units everywhere in the API; the console shows it with two decimals. */
export function money(minor: number | null | undefined): string {
  if (minor === null || minor === undefined) return '—';
  return (minor / 100).toFixed(2);
}

/** The API's ratios are decimal strings (4 places) or null. */
export function percent(ratio: string | number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  return `${(Number(ratio) * 100).toFixed(2)} %`;
}

/**
 * The most an amount typed in currency units may be: whole units whose minor units stay a safe integer, the API's
 * bound for every amount (beyond it a typed value is no longer exact to the cent).
 */
export const MAX_CURRENCY_UNITS = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/** An amount typed in currency units (12.34) as the API's integer minor units (1234), rounded to the cent. */
export function toMinor(units: number): number {
  return Math.round(units * 100);
}

/** An API instant (ISO text) as local date and time to the minute, or a dash. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
