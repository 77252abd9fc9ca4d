/** A cell of an exported table: text as it is, numbers as the API gives them, null as empty. */
export type CsvCell = string | number | null | undefined;

/**
 * One field by RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes doubled). Text a spreadsheet would run
 * as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe: ids and names come from API callers, and a CSV
 * opened in Excel must not execute them. Numbers are never prefixed (a negative amount stays a number).
 */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  let text = String(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and the data rows, CRLF-separated as RFC 4180 has it. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
