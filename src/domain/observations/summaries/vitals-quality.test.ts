// Expected levels follow docs/health-data.md § vitals quality: slots of the source's interval, high ≥ 2/3 filled,
// medium ≥ 1/3, low below; a typed-in value caps at medium; an implausible value makes it low.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedSampling, vitalsQuality, type VitalsQualityLevel, type VitalsSample } from './vitals-quality.js';

const HOUR = Date.parse('2025-12-01T00:00:00Z');
const MIN = 60_000;
const hr = (minute: number, value = 62, provenance: VitalsSample['provenance'] = 'sensed'): VitalsSample => ({
  start_ms: HOUR + minute * MIN,
  value,
  provenance,
});
const WATCH = { kind: 'periodic', interval_minutes: 10 } as const;
const bucket = (samples: VitalsSample[], sampling: Parameters<typeof vitalsQuality>[0]['sampling'] = WATCH) =>
  vitalsQuality({ type: 'heart_rate', bucket_start_ms: HOUR, bucket_end_ms: HOUR + 60 * MIN, samples, sampling });

describe('vitalsQuality: hourly heart rate from a watch (one sample expected per 10 min)', () => {
  it('6 of 6 slots → high, coverage 1', () => {
    expect(bucket([0, 10, 20, 30, 40, 50].map((m) => hr(m)))).toEqual({
      value: 'high',
      coverage: 1,
      slots_with_data: 6,
      slots_expected: 6,
      user_entered: 0,
      implausible: 0,
      reasons: [],
    });
  });
  it('4 of 6 → high (exactly 2/3); 3 or 2 → medium; 1 → low', () => {
    expect(bucket([0, 10, 20, 30].map((m) => hr(m))).value).toBe('high');
    expect(bucket([0, 10, 20].map((m) => hr(m))).value).toBe('medium');
    expect(bucket([0, 30].map((m) => hr(m))).value).toBe('medium');
    const one = bucket([hr(5)]);
    expect(one).toMatchObject({ value: 'low', reasons: ['1 of 6 10-minute slots have a sample'] });
  });
  it('a burst of samples in one slot (a 5-minute workout) covers one slot only → low', () => {
    expect(bucket([0, 1, 2, 3, 4].map((m) => hr(m, 140))).value).toBe('low');
  });
  it('a typed-in value caps the point at medium; an implausible value makes it low', () => {
    expect(bucket([0, 10, 20, 30, 40, 50].map((m) => hr(m, 62, m === 0 ? 'user_entered' : 'sensed'))).value).toBe('medium');
    expect(bucket([0, 10, 20, 30, 40, 50].map((m) => hr(m, m === 0 ? 400 : 62)))).toMatchObject({ value: 'low', implausible: 1 });
  });
  it('spot measurements are complete by themselves; an unknown sampling rate caps at medium', () => {
    expect(bucket([hr(5)], { kind: 'spot' })).toMatchObject({ value: 'high', coverage: null });
    expect(bucket([hr(5)], { kind: 'unknown' }).value).toBe('medium');
  });
  it('no samples → null; a sample outside the bucket throws', () => {
    expect(bucket([])).toMatchObject({ value: null, reason: 'no_samples' });
    expect(() => bucket([hr(60)])).toThrow(RangeError);
  });
});

describe('expectedSampling', () => {
  it('knows the Apple Watch background heart rate; spot types; unknown otherwise', () => {
    expect(expectedSampling('heart_rate', 'watch')).toEqual({ kind: 'periodic', interval_minutes: 10 });
    expect(expectedSampling('heart_rate', 'ring')).toEqual({ kind: 'unknown' });
    expect(expectedSampling('blood_pressure', 'app')).toEqual({ kind: 'spot' });
    expect(expectedSampling('heart_rate', 'manual')).toEqual({ kind: 'spot' });
  });
});

describe('vitalsQuality: properties', () => {
  const RANK: Record<VitalsQualityLevel, number> = { low: 0, medium: 1, high: 2 };
  it('adding sensed, plausible samples never lowers the level', () => {
    const minutes = fc.array(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(minutes, minutes, (a, b) => {
        const before = bucket(a.map((m) => hr(m)));
        const after = bucket([...a, ...b].map((m) => hr(m)));
        if (before.value === null || after.value === null) throw new Error('non-empty buckets have a level');
        expect(RANK[after.value]).toBeGreaterThanOrEqual(RANK[before.value]);
      }),
    );
  });
});
