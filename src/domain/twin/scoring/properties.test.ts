/**
 * Properties of every twin over random snapshots: scores are integers 0-100 or null with status insufficient_data,
 * the same snapshot always scores the same, and scores move the way the science says when one input worsens.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dated, daySeries, emptyFeatures, nightSeries, withFacts } from '../testing/feature-factory.js';
import type { TwinFeatures } from '../twin-features.js';
import { statusOf, TWIN_NAMES } from '../twin-score.js';
import { scoreTwins } from './index.js';

const asOf = '2026-06-30T20:00:00Z';
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const dayArb = fc.record({
  resting_hr_bpm: maybe(fc.double({ min: 40, max: 110, noNaN: true })),
  hrv_sdnn_ms: maybe(fc.double({ min: 10, max: 150, noNaN: true })),
  steps: maybe(fc.integer({ min: 0, max: 30000 })),
  exercise_minutes: maybe(fc.integer({ min: 0, max: 180 })),
  noise_dba: maybe(fc.double({ min: 40, max: 100, noNaN: true })),
});
const nightArb = fc.record({
  bedtimeHour: fc.double({ min: 20, max: 27, noNaN: true }),
  asleepHours: fc.double({ min: 3, max: 9, noNaN: true }),
  efficiency: fc.double({ min: 0.6, max: 1, noNaN: true }),
});

const snapshotArb: fc.Arbitrary<TwinFeatures> = fc
  .record({
    age: maybe(fc.integer({ min: 18, max: 90 })),
    sex: maybe(fc.constantFrom('female' as const, 'male' as const)),
    height: maybe(fc.integer({ min: 150, max: 200 })),
    weight: maybe(fc.integer({ min: 45, max: 140 })),
    smoker: maybe(fc.boolean()),
    tc: maybe(fc.integer({ min: 130, max: 320 })),
    hdl: maybe(fc.integer({ min: 20, max: 100 })),
    a1c: maybe(fc.double({ min: 4, max: 10, noNaN: true })),
    sbp: maybe(fc.integer({ min: 95, max: 190 })),
    phq9: maybe(fc.integer({ min: 0, max: 27 })),
    gad7: maybe(fc.integer({ min: 0, max: 21 })),
    temp: maybe(fc.double({ min: -10, max: 45, noNaN: true })),
    rh: maybe(fc.double({ min: 5, max: 100, noNaN: true })),
    pm25: maybe(fc.double({ min: 0, max: 300, noNaN: true })),
    demand: maybe(fc.constantFrom('sedentary' as const, 'light' as const, 'moderate' as const, 'heavy' as const)),
    days: fc.array(dayArb, { maxLength: 50 }),
    nights: fc.array(nightArb, { maxLength: 16 }),
  })
  .map((r) =>
    withFacts(emptyFeatures(asOf), {
      profile: { age_years: r.age, sex: r.sex, height_cm: r.height, weight_kg: r.weight === null ? null : dated(r.weight, asOf) },
      history: { smoker: r.smoker, diabetes: false, bp_treated: false, statin: false, race: 'white' },
      labs: {
        total_chol_mgdl: r.tc === null ? null : dated(r.tc, asOf),
        hdl_mgdl: r.hdl === null ? null : dated(r.hdl, asOf),
        hba1c_percent: r.a1c === null ? null : dated(r.a1c, asOf),
      },
      blood_pressure: r.sbp === null ? null : { sbp_mmhg: r.sbp, dbp_mmhg: 75, readings: 3, latest_at: asOf },
      questionnaires: {
        phq9: r.phq9 === null ? null : { total: r.phq9, item9: 0, at: '2026-06-29T08:00:00Z' },
        gad7: r.gad7 === null ? null : { total: r.gad7, at: '2026-06-29T08:00:00Z' },
      },
      environment: {
        temp_c: r.temp === null ? null : dated(r.temp, asOf),
        rh_percent: r.rh === null ? null : dated(r.rh, asOf),
        pm25_24h_ugm3: r.pm25 === null ? null : dated(r.pm25, asOf),
      },
      occupation: { physical_demand: r.demand },
      days: daySeries(asOf, r.days.length, (i) => r.days[i]!),
      nights: nightSeries(asOf, r.nights.length, (i) => r.nights[i]!),
    }),
  );

const runs = { numRuns: 60 };

describe('every twin', () => {
  it('scores an integer 0-100 with its status band, or null with insufficient_data; components are consistent', () => {
    fc.assert(
      fc.property(snapshotArb, (features) => {
        const scores = scoreTwins(features);
        for (const name of TWIN_NAMES) {
          const twin = scores[name];
          expect(twin.twin).toBe(name);
          if (twin.score === null) {
            expect(twin.status).toBe('insufficient_data');
            expect(twin.data_sufficiency.sufficient).toBe(false);
            expect(twin.components).toEqual([]);
          } else {
            expect(Number.isInteger(twin.score)).toBe(true);
            expect(twin.score).toBeGreaterThanOrEqual(0);
            expect(twin.score).toBeLessThanOrEqual(100);
            expect(twin.status).toBe(statusOf(twin.score));
            expect(twin.components.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 9);
            for (const c of twin.components) {
              expect(c.sub_score).toBeGreaterThanOrEqual(0);
              expect(c.sub_score).toBeLessThanOrEqual(100);
              expect(Number.isFinite(c.value)).toBe(true);
              if (c.model !== null) expect(twin.models).toContain(c.model);
            }
          }
          expect(twin.data_sufficiency.coverage).toBeGreaterThanOrEqual(0);
          expect(twin.data_sufficiency.coverage).toBeLessThanOrEqual(1);
        }
      }),
      runs,
    );
  });

  it('is deterministic: the same snapshot scores the same', () => {
    fc.assert(
      fc.property(snapshotArb, (features) => {
        expect(scoreTwins(structuredClone(features))).toEqual(scoreTwins(features));
      }),
      { numRuns: 30 },
    );
  });
});

const never = (better: number | null, worse: number | null) => {
  if (better !== null && worse !== null) expect(worse).toBeLessThanOrEqual(better);
};

describe('scores move the way the science says', () => {
  it('a higher resting heart rate never raises the cardiac score (every day, or only the recent days)', () => {
    fc.assert(
      fc.property(snapshotArb, fc.double({ min: 0, max: 30, noNaN: true }), fc.boolean(), (f, bump, recentOnly) => {
        const last = f.days.length;
        const days = f.days.map((d, i) =>
          d.resting_hr_bpm === null || (recentOnly && i < last - 8) ? d : { ...d, resting_hr_bpm: d.resting_hr_bpm + bump },
        );
        never(scoreTwins(f).cardiac.score, scoreTwins({ ...f, days }).cardiac.score);
      }),
      runs,
    );
  });

  it('fewer steps never raise the cardiac score', () => {
    fc.assert(
      fc.property(snapshotArb, fc.double({ min: 0, max: 1, noNaN: true }), (f, factor) => {
        const days = f.days.map((d) => (d.steps === null ? d : { ...d, steps: d.steps * factor }));
        never(scoreTwins(f).cardiac.score, scoreTwins({ ...f, days }).cardiac.score);
      }),
      runs,
    );
  });

  it('more sleep debt (less sleep on any night, habitual sleep ≤ 9 h) never raises the sleep score', () => {
    fc.assert(
      fc.property(snapshotArb, fc.nat(), fc.double({ min: 0, max: 180, noNaN: true }), (f, pick, cut) => {
        if (f.nights.length === 0) return;
        const k = pick % f.nights.length;
        const nights = f.nights.map((n, i) => (i === k ? { ...n, asleep_minutes: Math.max(0, n.asleep_minutes - cut) } : n));
        never(scoreTwins(f).sleep.score, scoreTwins({ ...f, nights }).sleep.score);
      }),
      runs,
    );
  });

  it('a later bedtime on the last night (same wake time) never raises the fatigue or driving score', () => {
    fc.assert(
      fc.property(snapshotArb, fc.double({ min: 0, max: 3, noNaN: true }), (f, hours) => {
        const last = f.nights[f.nights.length - 1];
        if (!last) return;
        const start = Date.parse(last.sleep_start) + hours * 3_600_000;
        const end = Date.parse(last.sleep_end);
        if (start >= end) return;
        const shorter = {
          ...last,
          sleep_start: new Date(start).toISOString(),
          asleep_minutes: (last.asleep_minutes * (end - start)) / (end - Date.parse(last.sleep_start)),
        };
        const worse = scoreTwins({ ...f, nights: [...f.nights.slice(0, -1), shorter] });
        const better = scoreTwins(f);
        never(better.fatigue.score, worse.fatigue.score);
        never(better.driving.score, worse.driving.score);
      }),
      runs,
    );
  });

  it('a higher PHQ-9 total never raises the mental-health score; more PM2.5 never raises the environmental score', () => {
    fc.assert(
      fc.property(snapshotArb, fc.integer({ min: 0, max: 27 }), fc.double({ min: 0, max: 200, noNaN: true }), (f, more, pm) => {
        const q = f.questionnaires.phq9;
        if (q) {
          const worse = { ...f, questionnaires: { ...f.questionnaires, phq9: { ...q, total: Math.min(24 + q.item9, q.total + more) } } }; // items 1-8 give at most 24
          never(scoreTwins(f).mental_health.score, scoreTwins(worse).mental_health.score);
        }
        const pm25 = f.environment.pm25_24h_ugm3;
        if (pm25) {
          const worse = { ...f, environment: { ...f.environment, pm25_24h_ugm3: { ...pm25, value: pm25.value + pm } } };
          never(scoreTwins(f).environmental.score, scoreTwins(worse).environmental.score);
        }
      }),
      runs,
    );
  });

  it('a higher systolic pressure never raises the metabolic score', () => {
    fc.assert(
      fc.property(snapshotArb, fc.integer({ min: 0, max: 60 }), (f, more) => {
        if (!f.blood_pressure) return;
        const worse = { ...f, blood_pressure: { ...f.blood_pressure, sbp_mmhg: f.blood_pressure.sbp_mmhg + more } };
        never(scoreTwins(f).metabolic.score, scoreTwins(worse).metabolic.score);
      }),
      runs,
    );
  });
});
