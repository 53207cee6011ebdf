// The summaries accept the sleep module's sessions as they are (SleepSession is a SleepNight).
import { describe, expect, it } from 'vitest';
import { buildSleepSessions, type SleepSample } from '../sleep/index.js';
import { addDays } from './local-date.js';
import { restlessness } from './restlessness.js';
import { sleepDebt } from './sleep-debt.js';
import { sleepQualityScore } from './sleep-quality.js';

const watch = (start: string, end: string, stage: SleepSample['stage']): SleepSample => ({
  start,
  end,
  stage,
  source: 'Apple Watch',
  timeZone: 'UTC',
});

describe('summaries over sessions from buildSleepSessions', () => {
  // 23:00 → 06:30 UTC: 7 h 20 min asleep, two awakenings (5 and 5 min), in bed 23:00–06:30.
  const { sessions } = buildSleepSessions([
    { start: '2025-12-01T23:00:00Z', end: '2025-12-02T06:30:00Z', stage: 'in_bed', source: 'iPhone', timeZone: 'UTC' },
    watch('2025-12-01T23:00:00Z', '2025-12-02T02:00:00Z', 'asleep_core'),
    watch('2025-12-02T02:00:00Z', '2025-12-02T02:05:00Z', 'awake'),
    watch('2025-12-02T02:05:00Z', '2025-12-02T04:00:00Z', 'asleep_deep'),
    watch('2025-12-02T04:00:00Z', '2025-12-02T04:05:00Z', 'awake'),
    watch('2025-12-02T04:05:00Z', '2025-12-02T06:30:00Z', 'asleep_rem'),
  ]);
  const s = sessions[0]!;

  it('quality: duration 100 (7.33 h), efficiency 440/450 = 0.9778 → 100, WASO 10 → 100; awakenings omitted → 100', () => {
    expect([s.total_sleep_minutes, s.awake_after_sleep_onset_minutes, s.awakenings]).toEqual([440, 10, 2]);
    const r = sleepQualityScore(s, 35);
    expect(r).toMatchObject({ value: 100, omitted: [{ component: 'awakenings' }] });
  });

  it('restlessness: WASO 10 bounds awakenings > 5 min to 1 → 1/7.33 h = 0.136/h → low', () => {
    expect(restlessness(s, 35)).toMatchObject({ value: 'low', awakenings_basis: 'upper_bound' });
  });

  it('sleep debt reads night_date and total_sleep_minutes: 7 such nights × (480 − 440) = 280 min → 4.7 h', () => {
    expect(s.night_date).toBe('2025-12-02');
    const week = Array.from({ length: 7 }, (_, i) => ({ ...s, night_date: addDays(s.night_date, -i) }));
    expect(sleepDebt({ as_of: '2025-12-02', nights: week, age_years: null })).toMatchObject({
      value: 4.7,
      debt_minutes: 280,
      nights_with_data: 7,
    });
  });
});
