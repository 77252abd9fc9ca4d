import { CalendarEntry } from '../workflows/journeys/flow/entries';
import { calendarFallsOn, localDate, nextOccurrence, zonedInstant } from './enrolment-calendar';

const at = (iso: string) => Date.parse(iso);

describe('date and calendar entries: next occurrence in the campaign’s time zone', () => {
  it('converts a local time of day to its instant, across offsets and DST', () => {
    expect(new Date(zonedInstant('2027-03-18', '09:00', 'Asia/Shanghai')).toISOString()).toBe(
      '2027-03-18T01:00:00.000Z',
    );
    // New York: EST (UTC−5) before 14 March 2027, EDT (UTC−4) after.
    expect(new Date(zonedInstant('2027-03-13', '09:00', 'America/New_York')).toISOString()).toBe(
      '2027-03-13T14:00:00.000Z',
    );
    expect(new Date(zonedInstant('2027-03-15', '09:00', 'America/New_York')).toISOString()).toBe(
      '2027-03-15T13:00:00.000Z',
    );
    expect(localDate(at('2027-03-17T20:00:00Z'), 'Asia/Shanghai')).toBe('2027-03-18');
  });

  it('a monthly day past the month’s end falls on its last day; weekdays and listed dates', () => {
    const monthly31 = { monthlyDay: 31, time: '09:00' };
    expect(calendarFallsOn(monthly31, '2027-02-28')).toBe(true);
    expect(calendarFallsOn(monthly31, '2028-02-28')).toBe(false);
    expect(calendarFallsOn(monthly31, '2028-02-29')).toBe(true);
    expect(calendarFallsOn(monthly31, '2027-03-30')).toBe(false);
    expect(calendarFallsOn({ weekday: 'wednesday', time: '09:00' }, '2027-03-17')).toBe(true);
    expect(calendarFallsOn({ weekday: 'wednesday', time: '09:00' }, '2027-03-18')).toBe(false);
    expect(calendarFallsOn({ dates: ['2027-11-11'], time: '00:00' }, '2027-11-11')).toBe(true);
  });

  it('a weekly rule on several weekdays: each of them, in the campaign’s zone; one rule kind at a time', () => {
    const weekend = { weekdays: ['saturday', 'sunday'] as const, time: '10:00' };
    const falls = ['2027-03-19', '2027-03-20', '2027-03-21', '2027-03-22'].map((d) =>
      calendarFallsOn({ ...weekend, weekdays: [...weekend.weekdays] }, d),
    );
    expect(falls).toEqual([false, true, true, false]);
    // Friday 20:00 in Shanghai is past 10:00: Saturday next, then Sunday.
    const calendar = { weekdays: [...weekend.weekdays], time: '10:00' };
    const saturday = nextOccurrence({ calendar }, 'Asia/Shanghai', at('2027-03-19T12:00:00Z'));
    expect(saturday).toEqual({ run: '2027-03-20', at: '2027-03-20T02:00:00.000Z' });
    expect(nextOccurrence({ calendar }, 'Asia/Shanghai', Date.parse(saturday!.at))).toEqual({
      run: '2027-03-21',
      at: '2027-03-21T02:00:00.000Z',
    });
    expect(CalendarEntry.safeParse({ weekdays: ['monday', 'monday'] }).success).toBe(false);
    expect(CalendarEntry.safeParse({ weekdays: [] }).success).toBe(false);
    expect(CalendarEntry.safeParse({ weekday: 'monday', weekdays: ['friday'] }).success).toBe(false);
    expect(CalendarEntry.parse({ weekdays: ['friday', 'monday'] })).toEqual({
      weekdays: ['friday', 'monday'],
      time: '09:00',
    });
  });

  it('the next occurrence is strictly after the instant: today if its time is ahead, else the next day that fits', () => {
    const calendar = { monthlyDay: 18, time: '09:00' };
    expect(nextOccurrence({ calendar }, 'Asia/Shanghai', at('2027-03-18T00:59:00Z'))).toEqual({
      run: '2027-03-18',
      at: '2027-03-18T01:00:00.000Z',
    });
    expect(nextOccurrence({ calendar }, 'Asia/Shanghai', at('2027-03-18T01:00:00Z'))).toEqual({
      run: '2027-04-18',
      at: '2027-04-18T01:00:00.000Z',
    });
    const date = { attribute: 'birthday', offsetDays: 0, time: '09:00' };
    expect(nextOccurrence({ date }, 'UTC', at('2027-03-18T10:00:00Z'))).toEqual({
      run: '2027-03-19',
      at: '2027-03-19T09:00:00.000Z',
    });
    expect(
      nextOccurrence(
        { calendar: { dates: ['2027-01-01'], time: '09:00' } },
        'UTC',
        at('2027-03-18T10:00:00Z'),
      ),
    ).toBe(null);
  });
});
