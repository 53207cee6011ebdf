import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SleepSample } from './sleep-sample.js';
import { buildSleepSessions, rankFromPriorityList } from './sleep-sessions.js';
import { isAsleep, SLEEP_STAGES, stagePrecedence, stageTier, type SleepStage } from './sleep-stage.js';

// Samples scattered over 40 h around the America/New_York spring-forward (2024-03-10T07:00Z), to the second.
const BASE = Date.parse('2024-03-09T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const SOURCES = ['Apple Watch', 'iPhone', 'Oura'] as const;

interface Raw {
  startS: number;
  durS: number;
  stage: SleepStage;
  source: string;
  zone: 'ny' | 'berlin' | 'offset' | 'none';
}
const rawArb: fc.Arbitrary<Raw> = fc.record({
  startS: fc.integer({ min: 0, max: 40 * 3600 }),
  durS: fc.integer({ min: 1, max: 4 * 3600 }),
  stage: fc.constantFrom(...SLEEP_STAGES),
  source: fc.constantFrom(...SOURCES),
  zone: fc.constantFrom('ny', 'berlin', 'offset', 'none'),
});
const toSample = (r: Raw): SleepSample => {
  const start = BASE + r.startS * 1000;
  const zone = r.zone === 'ny' ? { timeZone: 'America/New_York' } : r.zone === 'berlin' ? { timeZone: 'Europe/Berlin' } : r.zone === 'offset' ? { utcOffsetMinutes: -300 } : {};
  return { start: iso(start), end: iso(start + r.durS * 1000), stage: r.stage, source: r.source, ...zone };
};
const samplesArb = fc.array(rawArb.map(toSample), { maxLength: 40 });
const optionsArb = fc.constantFrom(undefined, { sourceRank: rankFromPriorityList(['Apple Watch', 'Oura', 'iPhone']) });

describe('sleep sessions: properties', () => {
  it('invariants: total ≤ time in bed, stages sum to total, nothing negative, sleep_start < sleep_end, efficiency in [0, 1]', () => {
    fc.assert(
      fc.property(samplesArb, optionsArb, (samples, options) => {
        for (const s of buildSleepSessions(samples, options).sessions) {
          const st = s.stages;
          expect(st.deep_minutes + st.core_minutes + st.rem_minutes + st.unspecified_minutes).toBe(s.total_sleep_minutes);
          for (const v of [...Object.values(st), s.total_sleep_minutes, s.awake_after_sleep_onset_minutes, s.awakenings]) {
            expect(Number.isInteger(v) && v >= 0).toBe(true);
          }
          expect(s.awake_after_sleep_onset_minutes).toBeLessThanOrEqual(st.awake_minutes);
          expect(s.sleep_start < s.sleep_end).toBe(true);
          if (s.time_in_bed_minutes !== null) {
            expect(s.total_sleep_minutes).toBeLessThanOrEqual(s.time_in_bed_minutes);
            expect(s.total_sleep_minutes + st.awake_minutes).toBeLessThanOrEqual(s.time_in_bed_minutes + 1); // +1: two roundings
            expect(s.efficiency).not.toBeNull();
            expect(s.efficiency!).toBeGreaterThanOrEqual(0);
            expect(s.efficiency!).toBeLessThanOrEqual(1);
            expect(s.in_bed_start! <= s.sleep_start && s.sleep_end <= s.in_bed_end!).toBe(true);
          } else {
            expect(s.efficiency).toBeNull();
          }
          expect(s.night_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the result does not depend on the order of the samples', () => {
    const arb = samplesArb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })));
    fc.assert(
      fc.property(arb, optionsArb, ([a, b], options) => {
        expect(buildSleepSessions(b, options).sessions).toEqual(buildSleepSessions(a, options).sessions);
      }),
      { numRuns: 300 },
    );
  });

  it('splitting a sample into two adjacent halves changes nothing', () => {
    const arb = fc.tuple(samplesArb.filter((xs) => xs.length > 0), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(arb, optionsArb, ([samples, pick, frac], options) => {
        const i = pick % samples.length;
        const s = samples[i]!;
        const a = Date.parse(s.start);
        const b = Date.parse(s.end);
        const cut = a + 1 + Math.floor(frac * (b - a - 2)); // strictly inside, to the millisecond
        const split = [...samples.slice(0, i), { ...s, end: iso(cut) }, { ...s, start: iso(cut) }, ...samples.slice(i + 1)];
        expect(buildSleepSessions(split, options).sessions).toEqual(buildSleepSessions(samples, options).sessions);
      }),
      { numRuns: 300 },
    );
  });

  it('a copy of every sample from another source (watch + phone recording the same night) changes no minutes', () => {
    fc.assert(
      fc.property(samplesArb, (samples) => {
        const strip = (xs: SleepSample[]) => buildSleepSessions(xs).sessions.map(({ sources: _s, ...rest }) => rest);
        expect(strip([...samples, ...samples.map((s) => ({ ...s, source: 'Copy' }))])).toEqual(strip(samples));
      }),
      { numRuns: 200 },
    );
  });

  it('asleep stage minutes equal a minute-by-minute brute force over the union (no double counting)', () => {
    const gridArb = fc.array(
      fc.record({ startM: fc.integer({ min: 0, max: 24 * 60 }), durM: fc.integer({ min: 1, max: 300 }), stage: fc.constantFrom(...SLEEP_STAGES) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(gridArb, (raws) => {
        const samples: SleepSample[] = raws.map((r) => ({
          start: iso(BASE + r.startM * 60_000),
          end: iso(BASE + (r.startM + r.durM) * 60_000),
          stage: r.stage,
          source: 'Apple Watch',
          timeZone: 'America/New_York',
        }));
        const expected = { asleep_deep: 0, asleep_core: 0, asleep_rem: 0, asleep_unspecified: 0 } as Record<SleepStage, number>;
        for (let m = 0; m < 30 * 60; m++) {
          let winner: SleepStage | undefined;
          for (const r of raws) {
            if (r.startM <= m && m < r.startM + r.durM) {
              const better =
                !winner || stageTier(r.stage) > stageTier(winner) || (stageTier(r.stage) === stageTier(winner) && stagePrecedence(r.stage) > stagePrecedence(winner));
              if (better) winner = r.stage;
            }
          }
          if (winner && isAsleep(winner)) expected[winner]++;
        }
        const got = { asleep_deep: 0, asleep_core: 0, asleep_rem: 0, asleep_unspecified: 0 };
        for (const s of buildSleepSessions(samples).sessions) {
          got.asleep_deep += s.stages.deep_minutes;
          got.asleep_core += s.stages.core_minutes;
          got.asleep_rem += s.stages.rem_minutes;
          got.asleep_unspecified += s.stages.unspecified_minutes;
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
