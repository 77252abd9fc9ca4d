import type { CampaignSchedule } from '../stores/campaigns';
import type { ServiceIssue } from './errors';

/** Instants a schedule may name: Postgres has no year 0, and nothing is scheduled before perkflow existed. */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59Z');

/** A schedule as a request gives it: a field left out keeps its value, null clears it. */
export type ScheduleRequest = { [K in keyof CampaignSchedule]?: CampaignSchedule[K] };

/**
 * An IANA zone name (Asia/Shanghai, UTC) the runtime knows. Offsets ("+08:00") are refused although Intl takes them:
 * a zone keeps its daylight-saving rules, an offset does not.
 */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A zone as the runtime names it ("asia/shanghai" → "Asia/Shanghai"): stored so, it reads as every client expects. */
export function canonicalTimeZone(name: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
}

/**
 * What is wrong with a schedule request over the campaign's current schedule (null on create), located at the body
 * field to change: a zone that is not IANA, an end not after the start, an end newly set in the past (it would end
 * the campaign on the spot; POST .../end does that). A start in the past is fine: the campaign launches at once.
 */
export function scheduleIssues(
  req: ScheduleRequest,
  current: CampaignSchedule | null,
  now: Date,
): ServiceIssue[] {
  const issues: ServiceIssue[] = [];
  if (req.timezone != null && !isIanaTimeZone(req.timezone)) {
    issues.push({
      path: ['body', 'timezone'],
      message: `"${req.timezone}" is not an IANA time zone (e.g. Asia/Shanghai)`,
      code: 'invalid_value',
    });
  }
  const instant = (key: 'startsAt' | 'endsAt') => {
    const value = req[key] === undefined ? (current?.[key] ?? null) : req[key];
    return value === null ? null : Date.parse(value);
  };
  const [startsAt, endsAt] = [instant('startsAt'), instant('endsAt')];
  for (const [key, at] of [
    ['startsAt', startsAt],
    ['endsAt', endsAt],
  ] as const) {
    if (at !== null && !Number.isNaN(at) && (at < EARLIEST || at > LATEST)) {
      issues.push({
        path: ['body', key],
        message: 'must be between the years 2000 and 9999',
        code: 'too_big',
      });
    }
    if (at !== null && Number.isNaN(at)) {
      issues.push({
        path: ['body', key],
        message: 'must be an ISO 8601 date-time with an offset',
        code: 'invalid_format',
      });
    }
  }
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt) {
    issues.push({ path: ['body', 'endsAt'], message: 'must be after startsAt', code: 'custom' });
  } else if (req.endsAt != null && endsAt !== null && endsAt <= now.getTime()) {
    const unchanged = current?.endsAt != null && Date.parse(current.endsAt) === endsAt;
    if (!unchanged) issues.push({ path: ['body', 'endsAt'], message: 'is in the past', code: 'custom' });
  }
  return issues;
}
