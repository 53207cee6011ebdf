import { describe, expect, it } from 'vitest';
import { scoreTwins } from '../../twin/scoring/index.js';
import { daySeries, emptyFeatures, nightSeries, withFacts } from '../../twin/testing/feature-factory.js';
import type { TwinScores } from '../../twin/twin-score.js';
import { detectHypertensiveCrisis } from './blood-pressure.detector.js';
import { detectNightSignal } from './nightsignal.detector.js';
import { detectRhrCusum } from './rhr-cusum.detector.js';
import { detectLowSpo2 } from './spo2.detector.js';
import { detectPoorTwins } from './twin-poor.detector.js';

const AS_OF = '2026-06-30T12:00:00Z';
const base = emptyFeatures(AS_OF);

describe('NightSignal detector', () => {
  const nights = (last: (i: number) => number) =>
    withFacts(base, {
      nights: nightSeries(AS_OF, 20, (i) => ({ bedtimeHour: 23, asleepHours: 7, overnightHr: i < 18 ? 55 : last(i) })),
    });

  it('stays quiet on a steady baseline', () => {
    expect(detectNightSignal(nights(() => 55))).toEqual([]);
  });
  it('warns on two nights 3 bpm above the baseline (yellow)', () => {
    const [alert] = detectNightSignal(nights(() => 58));
    expect(alert).toMatchObject({
      kind: 'nightsignal',
      severity: 'medium',
      trigger: { type: 'overnight_heart_rate', values: { alert_level: 1 } },
    });
  });
  it('is high on two nights ≥ 4 bpm above (red)', () => {
    expect(detectNightSignal(nights(() => 62))[0]).toMatchObject({ severity: 'high', action_required: true });
  });
  it('needs a week of nights', () => {
    const few = withFacts(base, { nights: nightSeries(AS_OF, 4, () => ({ bedtimeHour: 23, asleepHours: 7, overnightHr: 70 })) });
    expect(detectNightSignal(few)).toEqual([]);
  });
});

describe('RHR CuSum detector', () => {
  const days = (rhr: (i: number) => number | null) => withFacts(base, { days: daySeries(AS_OF, 40, (i) => ({ resting_hr_bpm: rhr(i) })) });

  it('stays quiet on a steady resting HR', () => {
    expect(detectRhrCusum(days((i) => 58 + (i % 3) - 1))).toEqual([]);
  });
  it('warns when resting HR has stayed up for days', () => {
    const [alert] = detectRhrCusum(days((i) => (i < 34 ? 58 + (i % 3) - 1 : 66)));
    expect(alert).toMatchObject({
      kind: 'rhr_cusum',
      severity: 'medium',
      trigger: { type: 'resting_heart_rate', model: 'rhr-cusum@1.0.0' },
    });
    expect(alert!.trigger.values.cusum as number).toBeGreaterThanOrEqual(5);
  });
  it('needs two weeks of baseline', () => {
    expect(detectRhrCusum(days((i) => (i < 30 ? null : 80)))).toEqual([]);
  });
});

describe('low SpO2 detector', () => {
  const spo2 = (values: (number | null)[]) =>
    withFacts(base, {
      days: daySeries(AS_OF, 10, (i) => ({ spo2_min_percent: i >= 10 - values.length ? values[i - (10 - values.length)]! : 96 })),
    });

  it('warns when 2 of the last 3 daily minima are below 90 %', () => {
    expect(detectLowSpo2(spo2([86, 95, 88]))[0]).toMatchObject({
      kind: 'low_spo2',
      severity: 'high',
      trigger: { values: { days_below_90: 2, lowest_percent: 86 } },
    });
  });
  it('is critical when 2 are below 85 %', () => {
    expect(detectLowSpo2(spo2([80, 84, 95]))[0]).toMatchObject({ severity: 'critical', action_required: true });
  });
  it('ignores a single low night', () => {
    expect(detectLowSpo2(spo2([80, 95, 96]))).toEqual([]);
    expect(detectLowSpo2(spo2([null, null, 80]))).toEqual([]);
  });
});

describe('hypertensive crisis detector', () => {
  const bp = (sbp: number, dbp: number) =>
    withFacts(base, { blood_pressure: { sbp_mmhg: sbp, dbp_mmhg: dbp, readings: 2, latest_at: AS_OF } });

  it('is critical at ≥ 180 systolic or ≥ 120 diastolic', () => {
    expect(detectHypertensiveCrisis(bp(185, 100))[0]).toMatchObject({
      kind: 'hypertensive_crisis',
      severity: 'critical',
      trigger: { values: { sbp_mmhg: 185 } },
    });
    expect(detectHypertensiveCrisis(bp(150, 121))).toHaveLength(1);
  });
  it('stays quiet below, and without readings', () => {
    expect(detectHypertensiveCrisis(bp(179, 119))).toEqual([]);
    expect(detectHypertensiveCrisis(base)).toEqual([]);
  });
});

describe('poor twin detector', () => {
  const scores = scoreTwins(base);
  const withScore = (score: number | null): TwinScores => ({
    ...scores,
    sleep: { ...scores.sleep, score, status: score === null ? 'insufficient_data' : score < 50 ? 'poor' : 'fair' },
  });

  it('warns per twin scored below 50, with its risk score and level', () => {
    expect(detectPoorTwins(base, withScore(42))).toEqual([
      expect.objectContaining({
        kind: 'twin_poor',
        condition_key: 'twin_poor:sleep',
        severity: 'medium',
        action_required: false,
        trigger: expect.objectContaining({ values: { twin: 'sleep', score: 42, status: 'poor', risk_score: 58, risk_level: 'orange' } }),
      }),
    ]);
  });
  it('is high when the risk enters red (≥ 60) and critical, needing action, from 80', () => {
    expect(detectPoorTwins(base, withScore(40))[0]).toMatchObject({ severity: 'high', action_required: false });
    expect(detectPoorTwins(base, withScore(20))[0]).toMatchObject({ severity: 'critical', action_required: true });
  });
  it('stays quiet at 50 and without a score', () => {
    expect(detectPoorTwins(base, withScore(50))).toEqual([]);
    expect(detectPoorTwins(base, scores)).toEqual([]);
  });
});
