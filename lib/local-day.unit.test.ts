import { localDay } from './local-day';

describe('localDay', () => {
  it('reads the calendar day and weekday in the given time zone', () => {
    // 2026-11-10T16:30Z is already Wednesday 11 November in Shanghai (UTC+8), still Tuesday in UTC and New York.
    const at = '2026-11-10T16:30:00Z';
    expect(localDay(at, 'Asia/Shanghai')).toEqual({ localDate: '2026-11-11', weekday: 'wed' });
    expect(localDay(at, 'UTC')).toEqual({ localDate: '2026-11-10', weekday: 'tue' });
    expect(localDay(at, 'America/New_York')).toEqual({ localDate: '2026-11-10', weekday: 'tue' });
  });

  it('refuses an unknown time zone', () => {
    expect(() => localDay('2026-11-10T00:00:00Z', 'Mars/Olympus')).toThrow(RangeError);
  });
});
