import { describe, expect, it } from 'vitest';
import { emptyFeatures, nightSeries, withFacts } from '../../twin/testing/feature-factory.js';
import { detectFatigueBeforeShift } from './fatigue-shift.detector.js';

const AS_OF = '2026-06-30T12:00:00Z';
/** A week of 7 h sleeps from 23:00 (in bed until about 06:47 UTC), then awake at noon. */
const sleptWell = (asOf = AS_OF, nights = 7) =>
  withFacts(emptyFeatures(asOf), { nights: nightSeries(asOf, nights, () => ({ bedtimeHour: 23, asleepHours: 7 })) });
const onShift = (start: string, end: string, asOf = AS_OF, nights = 7) =>
  withFacts(sleptWell(asOf, nights), { occupation: { shift_start_local: start, shift_end_local: end } });

describe('fatigue before or during a shift', () => {
  it('warns before a night shift the person would reach awake since the morning', () => {
    const [alert, ...rest] = detectFatigueBeforeShift(onShift('22:00', '06:00'));
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      kind: 'fatigue_shift',
      condition_key: 'fatigue_shift',
      trigger: {
        type: 'fatigue_forecast',
        values: { shift_start_local: '22:00', shift_end_local: '06:00' },
        thresholds: { kss_sleepy: 7, kss_severe: 8 },
        model: 'three-process-model@1.0.0',
      },
    });
    // The model's numbers for this week of sleep: KSS 7 reached 18.3 h after waking, inside the shift; peak 7.8 < 8.
    expect(alert!.trigger.values).toMatchObject({ crossing_at: '2026-07-01T01:05:00.000Z', hours_awake_at_crossing: 18.3, peak_kss: 7.8 });
    expect(alert).toMatchObject({ severity: 'medium', action_required: false });
    expect(alert!.message).toContain('KSS 7 at 01:05 (local), during your 22:00-06:00 shift, peaking at 7.8');
  });

  it('is high, and asks for action, when short nights push the peak to KSS 8 or more', () => {
    const short = withFacts(onShift('22:00', '06:00'), {
      // 4.5 h asleep from 01:00 each night (hour 25 of the evening before the night's date)
      nights: nightSeries(AS_OF, 7, () => ({ bedtimeHour: 25, asleepHours: 4.5 })),
    });
    const [alert] = detectFatigueBeforeShift(short);
    expect(alert!.trigger.values.peak_kss as number).toBeGreaterThanOrEqual(8);
    expect(alert).toMatchObject({ severity: 'high', action_required: true, title: 'Severe sleepiness predicted around your shift' });
  });

  it('stays quiet for a day shift after a normal night', () => {
    expect(detectFatigueBeforeShift(onShift('13:00', '17:00'))).toEqual([]);
  });

  it('makes no call without a stated shift, for a shift more than 12 h away, or without enough nights', () => {
    expect(detectFatigueBeforeShift(sleptWell())).toEqual([]);
    expect(detectFatigueBeforeShift(onShift('04:00', '08:00'))).toEqual([]); // next start: 16 h away
    expect(detectFatigueBeforeShift(onShift('22:00', '06:00', AS_OF, 2))).toEqual([]);
  });

  it('reads the shift in the person’s own zone', () => {
    // 22:00-06:00 in New York is 02:00-10:00 UTC: from noon UTC the shift starts 14 h ahead, beyond the 12 h look-ahead.
    const ny = withFacts(onShift('22:00', '06:00'), { time_zone: 'America/New_York' });
    expect(detectFatigueBeforeShift(ny)).toEqual([]);
  });
});
