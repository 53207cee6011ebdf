// Expected minutes are counted by hand from the constructed day (docs/health-data.md § active and sedentary minutes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeMinutes, type ActiveMinutesInput, type StepInterval } from './active-minutes.js';

const DAY = Date.parse('2025-12-03T00:00:00Z'); // a local day in UTC, for readable arithmetic
const at = (hhmm: string) => DAY + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;
const iv = (from: string, to: string) => ({ start_ms: at(from), end_ms: at(to) });
const steps = (from: string, to: string, count: number): StepInterval => ({ ...iv(from, to), count });

/** Worn 07:00–23:00 (960 min), asleep 00:00–07:00 and 23:00–24:00. */
const base: ActiveMinutesInput = {
  day_start_ms: DAY,
  day_end_ms: DAY + 86_400_000,
  steps: [
    steps('07:30', '07:40', 1000), // 100 steps/min: 10 moderate minutes
    steps('08:00', '08:10', 1400), // 140 steps/min: 10 vigorous minutes
    steps('12:00', '13:00', 600), // 10 steps/min: 60 light minutes
  ],
  exercise: [iv('18:00', '18:30')], // 30 exercise minutes (cycling: no steps)
  worn: [iv('07:00', '23:00')],
  asleep: [iv('00:00', '07:00'), iv('23:00', '24:00')],
};

describe('activeMinutes: a constructed day', () => {
  it('active 50 (10 + 10 + 30), vigorous 10, light 60, sedentary 960 − 50 − 60 = 850', () => {
    expect(activeMinutes(base)).toEqual({
      active_minutes: { value: 50 },
      vigorous_minutes: { value: 10 },
      light_minutes: { value: 60 },
      sedentary_minutes: { value: 850 },
      awake_worn_minutes: 960,
      minutes_in_day: 1440,
    });
  });

  it('99 steps in a minute is light, 100 is moderate, 130 vigorous (Tudor-Locke cadence thresholds)', () => {
    const r = activeMinutes({
      ...base,
      steps: [steps('09:00', '09:01', 99), steps('09:01', '09:02', 100), steps('09:02', '09:03', 130)],
      exercise: [],
    });
    expect(r.active_minutes).toEqual({ value: 2 });
    expect(r.vigorous_minutes).toEqual({ value: 1 });
    expect(r.light_minutes).toEqual({ value: 1 });
  });

  it('an instantaneous sample counts in its minute; steps spread pro rata across minutes', () => {
    const r = activeMinutes({
      ...base,
      steps: [
        { start_ms: at('10:00'), end_ms: at('10:00'), count: 120 },
        { start_ms: at('11:00') + 30_000, end_ms: at('11:01') + 30_000, count: 200 },
      ],
      exercise: [],
    });
    expect(r.active_minutes).toEqual({ value: 3 }); // 10:00 (120), 11:00 (100), 11:01 (100)
  });

  it('overlapping wear intervals count once', () => {
    expect(activeMinutes({ ...base, worn: [iv('07:00', '20:00'), iv('12:00', '23:00')] }).awake_worn_minutes).toBe(960);
  });

  it('a 23-hour DST day has 1380 minutes', () => {
    expect(activeMinutes({ ...base, day_end_ms: DAY + 23 * 3_600_000, asleep: [] }).minutes_in_day).toBe(1380);
  });
});

describe('activeMinutes: insufficient inputs', () => {
  it('unknown wear: no sedentary minutes (a minute without steps may be a watch on the table)', () => {
    const r = activeMinutes({ ...base, worn: null });
    expect(r.sedentary_minutes).toMatchObject({ value: null, reason: 'wear_unknown' });
    expect(r.active_minutes).toEqual({ value: 50 });
    expect(r.awake_worn_minutes).toBeNull();
  });
  it('under 10 h awake and worn: no sedentary minutes', () => {
    const r = activeMinutes({ ...base, worn: [iv('07:00', '16:59')] });
    expect(r.sedentary_minutes).toMatchObject({
      value: null,
      reason: 'insufficient_wear',
      message: '599 awake minutes with the device worn; at least 600 (10 h) are needed',
    });
  });
  it('no step samples and no exercise source: active minutes unknown', () => {
    expect(activeMinutes({ ...base, steps: [], exercise: null }).active_minutes).toMatchObject({ value: null, reason: 'no_activity_data' });
  });
  it('a day that is not whole minutes, or a reversed interval, throws', () => {
    expect(() => activeMinutes({ ...base, day_end_ms: DAY + 1000 })).toThrow(RangeError);
    expect(() => activeMinutes({ ...base, worn: [{ start_ms: at('10:00'), end_ms: at('09:00') }] })).toThrow(RangeError);
  });
});

describe('activeMinutes: properties', () => {
  const stepArb = fc.record({
    start: fc.integer({ min: 0, max: 1439 }),
    len: fc.integer({ min: 0, max: 30 }),
    count: fc.integer({ min: 0, max: 5000 }),
  });
  const toSteps = (xs: { start: number; len: number; count: number }[]): StepInterval[] =>
    xs.map((x) => ({ start_ms: DAY + x.start * 60_000, end_ms: DAY + (x.start + x.len) * 60_000, count: x.count }));
  it('more steps never add sedentary minutes or remove active ones; the parts never exceed the awake worn time', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 15 }), fc.array(stepArb, { maxLength: 5 }), (a, b) => {
        const before = activeMinutes({ ...base, steps: toSteps(a) });
        const after = activeMinutes({ ...base, steps: toSteps([...a, ...b]) });
        expect(after.sedentary_minutes.value!).toBeLessThanOrEqual(before.sedentary_minutes.value!);
        expect(after.active_minutes.value!).toBeGreaterThanOrEqual(before.active_minutes.value!);
        expect(after.vigorous_minutes.value!).toBeLessThanOrEqual(after.active_minutes.value!);
        expect(after.sedentary_minutes.value! + after.light_minutes.value!).toBeLessThanOrEqual(after.awake_worn_minutes!);
      }),
    );
  });
});
