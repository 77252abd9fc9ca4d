import { FlowConfig } from './config';
import { isTimeZone, nextTimeOfDay } from './time-of-day';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('wait until a time of day (time-of-day.ts)', () => {
  it('takes today’s time while it is ahead, else tomorrow’s, in the zone’s wall clock', () => {
    // 09:00 in Shanghai (01:00 UTC): 10:00 is an hour away.
    expect(iso(nextTimeOfDay(at('2030-01-01T01:00:00Z'), '10:00', 'Asia/Shanghai'))).toBe(
      '2030-01-01T02:00:00.000Z',
    );
    // Exactly 10:00 there: the next one, tomorrow.
    expect(iso(nextTimeOfDay(at('2030-01-01T02:00:00Z'), '10:00', 'Asia/Shanghai'))).toBe(
      '2030-01-02T02:00:00.000Z',
    );
    // 23:30 UTC on Jan 1 is already Jan 2, 07:30 in Shanghai: 10:00 of Jan 2 there.
    expect(iso(nextTimeOfDay(at('2030-01-01T23:30:00Z'), '10:00', 'Asia/Shanghai'))).toBe(
      '2030-01-02T02:00:00.000Z',
    );
    expect(iso(nextTimeOfDay(at('2030-06-30T23:59:30Z'), '00:00', 'UTC'))).toBe('2030-07-01T00:00:00.000Z');
  });

  it('follows daylight saving time; a time inside the spring-forward gap is the first instant after it', () => {
    // New York: EST (UTC−5) in January, EDT (UTC−4) in July.
    expect(iso(nextTimeOfDay(at('2030-01-10T12:00:00Z'), '09:30', 'America/New_York'))).toBe(
      '2030-01-10T14:30:00.000Z',
    );
    expect(iso(nextTimeOfDay(at('2030-07-10T12:00:00Z'), '09:30', 'America/New_York'))).toBe(
      '2030-07-10T13:30:00.000Z',
    );
    // 2030-03-10: clocks jump from 02:00 to 03:00; 02:30 does not exist that day.
    const gap = nextTimeOfDay(at('2030-03-10T05:00:00Z'), '02:30', 'America/New_York');
    expect(gap).toBeGreaterThan(at('2030-03-10T05:00:00Z'));
    expect(gap).toBeLessThanOrEqual(at('2030-03-10T07:30:00Z'));
  });

  it('knows IANA zones and refuses offsets and unknown names; the schema says so on the node', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('+08:00')).toBe(false);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    const parsed = FlowConfig.safeParse({
      definition: {
        nodes: [
          { id: 'in', type: 'entry', on: { type: 'signed_up' }, next: 'ten' },
          { id: 'ten', type: 'wait', at: { time: '10:00' }, for: { days: 1 }, next: 'out' },
          { id: 'out', type: 'exit', outcome: 'done' },
        ],
      },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message)).toEqual([
      'a wait takes exactly one of `for`, `until` or `at`',
    ]);
  });

  it('counts a createTask waiting for its close as a wait: a loop through it is allowed, through a plain task not', () => {
    const loop = (waitForClose: boolean) =>
      FlowConfig.safeParse({
        definition: {
          nodes: [
            { id: 'in', type: 'entry', on: { type: 'signed_up' }, next: 'call' },
            {
              id: 'call',
              type: 'createTask',
              kind: 'callback',
              title: 'Call until reached',
              ...(waitForClose ? { waitForClose: { timeout: { days: 1 }, onTimeout: 'call' } } : {}),
              next: waitForClose ? 'out' : 'again',
            },
            ...(waitForClose
              ? []
              : [
                  {
                    id: 'again',
                    type: 'condition',
                    branches: [
                      { when: [{ on: 'fact', fact: 'orderCount', op: 'eq', value: 0 }], next: 'call' },
                    ],
                    otherwise: 'out',
                  },
                ]),
            { id: 'out', type: 'exit', outcome: 'done' },
          ],
        },
      });
    expect(loop(true).success).toBe(true);
    const refused = loop(false);
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('is on a loop with no wait or waitFor'),
    ]);
  });
});
