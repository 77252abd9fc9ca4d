/** Formats integer minor units as a major-unit decimal string ("5000" → "50.00") without floating point. */
export function formatMinor(minor: number, fractionDigits = 2): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`not an integer amount: ${minor}`);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(fractionDigits + 1, '0');
  const major = digits.slice(0, digits.length - fractionDigits);
  const fraction = digits.slice(digits.length - fractionDigits);
  return `${negative ? '-' : ''}${major}${fractionDigits > 0 ? `.${fraction}` : ''}`;
}

/** Calendar date (UTC) of an ISO timestamp, as shown in emails. */
export function dateOnly(iso: string): string {
  return iso.slice(0, 10);
}
