/*
 * Wall-clock arithmetic of a `wait` until a time of day in a time zone: pure (the caller passes the instant), so the
 * interpreter (on workflow time) and its unit tests compute the same. Intl's zone data is in every V8 isolate,
 * the workflow sandbox's included.
 */

/** `HH:MM`, 00:00–23:59. */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** An IANA zone name the runtime knows (Asia/Shanghai, UTC); offsets like +08:00 are refused (no DST rules). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of an instant in a zone, as if that wall clock were UTC (milliseconds). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The instant a wall-clock time (given as if UTC) of a zone names; in a DST gap, the instant just after it. */
function instantOf(wallMs: number, timeZone: string): number {
  let guess = wallMs;
  for (let i = 0; i < 3; i++) {
    const offset = wallClockMs(guess, timeZone) - guess;
    const next = wallMs - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

/**
 * The next instant strictly after `nowMs` whose wall clock in `timeZone` reads `time` (HH:MM): today's if it is still
 * ahead, else tomorrow's.
 */
export function nextTimeOfDay(nowMs: number, time: string, timeZone: string): number {
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = wallClockMs(nowMs - (nowMs % 1000), timeZone);
  const day = new Date(wall);
  for (let add = 0; add <= 2; add++) {
    const target = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + add, hh, mm);
    const at = instantOf(target, timeZone);
    if (at > nowMs) return at;
  }
  throw new Error(`no next ${time} in ${timeZone} after ${new Date(nowMs).toISOString()}`);
}
