import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { durationParts } from '../contracts/simulation';

dayjs.extend(utc);

/**
 * Milliseconds from `startIso` to `startIso + duration`, on the UTC calendar: `P1M` from 31 January is 28 or 29 days
 * (the month's last day), `P1D` is always 24 hours.
 */
export function durationFrom(startIso: string, duration: string): number {
  const parts = durationParts(duration);
  if (!parts) throw new Error(`not an ISO 8601 duration: ${duration}`);
  const start = dayjs.utc(startIso);
  const end = start
    .add(parts.years, 'year')
    .add(parts.months, 'month')
    .add(parts.weeks * 7 + parts.days, 'day')
    .add(parts.hours, 'hour')
    .add(parts.minutes, 'minute')
    .add(parts.seconds, 'second');
  return end.valueOf() - start.valueOf();
}
