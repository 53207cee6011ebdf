import { describe, expect, it } from 'vitest';
import { buildSleepSessions } from './sleep-sessions.js';
import { sample, sequence } from './sleep.test-helpers.js';

/*
 * Durations come from UTC instants, never from local clock readings, so the night that loses an hour of clock
 * time (spring forward) or gains one (fall back) is measured as it was lived. The date comes from the zone's rules
 * at the instant of waking up.
 *   Europe/Berlin:    2024-03-31 02:00 CET → 03:00 CEST (01:00Z);  2024-10-27 03:00 CEST → 02:00 CET (01:00Z)
 *   America/New_York: 2024-03-10 02:00 EST → 03:00 EDT (07:00Z);  2024-11-03 02:00 EDT → 01:00 EST (06:00Z)
 */
const night = (inBed: [string, string], asleep: [string, string], timeZone: string) =>
  buildSleepSessions([
    sample(inBed[0], inBed[1], 'in_bed', { source: 'iPhone', timeZone }),
    sample(asleep[0], asleep[1], 'asleep_core', { timeZone }),
  ]);

describe('DST: spring forward', () => {
  it('Europe/Berlin 2024-03-31: in bed 22:30 CET → 07:00 CEST is 7.5 h, not the 8.5 h on the clock', () => {
    const { sessions, warnings } = night(['2024-03-30T21:30:00Z', '2024-03-31T05:00:00Z'], ['2024-03-30T21:45:00Z', '2024-03-31T04:45:00Z'], 'Europe/Berlin');
    expect(warnings).toEqual([]);
    expect(sessions).toHaveLength(1);
    const s = sessions[0]!;
    expect(s.night_date).toBe('2024-03-31');
    expect(s.time_in_bed_minutes).toBe(450);
    expect(s.total_sleep_minutes).toBe(420); // 22:45 CET → 06:45 CEST reads 8 h on the clock
    expect(s.efficiency).toBe(0.9333);
  });

  it('America/New_York 2024-03-10: 23:00 EST → 07:00 EDT is 7 h', () => {
    const { sessions } = night(['2024-03-10T03:45:00Z', '2024-03-10T11:15:00Z'], ['2024-03-10T04:00:00Z', '2024-03-10T11:00:00Z'], 'America/New_York');
    expect(sessions[0]!.night_date).toBe('2024-03-10');
    expect(sessions[0]!.total_sleep_minutes).toBe(420);
    expect(sessions[0]!.time_in_bed_minutes).toBe(450);
  });

  it('stages straddling the skipped hour keep their real length', () => {
    // 01:30 EST → 03:30 EDT is 1 h of real time
    const { sessions } = buildSleepSessions(
      sequence('2024-03-10T04:00:00Z', [['asleep_core', 150], ['asleep_deep', 60], ['asleep_core', 150]], { timeZone: 'America/New_York' }),
    );
    expect(sessions[0]!.stages).toMatchObject({ core_minutes: 300, deep_minutes: 60 });
    expect(sessions[0]!.sleep_end).toBe('2024-03-10T10:00:00Z'); // 06:00 EDT
    expect(sessions[0]!.night_date).toBe('2024-03-10');
  });

  it('waking exactly at the change (Berlin 01:00Z = 03:00 CEST) is dated that morning', () => {
    const { sessions } = buildSleepSessions([sample('2024-03-30T22:00:00Z', '2024-03-31T01:00:00Z', 'asleep_core', { timeZone: 'Europe/Berlin' })]);
    expect(sessions[0]!.night_date).toBe('2024-03-31');
    expect(sessions[0]!.total_sleep_minutes).toBe(180);
  });
});

describe('DST: fall back', () => {
  it('Europe/Berlin 2024-10-27: in bed 22:30 CEST → 07:00 CET is 9.5 h, not the 8.5 h on the clock', () => {
    const { sessions } = night(['2024-10-26T20:30:00Z', '2024-10-27T06:00:00Z'], ['2024-10-26T20:45:00Z', '2024-10-27T05:45:00Z'], 'Europe/Berlin');
    const s = sessions[0]!;
    expect(s.night_date).toBe('2024-10-27');
    expect(s.time_in_bed_minutes).toBe(570);
    expect(s.total_sleep_minutes).toBe(540); // 22:45 CEST → 06:45 CET reads 8 h on the clock
  });

  it('America/New_York 2024-11-03: 23:00 EDT → 07:00 EST is 9 h', () => {
    const { sessions } = night(['2024-11-03T02:45:00Z', '2024-11-03T12:15:00Z'], ['2024-11-03T03:00:00Z', '2024-11-03T12:00:00Z'], 'America/New_York');
    expect(sessions[0]!.night_date).toBe('2024-11-03');
    expect(sessions[0]!.total_sleep_minutes).toBe(540);
    expect(sessions[0]!.time_in_bed_minutes).toBe(570);
  });

  it('both passes through the repeated hour 01:00–02:00 count', () => {
    const { sessions } = buildSleepSessions([
      sample('2024-11-03T03:00:00Z', '2024-11-03T05:00:00Z', 'asleep_core', { timeZone: 'America/New_York' }),
      sample('2024-11-03T05:00:00Z', '2024-11-03T06:00:00Z', 'asleep_rem', { timeZone: 'America/New_York' }), // 01:00–02:00 EDT
      sample('2024-11-03T06:00:00Z', '2024-11-03T06:20:00Z', 'awake', { timeZone: 'America/New_York' }), // 01:00–01:20 EST
      sample('2024-11-03T06:20:00Z', '2024-11-03T07:00:00Z', 'asleep_deep', { timeZone: 'America/New_York' }), // 01:20–02:00 EST
      sample('2024-11-03T07:00:00Z', '2024-11-03T11:00:00Z', 'asleep_core', { timeZone: 'America/New_York' }),
    ]);
    const s = sessions[0]!;
    expect(s.stages).toEqual({ deep_minutes: 40, core_minutes: 360, rem_minutes: 60, unspecified_minutes: 0, awake_minutes: 20 });
    expect(s.total_sleep_minutes).toBe(460);
    expect(s.awakenings).toBe(1);
    expect(s.night_date).toBe('2024-11-03');
  });
});

describe('DST with only a UTC offset', () => {
  it('the recorded offset is applied as-is: durations stay right, the local clock may be an hour off, the date here is right', () => {
    // The offset +60 was recorded at bedtime (CET); waking at 05:00Z is really 07:00 CEST, read as 06:00 at +01:00.
    const { sessions, warnings } = buildSleepSessions([sample('2024-03-30T21:30:00Z', '2024-03-31T05:00:00Z', 'asleep_core', { utcOffsetMinutes: 60 })]);
    expect(warnings).toEqual([]);
    expect(sessions[0]!.night_date).toBe('2024-03-31');
    expect(sessions[0]!.total_sleep_minutes).toBe(450);
  });
});
