import type { CalendarEntry, DateEntry } from '../workflows/journeys/flow/plugin';

/*
 * When a date or calendar entry enrols next, in the campaign's time zone: pure (the clock is an argument), so the
 * activity computes it from the workflow's time.
 */

const WEEKDAY_INDEX: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The zone's offset from UTC (ms) at an instant. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a local date and time of day in a zone (a time skipped by a DST change moves forward). */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - offsetMs(guess, timeZone);
  return guess - offsetMs(first, timeZone);
}

/** The local calendar date of an instant in a zone. */
export function localDate(instant: number, timeZone: string): string {
  const shifted = new Date(instant + offsetMs(instant, timeZone));
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** A date plus N days (calendar arithmetic). */
export function addDays(date: string, n: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + n * 86_400_000;
  const d = new Date(t);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whether a calendar rule falls on a local date. */
export function calendarFallsOn(rule: CalendarEntry, date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (rule.monthlyDay !== undefined) return d === Math.min(rule.monthlyDay, daysInMonth(y, m));
  const weekdays = rule.weekdays ?? (rule.weekday !== undefined ? [rule.weekday] : undefined);
  if (weekdays !== undefined) {
    const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    return weekdays.some((w) => WEEKDAY_INDEX[w] === day);
  }
  return (rule.dates ?? []).includes(date);
}

/** The days looked ahead for an occurrence (a listed date or monthly day is always within them). */
const HORIZON_DAYS = 800;

/**
 * The first occurrence strictly after `after`: every day for a date entry (who it takes depends on the day), the rule's
 * days for a calendar entry; at the entry's time in `timeZone`. Null when none is left (listed dates all past).
 */
export function nextOccurrence(
  entry: { date: DateEntry } | { calendar: CalendarEntry },
  timeZone: string,
  after: number,
): { run: string; at: string } | null {
  const time = 'date' in entry ? entry.date.time : entry.calendar.time;
  let date = localDate(after, timeZone);
  for (let i = 0; i < HORIZON_DAYS; i++, date = addDays(date, 1)) {
    if ('calendar' in entry && !calendarFallsOn(entry.calendar, date)) continue;
    const at = zonedInstant(date, time, timeZone);
    if (at > after) return { run: date, at: new Date(at).toISOString() };
  }
  return null;
}
