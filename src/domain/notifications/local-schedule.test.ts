import { describe, expect, it } from 'vitest';
import { localToInstant, nextDailyAt, nextWeeklyAt, weekdayOf } from './local-schedule.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

// Transition instants from the IANA tz database (EU rule: last Sunday of March/October at 01:00 UTC; US rule: second
// Sunday of March / first Sunday of November at 02:00 local).
describe('next daily run in the person’s zone', () => {
  it('is 08:00 local, at +01:00 before and +02:00 after the Berlin spring change', () => {
    expect(iso(nextDailyAt(at('2026-03-28T08:00:00Z'), 'Europe/Berlin', '08:00'))).toBe('2026-03-29T06:00:00.000Z');
    expect(iso(nextDailyAt(at('2026-03-28T06:00:00Z'), 'Europe/Berlin', '08:00'))).toBe('2026-03-28T07:00:00.000Z');
  });

  it('keeps 08:00 local across the Berlin autumn change', () => {
    expect(iso(nextDailyAt(at('2026-10-24T07:00:00Z'), 'Europe/Berlin', '08:00'))).toBe('2026-10-25T07:00:00.000Z');
  });

  it('runs a time the spring gap skips just after the gap, once', () => {
    // 2026-03-08 02:30 does not exist in New York (02:00 EST → 03:00 EDT): 03:30 EDT = 07:30Z
    expect(iso(nextDailyAt(at('2026-03-07T12:00:00Z'), 'America/New_York', '02:30'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(nextDailyAt(at('2026-03-08T07:30:00Z'), 'America/New_York', '02:30'))).toBe('2026-03-09T06:30:00.000Z');
  });

  it('runs a time the autumn change repeats at its first occurrence only', () => {
    // 2026-11-01 01:30 happens at EDT (05:30Z) and again at EST (06:30Z)
    expect(iso(localToInstant('2026-11-01', 90, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(nextDailyAt(at('2026-11-01T05:30:00Z'), 'America/New_York', '01:30'))).toBe('2026-11-02T06:30:00.000Z');
  });

  it('is strictly after now, also at the minute itself', () => {
    expect(iso(nextDailyAt(at('2026-06-01T06:00:00Z'), 'Europe/Berlin', '08:00'))).toBe('2026-06-02T06:00:00.000Z');
    expect(iso(nextDailyAt(at('2026-06-01T23:59:00Z'), 'UTC', '00:00'))).toBe('2026-06-02T00:00:00.000Z');
  });

  it('handles zones east of UTC where the local date is already tomorrow', () => {
    expect(iso(nextDailyAt(at('2026-06-01T22:00:00Z'), 'Pacific/Auckland', '08:00'))).toBe('2026-06-02T20:00:00.000Z');
  });
});

describe('next weekly run', () => {
  it('names weekdays from the local date', () => {
    expect(weekdayOf('2026-03-30')).toBe('monday');
    expect(weekdayOf('2026-03-29')).toBe('sunday');
  });

  it('is the next Monday 08:00 local, DST-correct', () => {
    // Sunday 2026-03-29 is the Berlin change day; Monday 30th 08:00 CEST = 06:00Z
    expect(iso(nextWeeklyAt(at('2026-03-27T12:00:00Z'), 'Europe/Berlin', 'monday', '08:00'))).toBe('2026-03-30T06:00:00.000Z');
    expect(iso(nextWeeklyAt(at('2026-03-30T06:00:00Z'), 'Europe/Berlin', 'monday', '08:00'))).toBe('2026-04-06T06:00:00.000Z');
  });

  it('is today when the time has not passed yet', () => {
    expect(iso(nextWeeklyAt(at('2026-11-02T05:00:00Z'), 'America/New_York', 'monday', '08:00'))).toBe('2026-11-02T13:00:00.000Z');
  });
});
